package repocapsule

import (
	"context"

	"ids"
)

type Contract struct {
	ID       ids.ContractID
	TenantID ids.TenantID
}

// ContractRepository stores contracts.
type ContractRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID, id ids.ContractID) (Contract, error) // want `^repository method ContractRepository\.Get takes a tenant ID but no capsule ID: it reads rows of every capsule of the tenant \(want Get\(ctx context\.Context, tenantID ids\.TenantID, capsuleID ids\.CapsuleID, id ids\.ContractID\)\)$`
	Save(ctx context.Context, tenantID ids.TenantID, c Contract) error                   // want `^repository method ContractRepository\.Save takes a tenant ID but no capsule ID: it writes rows that every capsule of the tenant shares \(want Save\(ctx context\.Context, tenantID ids\.TenantID, capsuleID ids\.CapsuleID, c Contract\)\)$`
	Touch(ctx context.Context, tenantID ids.TenantID) error                              // want `it reaches rows of every capsule of the tenant \(want Touch\(ctx context\.Context, tenantID ids\.TenantID, capsuleID ids\.CapsuleID\)\)$`

	// Compliant: the capsule comes right after the tenant.
	ListByAccount(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, account ids.AccountID) ([]Contract, error)
	// No tenant at all.
	Ping(ctx context.Context) error

	// CountAll totals the tenant's contracts for billing.
	//capsule:tenant-scoped billing totals are per tenant, across capsules
	CountAll(ctx context.Context, tenantID ids.TenantID) (int, error)

	//capsule:tenant-scoped
	Purge(ctx context.Context, tenantID ids.TenantID) error // want `ContractRepository\.Purge takes a tenant ID but no capsule ID`

	Export(ctx context.Context, tenantID ids.TenantID) error //capsule:ignore repocapsule exports are reviewed per tenant
}

// memContracts implements ContractRepository: the interface's diagnostic
// covers its methods, and an opted-out interface method opts them out.
type memContracts struct{}

func (m *memContracts) Get(ctx context.Context, tenantID ids.TenantID, id ids.ContractID) (Contract, error) {
	return Contract{}, nil
}
func (m *memContracts) Save(ctx context.Context, tenantID ids.TenantID, c Contract) error { return nil }
func (m *memContracts) Touch(ctx context.Context, tenantID ids.TenantID) error            { return nil }
func (m *memContracts) ListByAccount(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, account ids.AccountID) ([]Contract, error) {
	return nil, nil
}
func (m *memContracts) Ping(ctx context.Context) error { return nil }
func (m *memContracts) CountAll(ctx context.Context, tenantID ids.TenantID) (int, error) {
	return 0, nil
}
func (m *memContracts) Purge(ctx context.Context, tenantID ids.TenantID) error  { return nil }
func (m *memContracts) Export(ctx context.Context, tenantID ids.TenantID) error { return nil }

// SQLContractRepository is a repository by name and implements the
// interface: not reported again.
type SQLContractRepository struct{ memContracts }

func (r *SQLContractRepository) Get(ctx context.Context, tenantID ids.TenantID, id ids.ContractID) (Contract, error) {
	return r.load(ctx, tenantID, id)
}

// load is a method of a repository type that implements no interface.
func (r *SQLContractRepository) load(ctx context.Context, tenantID ids.TenantID, id ids.ContractID) (Contract, error) { // want `^repository method SQLContractRepository\.load takes a tenant ID but no capsule ID: it reads rows of every capsule of the tenant \(want load\(ctx context\.Context, tenantID ids\.TenantID, capsuleID ids\.CapsuleID, id ids\.ContractID\)\)$`
	return Contract{}, nil
}

var _ ContractRepository = (*SQLContractRepository)(nil)

// AuditStore has no interface: its methods are reported themselves.
type AuditStore struct{}

func (s *AuditStore) Append(ctx context.Context, tenantID ids.TenantID, event string) error { // want `^repository method AuditStore\.Append takes a tenant ID but no capsule ID: it writes rows that every capsule of the tenant shares \(want Append\(ctx context\.Context, tenantID ids\.TenantID, capsuleID ids\.CapsuleID, event string\)\)$`
	return nil
}

func (s AuditStore) Read(ctx context.Context, tenantID ids.TenantID, events ...string) error { // want `AuditStore\.Read takes a tenant ID but no capsule ID: .* \(want Read\(ctx context\.Context, tenantID ids\.TenantID, capsuleID ids\.CapsuleID, events \.\.\.string\)\)$`
	return nil
}

// Compliant concrete methods.
func (s *AuditStore) Since(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, seq int) error {
	return nil
}
func (s *AuditStore) Size() int { return 0 }

//capsule:tenant-scoped
func (s *AuditStore) Reindex(ctx context.Context, tenantID ids.TenantID) error { return nil } // want `AuditStore\.Reindex takes a tenant ID`

// Generic receivers, named and unnamed type parameters.
type CacheRepo[T any] struct{ items map[string]T }

func (r *CacheRepo[T]) Get(ctx context.Context, tenantID ids.TenantID, key string) (T, error) { // want `^repository method CacheRepo\.Get takes a tenant ID but no capsule ID: it reads rows of every capsule of the tenant \(want Get\(ctx context\.Context, tenantID ids\.TenantID, capsuleID ids\.CapsuleID, key string\)\)$`
	return r.items[key], nil
}

func (r *CacheRepo[_]) Size(tenantID ids.TenantID) int { return len(r.items) } // want `CacheRepo\.Size takes a tenant ID but no capsule ID`

// Unnamed parameters are rendered unnamed.
type LedgerRepository interface {
	Balance(context.Context, ids.TenantID, string) (int, error) // want `\(want Balance\(context\.Context, ids\.TenantID, ids\.CapsuleID, string\)\)$`
}

// A type opted out as a whole.
//
//capsule:tenant-scoped tenant profiles exist once per tenant
type ProfileStore interface {
	Get(ctx context.Context, tenantID ids.TenantID) (string, error)
}

type profileStore struct{}

func (profileStore) Get(ctx context.Context, tenantID ids.TenantID) (string, error) { return "", nil }

var _ ProfileStore = profileStore{}

//capsule:tenant-scoped tenant settings exist once per tenant
type SettingsStore struct{}

func (SettingsStore) Get(ctx context.Context, tenantID ids.TenantID) (string, error) { return "", nil }

// Grouped type declarations: the directive applies to its spec.
type (
	//capsule:repository
	Ledger struct{}

	Other struct{}
)

func (Ledger) Post(ctx context.Context, tenantID ids.TenantID, amount int) error { return nil } // want `^repository method Ledger\.Post takes a tenant ID but no capsule ID`

// Not repositories: the name does not match and no directive.
type Service struct{}

func (Service) Get(ctx context.Context, tenantID ids.TenantID) error { return nil }
func (Other) Get(ctx context.Context, tenantID ids.TenantID) error   { return nil }

// Functions that are not methods are not reported.
func GetContract(ctx context.Context, tenantID ids.TenantID, id ids.ContractID) (Contract, error) {
	return Contract{}, nil
}

// A repository name on a non-interface, non-struct type.
type IDStore map[ids.TenantID]string

func (s IDStore) Lookup(tenantID ids.TenantID) string { return s[tenantID] } // want `IDStore\.Lookup takes a tenant ID but no capsule ID: it reads`

// Embedding a reported interface does not report its methods again.
type ReadOnlyRepo interface {
	ContractRepository
	Stream(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID) error
}

// Two repository interfaces with one implementation: one diagnostic, at
// the first.
type AccountRepo interface {
	Close(ctx context.Context, tenantID ids.TenantID, id ids.AccountID) error // want `^repository method AccountRepo\.Close takes a tenant ID but no capsule ID`
}
type AccountCloserRepo interface {
	Close(ctx context.Context, tenantID ids.TenantID, id ids.AccountID) error
}
type accounts struct{}

func (accounts) Close(ctx context.Context, tenantID ids.TenantID, id ids.AccountID) error { return nil }

// A repository declared in a function has no methods.
func local() {
	type LocalRepo struct{}
	_ = LocalRepo{}
}
