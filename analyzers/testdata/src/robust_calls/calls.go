// Package robust_calls calls functions whose signatures fixes change in
// unusual ways: multi-value arguments, spread variadics, defer and go,
// shadowed package names, names already taken.
package robust_calls

import (
	"context"
	"fmt"

	"ids"
)

type Row struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
}

type RowStore struct{}

func (*RowStore) Get(ctx context.Context, tenantID ids.TenantID, id string) (Row, error) { // want `repocapsule: repository method RowStore.Get takes a tenant ID but no capsule ID: .*; no fix: call at calls.go:\d+: no capsule ID value is in scope`
	return Row{}, nil
}

func (*RowStore) Load(ctx context.Context, tenantID ids.TenantID, id string) (Row, error) { // want `repocapsule: repository method RowStore.Load takes a tenant ID but no capsule ID: .*; no fix: call at calls.go:\d+: the call passes a multi-value expression`
	return Row{}, nil
}

func (*RowStore) Find(ctx context.Context, tenantID ids.TenantID, keys ...string) []Row { // want `repocapsule: repository method RowStore.Find takes a tenant ID but no capsule ID: .*keys \.\.\.string\)\)$`
	return nil
}

func (*RowStore) Touch(ctx context.Context, tenantID ids.TenantID) {} // want `repocapsule: repository method RowStore.Touch takes a tenant ID but no capsule ID: .*\)\)$`

func args(ctx context.Context) (context.Context, ids.TenantID, string) { return ctx, "t", "i" }

func multiValue(ctx context.Context, s *RowStore, capsuleID ids.CapsuleID) {
	_, _ = s.Load(args(ctx))
}

func spread(ctx context.Context, s *RowStore, tenantID ids.TenantID, capsuleID ids.CapsuleID, keys []string) {
	_ = s.Find(ctx, tenantID, keys...)
	_ = s.Find(ctx, tenantID)
}

func deferGo(ctx context.Context, s *RowStore, tenantID ids.TenantID, capsuleID ids.CapsuleID) {
	defer s.Touch(ctx, tenantID)
	go s.Touch(ctx, tenantID)
}

// shadowed has no capsule variable but a context; its ids is a local,
// so ids.CapsuleFromContext(ctx) cannot be passed.
func shadowed(ctx context.Context, s *RowStore, tenantID ids.TenantID) {
	ids := []string{"a"}
	_, _ = s.Get(ctx, tenantID, ids[0])
}

// key builders whose fix would add a parameter named like a local.
func keyWithLocal(tenantID ids.TenantID, id string) string {
	capsuleID := 42
	return fmt.Sprintf("TENANT#%s#LOCAL#%s#%d", tenantID, id, capsuleID) // want `keyformat: key "TENANT#%s#LOCAL#%s#%d" has no CAPSULE# segment: .*; no fix: .*a capsule parameter cannot be added: keyWithLocal: its body already declares capsuleID$`
}

func keyWithResult(tenantID ids.TenantID, id string) (capsuleID string) {
	return fmt.Sprintf("TENANT#%s#RESULT#%s", tenantID, id) // want `keyformat: key "TENANT#%s#RESULT#%s" has no CAPSULE# segment: .*; no fix: .*a capsule parameter cannot be added: keyWithResult: it already has a parameter or result named capsuleID$`
}

func gsi1pkWithLocal(capsuleID ids.CapsuleID, id string) string { // want `gsitenant: GSI key helper gsi1pkWithLocal has no tenant ID parameter: .*; no fix: tenantID is already declared where its key is built \(calls.go:\d+\)`
	tenantID := "x"
	_ = tenantID
	return fmt.Sprintf("CAPSULE#%s#LOCAL#%s", capsuleID, id)
}

func callers(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID) {
	_ = keyWithLocal(tenantID, "i")
	_ = keyWithResult(tenantID, "i")
	_ = gsi1pkWithLocal(capsuleID, "i")
}

// nested calls and conversions as arguments.
func nested(ctx context.Context, s *RowStore, capsuleID ids.CapsuleID) {
	_, _ = s.Get(ctx, ids.TenantID(fmt.Sprint("t")), fmt.Sprint(s.Find(ctx, "t")))
	f := func() { s.Touch(ctx, ids.TenantFromContext(ctx)) }
	f()
}
