// Package robust_formats has key templates in unusual shapes: bad verbs,
// argument mismatches, indexes out of range, spread arguments, byte
// slices, typed constants and odd struct tags.
package robust_formats

import (
	"fmt"
	"strings"

	"ids"
)

const (
	prefix   = "TENANT#"
	combined = prefix + "%s#COMBINED#%s" // want `keyformat: key "TENANT#%s#COMBINED#%s" has no CAPSULE# segment: .*; no fix: the format is not a single string literal`
)

func tooFewArgs(t ids.TenantID) string {
	return fmt.Sprintf("TENANT#%s#FEW#%s", t) // want `keyformat: key "TENANT#%s#FEW#%s" has no CAPSULE# segment: .*; no fix: the call at formats.go:\d+ passes fewer arguments than its format uses`
}

func tooManyArgs(t ids.TenantID, c ids.CapsuleID) string {
	return fmt.Sprintf("TENANT#%s#MANY", t, c, 3) // want `keyformat: key "TENANT#%s#MANY" has no CAPSULE# segment: .* \(want "TENANT#%s#CAPSULE#%s#MANY"\)$`
}

func badIndex(t ids.TenantID) string {
	return fmt.Sprintf("TENANT#%[3]s#IDX#%[1]s", t) // want `keyformat: key "TENANT#%\[3\]s#IDX#%\[1\]s" has no CAPSULE# segment: .*; no fix: the call at formats.go:\d+ passes fewer arguments than its format uses`
}

func starWidth(t ids.TenantID, w int) string {
	return fmt.Sprintf("TENANT#%*s#STAR#%-*d", w, t, w, 7) // want `keyformat: key "TENANT#%\*s#STAR#%-\*d" has no CAPSULE# segment: .*; no fix: the format takes a width or precision from an argument`
}

func percent(t ids.TenantID) string {
	return fmt.Sprintf("TENANT#%s#PCT%%#X", t) // want `keyformat: key "TENANT#%s#PCT%%#X" has no CAPSULE# segment: .* \(want "TENANT#%s#CAPSULE#%s#PCT%%#X"\)$`
}

// Formats that do not parse (vet reports them) are not keys.
func badVerb(t ids.TenantID) string {
	return fmt.Sprintf("TENANT#%s#BAD#%!", t)
}

func trailingPercent(t ids.TenantID) string {
	return fmt.Sprintf("TENANT#%s#END%", t)
}

func spread(args ...any) string {
	return fmt.Sprintf("TENANT#%s#SPREAD#%s", args...) // want `keyformat: key "TENANT#%s#SPREAD#%s" has no CAPSULE# segment: .*; no fix: `
}

func nonConstFormat(t ids.TenantID, f string) string {
	return fmt.Sprintf(f+"#TENANT#%s", t)
}

func bytesKey(t ids.TenantID) []byte {
	b := append([]byte("TENANT#"), t...)
	return fmt.Appendf(b, "#BYTES#%d", 1)
}

func runeConcat(t ids.TenantID, r rune) string {
	return "TENANT#" + string(t) + "#R#" + string(r) // want `keyformat: key "TENANT#\{t\}#R#\{r\}" has no CAPSULE# segment`
}

func combinedKey(t ids.TenantID) string {
	return fmt.Sprintf(combined, t, "x")
}

func joinVar(t ids.TenantID, sep string) string {
	parts := []string{"TENANT", string(t), "J"}
	return strings.Join(parts, sep) + strings.Join([]string{"TENANT", string(t)}, "#") // want `keyformat: key "TENANT#\{t\}" has no CAPSULE# segment`
}

func unicode(t ids.TenantID) string {
	return fmt.Sprintf("TÉNANT#%s#ÜBER#%s", t, "x") + fmt.Sprintf("TENANT#%s#日本#%s", t, "x") // want `keyformat: key "TENANT#%s#日本#%s" has no CAPSULE# segment`
}

func onlyLabels() []string {
	return []string{"TENANT#", "#TENANT#", "TENANT##", "##", "#", "CAPSULE#TENANT#", "TENANT#CAPSULE#"}
}

type Tagged struct {
	TenantID  ids.TenantID  `json:"tenant_id" pk:"TENANT#{tenant_id}#CAPSULE#{capsule_id}"`
	CapsuleID ids.CapsuleID `json:"capsule_id"`
	Weird     string        "pk:\"TENANT#{tenant_id sk:\"\\\"TENANT#\\\"\" bad"
	Empty     string        `pk:""`
	NoValue   string        `pk`
}
