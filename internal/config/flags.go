package config

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
)

// Flags exposes every configuration key as a command-line flag, so that
// drivers which pass only analyzer flags (go vet -vettool, Bazel nogo) can
// configure capsulelint: -tenant-types=a,b, -labels.tenant=ORG, -config=FILE.
// Flag values are recorded and applied over the file by Resolve.
type Flags struct {
	ConfigPath string
	overrides  []func(*Config) error
}

type setter struct {
	name, usage string
	isBool      bool
	set         func(c *Config, v string) error
}

func list(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func setBool(dst *bool, key, v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("want true or false, e.g. -%s=false", key)
	}
	*dst = b
	return nil
}

var setters = []setter{
	{"tenant-types", "comma-separated extra tenant ID types (OrgID or example.com/ids.OrgID)", false, func(c *Config, v string) error { c.TenantTypes = list(v); return nil }},
	{"capsule-types", "comma-separated extra capsule ID types", false, func(c *Config, v string) error { c.CapsuleTypes = list(v); return nil }},
	{"tenant-names", "comma-separated names of string params/fields/variables holding tenant IDs", false, func(c *Config, v string) error { c.TenantNames = list(v); return nil }},
	{"capsule-names", "comma-separated names of string params/fields/variables holding capsule IDs", false, func(c *Config, v string) error { c.CapsuleNames = list(v); return nil }},
	{"labels.tenant", "key label of the tenant segment", false, func(c *Config, v string) error { c.Labels.Tenant = v; return nil }},
	{"labels.capsule", "key label of the capsule segment", false, func(c *Config, v string) error { c.Labels.Capsule = v; return nil }},
	{"case-insensitive-labels", "match key labels case-insensitively", true, func(c *Config, v string) error {
		return setBool(&c.CaseInsensitiveLabels, "case-insensitive-labels", v)
	}},
	{"separator", "key segment separator", false, func(c *Config, v string) error { c.Separator = v; return nil }},
	{"repository-pattern", "regexp of repository type names", false, func(c *Config, v string) error { c.RepositoryPattern = v; return nil }},
	{"keyhelper-pattern", "regexp of GSI key helper func names", false, func(c *Config, v string) error { c.KeyhelperPattern = v; return nil }},
	{"nested-depth", "how deep capsulefield looks through named struct fields", false, func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("want an integer, e.g. -nested-depth=2")
		}
		c.NestedDepth = n
		return nil
	}},
	{"capsule-source.import", "import path of the capsule-source expression", false, func(c *Config, v string) error { c.CapsuleSource.Import = v; return nil }},
	{"capsule-source.expr", "capsule value expression, {ctx} = in-scope context.Context", false, func(c *Config, v string) error { c.CapsuleSource.Expr = v; return nil }},
	{"test-capsule.import", "import path of the test-capsule expression", false, func(c *Config, v string) error { c.TestCapsule.Import = v; return nil }},
	{"test-capsule.expr", "capsule value expression used in _test.go files", false, func(c *Config, v string) error { c.TestCapsule.Expr = v; return nil }},
	{"global-labels", "comma-separated labels of global reference-data keys", false, func(c *Config, v string) error { c.GlobalLabels = list(v); return nil }},
	{"include-tests", "analyse _test.go files", true, func(c *Config, v string) error { return setBool(&c.IncludeTests, "include-tests", v) }},
	{"baseline", "file of accepted findings; only new ones are reported", false, func(c *Config, v string) error { c.Baseline = v; return nil }},
}

type flagValue struct {
	f   *Flags
	s   setter
	val string
}

func (v *flagValue) String() string   { return v.val }
func (v *flagValue) IsBoolFlag() bool { return v.s.isBool }
func (v *flagValue) Set(val string) error {
	// Check the value now so that bad flags fail at parse time.
	probe := Default()
	if err := v.s.set(&probe, val); err != nil {
		return err
	}
	v.val = val
	v.f.overrides = append(v.f.overrides, func(c *Config) error { return v.s.set(c, val) })
	return nil
}

// Register adds -config and one flag per configuration key to fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	fs.StringVar(&f.ConfigPath, "config", "", "path of a "+FileName+" (default: searched from the working directory up to the module root)")
	for _, s := range setters {
		fs.Var(&flagValue{f: f, s: s}, s.name, s.usage)
	}
}

// Apply overlays the flags that were set on c and validates the result.
func (f *Flags) Apply(c Config) (Config, error) {
	if len(f.overrides) == 0 {
		return c, nil
	}
	for _, o := range f.overrides {
		if err := o(&c); err != nil {
			return c, err
		}
	}
	c.origin = "flags over " + c.origin
	return c, c.Validate()
}
