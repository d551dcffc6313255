// Package repocapsulereach uses a tenant type whose package declares no
// capsule type; the one capsule type the package reaches is the new
// parameter's.
package repocapsulereach

import (
	"ids"
	"repocapsulenofix/tonly"
)

var defaultCapsule ids.CapsuleID = "PRODUS"

type OrgStore struct{}

func (OrgStore) Get(tenantID tonly.TenantID) error { return nil } // want `^repository method OrgStore\.Get takes a tenant ID but no capsule ID: it reads rows of every capsule of the tenant \(want Get\(tenantID tonly\.TenantID, capsuleID ids\.CapsuleID\)\)$`

func use(s OrgStore, t tonly.TenantID, c ids.CapsuleID) error {
	return s.Get(t)
}
