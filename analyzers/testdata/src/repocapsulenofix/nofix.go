package repocapsulenofix

import (
	"context"

	"ids"
	"repocapsulenofix/port"
)

type TransferStore struct{}

func (TransferStore) Copy(ctx context.Context, from, to ids.TenantID) error { return nil } // want `^repository method TransferStore\.Copy takes tenant IDs \(from, to\) without a capsule ID right after each: it reaches rows of every capsule of those tenants \(want a capsule ID parameter right after each tenant ID\); no fix: it takes more than one tenant ID; add a capsule ID after each by hand$`

func (TransferStore) Move(ctx context.Context, t ids.TenantID, id string, from, to ids.CapsuleID) error { // want `^repository method TransferStore\.Move takes capsule IDs \(from, to\) but none right after its tenant ID t: .*; no fix: it takes more than one capsule ID, so which one belongs after the tenant ID cannot be told$`
	return nil
}

// Compliant with two tenants.
func (TransferStore) Link(ctx context.Context, a ids.TenantID, ac ids.CapsuleID, b ids.TenantID, bc ids.CapsuleID) error {
	return nil
}

type InvoiceRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID, id string) error  // want `^repository method InvoiceRepository\.Get takes a tenant ID but no capsule ID: .*; no fix: Get is used as a value at nofix\.go:\d+, so its signature cannot change safely$`
	List(ctx context.Context, tenantID ids.TenantID) error            // want `InvoiceRepository\.List .*; no fix: call at nofix\.go:\d+: no capsule ID value is in scope: tried a capsule variable or parameter of type ids\.CapsuleID \(none in scope\); X\.CapsuleID beside X\.TenantID \(no argument of the call is a tenant field\); a func\(context\.Context\) ids\.CapsuleID accessor in package ids \(needs one context\.Context in scope, found none\); capsule-source \(not configured\); test-capsule \(not configured\)$`
	Void(ctx context.Context, tenantID ids.TenantID, id string) error // want `InvoiceRepository\.Void .*; no fix: call at nofix\.go:\d+: more than one capsule ID value is in scope \(a, b\), so none is chosen$`
	Pair(tenantID ids.TenantID, id string) error                      // want `InvoiceRepository\.Pair .*; no fix: call at nofix\.go:\d+: the call passes a multi-value expression$`
}

func handlers(r InvoiceRepository, tenantID ids.TenantID) {
	get := r.Get
	_ = get
	_ = r.List(context.TODO(), tenantID)
	a, b := ids.CapsuleID("a"), ids.CapsuleID("b")
	_ = r.Void(context.TODO(), tenantID, string(a+b))
}

func pairs(r InvoiceRepository, capsuleID ids.CapsuleID) {
	_ = r.Pair(pair())
}

func pair() (ids.TenantID, string) { return "", "" }

// PgStore implements an interface of another package: changing it alone
// would break the assignment below.
type PgStore struct{}

func (PgStore) Get(ctx context.Context, tenantID ids.TenantID, id string) error { return nil } // want `^repository method PgStore\.Get takes a tenant ID but no capsule ID: .*; no fix: PgStore\.Get implements port\.Getter\.Get of package repocapsulenofix/port, which must change with it: change the interface first \(capsulelint migrate carries an interface's change to its implementations\)$`

var _ port.Getter = PgStore{}

// The implementation already declares the new parameter's name.
type QuoteRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID) error // want `QuoteRepository\.Get .*; no fix: quotes\.Get: its body already declares capsuleID$`
}

type quotes struct{}

func (quotes) Get(ctx context.Context, tenantID ids.TenantID) error {
	capsuleID := ids.CapsuleFromContext(ctx)
	_ = capsuleID
	return nil
}

// A generic interface whose implementation matches loosely but has its
// tenant elsewhere.
type SlotRepository[T any] interface {
	Put(ctx context.Context, v T, tenantID ids.TenantID) error // want `SlotRepository\.Put .*; no fix: slots\.Put \(nofix\.go:\d+\) must change with it but its tenant and capsule parameters are elsewhere$`
}

type slots struct{}

func (slots) Put(ctx context.Context, v ids.TenantID, tenantID ids.TenantID) error { return nil }

// An implementation in a generated file.
type NoteRepository interface {
	Add(ctx context.Context, tenantID ids.TenantID, text string) error // want `NoteRepository\.Add .*; no fix: mockNotes\.Add \(gen\.go:\d+\) must change with it but is in a generated file: change its generator$`
}

// An interface method marked tenant-scoped opts its implementations out,
// and the other interfaces they implement.
type Finder interface {
	//capsule:tenant-scoped lookups by external reference span capsules
	Find(ctx context.Context, tenantID ids.TenantID, ref string) error
}

type RefStore struct{}

func (RefStore) Find(ctx context.Context, tenantID ids.TenantID, ref string) error { return nil }

type RefRepository interface {
	Find(ctx context.Context, tenantID ids.TenantID, ref string) error
}

var _ Finder = RefStore{}
