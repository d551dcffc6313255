// Package robust_funcfield has func-typed fields and variables that take
// tenant IDs: they are neither entities, repository methods nor helpers.
package robust_funcfield

import (
	"context"
	"fmt"

	"ids"
)

// Hooks is a struct of func-typed fields taking a tenant ID.
type Hooks struct {
	OnCreate func(ctx context.Context, tenantID ids.TenantID) error
	Gsi1pk   func(capsuleID ids.CapsuleID) string
	tenant   func() ids.TenantID
}

// HookStore is a repository type whose behaviour is in func fields.
type HookStore struct {
	Fetch func(ctx context.Context, tenantID ids.TenantID, id string) (string, error)
}

// Gsi1pkFunc is a func type named like a key helper.
type Gsi1pkFunc func(capsuleID ids.CapsuleID) string

var gsi1pkVar = func(capsuleID ids.CapsuleID) string { return "CAPSULE#" + string(capsuleID) }

func use(ctx context.Context, h Hooks, s HookStore, tenantID ids.TenantID, capsuleID ids.CapsuleID) {
	_ = h.OnCreate(ctx, tenantID)
	_ = h.Gsi1pk(capsuleID)
	_, _ = s.Fetch(ctx, tenantID, "x")
	var f Gsi1pkFunc = func(c ids.CapsuleID) string { return fmt.Sprint(c) }
	_ = f(capsuleID)
	_ = gsi1pkVar(capsuleID)
	_ = h.tenant
}
