// Package gsitenantreachtwo uses two tenant types: which one a new tenant
// parameter takes cannot be told, and there is no fix.
package gsitenantreachtwo

import (
	"ids"
	"repocapsulenofix/tonly"
)

var (
	_ ids.TenantID
	_ tonly.TenantID
)

func Gsi1pkForAccount(capsule, account string) string { // want `; no fix: more than one tenant ID type is in reach \(ids\.TenantID, tonly\.TenantID\), so none is chosen; configure tenant-types with a qualified type such as example\.com/ids\.TenantID \(or tenant-names for string IDs\)$`
	return "CAPSULE#" + capsule + "#ACCOUNT#" + account
}
