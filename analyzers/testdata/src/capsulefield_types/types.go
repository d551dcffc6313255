// Package capsulefield_types is analysed with tenant-types: [OrgID] and
// capsule-types: [ProjectID] (bare names, any package).
package capsulefield_types

import (
	orgs "capsulefield_orgids"
	"capsulefield_otherids"
	"capsulefield_projids"
	"ids"
)

type Account struct { // want `entity Account has a tenant ID but no capsule ID: .* \(add "CapsuleID orgs.ProjectID" after OrgID\)`
	OrgID orgs.OrgID `json:"org_id"`
	Name  string
}

// Other's OrgID has no capsule type beside it, and the package reaches
// several: no fix.
type Other struct { // want `entity Other has a tenant ID but no capsule ID: .* \(add a capsule ID field after Org; no fix: more than one capsule ID type is in reach \(capsulefield_orgids\.ProjectID, capsulefield_projids\.ProjectID, ids\.CapsuleID\), so none is chosen; configure capsule-types`
	Org capsulefield_otherids.OrgID
}

// The defaults still count.
type Invoice struct { // want `entity Invoice has a tenant ID but no capsule ID`
	TenantID ids.TenantID
}

type Scoped struct {
	OrgID     orgs.OrgID
	ProjectID capsulefield_projids.ProjectID
}

type ScopedSame struct {
	OrgID   orgs.OrgID
	Project orgs.ProjectID
}
