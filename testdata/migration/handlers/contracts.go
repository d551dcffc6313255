package handlers

import (
	"context"
	"time"

	"github.com/capsulelint/capsulelint/testdata/migration/events"
	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
)

// CreateContractRequest is the body of POST /tenants/{tenantId}/contracts.
type CreateContractRequest struct {
	TenantID  ids.TenantID   `json:"tenantId"`
	ID        ids.ContractID `json:"id"`
	AccountID ids.AccountID  `json:"accountId"`
	Title     string         `json:"title"`
	Total     model.Money    `json:"total"`
	StartsAt  time.Time      `json:"startsAt"`
	EndsAt    time.Time      `json:"endsAt"`
}

// AddLineItemRequest is the body of POST /tenants/{tenantId}/contracts/{contractId}/items.
type AddLineItemRequest struct {
	TenantID    ids.TenantID   `json:"tenant_id,omitempty"`
	ContractID  ids.ContractID `json:"contract_id"`
	ID          ids.LineItemID `json:"id"`
	Description string         `json:"description"`
	Quantity    int            `json:"quantity"`
	UnitPrice   model.Money    `json:"unit_price"`
}

// AmendLineItemRequest is decoded from the form of the amendment page.
type AmendLineItemRequest struct {
	TenantID    ids.TenantID
	ContractID  ids.ContractID
	LineItemID  ids.LineItemID
	ID          ids.AmendmentID
	NewQuantity int
	Reason      string
}

// CreateContract serves POST /tenants/{tenantId}/contracts.
func (h *Handlers) CreateContract(ctx context.Context, req CreateContractRequest) (model.Contract, error) {
	tenantID := ids.TenantFromContext(ctx)
	if req.TenantID != tenantID {
		return model.Contract{}, ErrForbidden
	}
	if req.ID == "" || req.AccountID == "" || !req.EndsAt.After(req.StartsAt) {
		return model.Contract{}, ErrInvalid
	}
	c := model.Contract{
		TenantID:  req.TenantID,
		ID:        req.ID,
		AccountID: req.AccountID,
		Title:     req.Title,
		Total:     req.Total,
		StartsAt:  req.StartsAt,
		EndsAt:    req.EndsAt,
	}
	if err := h.Contracts.Save(ctx, req.TenantID, c); err != nil {
		return model.Contract{}, err
	}
	h.cache.invalidate(keys.Gsi1pkForAccount(ids.CapsuleFromContext(ctx), req.AccountID))
	return c, events.PublishContractCreated(ctx, h.Events, c, h.now())
}

// GetContract serves GET /contracts/{id}.
func (h *Handlers) GetContract(ctx context.Context, id ids.ContractID) (model.Contract, error) {
	tenantID := ids.TenantFromContext(ctx)
	return h.Contracts.Get(ctx, tenantID, id)
}

// ListContracts serves GET /contracts.
func (h *Handlers) ListContracts(ctx context.Context) ([]model.Contract, error) {
	tenantID := ids.TenantFromContext(ctx)
	return h.Contracts.List(ctx, tenantID)
}

// DeleteContract serves DELETE /contracts/{id}: the contract, its line items
// and their revenue schedules. Amendments are kept: they are the audit trail.
func (h *Handlers) DeleteContract(ctx context.Context, id ids.ContractID) error {
	tenantID := ids.TenantFromContext(ctx)
	capsuleID := ids.CapsuleFromContext(ctx)
	c, err := h.Contracts.Get(ctx, tenantID, id)
	if err != nil {
		return err
	}
	items, err := h.LineItems.ListByContract(ctx, tenantID, id)
	if err != nil {
		return err
	}
	for _, li := range items {
		if err := h.Schedules.DeleteByLineItem(ctx, tenantID, id, li.ID); err != nil {
			return err
		}
		if err := h.LineItems.Delete(ctx, tenantID, id, li.ID); err != nil {
			return err
		}
	}
	if err := h.Contracts.Delete(ctx, tenantID, id); err != nil {
		return err
	}
	h.cache.invalidate(keys.Gsi1pkForAccount(capsuleID, c.AccountID))
	return nil
}

// ListAccountContracts serves GET /accounts/{accountId}/contracts.
func (h *Handlers) ListAccountContracts(ctx context.Context, accountID ids.AccountID) ([]model.Contract, error) {
	tenantID := ids.TenantFromContext(ctx)
	capsuleID := ids.CapsuleFromContext(ctx)
	return cached(h.cache, keys.Gsi1pkForAccount(capsuleID, accountID), "contracts", func() ([]model.Contract, error) {
		return h.Contracts.ListByAccount(ctx, tenantID, capsuleID, accountID)
	})
}

// AddLineItem serves POST /tenants/{tenantId}/contracts/{contractId}/items.
func (h *Handlers) AddLineItem(ctx context.Context, req AddLineItemRequest) (model.ContractLineItem, error) {
	if req.TenantID != ids.TenantFromContext(ctx) {
		return model.ContractLineItem{}, ErrForbidden
	}
	if _, err := h.Contracts.Get(ctx, req.TenantID, req.ContractID); err != nil {
		return model.ContractLineItem{}, err
	}
	li := model.ContractLineItem{
		TenantID:    req.TenantID,
		ID:          req.ID,
		ContractID:  req.ContractID,
		Description: req.Description,
		Quantity:    req.Quantity,
		UnitPrice:   req.UnitPrice,
	}
	return li, h.LineItems.Save(ctx, req.TenantID, li)
}

// ListLineItems serves GET /contracts/{contractId}/items.
func (h *Handlers) ListLineItems(ctx context.Context, contractID ids.ContractID) ([]model.ContractLineItem, error) {
	tenantID := ids.TenantFromContext(ctx)
	return h.LineItems.ListByContract(ctx, tenantID, contractID)
}

// AmendLineItem serves POST /amendments: it records the amendment and
// applies it to the line item.
func (h *Handlers) AmendLineItem(ctx context.Context, req AmendLineItemRequest) (model.ContractAmendment, error) {
	if req.TenantID != ids.TenantFromContext(ctx) {
		return model.ContractAmendment{}, ErrForbidden
	}
	if _, err := h.Amendments.Get(ctx, req.TenantID, req.ContractID, req.ID); err == nil {
		return model.ContractAmendment{}, ErrConflict
	}
	li, err := h.LineItems.Get(ctx, req.TenantID, req.ContractID, req.LineItemID)
	if err != nil {
		return model.ContractAmendment{}, err
	}
	a := model.ContractAmendment{
		TenantID:    req.TenantID,
		ID:          req.ID,
		ContractID:  req.ContractID,
		LineItemID:  req.LineItemID,
		Reason:      req.Reason,
		NewQuantity: req.NewQuantity,
		EffectiveAt: h.now(),
	}
	if err := h.Amendments.Save(ctx, req.TenantID, a); err != nil {
		return model.ContractAmendment{}, err
	}
	li.Quantity = req.NewQuantity
	return a, h.LineItems.Save(ctx, req.TenantID, li)
}

// GetAmendment serves GET /contracts/{contractId}/amendments/{id}.
func (h *Handlers) GetAmendment(ctx context.Context, contractID ids.ContractID, id ids.AmendmentID) (model.ContractAmendment, error) {
	tenantID := ids.TenantFromContext(ctx)
	return h.Amendments.Get(ctx, tenantID, contractID, id)
}

// ListAmendments serves GET /contracts/{contractId}/amendments.
func (h *Handlers) ListAmendments(ctx context.Context, contractID ids.ContractID) ([]model.ContractAmendment, error) {
	tenantID := ids.TenantFromContext(ctx)
	return h.Amendments.ListByContract(ctx, tenantID, contractID)
}
