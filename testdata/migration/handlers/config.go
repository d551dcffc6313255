package handlers

import (
	"context"
	"time"

	"github.com/capsulelint/capsulelint/testdata/migration/events"
	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
)

// FinancialConfigInput is the body of PUT /config/financial.
type FinancialConfigInput struct {
	BaseCurrency         string     `json:"base_currency"`
	Industry             string     `json:"industry"`
	FiscalYearStartMonth time.Month `json:"fiscal_year_start_month"`
}

// GetFinancialConfig serves GET /config/financial.
func (h *Handlers) GetFinancialConfig(ctx context.Context) (model.FinancialConfig, error) {
	tenantID := ids.TenantFromContext(ctx)
	if tenantID == "" {
		return model.FinancialConfig{}, ErrNoTenant
	}
	return h.Configs.Get(ctx, tenantID)
}

// PutFinancialConfig serves PUT /config/financial.
func (h *Handlers) PutFinancialConfig(ctx context.Context, in FinancialConfigInput) (model.FinancialConfig, error) {
	tenantID := ids.TenantFromContext(ctx)
	capsuleID := ids.CapsuleFromContext(ctx)
	if tenantID == "" {
		return model.FinancialConfig{}, ErrNoTenant
	}
	if len(in.BaseCurrency) != 3 || in.Industry == "" {
		return model.FinancialConfig{}, ErrInvalid
	}
	if old, err := h.Configs.Get(ctx, tenantID); err == nil {
		h.cache.invalidate(keys.Gsi1pkForIndustry(capsuleID, old.Industry))
	}
	cfg := model.FinancialConfig{
		TenantID:             tenantID,
		BaseCurrency:         in.BaseCurrency,
		Industry:             in.Industry,
		FiscalYearStartMonth: in.FiscalYearStartMonth,
		UpdatedAt:            h.now(),
	}
	if err := h.Configs.Save(ctx, tenantID, cfg); err != nil {
		return model.FinancialConfig{}, err
	}
	h.cache.invalidate(keys.Gsi1pkForIndustry(capsuleID, cfg.Industry))
	return cfg, events.PublishFinancialConfigUpdated(ctx, h.Events, cfg)
}

// ListConfigsByIndustry serves GET /config/financial?industry={industry}.
func (h *Handlers) ListConfigsByIndustry(ctx context.Context, industry string) ([]model.FinancialConfig, error) {
	tenantID := ids.TenantFromContext(ctx)
	capsuleID := ids.CapsuleFromContext(ctx)
	return cached(h.cache, keys.Gsi1pkForIndustry(capsuleID, industry), "configs", func() ([]model.FinancialConfig, error) {
		return h.Configs.QueryByIndustry(ctx, tenantID, industry)
	})
}
