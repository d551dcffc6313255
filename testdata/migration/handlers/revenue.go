package handlers

import (
	"context"
	"fmt"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
)

// ScheduleRevenue serves POST /contracts/{contractId}/items/{lineItemId}/schedule:
// it recognises the line item's amount evenly over periods (YYYY-MM), the
// remainder in the first period, replacing any earlier schedule.
func (h *Handlers) ScheduleRevenue(ctx context.Context, contractID ids.ContractID, lineItemID ids.LineItemID, periods []string) ([]model.RevenueSchedule, error) {
	tenantID := ids.TenantFromContext(ctx)
	capsuleID := ids.CapsuleFromContext(ctx)
	if len(periods) == 0 {
		return nil, ErrInvalid
	}
	c, err := h.Contracts.Get(ctx, tenantID, contractID)
	if err != nil {
		return nil, err
	}
	li, err := h.LineItems.Get(ctx, tenantID, contractID, lineItemID)
	if err != nil {
		return nil, err
	}
	if err := h.Schedules.DeleteByLineItem(ctx, tenantID, contractID, lineItemID); err != nil {
		return nil, err
	}
	total := li.Amount()
	share := total.Minor / int64(len(periods))
	out := make([]model.RevenueSchedule, 0, len(periods))
	for i, period := range periods {
		amount := share
		if i == 0 {
			amount += total.Minor - share*int64(len(periods))
		}
		s := model.RevenueSchedule{
			TenantID:   tenantID,
			ID:         ids.ScheduleID(fmt.Sprintf("%s-%s-%d", lineItemID, period, i+1)),
			ContractID: contractID,
			LineItemID: lineItemID,
			AccountID:  c.AccountID,
			Period:     period,
			Amount:     model.Money{Currency: total.Currency, Minor: amount},
		}
		if err := h.Schedules.Save(ctx, tenantID, s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	h.cache.invalidate(keys.Gsi1pkForAccount(capsuleID, c.AccountID))
	return out, nil
}

// ListLineItemRevenue serves GET /contracts/{contractId}/items/{lineItemId}/schedule.
func (h *Handlers) ListLineItemRevenue(ctx context.Context, contractID ids.ContractID, lineItemID ids.LineItemID) ([]model.RevenueSchedule, error) {
	tenantID := ids.TenantFromContext(ctx)
	return h.Schedules.ListByLineItem(ctx, tenantID, contractID, lineItemID)
}

// ListAccountRevenue serves GET /accounts/{accountId}/revenue.
func (h *Handlers) ListAccountRevenue(ctx context.Context, accountID ids.AccountID) ([]model.RevenueSchedule, error) {
	tenantID := ids.TenantFromContext(ctx)
	capsuleID := ids.CapsuleFromContext(ctx)
	return cached(h.cache, keys.Gsi1pkForAccount(capsuleID, accountID), "revenue", func() ([]model.RevenueSchedule, error) {
		return h.Schedules.ListByAccount(ctx, tenantID, capsuleID, accountID)
	})
}
