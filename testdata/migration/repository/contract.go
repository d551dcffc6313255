package repository

import (
	"context"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
	"github.com/capsulelint/capsulelint/testdata/migration/store"
)

// ContractRepository stores contracts.
type ContractRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID, id ids.ContractID) (model.Contract, error)
	Save(ctx context.Context, tenantID ids.TenantID, c model.Contract) error
	Delete(ctx context.Context, tenantID ids.TenantID, id ids.ContractID) error
	List(ctx context.Context, tenantID ids.TenantID) ([]model.Contract, error)
	// ListByAccount was written after capsules were introduced.
	ListByAccount(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) ([]model.Contract, error)
}

type memContractRepository struct {
	tbl *store.Table
}

// NewContractRepository returns a ContractRepository backed by tbl.
func NewContractRepository(tbl *store.Table) ContractRepository {
	return &memContractRepository{tbl: tbl}
}

func (r *memContractRepository) load(tenantID ids.TenantID, id ids.ContractID) (model.Contract, error) {
	var c model.Contract
	err := getItem(r.tbl, keys.ContractPK(tenantID, id), keys.MetadataSK, &c)
	return c, err
}

func (r *memContractRepository) Get(ctx context.Context, tenantID ids.TenantID, id ids.ContractID) (model.Contract, error) {
	return r.load(tenantID, id)
}

func (r *memContractRepository) Save(ctx context.Context, tenantID ids.TenantID, c model.Contract) error {
	if c.TenantID != tenantID {
		return ErrTenantMismatch
	}
	return putItem(r.tbl, store.Item{
		PK:     keys.ContractPK(tenantID, c.ID),
		SK:     keys.MetadataSK,
		GSI1PK: keys.Gsi1pkForAccount(ids.CapsuleFromContext(ctx), c.AccountID),
		GSI1SK: keys.ContractIndexSK(c.ID),
	}, c)
}

func (r *memContractRepository) Delete(ctx context.Context, tenantID ids.TenantID, id ids.ContractID) error {
	if _, err := r.load(tenantID, id); err != nil {
		return err
	}
	r.tbl.Delete(keys.ContractPK(tenantID, id), keys.MetadataSK)
	return nil
}

func (r *memContractRepository) List(ctx context.Context, tenantID ids.TenantID) ([]model.Contract, error) {
	return decodeAll[model.Contract](r.tbl.Scan(keys.ContractPrefix(tenantID), keys.MetadataSK))
}

func (r *memContractRepository) ListByAccount(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) ([]model.Contract, error) {
	all, err := decodeAll[model.Contract](r.tbl.QueryGSI1(keys.Gsi1pkForAccount(capsuleID, accountID), "CONTRACT#"))
	if err != nil {
		return nil, err
	}
	// The index is shared by all tenants: keep only this tenant's contracts.
	return filter(all, func(c model.Contract) bool { return c.TenantID == tenantID }), nil
}
