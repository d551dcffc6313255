// Package keyformatwrapped interpolates tenant values wrapped in calls
// that only reshape them: seen in every key form.
package keyformatwrapped

import (
	"fmt"
	"strings"

	"ids"
)

func normalizeToken(s string) string { return strings.ToLower(s) }

func pair(a, b string) string { return a + b }

func format(t ids.TenantID, kind string) string {
	return fmt.Sprintf("RECOVERY#%s#%s", normalizeToken(string(t)), kind) // want `key "RECOVERY#%s#%s" has tenant value normalizeToken\(string\(t\)\) but no TENANT# segment`
}

func nested(t ids.TenantID, kind string) string {
	return fmt.Sprintf("RECOVERY#%s#%s", strings.ToUpper(strings.TrimSpace(string(t))), kind) // want `key "RECOVERY#%s#%s" has tenant value strings.ToUpper\(strings.TrimSpace\(string\(t\)\)\) but no TENANT# segment`
}

func concat(t ids.TenantID, kind string) string {
	return "RECOVERY#" + normalizeToken(string(t)) + "#" + kind // want `key "RECOVERY#{normalizeToken\(string\(t\)\)}#{kind}" has tenant value normalizeToken\(string\(t\)\) but no TENANT# segment`
}

func join(t ids.TenantID, kind string) string {
	return strings.Join([]string{"RECOVERY", strings.TrimPrefix(string(t), "t-"), kind}, "#") // want `has tenant value strings.TrimPrefix\(string\(t\), "t-"\) but no TENANT# segment`
}

// Swapped values are judged through the wrappers too.
func swapped(t ids.TenantID, c ids.CapsuleID) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s#X", normalizeToken(string(c)), strings.ToLower(string(t))) // want `has capsule value normalizeToken\(string\(c\)\) in its TENANT# segment and tenant value strings.ToLower\(string\(t\)\) in its CAPSULE# segment`
}

// Not tenant values: another value wrapped, two values, a length.
func notTenant(t ids.TenantID, kind string) []string {
	return []string{
		fmt.Sprintf("RECOVERY#%s#%s", normalizeToken(kind), kind),
		fmt.Sprintf("RECOVERY#%s", pair(string(t), kind)),
		fmt.Sprintf("RECOVERY#%d", len(t)),
	}
}

// capsuleFor derives a capsule value from the tenant: not the tenant.
func capsuleFor(t string) string { return t + "-prod" }

func derived(t ids.TenantID) string {
	return fmt.Sprintf("RECOVERY#%s", capsuleFor(string(t)))
}
