package repository

import (
	"context"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
	"github.com/capsulelint/capsulelint/testdata/migration/store"
)

// AccountRepository stores accounts. It is already capsule-scoped.
type AccountRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id ids.AccountID) (model.Account, error)
	Save(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, a model.Account) error
}

type memAccountRepository struct {
	tbl *store.Table
}

// NewAccountRepository returns an AccountRepository backed by tbl.
func NewAccountRepository(tbl *store.Table) AccountRepository {
	return &memAccountRepository{tbl: tbl}
}

func (r *memAccountRepository) Get(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id ids.AccountID) (model.Account, error) {
	var a model.Account
	err := getItem(r.tbl, keys.AccountPK(tenantID, capsuleID, id), keys.MetadataSK, &a)
	return a, err
}

func (r *memAccountRepository) Save(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, a model.Account) error {
	if a.TenantID != tenantID || a.CapsuleID != capsuleID {
		return ErrTenantMismatch
	}
	return putItem(r.tbl, store.Item{
		PK:     keys.AccountPK(tenantID, capsuleID, a.ID),
		SK:     keys.MetadataSK,
		GSI1PK: a.IndexKey(),
		GSI1SK: "ACCOUNT",
	}, a)
}
