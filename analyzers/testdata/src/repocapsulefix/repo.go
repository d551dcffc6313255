package repocapsulefix

import (
	"context"
	"errors"

	"ids"
)

type Contract struct {
	ID       ids.ContractID
	TenantID ids.TenantID
}

var ErrNotFound = errors.New("not found")

// ContractRepository stores contracts.
type ContractRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID, id ids.ContractID) (Contract, error) // want `ContractRepository\.Get takes a tenant ID but no capsule ID`
	Save(ctx context.Context, tenantID ids.TenantID, c Contract) error                   // want `ContractRepository\.Save takes a tenant ID but no capsule ID`
	ListByAccount(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, account ids.AccountID) ([]Contract, error)
}

type memContractRepository struct {
	rows map[ids.ContractID]Contract
}

// NewContractRepository returns an in-memory ContractRepository.
func NewContractRepository() ContractRepository {
	return &memContractRepository{rows: map[ids.ContractID]Contract{}}
}

func (r *memContractRepository) Get(ctx context.Context, tenantID ids.TenantID, id ids.ContractID) (Contract, error) {
	c, ok := r.rows[id]
	if !ok || c.TenantID != tenantID {
		return Contract{}, ErrNotFound
	}
	return c, nil
}

func (r *memContractRepository) Save(ctx context.Context, tenantID ids.TenantID, c Contract) error {
	if _, err := r.Get(ctx, tenantID, c.ID); err == nil {
		return nil
	}
	r.rows[c.ID] = c
	return nil
}

func (r *memContractRepository) ListByAccount(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, account ids.AccountID) ([]Contract, error) {
	return nil, nil
}

// cachedContracts decorates a repository: the calls it forwards pass its
// own new parameter on.
type cachedContracts struct {
	next  ContractRepository
	cache map[ids.ContractID]Contract
}

func (c *cachedContracts) Get(ctx context.Context, tenantID ids.TenantID, id ids.ContractID) (Contract, error) {
	if hit, ok := c.cache[id]; ok {
		return hit, nil
	}
	return c.next.Get(ctx, tenantID, id)
}

func (c *cachedContracts) Save(ctx context.Context, tenantID ids.TenantID, contract Contract) error {
	delete(c.cache, contract.ID)
	return c.next.Save(ctx, tenantID, contract)
}

func (c *cachedContracts) ListByAccount(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, account ids.AccountID) ([]Contract, error) {
	return c.next.ListByAccount(ctx, tenantID, capsuleID, account)
}
