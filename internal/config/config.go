// Package config holds capsulelint's single configuration struct and its
// sources: defaults, a capsulelint.yaml file, the golangci-lint plugin's
// settings map and analyzer flags, applied in that order.
package config

import (
	"fmt"
	"regexp"
	"strings"
)

// FileName is the configuration file searched for from the working
// directory up to the module root.
const FileName = "capsulelint.yaml"

// Config is capsulelint's configuration. The yaml keys are a public contract.
type Config struct {
	// TenantTypes and CapsuleTypes name extra types that are tenant / capsule
	// IDs: a bare name (OrgID) or a qualified one (example.com/ids.OrgID).
	// TenantID/TenantId and CapsuleID/CapsuleId always count.
	TenantTypes  []string `yaml:"tenant-types"`
	CapsuleTypes []string `yaml:"capsule-types"`
	// TenantNames and CapsuleNames are exact identifiers of string-kind
	// parameters, fields and variables that hold tenant / capsule IDs.
	TenantNames  []string `yaml:"tenant-names"`
	CapsuleNames []string `yaml:"capsule-names"`

	Labels                Labels `yaml:"labels"`
	CaseInsensitiveLabels bool   `yaml:"case-insensitive-labels"`
	Separator             string `yaml:"separator"`

	RepositoryPattern string `yaml:"repository-pattern"`
	KeyhelperPattern  string `yaml:"keyhelper-pattern"`
	NestedDepth       int    `yaml:"nested-depth"`

	CapsuleSource Source `yaml:"capsule-source"`
	TestCapsule   Source `yaml:"test-capsule"`

	GlobalLabels []string `yaml:"global-labels"`
	IncludeTests bool     `yaml:"include-tests"`

	// Baseline is a file of accepted findings (see -baseline); only new
	// findings are reported.
	Baseline string `yaml:"baseline"`

	// SingleFileFixes keeps only suggested fixes whose edits stay in the
	// diagnostic's file: golangci-lint applies no others correctly. Set by
	// the plugin, not by users.
	SingleFileFixes bool `yaml:"-"`

	// origin names where the configuration was read from, for errors.
	origin string
}

// Labels are the key labels of the tenant and capsule segments.
type Labels struct {
	Tenant  string `yaml:"tenant"`
	Capsule string `yaml:"capsule"`
}

// Source is an expression template that yields a capsule ID: Expr may use
// {ctx} for an in-scope context.Context; Import is the package it needs.
type Source struct {
	Import string `yaml:"import"`
	Expr   string `yaml:"expr"`
}

// IsZero reports whether no source is configured.
func (s Source) IsZero() bool { return s.Expr == "" }

// NeedsContext reports whether the expression uses {ctx}.
func (s Source) NeedsContext() bool { return strings.Contains(s.Expr, "{ctx}") }

// Default patterns from DESIGN.md.
const (
	DefaultRepositoryPattern = `(Repository|Repo|Store)$`
	DefaultKeyhelperPattern  = `(?i)^gsi\d*(pk|sk)`
)

// Default returns the built-in configuration.
func Default() Config {
	return Config{
		Labels:            Labels{Tenant: "TENANT", Capsule: "CAPSULE"},
		Separator:         "#",
		RepositoryPattern: DefaultRepositoryPattern,
		KeyhelperPattern:  DefaultKeyhelperPattern,
		NestedDepth:       1,
		IncludeTests:      true,
		origin:            "defaults",
	}
}

// Origin names the file or settings the configuration was last read from.
func (c Config) Origin() string { return c.origin }

// Validate checks values that decoding cannot: patterns, labels, sources.
// Errors name the key and the origin.
func (c Config) Validate() error {
	bad := func(key, format string, args ...any) error {
		return fmt.Errorf("%s: %s: %s", c.origin, key, fmt.Sprintf(format, args...))
	}
	for key, pattern := range map[string]string{
		"repository-pattern": c.RepositoryPattern,
		"keyhelper-pattern":  c.KeyhelperPattern,
	} {
		if pattern == "" {
			return bad(key, "empty pattern; want a Go regexp such as %q", DefaultRepositoryPattern)
		}
		if _, err := regexp.Compile(pattern); err != nil {
			return bad(key, "bad regexp %q: %v", pattern, err)
		}
	}
	if c.Separator == "" {
		return bad("separator", "empty; want a segment separator such as \"#\"")
	}
	if c.Labels.Tenant == "" || c.Labels.Capsule == "" {
		return bad("labels", "both tenant and capsule labels are required, e.g. {tenant: TENANT, capsule: CAPSULE}")
	}
	for _, l := range []string{c.Labels.Tenant, c.Labels.Capsule} {
		if strings.Contains(l, c.Separator) {
			return bad("labels", "label %q contains the separator %q", l, c.Separator)
		}
	}
	if sameLabel(c.Labels.Tenant, c.Labels.Capsule, c.CaseInsensitiveLabels) {
		return bad("labels", "tenant and capsule labels are both %q; they must differ", c.Labels.Tenant)
	}
	if c.NestedDepth < 0 {
		return bad("nested-depth", "%d is negative; want 0 or more", c.NestedDepth)
	}
	for _, s := range []struct {
		key string
		src Source
	}{{"capsule-source", c.CapsuleSource}, {"test-capsule", c.TestCapsule}} {
		if s.src.Expr == "" && s.src.Import != "" {
			return bad(s.key, "import %q given without expr", s.src.Import)
		}
	}
	if c.CapsuleSource.Expr != "" && !c.CapsuleSource.NeedsContext() {
		return bad("capsule-source", "expr %q does not use {ctx}; want e.g. \"reqctx.Capsule({ctx})\" (use test-capsule for a context-free expression in tests)", c.CapsuleSource.Expr)
	}
	for key, names := range map[string][]string{
		"tenant-types": c.TenantTypes, "capsule-types": c.CapsuleTypes,
		"tenant-names": c.TenantNames, "capsule-names": c.CapsuleNames,
		"global-labels": c.GlobalLabels,
	} {
		for _, n := range names {
			if strings.TrimSpace(n) == "" {
				return bad(key, "empty entry")
			}
		}
	}
	for _, n := range c.TenantNames {
		for _, m := range c.CapsuleNames {
			if n == m {
				return bad("capsule-names", "%q is also in tenant-names", n)
			}
		}
	}
	for _, n := range c.TenantTypes {
		for _, m := range c.CapsuleTypes {
			if n == m {
				return bad("capsule-types", "%q is also in tenant-types", n)
			}
		}
	}
	return nil
}

func sameLabel(a, b string, fold bool) bool {
	if fold {
		return strings.EqualFold(a, b)
	}
	return a == b
}
