package repository

import (
	"context"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
	"github.com/capsulelint/capsulelint/testdata/migration/store"
)

// FinancialConfigRepository stores the financial config of each tenant.
type FinancialConfigRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID) (model.FinancialConfig, error)
	Save(ctx context.Context, tenantID ids.TenantID, cfg model.FinancialConfig) error
	Delete(ctx context.Context, tenantID ids.TenantID) error
	// QueryByIndustry returns the tenant's configs in industry, e.g. "Technology".
	QueryByIndustry(ctx context.Context, tenantID ids.TenantID, industry string) ([]model.FinancialConfig, error)
}

type memFinancialConfigRepository struct {
	tbl *store.Table
}

// NewFinancialConfigRepository returns a FinancialConfigRepository backed by tbl.
func NewFinancialConfigRepository(tbl *store.Table) FinancialConfigRepository {
	return &memFinancialConfigRepository{tbl: tbl}
}

func (r *memFinancialConfigRepository) Get(ctx context.Context, tenantID ids.TenantID) (model.FinancialConfig, error) {
	var cfg model.FinancialConfig
	err := getItem(r.tbl, keys.FinancialConfigPK(tenantID), keys.MetadataSK, &cfg)
	return cfg, err
}

func (r *memFinancialConfigRepository) Save(ctx context.Context, tenantID ids.TenantID, cfg model.FinancialConfig) error {
	if cfg.TenantID != tenantID {
		return ErrTenantMismatch
	}
	return putItem(r.tbl, store.Item{
		PK:     keys.FinancialConfigPK(tenantID),
		SK:     keys.MetadataSK,
		GSI1PK: keys.Gsi1pkForIndustry(ids.CapsuleFromContext(ctx), cfg.Industry),
		GSI1SK: string(tenantID),
	}, cfg)
}

func (r *memFinancialConfigRepository) Delete(ctx context.Context, tenantID ids.TenantID) error {
	r.tbl.Delete(keys.FinancialConfigPK(tenantID), keys.MetadataSK)
	return nil
}

func (r *memFinancialConfigRepository) QueryByIndustry(ctx context.Context, tenantID ids.TenantID, industry string) ([]model.FinancialConfig, error) {
	all, err := decodeAll[model.FinancialConfig](r.tbl.QueryGSI1(keys.Gsi1pkForIndustry(ids.CapsuleFromContext(ctx), industry), ""))
	if err != nil {
		return nil, err
	}
	// The index is shared by all tenants: keep only this tenant's configs.
	return filter(all, func(cfg model.FinancialConfig) bool { return cfg.TenantID == tenantID }), nil
}
