// Package capsulefield_orgids declares configured ID types: OrgID (a
// tenant) and ProjectID (a capsule) when configured by bare name.
package capsulefield_orgids

type OrgID string

type ProjectID string
