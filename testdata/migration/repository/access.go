package repository

import (
	"context"
	"fmt"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
	"github.com/capsulelint/capsulelint/testdata/migration/store"
)

// AccessRepository stores access grants.
type AccessRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID, id ids.AccessID) (model.AccessEntity, error)
	Save(ctx context.Context, tenantID ids.TenantID, a model.AccessEntity) error
	Revoke(ctx context.Context, tenantID ids.TenantID, accessIDs ...ids.AccessID) error
	QueryByResource(ctx context.Context, tenantID ids.TenantID, resource string) ([]model.AccessEntity, error)
	// ListByAccount was written after capsules were introduced.
	ListByAccount(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) ([]model.AccessEntity, error)
}

type memAccessRepository struct {
	tbl *store.Table
}

// NewAccessRepository returns an AccessRepository backed by tbl.
func NewAccessRepository(tbl *store.Table) AccessRepository {
	return &memAccessRepository{tbl: tbl}
}

func (r *memAccessRepository) Get(ctx context.Context, tenantID ids.TenantID, id ids.AccessID) (model.AccessEntity, error) {
	var a model.AccessEntity
	err := getItem(r.tbl, keys.AccessPK(tenantID, id), keys.MetadataSK, &a)
	return a, err
}

func (r *memAccessRepository) Save(ctx context.Context, tenantID ids.TenantID, a model.AccessEntity) error {
	if a.TenantID != tenantID {
		return ErrTenantMismatch
	}
	return putItem(r.tbl, store.Item{
		PK:     keys.AccessPK(tenantID, a.ID),
		SK:     keys.MetadataSK,
		GSI1PK: keys.Gsi1pkForAccount(ids.CapsuleFromContext(ctx), a.AccountID),
		GSI1SK: keys.AccessIndexSK(a.ID),
	}, a)
}

func (r *memAccessRepository) Revoke(ctx context.Context, tenantID ids.TenantID, accessIDs ...ids.AccessID) error {
	for _, pk := range keys.AccessPKs(tenantID, accessIDs...) {
		r.tbl.Delete(pk, keys.MetadataSK)
	}
	return nil
}

func (r *memAccessRepository) QueryByResource(ctx context.Context, tenantID ids.TenantID, resource string) ([]model.AccessEntity, error) {
	prefix := fmt.Sprintf("TENANT#%s#ACCESS#", tenantID)
	all, err := decodeAll[model.AccessEntity](r.tbl.Scan(prefix, keys.MetadataSK))
	if err != nil {
		return nil, err
	}
	return filter(all, func(a model.AccessEntity) bool { return a.Resource == resource }), nil
}

func (r *memAccessRepository) ListByAccount(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) ([]model.AccessEntity, error) {
	all, err := decodeAll[model.AccessEntity](r.tbl.QueryGSI1(keys.Gsi1pkForAccount(capsuleID, accountID), "ACCESS#"))
	if err != nil {
		return nil, err
	}
	return filter(all, func(a model.AccessEntity) bool { return a.TenantID == tenantID }), nil
}
