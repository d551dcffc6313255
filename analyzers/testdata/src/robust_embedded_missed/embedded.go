// Package robust_embedded_missed reproduces a finding that was missed: a
// repository interface gets a method with a tenant ID but no capsule ID
// from an embedded interface that is not a repository by name (and the
// implementation is not a repository by name either). The method is
// reported at its declaration in the embedded interface, whose fix covers
// the repository and the implementation.
package robust_embedded_missed

import (
	"context"

	"ids"
)

type Invoice struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
}

// lister is not a repository by name, but is embedded in one.
type lister interface {
	List(ctx context.Context, tenantID ids.TenantID) ([]Invoice, error) // want `repocapsule: repository method .*List takes a tenant ID but no capsule ID`
}

// InvoiceRepository is a repository whose List comes from lister.
type InvoiceRepository interface {
	lister
	Count(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID) (int, error)
}

type memInvoices struct{ rows []Invoice }

func (m *memInvoices) List(ctx context.Context, tenantID ids.TenantID) ([]Invoice, error) {
	return m.rows, nil
}

func (m *memInvoices) Count(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID) (int, error) {
	return len(m.rows), nil
}

var _ InvoiceRepository = (*memInvoices)(nil)

func use(ctx context.Context, r InvoiceRepository, tenantID ids.TenantID, capsuleID ids.CapsuleID) {
	_, _ = r.List(ctx, tenantID)
	_, _ = r.Count(ctx, tenantID, capsuleID)
}
