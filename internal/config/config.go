// Package config holds capsulelint's single configuration struct and its
// sources: defaults, a capsulelint.yaml file, the golangci-lint plugin's
// settings map and analyzer flags, applied in that order.
package config

import (
	"fmt"
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"strings"
	"unicode"
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

	// FixScope is how far the driver running the analyzers can follow a
	// suggested fix; it decides which fixes are attached. Drivers set it,
	// users cannot (it is no configuration key). The zero value,
	// FixPackage, is right for any driver that does not say.
	FixScope FixScope `yaml:"-"`

	// origin names where the configuration was read from, for errors.
	origin string
}

// FixScope is how far a driver applies a suggested fix.
type FixScope int

const (
	// FixPackage: the driver applies one package's fixes and sees no
	// other package (go vet -vettool, go fix -fixtool, the -json output,
	// any driver that does not say): a fix that changes the signature of
	// an exported function, method or interface method is withheld, since
	// callers and implementations in other packages would stop building.
	FixPackage FixScope = iota
	// FixSingleFile: as FixPackage, and the driver applies only the
	// edits in the diagnostic's own file (golangci-lint), so a fix with
	// edits elsewhere is withheld too.
	FixSingleFile
	// FixWorkspace: capsulelint's fix engine applies the fixes and
	// completes their changes in every package (capsulelint -fix,
	// migrate, the editor server, plain text lint output): every fix is
	// kept.
	FixWorkspace
)

func (s FixScope) String() string {
	switch s {
	case FixPackage:
		return "package"
	case FixSingleFile:
		return "single-file"
	case FixWorkspace:
		return "workspace"
	}
	return fmt.Sprintf("FixScope(%d)", int(s))
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

// Validate checks values that decoding cannot: patterns, labels, names,
// sources. Errors name the origin and the key and say what is wanted.
func (c Config) Validate() error {
	if ke := c.validate(); ke != nil {
		return fmt.Errorf("%s: %s: %s", c.origin, ke.key, ke.msg)
	}
	return nil
}

// keyError is a validation problem with one key.
type keyError struct{ key, msg string }

// validate checks c key by key, in the order of the Config fields, so that
// the first problem reported does not depend on map iteration order.
func (c Config) validate() *keyError {
	bad := func(key, format string, args ...any) *keyError {
		return &keyError{key, fmt.Sprintf(format, args...)}
	}
	for _, l := range []struct {
		key   string
		types []string
	}{{"tenant-types", c.TenantTypes}, {"capsule-types", c.CapsuleTypes}} {
		for _, n := range l.types {
			if !validTypeName(n) {
				return bad(l.key, "%q is not a type name; want a name such as OrgID or a qualified one such as example.com/ids.OrgID", n)
			}
		}
	}
	for _, n := range c.TenantTypes {
		if m, ok := sameType(n, c.CapsuleTypes); ok {
			return bad("capsule-types", "%q is also a tenant type (tenant-types has %q); a type is either a tenant or a capsule ID", m, n)
		}
		if m, ok := sameType(n, defaultTypes[1]); ok {
			return bad("tenant-types", "%q names %s, which is always a capsule ID type; a type is either a tenant or a capsule ID", n, m)
		}
	}
	for _, n := range c.CapsuleTypes {
		if m, ok := sameType(n, defaultTypes[0]); ok {
			return bad("capsule-types", "%q names %s, which is always a tenant ID type; a type is either a tenant or a capsule ID", n, m)
		}
	}
	for _, l := range []struct {
		key   string
		names []string
	}{{"tenant-names", c.TenantNames}, {"capsule-names", c.CapsuleNames}} {
		for _, n := range l.names {
			if !token.IsIdentifier(n) {
				return bad(l.key, "%q is not a Go identifier; want parameter or field names such as [orgSlug, OrgSlug]", n)
			}
		}
	}
	for _, n := range c.TenantNames {
		if slices.Contains(c.CapsuleNames, n) {
			return bad("capsule-names", "%q is also in tenant-names; a name holds either a tenant or a capsule ID", n)
		}
	}
	if c.Labels.Tenant == "" || c.Labels.Capsule == "" {
		return bad("labels", "both tenant and capsule labels are required, e.g. {tenant: TENANT, capsule: CAPSULE}")
	}
	if c.Separator == "" {
		return bad("separator", "empty; want a segment separator such as \"#\"")
	}
	for _, l := range []struct{ key, label string }{{"labels.tenant", c.Labels.Tenant}, {"labels.capsule", c.Labels.Capsule}} {
		if strings.Contains(l.label, c.Separator) {
			return bad(l.key, "label %q contains the separator %q; want a bare label such as TENANT", l.label, c.Separator)
		}
	}
	if c.Labels.Tenant == c.Labels.Capsule {
		return bad("labels", "tenant and capsule labels are both %q; they must differ, e.g. {tenant: TENANT, capsule: CAPSULE}", c.Labels.Tenant)
	}
	if sameLabel(c.Labels.Tenant, c.Labels.Capsule, c.CaseInsensitiveLabels) {
		return bad("labels", "tenant label %q and capsule label %q are the same with case-insensitive-labels on; they must differ, e.g. {tenant: TENANT, capsule: CAPSULE}", c.Labels.Tenant, c.Labels.Capsule)
	}
	for _, p := range []struct{ key, pattern, example string }{
		{"repository-pattern", c.RepositoryPattern, DefaultRepositoryPattern},
		{"keyhelper-pattern", c.KeyhelperPattern, DefaultKeyhelperPattern},
	} {
		if p.pattern == "" {
			return bad(p.key, "empty pattern; want a Go regexp such as '%s'", p.example)
		}
		if _, err := regexp.Compile(p.pattern); err != nil {
			return bad(p.key, "bad regexp %q: %s; want a Go regexp such as '%s'", p.pattern, oneLine(err.Error()), p.example)
		}
	}
	if c.NestedDepth < 0 {
		return bad("nested-depth", "%d is negative; want 0 or more", c.NestedDepth)
	}
	for _, s := range []struct {
		key, example string
		src          Source
	}{
		{"capsule-source", `{import: example.com/internal/reqctx, expr: "reqctx.Capsule({ctx})"}`, c.CapsuleSource},
		{"test-capsule", `{import: example.com/internal/testids, expr: "testids.Capsule()"}`, c.TestCapsule},
	} {
		if s.src.Expr == "" {
			if s.src.Import != "" {
				return bad(s.key, "import %q given without expr; want e.g. %s", s.src.Import, s.example)
			}
			continue
		}
		if _, err := parser.ParseExpr(strings.ReplaceAll(s.src.Expr, "{ctx}", "ctx")); err != nil {
			return bad(s.key+".expr", "%q is not a Go expression (%s); want e.g. %s", s.src.Expr, oneLine(err.Error()), s.example)
		}
	}
	if c.CapsuleSource.Expr != "" && !c.CapsuleSource.NeedsContext() {
		return bad("capsule-source", "expr %q does not use {ctx}; want e.g. \"reqctx.Capsule({ctx})\" (use test-capsule for a context-free expression in tests)", c.CapsuleSource.Expr)
	}
	for _, l := range c.GlobalLabels {
		switch {
		case strings.TrimSpace(l) == "":
			return bad("global-labels", "empty entry; want labels such as [CURRENCY, SCHEMA]")
		case strings.Contains(l, c.Separator):
			return bad("global-labels", "label %q contains the separator %q; want bare labels such as [CURRENCY, SCHEMA]", l, c.Separator)
		case sameLabel(l, c.Labels.Tenant, c.CaseInsensitiveLabels) || sameLabel(l, c.Labels.Capsule, c.CaseInsensitiveLabels):
			return bad("global-labels", "%q is the tenant or capsule label; global-labels name the first label of global reference-data keys, such as [CURRENCY, SCHEMA]", l)
		}
	}
	return nil
}

// defaultTypes are the type names that are always tenant / capsule IDs.
var defaultTypes = [2][]string{{"TenantID", "TenantId"}, {"CapsuleID", "CapsuleId"}}

// validTypeName reports whether n is Name or path.Name.
func validTypeName(n string) bool {
	i := strings.LastIndex(n, ".")
	if i < 0 {
		return token.IsIdentifier(n)
	}
	path := n[:i]
	return token.IsIdentifier(n[i+1:]) && path != "" && !strings.ContainsFunc(path, unicode.IsSpace) && !strings.HasSuffix(path, "/")
}

// sameType reports the entry of others that names the same type as n:
// equal, or a bare name equal to the other's type name (a bare name
// matches that type in any package).
func sameType(n string, others []string) (string, bool) {
	base := func(s string) string { return s[strings.LastIndex(s, ".")+1:] }
	bare := func(s string) bool { return !strings.Contains(s, ".") }
	for _, m := range others {
		if n == m || (bare(n) || bare(m)) && base(n) == base(m) {
			return m, true
		}
	}
	return "", false
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func sameLabel(a, b string, fold bool) bool {
	if fold {
		return strings.EqualFold(a, b)
	}
	return a == b
}
