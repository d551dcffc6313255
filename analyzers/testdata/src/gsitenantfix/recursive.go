package gsitenantfix

import (
	"context"
	"fmt"
	"strings"

	"ids"
)

// Gsi1pkTree's recursive returns extend its own key: only the key that
// starts it gets the tenant segment.
func Gsi1pkTree(capsuleID ids.CapsuleID, depth int) string { // want `GSI key helper Gsi1pkTree has no tenant ID parameter: its key "CAPSULE#%s" lets an index query see every tenant's rows \(want Gsi1pkTree\(tenantID ids\.TenantID, capsuleID ids\.CapsuleID, depth int\) building "TENANT#%s#CAPSULE#%s"\)$`
	switch {
	case depth == 0:
		return fmt.Sprintf("CAPSULE#%s", capsuleID)
	case depth == 1:
		return Gsi1pkTree(capsuleID, depth-1)
	case depth%2 == 0:
		return fmt.Sprintf("%s#EVEN#%d", Gsi1pkTree(capsuleID, depth-1), depth)
	case depth%3 == 0:
		return strings.Join([]string{Gsi1pkTree(capsuleID, depth-1), "THIRD"}, "#")
	}
	return (Gsi1pkTree(capsuleID, depth-1)) + "#ODD"
}

// Gsi3pkBase has a tenant parameter.
func Gsi3pkBase(tenantID ids.TenantID, capsuleID ids.CapsuleID) string {
	return "TENANT#" + string(tenantID) + "#CAPSULE#" + string(capsuleID)
}

// Gsi3pkChild's key starts with Gsi3pkBase's, which carries the tenant.
func Gsi3pkChild(ctx context.Context, capsuleID ids.CapsuleID) string {
	return Gsi3pkBase(ids.TenantFromContext(ctx), capsuleID) + "#CHILD"
}

// Gsi4pkGlobal is opted out; a key extending it is not a defect either.
//
//capsule:global reference data shared by every tenant
func Gsi4pkGlobal(code string) string {
	return "CURRENCY#" + code
}

func Gsi4pkRate(code string) string {
	return Gsi4pkGlobal(code) + "#RATE"
}

func useRecursive(tenantID ids.TenantID, capsuleID ids.CapsuleID) []string {
	return []string{Gsi1pkTree(capsuleID, 3)}
}
