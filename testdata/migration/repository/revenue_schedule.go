package repository

import (
	"context"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
	"github.com/capsulelint/capsulelint/testdata/migration/store"
)

// RevenueScheduleRepository stores the revenue recognition schedule of line items.
type RevenueScheduleRepository interface {
	Save(ctx context.Context, tenantID ids.TenantID, s model.RevenueSchedule) error
	ListByLineItem(ctx context.Context, tenantID ids.TenantID, contractID ids.ContractID, lineItemID ids.LineItemID) ([]model.RevenueSchedule, error)
	DeleteByLineItem(ctx context.Context, tenantID ids.TenantID, contractID ids.ContractID, lineItemID ids.LineItemID) error
	// ListByAccount was written after capsules were introduced.
	ListByAccount(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) ([]model.RevenueSchedule, error)
}

type memRevenueScheduleRepository struct {
	tbl *store.Table
}

// NewRevenueScheduleRepository returns a RevenueScheduleRepository backed by tbl.
func NewRevenueScheduleRepository(tbl *store.Table) RevenueScheduleRepository {
	return &memRevenueScheduleRepository{tbl: tbl}
}

func (r *memRevenueScheduleRepository) Save(ctx context.Context, tenantID ids.TenantID, s model.RevenueSchedule) error {
	if s.TenantID != tenantID {
		return ErrTenantMismatch
	}
	return putItem(r.tbl, store.Item{
		PK:     keys.RevenueSchedulePK(tenantID, s.ContractID, s.LineItemID),
		SK:     keys.RevenueScheduleSK(s.Period, s.ID),
		GSI1PK: keys.Gsi1pkForAccount(ids.CapsuleFromContext(ctx), s.AccountID),
		GSI1SK: keys.ScheduleIndexSK(s.Period, s.ID),
	}, s)
}

func (r *memRevenueScheduleRepository) ListByLineItem(ctx context.Context, tenantID ids.TenantID, contractID ids.ContractID, lineItemID ids.LineItemID) ([]model.RevenueSchedule, error) {
	return decodeAll[model.RevenueSchedule](r.tbl.Query(keys.RevenueSchedulePK(tenantID, contractID, lineItemID), "PERIOD#"))
}

func (r *memRevenueScheduleRepository) DeleteByLineItem(ctx context.Context, tenantID ids.TenantID, contractID ids.ContractID, lineItemID ids.LineItemID) error {
	pk := keys.RevenueSchedulePK(tenantID, contractID, lineItemID)
	for _, it := range r.tbl.Query(pk, "PERIOD#") {
		r.tbl.Delete(pk, it.SK)
	}
	return nil
}

func (r *memRevenueScheduleRepository) ListByAccount(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID ids.AccountID) ([]model.RevenueSchedule, error) {
	all, err := decodeAll[model.RevenueSchedule](r.tbl.QueryGSI1(keys.Gsi1pkForAccount(capsuleID, accountID), "SCHEDULE#"))
	if err != nil {
		return nil, err
	}
	return filter(all, func(s model.RevenueSchedule) bool { return s.TenantID == tenantID }), nil
}
