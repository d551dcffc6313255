// Package repocapsuleembed has repositories that get methods from embedded
// types that are not repositories by name.
package repocapsuleembed

import (
	"context"

	"ids"
	lib "repocapsuleembedlib"
)

type Order struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	ID        string
}

// reader is not a repository by name; two repositories embed it. Its Get
// is reported once, at its declaration, and the fix changes it (so both
// repositories), the implementation and the calls.
type reader interface {
	Get(ctx context.Context, tenantID ids.TenantID, id string) (Order, error) // want `repository method reader.Get takes a tenant ID but no capsule ID: it reads rows of every capsule of the tenant \(want Get\(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id string\)\); it is a repository method because OrderRepository and OrderStore embed reader$`
}

// counter is compliant.
type counter interface {
	Count(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID) (int, error)
}

// unused is not a repository and no repository embeds it.
type unused interface {
	Drop(ctx context.Context, tenantID ids.TenantID) error
}

type OrderRepository interface {
	reader
	counter
	lib.Lister // want `repository OrderRepository gets method List from lib.Lister, which takes a tenant ID without a capsule ID right after it: it reads rows of every capsule of the tenant \(want a capsule ID parameter right after the tenant ID of lib.Lister.List\); no fix: lib.Lister.List is declared in package repocapsuleembedlib: add the capsule ID there, or mark its type //capsule:repository so that the analysis of that package reports and fixes it`
	lib.AuditRepo
	lib.Archiver
	lib.Pager
}

type OrderStore interface {
	reader
	sharedReader
	lib.Lister // one diagnostic, at OrderRepository's
}

// sharedReader is embedded in an opted-out repository and in OrderStore.
type sharedReader interface {
	Search(ctx context.Context, tenantID ids.TenantID, q string) ([]Order, error) // want `repository method sharedReader.Search takes a tenant ID but no capsule ID: .*; it is a repository method because OrderStore embeds sharedReader$`
}

// memOrders implements both repositories.
type memOrders struct{ rows []Order }

func (m *memOrders) Get(ctx context.Context, tenantID ids.TenantID, id string) (Order, error) {
	return Order{}, nil
}

func (m *memOrders) Search(ctx context.Context, tenantID ids.TenantID, q string) ([]Order, error) {
	return nil, nil
}

func (m *memOrders) Count(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID) (int, error) {
	return len(m.rows), nil
}

func (m *memOrders) List(ctx context.Context, tenantID ids.TenantID) ([]string, error) {
	return nil, nil
}

func (m *memOrders) Record(ctx context.Context, tenantID ids.TenantID, event string) error {
	return nil
}

func (m *memOrders) Archive(ctx context.Context, tenantID ids.TenantID, id string) error {
	return nil
}

func (m *memOrders) Page(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, n int) ([]string, error) {
	return nil, nil
}

var (
	_ OrderRepository = (*memOrders)(nil)
	_ OrderStore      = (*memOrders)(nil)
)

// table is not a repository by name; PgOrderStore gets its methods by
// embedding it.
type table struct{ name string }

func (t *table) Delete(ctx context.Context, tenantID ids.TenantID, id string) error { // want `repository method table.Delete takes a tenant ID but no capsule ID: it writes rows that every capsule of the tenant shares \(want Delete\(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id string\)\); it is a repository method because PgOrderStore embeds table$`
	return nil
}

func (t *table) Name() string { return t.name }

type PgOrderStore struct {
	*table
	region string
}

// tenantReader is embedded in an opted-out repository only.
type tenantReader interface {
	Totals(ctx context.Context, tenantID ids.TenantID) (int, error)
}

// TotalsRepository holds per-tenant totals.
//
//capsule:tenant-scoped billing totals are per tenant
type TotalsRepository interface {
	tenantReader
	sharedReader
	lib.Lister
}

// LedgerRepository opts its embedded interfaces out on their lines.
type LedgerRepository interface {
	tenantReader //capsule:tenant-scoped ledger totals are per tenant
	lib.Lister   //capsule:tenant-scoped listings are per tenant
}

// optedReader's method is opted out itself.
type optedReader interface {
	//capsule:tenant-scoped tenant settings span capsules
	Settings(ctx context.Context, tenantID ids.TenantID) (string, error)
}

type SettingsRepo interface {
	optedReader
}

func use(ctx context.Context, r OrderRepository, s OrderStore, p *PgOrderStore, capsuleID ids.CapsuleID, o Order) {
	_, _ = r.Get(ctx, o.TenantID, o.ID)
	_, _ = s.Get(ctx, o.TenantID, o.ID)
	_, _ = r.List(ctx, o.TenantID)
	_ = p.Delete(ctx, o.TenantID, o.ID)
	_ = p.table.Delete(ctx, o.TenantID, o.ID)
}
