package repocapsuleembed

import (
	"context"

	"ids"
)

// finder is generic; a generic repository embeds an instance of it.
type finder[T any] interface {
	Find(ctx context.Context, tenantID ids.TenantID, id string) (T, error) // want `repository method finder.Find takes a tenant ID but no capsule ID: .*; it is a repository method because CatalogRepository embeds finder$`
}

type CatalogRepository[T any] interface {
	finder[T]
}

// pinger is an interface embedded in a struct repository: the struct
// gets its method.
type pinger interface {
	Ping(ctx context.Context, tenantID ids.TenantID) error // want `repository method pinger.Ping takes a tenant ID but no capsule ID: .*; it is a repository method because HealthStore embeds pinger$`
}

type HealthStore struct {
	pinger
}

type memCatalog[T any] struct{ rows map[string]T }

func (m *memCatalog[T]) Find(ctx context.Context, tenantID ids.TenantID, id string) (T, error) {
	return m.rows[id], nil
}

var _ CatalogRepository[string] = (*memCatalog[string])(nil)

func useGeneric(ctx context.Context, r CatalogRepository[string], h *HealthStore, tenantID ids.TenantID, capsuleID ids.CapsuleID) {
	_, _ = r.Find(ctx, tenantID, "x")
	_ = h.Ping(ctx, tenantID)
}
