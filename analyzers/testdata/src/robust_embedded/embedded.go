// Package robust_embedded has repository interfaces embedding others.
package robust_embedded

import (
	"context"

	"ids"
)

type Invoice struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	ID        string
}

// InvoiceReaderRepo is a repository embedded in another one.
type InvoiceReaderRepo interface {
	Get(ctx context.Context, tenantID ids.TenantID, id string) (Invoice, error) // want `repocapsule: repository method InvoiceReaderRepo.Get takes a tenant ID but no capsule ID`
}

// InvoiceListerStore is a repository embedded in another one.
type InvoiceListerStore interface {
	List(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID) ([]Invoice, error)
}

// InvoiceRepository embeds both.
type InvoiceRepository interface {
	InvoiceReaderRepo
	InvoiceListerStore
	Put(ctx context.Context, tenantID ids.TenantID, inv Invoice) error // want `repocapsule: repository method InvoiceRepository.Put takes a tenant ID but no capsule ID`
}

// CompliantRepository embeds a compliant interface and io-like ones.
type CompliantRepository interface {
	interface {
		Count(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID) int
	}
	Close() error
}

// memInvoices implements InvoiceRepository: its methods change with the
// interfaces' and are not reported again.
type memInvoices struct{ rows []Invoice }

func (m *memInvoices) Get(ctx context.Context, tenantID ids.TenantID, id string) (Invoice, error) {
	return Invoice{}, nil
}

func (m *memInvoices) List(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID) ([]Invoice, error) {
	return m.rows, nil
}

func (m *memInvoices) Put(ctx context.Context, tenantID ids.TenantID, inv Invoice) error { return nil }

var _ InvoiceRepository = (*memInvoices)(nil)

func use(ctx context.Context, r InvoiceRepository, tenantID ids.TenantID, capsuleID ids.CapsuleID) {
	_, _ = r.Get(ctx, tenantID, "i")
	_, _ = r.List(ctx, tenantID, capsuleID)
	_ = r.Put(ctx, tenantID, Invoice{TenantID: tenantID, CapsuleID: capsuleID})
}
