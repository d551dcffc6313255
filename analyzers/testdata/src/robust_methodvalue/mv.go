// Package robust_methodvalue uses repository methods as values.
package robust_methodvalue

import (
	"context"

	"ids"
)

type Account struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
}

// AccountStore is used through method values and method expressions.
type AccountStore struct{ rows map[string]Account }

func (s *AccountStore) Get(ctx context.Context, tenantID ids.TenantID, id string) (Account, error) { // want `repocapsule: repository method AccountStore.Get takes a tenant ID but no capsule ID: .*; no fix: .*value`
	return s.rows[id], nil
}

func (s *AccountStore) Delete(ctx context.Context, tenantID ids.TenantID, id string) error { // want `repocapsule: repository method AccountStore.Delete takes a tenant ID but no capsule ID: .*; no fix: .*value`
	return nil
}

// Loader is a repository interface whose method is used as a method expression.
type LoaderRepo interface {
	Load(ctx context.Context, tenantID ids.TenantID) error // want `repocapsule: repository method LoaderRepo.Load takes a tenant ID but no capsule ID: .*; no fix: .*value`
}

type getter func(context.Context, ids.TenantID, string) (Account, error)

func use(ctx context.Context, s *AccountStore, l LoaderRepo, tenantID ids.TenantID) {
	var g getter = s.Get          // method value
	del := (*AccountStore).Delete // method expression
	load := LoaderRepo.Load       // interface method expression
	_, _ = g(ctx, tenantID, "a")
	_ = del(s, ctx, tenantID, "a")
	_ = load(l, ctx, tenantID)
}
