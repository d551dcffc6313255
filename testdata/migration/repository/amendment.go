package repository

import (
	"context"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
	"github.com/capsulelint/capsulelint/testdata/migration/store"
)

// ContractAmendmentRepository stores the amendments of contracts: the audit
// trail of every change to a line item.
type ContractAmendmentRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID, contractID ids.ContractID, id ids.AmendmentID) (model.ContractAmendment, error)
	Save(ctx context.Context, tenantID ids.TenantID, a model.ContractAmendment) error
	ListByContract(ctx context.Context, tenantID ids.TenantID, contractID ids.ContractID) ([]model.ContractAmendment, error)
}

type memContractAmendmentRepository struct {
	tbl *store.Table
}

// NewContractAmendmentRepository returns a ContractAmendmentRepository backed by tbl.
func NewContractAmendmentRepository(tbl *store.Table) ContractAmendmentRepository {
	return &memContractAmendmentRepository{tbl: tbl}
}

func (r *memContractAmendmentRepository) Get(ctx context.Context, tenantID ids.TenantID, contractID ids.ContractID, id ids.AmendmentID) (model.ContractAmendment, error) {
	var a model.ContractAmendment
	err := getItem(r.tbl, keys.AmendmentPK(tenantID, contractID), keys.AmendmentSK(id), &a)
	return a, err
}

func (r *memContractAmendmentRepository) Save(ctx context.Context, tenantID ids.TenantID, a model.ContractAmendment) error {
	if a.TenantID != tenantID {
		return ErrTenantMismatch
	}
	return putItem(r.tbl, store.Item{
		PK: keys.AmendmentPK(tenantID, a.ContractID),
		SK: keys.AmendmentSK(a.ID),
	}, a)
}

func (r *memContractAmendmentRepository) ListByContract(ctx context.Context, tenantID ids.TenantID, contractID ids.ContractID) ([]model.ContractAmendment, error) {
	return decodeAll[model.ContractAmendment](r.tbl.Query(keys.AmendmentPK(tenantID, contractID), "AMD#"))
}
