package config

import (
	"strings"
	"testing"
)

// Regression tests, one per bug found in this package.

// A wrong value type used to yield yaml.v3's "line 1: cannot unmarshal
// !!str `deep` into int", naming neither the key nor the file.
func TestRegressionWrongTypeNamesKey(t *testing.T) {
	_, err := Decode(Default(), []byte("separator: '|'\nnested-depth: deep\n"), "svc/capsulelint.yaml")
	wantErr(t, err, "svc/capsulelint.yaml:2:", "nested-depth", "want an integer", `"deep"`)
	if strings.Contains(err.Error(), "unmarshal") || strings.Contains(err.Error(), "!!") {
		t.Errorf("error %q leaks yaml.v3 internals", err)
	}
	_, err = DecodeSettings(Default(), map[string]any{"labels": map[string]any{"tenant": []any{"A"}}})
	wantErr(t, err, SettingsOrigin, "labels.tenant", "want a string")
}

// yaml.v3 silently truncates 1.5 to 1 when decoding into an int.
func TestRegressionFractionalIntNotTruncated(t *testing.T) {
	_, err := Decode(Default(), []byte("nested-depth: 1.5\n"), "capsulelint.yaml")
	wantErr(t, err, "nested-depth", `"1.5"`)
	c, err := Decode(Default(), []byte("nested-depth: 2.0\n"), "capsulelint.yaml")
	if err != nil || c.NestedDepth != 2 {
		t.Errorf("nested-depth: 2.0 = %d, %v; want 2", c.NestedDepth, err)
	}
	// golangci-lint hands numbers over as float64.
	c, err = DecodeSettings(Default(), map[string]any{"nested-depth": 3.0})
	if err != nil || c.NestedDepth != 3 {
		t.Errorf("settings nested-depth 3.0 = %d, %v; want 3", c.NestedDepth, err)
	}
}

// yaml.Marshal panics on a func value; DecodeSettings must not.
func TestRegressionSettingsWithFuncDoNotPanic(t *testing.T) {
	_, err := DecodeSettings(Default(), map[string]any{"separator": func() {}})
	wantErr(t, err, SettingsOrigin)
}

// An empty keyhelper-pattern was told to look like the repository pattern.
func TestRegressionEmptyKeyhelperPatternExample(t *testing.T) {
	_, err := Decode(Default(), []byte("keyhelper-pattern: ''\n"), "capsulelint.yaml")
	wantErr(t, err, "keyhelper-pattern", DefaultKeyhelperPattern)
	if strings.Contains(err.Error(), DefaultRepositoryPattern) {
		t.Errorf("error %q suggests the repository pattern", err)
	}
}

// Validate iterated over maps, so with two bad keys the one reported
// changed from run to run.
func TestRegressionValidateDeterministic(t *testing.T) {
	c := Default()
	c.RepositoryPattern, c.KeyhelperPattern = "(", "["
	c.TenantTypes, c.CapsuleTypes = []string{""}, []string{""}
	first := c.Validate().Error()
	for range 50 {
		if got := c.Validate().Error(); got != first {
			t.Fatalf("Validate = %q, then %q", first, got)
		}
	}
}

// A capsule type that is also a default tenant type (or a bare name that
// matches a qualified one) made the classifier call it both.
func TestRegressionTypeBothTenantAndCapsule(t *testing.T) {
	for _, doc := range []string{
		"capsule-types: [TenantID]\n",
		"capsule-types: [example.com/ids.TenantId]\n",
		"tenant-types: [example.com/ids.CapsuleID]\n",
		"tenant-types: [OrgID]\ncapsule-types: [example.com/ids.OrgID]\n",
		"tenant-types: [example.com/a.OrgID]\ncapsule-types: [OrgID]\n",
	} {
		if _, err := Decode(Default(), []byte(doc), "capsulelint.yaml"); err == nil {
			t.Errorf("Decode(%q) accepted a type that is both a tenant and a capsule ID", doc)
		}
	}
	// Same type name in different packages, both qualified: distinct types.
	if _, err := Decode(Default(), []byte("tenant-types: [example.com/a.Key]\ncapsule-types: [example.com/b.Key]\n"), "capsulelint.yaml"); err != nil {
		t.Errorf("distinct qualified types rejected: %v", err)
	}
}

// global-labels: [TENANT] made every tenant key global reference data,
// silencing every finding.
func TestRegressionGlobalLabelIsTenantLabel(t *testing.T) {
	_, err := Decode(Default(), []byte("global-labels: [tenant]\ncase-insensitive-labels: true\n"), "capsulelint.yaml")
	wantErr(t, err, "global-labels", `"tenant"`)
	if _, err := Decode(Default(), []byte("global-labels: [tenant]\n"), "capsulelint.yaml"); err != nil {
		t.Errorf("case-sensitive: tenant differs from TENANT, got %v", err)
	}
}

// A capsule-source expression that is not Go produced fixes that do not
// compile.
func TestRegressionSourceExprMustParse(t *testing.T) {
	_, err := Decode(Default(), []byte("capsule-source: {expr: 'reqctx.Capsule({ctx}'}\n"), "capsulelint.yaml")
	wantErr(t, err, "capsule-source.expr", "not a Go expression")
	if _, err := Decode(Default(), []byte("capsule-source: {expr: 'reqctx.FromContext({ctx}).Capsule'}\n"), "capsulelint.yaml"); err != nil {
		t.Errorf("valid expr rejected: %v", err)
	}
}

// With case-insensitive-labels, labels TENANT and Tenant were reported as
// "both "TENANT"".
func TestRegressionFoldedLabelsMessageShowsBoth(t *testing.T) {
	_, err := Decode(Default(), []byte("case-insensitive-labels: true\nlabels: {capsule: Tenant}\n"), "capsulelint.yaml")
	wantErr(t, err, `"TENANT"`, `"Tenant"`, "case-insensitive-labels")
}

// A second YAML document was silently ignored.
func TestRegressionSecondDocumentNotIgnored(t *testing.T) {
	_, err := Decode(Default(), []byte("separator: '|'\n---\nnested-depth: 5\n"), "capsulelint.yaml")
	wantErr(t, err, "capsulelint.yaml:", "second YAML document")
}

// Flag errors repeated the flag name: invalid value "x" for flag
// -nested-depth: flag -nested-depth: "x" is not an integer.
func TestRegressionFlagErrorsSayWhatIsWanted(t *testing.T) {
	for _, s := range setters {
		if s.name == "nested-depth" || s.name == "include-tests" {
			err := s.set(&Config{}, "x")
			if err == nil || strings.Contains(err.Error(), "flag -") || !strings.Contains(err.Error(), "want") {
				t.Errorf("-%s=x: %v", s.name, err)
			}
		}
	}
}
