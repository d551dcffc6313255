package repository

import (
	"context"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
	"github.com/capsulelint/capsulelint/testdata/migration/store"
)

// ContractLineItemRepository stores the line items of contracts, in the
// partition of their contract.
type ContractLineItemRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID, contractID ids.ContractID, id ids.LineItemID) (model.ContractLineItem, error)
	Save(ctx context.Context, tenantID ids.TenantID, li model.ContractLineItem) error
	ListByContract(ctx context.Context, tenantID ids.TenantID, contractID ids.ContractID) ([]model.ContractLineItem, error)
	Delete(ctx context.Context, tenantID ids.TenantID, contractID ids.ContractID, id ids.LineItemID) error
}

type memContractLineItemRepository struct {
	tbl *store.Table
}

// NewContractLineItemRepository returns a ContractLineItemRepository backed by tbl.
func NewContractLineItemRepository(tbl *store.Table) ContractLineItemRepository {
	return &memContractLineItemRepository{tbl: tbl}
}

func (r *memContractLineItemRepository) Get(ctx context.Context, tenantID ids.TenantID, contractID ids.ContractID, id ids.LineItemID) (model.ContractLineItem, error) {
	var li model.ContractLineItem
	err := getItem(r.tbl, keys.ContractPK(tenantID, contractID), keys.LineItemSK(id), &li)
	return li, err
}

func (r *memContractLineItemRepository) Save(ctx context.Context, tenantID ids.TenantID, li model.ContractLineItem) error {
	if li.TenantID != tenantID {
		return ErrTenantMismatch
	}
	return putItem(r.tbl, store.Item{
		PK: keys.ContractPK(tenantID, li.ContractID),
		SK: keys.LineItemSK(li.ID),
	}, li)
}

func (r *memContractLineItemRepository) ListByContract(ctx context.Context, tenantID ids.TenantID, contractID ids.ContractID) ([]model.ContractLineItem, error) {
	return decodeAll[model.ContractLineItem](r.tbl.Query(keys.ContractPK(tenantID, contractID), keys.LineItemPrefix))
}

func (r *memContractLineItemRepository) Delete(ctx context.Context, tenantID ids.TenantID, contractID ids.ContractID, id ids.LineItemID) error {
	r.tbl.Delete(keys.ContractPK(tenantID, contractID), keys.LineItemSK(id))
	return nil
}
