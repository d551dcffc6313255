package repocapsulegeneric

import (
	"context"

	"ids"
)

type Account struct {
	ID       ids.AccountID
	TenantID ids.TenantID
}

// MemRepo is a generic repository: its methods are reported through
// generic receivers, and calls on its instantiations are updated.
type MemRepo[T any] struct {
	rows map[string]T
}

func (r *MemRepo[T]) Get(ctx context.Context, tenantID ids.TenantID, key string) (T, bool) { // want `^repository method MemRepo\.Get takes a tenant ID but no capsule ID: it reads rows of every capsule of the tenant \(want Get\(ctx context\.Context, tenantID ids\.TenantID, capsuleID ids\.CapsuleID, key string\)\)$`
	v, ok := r.rows[string(tenantID)+"#"+key]
	return v, ok
}

func (r *MemRepo[T]) Put(ctx context.Context, tenantID ids.TenantID, key string, v T) { // want `^repository method MemRepo\.Put takes a tenant ID but no capsule ID: .*; no fix: Put is used as a value at generic\.go:\d+, so its signature cannot change safely$`
	r.rows[string(tenantID)+"#"+key] = v
}

// Store is a generic repository interface; mapStore implements it for any T.
type Store[T any] interface {
	Load(ctx context.Context, tenantID ids.TenantID, key string) (T, error) // want `^repository method Store\.Load takes a tenant ID but no capsule ID`
}

type mapStore[T any] struct{ m map[string]T }

func (s mapStore[T]) Load(ctx context.Context, tenantID ids.TenantID, key string) (T, error) {
	return s.m[key], nil
}

var _ Store[int] = mapStore[int]{}

// Pair has two type parameters, one of them unnamed in the receiver.
type PairRepo[K comparable, V any] struct{ m map[K]V }

func (p PairRepo[K, _]) Has(tenantID ids.TenantID, k K) bool { // want `^repository method PairRepo\.Has takes a tenant ID but no capsule ID`
	_, ok := p.m[k]
	return ok
}

func use(ctx context.Context, accounts *MemRepo[Account], names Store[string], pairs PairRepo[string, int], tenantID ids.TenantID, capsuleID ids.CapsuleID) {
	a, _ := accounts.Get(ctx, tenantID, "a1")
	accounts.Put(ctx, tenantID, "a1", a)
	_, _ = names.Load(ctx, tenantID, "n")
	_ = pairs.Has(tenantID, "k")
	_ = (&MemRepo[int]{}).Put
}
