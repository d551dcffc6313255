package capsulefield

import "ids"

// padded has a blank tenant ID field: it holds no value, so padded is not
// an entity.
type padded struct {
	_    ids.TenantID
	Name string
}

// Ledger has a tenant ID; its blank capsule ID field holds no value, so it
// has no capsule ID.
type Ledger struct { // want `entity Ledger has a tenant ID but no capsule ID`
	TenantID ids.TenantID
	_        ids.CapsuleID
}

// Journal's capsule ID is in a blank struct field, which holds no value.
type Journal struct { // want `entity Journal has a tenant ID but no capsule ID`
	TenantID ids.TenantID
	_        capsuleScope
}

type capsuleScope struct {
	CapsuleID ids.CapsuleID
}
