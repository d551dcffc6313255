package keyformat

import (
	"context"
	"fmt"
	"strings"

	"ids"
)

// Invoice is a capsule-scoped entity.
type Invoice struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	ID        string
}

func goodKey(t ids.TenantID, c ids.CapsuleID, id string) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s#INVOICE#%s", t, c, id)
}

func goodConcat(t ids.TenantID, c ids.CapsuleID, id string) string {
	return "TENANT#" + string(t) + "#CAPSULE#" + string(c) + "#INVOICE#" + id
}

func invoiceKey(tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) string {
	return fmt.Sprintf("TENANT#%s#INVOICE#%s", tenantID, id) // want `key "TENANT#%s#INVOICE#%s" has no CAPSULE# segment: rows from every capsule of the tenant share it \(want "TENANT#%s#CAPSULE#%s#INVOICE#%s"\)`
}

func indexedKey(tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) string {
	return fmt.Sprintf("TENANT#%[1]s#INVOICE#%[2]s#BY#%[1]s", tenantID, id) // want `key "TENANT#%\[1\]s#INVOICE#%\[2\]s#BY#%\[1\]s" has no CAPSULE# segment: .* \(want "TENANT#%\[1\]s#CAPSULE#%\[2\]s#INVOICE#%\[3\]s#BY#%\[1\]s"\)`
}

func tenantOnly(tenantID ids.TenantID, capsuleID ids.CapsuleID) string {
	return fmt.Sprintf("TENANT#%s", tenantID) // want `key "TENANT#%s" has no CAPSULE# segment`
}

func fromRequest(inv Invoice) string {
	return fmt.Sprintf("TENANT#%s#INVOICE#%s", inv.TenantID, inv.ID) // want `key "TENANT#%s#INVOICE#%s" has no CAPSULE# segment`
}

func fromContext(ctx context.Context, tenantID ids.TenantID, id string) string {
	return fmt.Sprintf("TENANT#%v#INVOICE#%s", tenantID, id) // want `key "TENANT#%v#INVOICE#%s" has no CAPSULE# segment`
}

func appended(buf []byte, tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) []byte {
	return fmt.Appendf(buf, "TENANT#%s#INVOICE#%s", tenantID, id) // want `key "TENANT#%s#INVOICE#%s" has no CAPSULE# segment`
}

func misordered(t ids.TenantID, c ids.CapsuleID, id string) string {
	return fmt.Sprintf("CAPSULE#%s#TENANT#%s#INVOICE#%s", c, t, id) // want `key "CAPSULE#%s#TENANT#%s#INVOICE#%s" has its CAPSULE# segment before its TENANT# segment: capsules nest inside tenants, and a query by tenant prefix misses these rows \(want "TENANT#%s#CAPSULE#%s#INVOICE#%s"\)`
}

func capsuleLater(t ids.TenantID, c ids.CapsuleID, id string) string {
	return fmt.Sprintf("TENANT#%s#INVOICE#%s#CAPSULE#%s", t, id, c) // want `key "TENANT#%s#INVOICE#%s#CAPSULE#%s" does not have its CAPSULE# segment right after its TENANT# segment`
}

func swapped(t ids.TenantID, c ids.CapsuleID, id string) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s#INVOICE#%s", c, t, id) // want `key "TENANT#%s#CAPSULE#%s#INVOICE#%s" has capsule value c in its TENANT# segment and tenant value t in its CAPSULE# segment: the rows are filed under the wrong tenant \(want TENANT#{t}#CAPSULE#{c}\)`
}

func concatKey(tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) string {
	return "TENANT#" + string(tenantID) + "#INVOICE#" + id // want `key "TENANT#{tenantID}#INVOICE#{id}" has no CAPSULE# segment: .* \(want "TENANT#{tenantID}#CAPSULE#{capsuleID}#INVOICE#{id}"\)`
}

func concatSeparate(tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) string {
	return "TENANT#" + string(tenantID) + "#" + "INVOICE#" + id // want `key "TENANT#{tenantID}#INVOICE#{id}" has no CAPSULE# segment`
}

func concatPrefix(tenantID ids.TenantID, capsuleID ids.CapsuleID) string {
	return "TENANT#" + string(tenantID) + "#" // want `key "TENANT#{tenantID}#" has no CAPSULE# segment`
}

func concatEnd(tenantID ids.TenantID, capsule string) string {
	return "TENANT#" + string(tenantID) // want `key "TENANT#{tenantID}" has no CAPSULE# segment`
}

func concatMisordered(t ids.TenantID, c ids.CapsuleID, id string) string {
	return "CAPSULE#" + string(c) + "#TENANT#" + string(t) + "#INVOICE#" + id // want `key "CAPSULE#{c}#TENANT#{t}#INVOICE#{id}" has its CAPSULE# segment before its TENANT# segment`
}

func concatSwapped(t ids.TenantID, c ids.CapsuleID) string {
	return "TENANT#" + string(c) + "#CAPSULE#" + string(t) // want `key "TENANT#{c}#CAPSULE#{t}" has capsule value c in its TENANT# segment and tenant value t in its CAPSULE# segment`
}

func joinKey(tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) string {
	return strings.Join([]string{"TENANT", string(tenantID), "INVOICE", id}, "#") // want `key "TENANT#{tenantID}#INVOICE#{id}" has no CAPSULE# segment`
}

func joinMisordered(t ids.TenantID, c ids.CapsuleID, id string) string {
	return strings.Join([]string{"CAPSULE", string(c), "TENANT", string(t), "INVOICE", id}, "#") // want `has its CAPSULE# segment before its TENANT# segment`
}

func accountKey(tenantID ids.TenantID, account string) string {
	return fmt.Sprintf("ACCOUNT#%s#ITEM#%s", tenantID, account) // want `key "ACCOUNT#%s#ITEM#%s" has tenant value tenantID but no TENANT# segment: rows of every tenant share its key space \(want it to start with "TENANT#{tenantID}#CAPSULE#"\); no fix: `
}

// Not keys.
func notKeys(tenantID ids.TenantID, n int, name string) []string {
	return []string{
		fmt.Sprintf("#%06x", n),
		fmt.Sprintf("C# SDK for %s", tenantID),
		fmt.Sprintf("issue #%d", n),
		fmt.Sprintf("## Totals for %s", tenantID),
		fmt.Sprintf("https://example.com/docs#%s", tenantID),
		"https://example.com/tenants/" + string(tenantID) + "#settings",
		fmt.Sprintf("TENANT#%s: not found", tenantID),
		"TENANT#",
		"# " + name,
		strings.Join([]string{"a", name}, "#"),
		fmt.Sprintf("%s#%s", tenantID, name),
	}
}

// Bare labels used for parsing are not keys.
func parse(pk string) (string, bool) {
	if !strings.HasPrefix(pk, "TENANT#") {
		return "", false
	}
	rest := strings.TrimPrefix(pk, "TENANT#")
	return strings.CutPrefix(rest, "CAPSULE#")
}

// A key without a tenant value or label: not keyformat's business.
func currencyKey(code string) string {
	return fmt.Sprintf("CURRENCY#%s", code)
}

//capsule:global exchange rates are shared by every tenant
func rateKey(t ids.TenantID, code string) string {
	return fmt.Sprintf("TENANT#%s#RATE#%s", t, code)
}

//capsule:tenant-scoped billing settings belong to the tenant, not a capsule
func settingsKey(t ids.TenantID) string {
	return fmt.Sprintf("TENANT#%s#SETTINGS", t)
}

func legacyExport(t ids.TenantID, id string) string {
	//capsule:ignore keyformat the legacy export format is removed in v2
	return fmt.Sprintf("TENANT#%s#EXPORT#%s", t, id)
}

// Prefixes passed to parsing functions are not keys.
func parseTenant(pk string, t ids.TenantID) (string, bool) {
	if strings.HasPrefix(pk, fmt.Sprintf("TENANT#%s#", t)) {
		return strings.TrimPrefix(pk, ("TENANT#" + string(t) + "#")), true
	}
	return strings.CutPrefix(pk, "TENANT#"+string(t)+"#")
}

func misorderedAndSwapped(t ids.TenantID, c ids.CapsuleID) string {
	return fmt.Sprintf("CAPSULE#%s#TENANT#%s", t, c) // want `key "CAPSULE#%s#TENANT#%s" has its CAPSULE# segment before its TENANT# segment: .* \(want "TENANT#%s#CAPSULE#%s"\)`
}
