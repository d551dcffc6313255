package repocapsulefix

import (
	"context"

	"ids"
)

type GetRequest struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	ID        ids.ContractID
}

type Handler struct {
	repo ContractRepository
}

// Get passes req.CapsuleID beside req.TenantID.
func (h *Handler) Get(ctx context.Context, req GetRequest) (Contract, error) {
	return h.repo.Get(ctx, req.TenantID, req.ID)
}

// Save reads the capsule from the context, like the tenant.
func (h *Handler) Save(ctx context.Context, c Contract) error {
	return h.repo.Save(ctx, ids.TenantFromContext(ctx), c)
}

// Copy has a capsule variable in scope.
func (h *Handler) Copy(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id ids.ContractID) error {
	c, err := h.repo.Get(ctx, tenantID, id)
	if err != nil {
		return err
	}
	return h.repo.Save(ctx, tenantID, c)
}
