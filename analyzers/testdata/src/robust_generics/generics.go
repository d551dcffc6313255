// Package robust_generics has generic entities, repositories and keys.
package robust_generics

import (
	"context"
	"fmt"

	"ids"
)

// Row is a generic entity.
type Row[T any] struct { // want `capsulefield: entity Row has a tenant ID but no capsule ID`
	TenantID ids.TenantID
	V        T
}

// Cell is generic and compliant.
type Cell[T any, K comparable] struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	Key       K
	V         T
}

// Rows instantiates a generic entity: it is not an entity itself
// (it holds a Row, which is reported).
type Rows struct {
	Items []Row[string]
}

// TableRepo is a generic repository; its methods use the type parameter.
type TableRepo[T any] struct {
	rows map[string]Row[T]
}

func (r *TableRepo[T]) Get(ctx context.Context, tenantID ids.TenantID, id string) (T, error) { // want `repocapsule: repository method TableRepo.Get takes a tenant ID but no capsule ID`
	return r.rows[rowKey[T](tenantID, id)].V, nil
}

func (r *TableRepo[T]) Put(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, v Row[T]) error {
	return nil
}

// Finder is a generic repository interface with a constrained parameter.
type FinderRepo[K ~string, V any] interface {
	Find(ctx context.Context, tenantID ids.TenantID, k K) (V, error) // want `repocapsule: repository method FinderRepo.Find takes a tenant ID but no capsule ID`
}

type finder[K ~string, V any] struct{ m map[K]V }

func (f finder[K, V]) Find(ctx context.Context, tenantID ids.TenantID, k K) (V, error) {
	return f.m[k], nil
}

var _ FinderRepo[ids.AccountID, int] = finder[ids.AccountID, int]{}

// rowKey is a generic key builder.
func rowKey[T any](tenantID ids.TenantID, id string) string {
	return fmt.Sprintf("TENANT#%s#ROW#%s", tenantID, id) // want `keyformat: key "TENANT#%s#ROW#%s" has no CAPSULE# segment`
}

// Gsi1pkFor is a generic GSI key helper without a tenant.
func Gsi1pkFor[T fmt.Stringer](capsuleID ids.CapsuleID, v T) string { // want `gsitenant: GSI key helper Gsi1pkFor has no tenant ID parameter`
	return fmt.Sprintf("CAPSULE#%s#THING#%s", capsuleID, v.String())
}

type name string

func (n name) String() string { return string(n) }

func use(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID) {
	r := &TableRepo[int]{}
	_, _ = r.Get(ctx, tenantID, "a")
	_ = r.Put(ctx, tenantID, capsuleID, Row[int]{TenantID: tenantID})
	var f FinderRepo[ids.AccountID, string] = finder[ids.AccountID, string]{}
	_, _ = f.Find(ctx, tenantID, "acc")
	_ = Gsi1pkFor[name](capsuleID, "n")
	_ = Gsi1pkFor(capsuleID, name("m"))
	_ = rowKey[string](tenantID, "x")
}
