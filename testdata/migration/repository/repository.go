// Package repository persists the billing entities in the platform_data
// table. Each entity has an interface, used by the handlers, and an
// in-memory implementation backed by store.Table.
package repository

import (
	"errors"

	"github.com/capsulelint/capsulelint/testdata/migration/store"
)

var (
	// ErrNotFound is returned when the requested entity does not exist.
	ErrNotFound = errors.New("repository: not found")
	// ErrTenantMismatch is returned when an entity is saved for a tenant
	// other than its own.
	ErrTenantMismatch = errors.New("repository: entity belongs to another tenant")
)

// Repositories bundles the repositories of all entities.
type Repositories struct {
	Configs    FinancialConfigRepository
	Contracts  ContractRepository
	LineItems  ContractLineItemRepository
	Amendments ContractAmendmentRepository
	Schedules  RevenueScheduleRepository
	Access     AccessRepository
	Accounts   AccountRepository
	Profiles   *TenantProfiles
}

// NewMemRepositories returns repositories that all store into tbl.
func NewMemRepositories(tbl *store.Table) Repositories {
	return Repositories{
		Configs:    NewFinancialConfigRepository(tbl),
		Contracts:  NewContractRepository(tbl),
		LineItems:  NewContractLineItemRepository(tbl),
		Amendments: NewContractAmendmentRepository(tbl),
		Schedules:  NewRevenueScheduleRepository(tbl),
		Access:     NewAccessRepository(tbl),
		Accounts:   NewAccountRepository(tbl),
		Profiles:   NewTenantProfiles(tbl),
	}
}

func getItem(tbl *store.Table, pk, sk string, v any) error {
	it, err := tbl.Get(pk, sk)
	if errors.Is(err, store.ErrNotFound) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	return it.Unmarshal(v)
}

func putItem(tbl *store.Table, it store.Item, v any) error {
	data, err := store.Marshal(v)
	if err != nil {
		return err
	}
	it.Data = data
	tbl.Put(it)
	return nil
}

func decodeAll[T any](items []store.Item) ([]T, error) {
	out := make([]T, 0, len(items))
	for _, it := range items {
		var v T
		if err := it.Unmarshal(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func filter[T any](xs []T, keep func(T) bool) []T {
	out := xs[:0]
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}
