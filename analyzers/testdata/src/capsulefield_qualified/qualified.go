// Package capsulefield_qualified is analysed with tenant-types:
// [capsulefield_orgids.OrgID] and capsule-types:
// [capsulefield_projids.ProjectID].
package capsulefield_qualified

import (
	"capsulefield_orgids"
	"capsulefield_otherids"
)

// The capsule type is not beside OrgID: the configured one is used, and
// its import added.
type Account struct { // want `entity Account has a tenant ID but no capsule ID: .* \(add "CapsuleID capsulefield_projids.ProjectID" after OrgID\)`
	OrgID capsulefield_orgids.OrgID `dynamodbav:"orgId"`
}

// Another package's OrgID is not the configured one.
type Unrelated struct {
	OrgID capsulefield_otherids.OrgID
}
