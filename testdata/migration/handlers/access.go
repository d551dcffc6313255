package handlers

import (
	"context"
	"fmt"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
)

// GrantAccess serves POST /access.
func (h *Handlers) GrantAccess(ctx context.Context, accountID ids.AccountID, resource, role string) (model.AccessEntity, error) {
	tenantID := ids.TenantFromContext(ctx)
	capsuleID := ids.CapsuleFromContext(ctx)
	if resource == "" || role == "" {
		return model.AccessEntity{}, ErrInvalid
	}
	now := h.now()
	a := model.AccessEntity{
		TenantID:  tenantID,
		ID:        ids.AccessID(fmt.Sprintf("%s-%s-%d", accountID, resource, now.UnixNano())),
		AccountID: accountID,
		Resource:  resource,
		Role:      role,
		GrantedAt: now,
	}
	if err := h.Access.Save(ctx, tenantID, a); err != nil {
		return model.AccessEntity{}, err
	}
	h.cache.invalidate(keys.Gsi1pkForAccount(capsuleID, accountID))
	return a, nil
}

// RevokeAccess serves DELETE /access?id={id}&id={id}...
func (h *Handlers) RevokeAccess(ctx context.Context, accessIDs ...ids.AccessID) error {
	tenantID := ids.TenantFromContext(ctx)
	for _, id := range accessIDs {
		a, err := h.Access.Get(ctx, tenantID, id)
		if err != nil {
			return fmt.Errorf("revoke %s: %w", id, err)
		}
		h.cache.invalidate(keys.Gsi1pkForAccount(ids.CapsuleFromContext(ctx), a.AccountID))
	}
	return h.Access.Revoke(ctx, tenantID, accessIDs...)
}

// ListResourceAccess serves GET /access?resource={resource}.
func (h *Handlers) ListResourceAccess(ctx context.Context, resource string) ([]model.AccessEntity, error) {
	tenantID := ids.TenantFromContext(ctx)
	return h.Access.QueryByResource(ctx, tenantID, resource)
}

// ListAccountAccess serves GET /accounts/{accountId}/access.
func (h *Handlers) ListAccountAccess(ctx context.Context, accountID ids.AccountID) ([]model.AccessEntity, error) {
	tenantID := ids.TenantFromContext(ctx)
	capsuleID := ids.CapsuleFromContext(ctx)
	return cached(h.cache, keys.Gsi1pkForAccount(capsuleID, accountID), "access", func() ([]model.AccessEntity, error) {
		return h.Access.ListByAccount(ctx, tenantID, capsuleID, accountID)
	})
}

// GetAccount serves GET /accounts/{accountId}.
func (h *Handlers) GetAccount(ctx context.Context, accountID ids.AccountID) (model.Account, error) {
	tenantID := ids.TenantFromContext(ctx)
	capsuleID := ids.CapsuleFromContext(ctx)
	return h.Accounts.Get(ctx, tenantID, capsuleID, accountID)
}
