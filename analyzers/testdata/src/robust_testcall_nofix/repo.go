// Package robust_testcall_nofix reproduces a fix that broke the
// package's tests: a declaration whose signature a fix changes is called
// from a _test.go file where no capsule (or tenant) value is in scope.
// The package's test variant sees that call and offers no fix; the
// package itself does not see it and used to offer one, which drivers
// applied (capsulelint -fix), leaving the test files not compiling. Now
// the package without its tests offers no fix (internal/directive).
package robust_testcall_nofix

import (
	"context"
	"fmt"

	"ids"
)

type Item struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
}

// ItemRepository has a method without a capsule ID.
type ItemRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID, id string) (Item, error) // want `repocapsule: repository method ItemRepository.Get takes a tenant ID but no capsule ID`
}

type itemStore struct{}

func (itemStore) Get(ctx context.Context, tenantID ids.TenantID, id string) (Item, error) {
	return Item{}, nil
}

// itemKey builds a key without a capsule segment, and has no capsule
// value: the fix adds a parameter.
func itemKey(tenantID ids.TenantID, id string) string {
	return fmt.Sprintf("TENANT#%s#ITEM#%s", tenantID, id) // want `keyformat: key "TENANT#%s#ITEM#%s" has no CAPSULE# segment`
}

// gsi1pkItem has no tenant parameter: the fix adds one.
func gsi1pkItem(capsuleID ids.CapsuleID, id string) string { // want `gsitenant: GSI key helper gsi1pkItem has no tenant ID parameter`
	return "CAPSULE#" + string(capsuleID) + "#ITEM#" + id
}

func handle(ctx context.Context, r ItemRepository, tenantID ids.TenantID, capsuleID ids.CapsuleID) {
	_, _ = r.Get(ctx, tenantID, "i")
	_ = itemKey(tenantID, "i")
	_ = gsi1pkItem(capsuleID, "i")
}
