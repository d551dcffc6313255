package repocapsulesource

import (
	"context"

	"repocapsulesource/rids"
)

type UsageRepository interface {
	Record(ctx context.Context, tenantID rids.TenantID, units int) error // want `^repository method UsageRepository\.Record takes a tenant ID but no capsule ID: .* \(want Record\(ctx context\.Context, tenantID rids\.TenantID, capsuleID rids\.CapsuleID, units int\)\)$`
}

type memUsage struct{ units map[rids.TenantID]int }

func (m *memUsage) Record(ctx context.Context, tenantID rids.TenantID, units int) error {
	m.units[tenantID] += units
	return nil
}

var _ UsageRepository = (*memUsage)(nil)

// meter has a context but no capsule: the configured capsule-source
// expression is used, and its package imported.
func meter(ctx context.Context, r UsageRepository, t rids.TenantID) error {
	return r.Record(ctx, t, 1)
}
