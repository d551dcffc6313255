// Package repocapsulenotype reaches a tenant type and no capsule type at
// all: the new parameter's type cannot be told.
package repocapsulenotype

import "repocapsulenofix/tonly"

// OrgStore has no capsule type next to tonly.TenantID, nor in reach.
type OrgStore struct{}

func (OrgStore) Get(tenantID tonly.TenantID) error { return nil } // want `^repository method OrgStore\.Get takes a tenant ID but no capsule ID: it reads rows of every capsule of the tenant; no fix: no capsule ID type is known: none is declared beside tonly\.TenantID, in this package or its imports, or used in its files; configure capsule-types with a qualified type such as example\.com/ids\.CapsuleID \(or capsule-names for string IDs\)$`
