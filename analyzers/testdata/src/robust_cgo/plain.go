package robust_cgo

import (
	"context"

	"ids"
)

// Plain is an entity in the package's non-cgo file: its fix stands.
type Plain struct { // want `^capsulefield: entity Plain has a tenant ID but no capsule ID: .*\(add "CapsuleID ids.CapsuleID" after TenantID\)$`
	TenantID ids.TenantID
}

// PlainStore is a repository whose method is called from cgo.go: the fix
// would edit that call.
type PlainStore struct{}

func (*PlainStore) Load(ctx context.Context, tenantID ids.TenantID, id string) error { // want `^repocapsule: repository method PlainStore.Load takes a tenant ID but no capsule ID: .*; no fix: it would edit cgo.go`
	return nil
}
