// Package capsulefield_otherids declares an OrgID with no capsule type
// beside it.
package capsulefield_otherids

type OrgID string
