// Package keyformatslugs keeps tenants and capsules as strings known by
// name (tenant-names: [tenantSlug, TenantSlug], capsule-names:
// [capsuleID, CapsuleID]) with capsule-source and test-capsule: key
// helpers whose parameters are all strings.
package keyformatslugs

import (
	"context"
	"fmt"
)

// appKey has no capsule value: the fix adds a capsuleID string parameter
// and passes a capsule at every call.
func appKey(tenantSlug, appID string) string {
	return fmt.Sprintf("TENANT#%s#APP#%s", tenantSlug, appID) // want `^key "TENANT#%s#APP#%s" has no CAPSULE# segment: rows from every capsule of the tenant share it \(want "TENANT#%s#CAPSULE#%s#APP#%s"\)$`
}

// scopedKey has the capsule as a parameter by configured name.
func scopedKey(tenantSlug, capsuleID, id string) string {
	return "TENANT#" + tenantSlug + "#FLOW#" + id // want `^key "TENANT#\{tenantSlug\}#FLOW#\{id\}" has no CAPSULE# segment`
}

// Request carries the slugs.
type Request struct {
	TenantSlug string
	CapsuleID  string
	AppID      string
}

func handle(req Request) string { return appKey(req.TenantSlug, req.AppID) }

func handleContext(ctx context.Context, tenantSlug string) string { return appKey(tenantSlug, "a1") }
