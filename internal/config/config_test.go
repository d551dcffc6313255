package config

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// keyCase sets one configuration key in each of its three forms.
type keyCase struct {
	key      string
	yaml     string
	settings map[string]any
	flags    []string
	check    func(c Config) bool
}

var keyCases = []keyCase{
	{
		key:      "tenant-types",
		yaml:     "tenant-types: [OrgID, example.com/ids.AccountID]\n",
		settings: map[string]any{"tenant-types": []any{"OrgID", "example.com/ids.AccountID"}},
		flags:    []string{"-tenant-types=OrgID, example.com/ids.AccountID"},
		check: func(c Config) bool {
			return slices.Equal(c.TenantTypes, []string{"OrgID", "example.com/ids.AccountID"})
		},
	},
	{
		key:      "capsule-types",
		yaml:     "capsule-types:\n  - ProjectID\n  - example.com/ids.EnvID\n",
		settings: map[string]any{"capsule-types": []any{"ProjectID", "example.com/ids.EnvID"}},
		flags:    []string{"-capsule-types", "ProjectID,example.com/ids.EnvID"},
		check: func(c Config) bool {
			return slices.Equal(c.CapsuleTypes, []string{"ProjectID", "example.com/ids.EnvID"})
		},
	},
	{
		key:      "tenant-names",
		yaml:     "tenant-names: [orgSlug, OrgSlug]\n",
		settings: map[string]any{"tenant-names": []any{"orgSlug", "OrgSlug"}},
		flags:    []string{"-tenant-names=orgSlug,OrgSlug"},
		check:    func(c Config) bool { return slices.Equal(c.TenantNames, []string{"orgSlug", "OrgSlug"}) },
	},
	{
		key:      "capsule-names",
		yaml:     "capsule-names: [projectKey, ProjectKey]\n",
		settings: map[string]any{"capsule-names": []any{"projectKey", "ProjectKey"}},
		flags:    []string{"-capsule-names=projectKey,ProjectKey"},
		check:    func(c Config) bool { return slices.Equal(c.CapsuleNames, []string{"projectKey", "ProjectKey"}) },
	},
	{
		key:      "labels",
		yaml:     "labels:\n  tenant: org\n  capsule: proj\n",
		settings: map[string]any{"labels": map[string]any{"tenant": "org", "capsule": "proj"}},
		flags:    []string{"-labels.tenant=org", "-labels.capsule=proj"},
		check:    func(c Config) bool { return c.Labels == Labels{Tenant: "org", Capsule: "proj"} },
	},
	{
		key:      "case-insensitive-labels",
		yaml:     "case-insensitive-labels: true\n",
		settings: map[string]any{"case-insensitive-labels": true},
		flags:    []string{"-case-insensitive-labels"},
		check:    func(c Config) bool { return c.CaseInsensitiveLabels },
	},
	{
		key:      "separator",
		yaml:     "separator: \"|\"\n",
		settings: map[string]any{"separator": "|"},
		flags:    []string{"-separator=|"},
		check:    func(c Config) bool { return c.Separator == "|" },
	},
	{
		key:      "repository-pattern",
		yaml:     "repository-pattern: 'Dao$'\n",
		settings: map[string]any{"repository-pattern": "Dao$"},
		flags:    []string{"-repository-pattern=Dao$"},
		check:    func(c Config) bool { return c.RepositoryPattern == "Dao$" },
	},
	{
		key:      "keyhelper-pattern",
		yaml:     "keyhelper-pattern: '^idx(PK|SK)'\n",
		settings: map[string]any{"keyhelper-pattern": "^idx(PK|SK)"},
		flags:    []string{"-keyhelper-pattern=^idx(PK|SK)"},
		check:    func(c Config) bool { return c.KeyhelperPattern == "^idx(PK|SK)" },
	},
	{
		key:      "nested-depth",
		yaml:     "nested-depth: 3\n",
		settings: map[string]any{"nested-depth": 3},
		flags:    []string{"-nested-depth=3"},
		check:    func(c Config) bool { return c.NestedDepth == 3 },
	},
	{
		key:      "capsule-source",
		yaml:     "capsule-source:\n  import: example.com/internal/reqctx\n  expr: reqctx.Capsule({ctx})\n",
		settings: map[string]any{"capsule-source": map[string]any{"import": "example.com/internal/reqctx", "expr": "reqctx.Capsule({ctx})"}},
		flags:    []string{"-capsule-source.import=example.com/internal/reqctx", "-capsule-source.expr=reqctx.Capsule({ctx})"},
		check: func(c Config) bool {
			return c.CapsuleSource == Source{Import: "example.com/internal/reqctx", Expr: "reqctx.Capsule({ctx})"}
		},
	},
	{
		key:      "test-capsule",
		yaml:     "test-capsule: {import: example.com/internal/testids, expr: testids.Capsule()}\n",
		settings: map[string]any{"test-capsule": map[string]any{"import": "example.com/internal/testids", "expr": "testids.Capsule()"}},
		flags:    []string{"-test-capsule.import=example.com/internal/testids", "-test-capsule.expr=testids.Capsule()"},
		check: func(c Config) bool {
			return c.TestCapsule == Source{Import: "example.com/internal/testids", Expr: "testids.Capsule()"}
		},
	},
	{
		key:      "global-labels",
		yaml:     "global-labels: [CURRENCY, SCHEMA]\n",
		settings: map[string]any{"global-labels": []any{"CURRENCY", "SCHEMA"}},
		flags:    []string{"-global-labels=CURRENCY,SCHEMA"},
		check:    func(c Config) bool { return slices.Equal(c.GlobalLabels, []string{"CURRENCY", "SCHEMA"}) },
	},
	{
		key:      "include-tests",
		yaml:     "include-tests: false\n",
		settings: map[string]any{"include-tests": false},
		flags:    []string{"-include-tests=false"},
		check:    func(c Config) bool { return !c.IncludeTests },
	},
	{
		key:      "baseline",
		yaml:     "baseline: capsulelint-baseline.json\n",
		settings: map[string]any{"baseline": "capsulelint-baseline.json"},
		flags:    []string{"-baseline=capsulelint-baseline.json"},
		check:    func(c Config) bool { return c.Baseline == "capsulelint-baseline.json" },
	},
}

func TestDefault(t *testing.T) {
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatalf("Default().Validate() = %v", err)
	}
	if c.Labels != (Labels{"TENANT", "CAPSULE"}) || c.Separator != "#" || c.NestedDepth != 1 || !c.IncludeTests ||
		c.CaseInsensitiveLabels || c.RepositoryPattern != DefaultRepositoryPattern || c.KeyhelperPattern != DefaultKeyhelperPattern {
		t.Errorf("Default() = %+v", c)
	}
	if c.Origin() != "defaults" {
		t.Errorf("Origin() = %q, want defaults", c.Origin())
	}
	for _, kc := range keyCases {
		if kc.check(c) {
			t.Errorf("%s: the default already passes the key's check; the test proves nothing", kc.key)
		}
	}
}

// Every yaml key of Config has a case in keyCases and a flag.
func TestEveryKeyCovered(t *testing.T) {
	covered := map[string]bool{}
	for _, kc := range keyCases {
		covered[kc.key] = true
	}
	var f Flags
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	f.Register(fs)
	keys, _ := fieldsOf(reflect.TypeFor[Config]())
	for _, key := range keys {
		if !covered[key] {
			t.Errorf("no test case for key %s", key)
		}
		if examples[key] == "" {
			t.Errorf("no example for key %s", key)
		}
		field := reflect.TypeFor[Config]().Field(slices.Index(keys, key))
		if field.Type.Kind() == reflect.Struct {
			sub, _ := fieldsOf(field.Type)
			for _, s := range sub {
				if fs.Lookup(key+"."+s) == nil {
					t.Errorf("no flag -%s.%s", key, s)
				}
				if examples[key+"."+s] == "" {
					t.Errorf("no example for key %s.%s", key, s)
				}
			}
		} else if fs.Lookup(key) == nil {
			t.Errorf("no flag -%s", key)
		}
	}
	if fs.Lookup("config") == nil {
		t.Errorf("no flag -config")
	}
}

func TestKeysFromFile(t *testing.T) {
	for _, kc := range keyCases {
		t.Run(kc.key, func(t *testing.T) {
			c, err := Decode(Default(), []byte(kc.yaml), "capsulelint.yaml")
			if err != nil {
				t.Fatalf("Decode(%q): %v", kc.yaml, err)
			}
			if !kc.check(c) {
				t.Errorf("Decode(%q) = %+v", kc.yaml, c)
			}
			if c.Origin() != "capsulelint.yaml" {
				t.Errorf("Origin() = %q", c.Origin())
			}
		})
	}
}

func TestKeysFromSettings(t *testing.T) {
	for _, kc := range keyCases {
		t.Run(kc.key, func(t *testing.T) {
			c, err := DecodeSettings(Default(), kc.settings)
			if err != nil {
				t.Fatalf("DecodeSettings(%v): %v", kc.settings, err)
			}
			if !kc.check(c) {
				t.Errorf("DecodeSettings(%v) = %+v", kc.settings, c)
			}
			if c.Origin() != SettingsOrigin {
				t.Errorf("Origin() = %q", c.Origin())
			}
		})
	}
}

func TestKeysFromFlags(t *testing.T) {
	for _, kc := range keyCases {
		t.Run(kc.key, func(t *testing.T) {
			var f Flags
			fs := flag.NewFlagSet("capsulelint", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			f.Register(fs)
			if err := fs.Parse(kc.flags); err != nil {
				t.Fatalf("Parse(%q): %v", kc.flags, err)
			}
			c, err := f.Apply(Default())
			if err != nil {
				t.Fatalf("Apply after %q: %v", kc.flags, err)
			}
			if !kc.check(c) {
				t.Errorf("flags %q gave %+v", kc.flags, c)
			}
			if !strings.HasPrefix(c.Origin(), "flags over ") {
				t.Errorf("Origin() = %q", c.Origin())
			}
		})
	}
}

func TestApplyWithoutFlagsKeepsConfig(t *testing.T) {
	var f Flags
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	f.Register(fs)
	if err := fs.Parse(nil); err != nil {
		t.Fatal(err)
	}
	in, err := Decode(Default(), []byte("separator: '|'\n"), "capsulelint.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out, err := f.Apply(in)
	if err != nil || !reflect.DeepEqual(in, out) {
		t.Errorf("Apply with no flags = %+v, %v; want %+v", out, err, in)
	}
}

// Keys absent from a layer keep the value of the layer below, nested keys
// included.
func TestDecodeKeepsAbsentKeys(t *testing.T) {
	base := Default()
	base.TenantNames = []string{"orgSlug"}
	c, err := Decode(base, []byte("labels: {tenant: ORG}\n"), "capsulelint.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Labels != (Labels{"ORG", "CAPSULE"}) {
		t.Errorf("labels = %+v, want the default capsule label kept", c.Labels)
	}
	if !slices.Equal(c.TenantNames, []string{"orgSlug"}) || c.Separator != "#" {
		t.Errorf("absent keys changed: %+v", c)
	}
	// A null value keeps a scalar and clears a list.
	c, err = Decode(c, []byte("separator:\ntenant-names: ~\nlabels:\n"), "capsulelint.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Separator != "#" || c.TenantNames != nil || c.Labels.Tenant != "ORG" {
		t.Errorf("null values: %+v", c)
	}
}

func TestDecodeEmpty(t *testing.T) {
	for _, doc := range []string{"", "\n", "# only a comment\n", "~\n", "---\n", "{}\n"} {
		c, err := Decode(Default(), []byte(doc), "capsulelint.yaml")
		if err != nil {
			t.Errorf("Decode(%q): %v", doc, err)
			continue
		}
		want := Default()
		want.origin = "capsulelint.yaml"
		if !reflect.DeepEqual(c, want) {
			t.Errorf("Decode(%q) = %+v, want the defaults", doc, c)
		}
	}
	c, err := DecodeSettings(Default(), nil)
	if err != nil || !reflect.DeepEqual(c, Default()) {
		t.Errorf("DecodeSettings(nil) = %+v, %v", c, err)
	}
}

func TestDecodeAlias(t *testing.T) {
	c, err := Decode(Default(), []byte("tenant-names: &n [orgSlug]\nglobal-labels: [&c CURRENCY, *c]\n"), "capsulelint.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.GlobalLabels, []string{"CURRENCY", "CURRENCY"}) {
		t.Errorf("global-labels = %q", c.GlobalLabels)
	}
}

func TestCaseInsensitiveLabelsAllowsCaseVariantsOnlyWhenOff(t *testing.T) {
	const doc = "labels: {tenant: org, capsule: ORG}\n"
	if _, err := Decode(Default(), []byte(doc), "capsulelint.yaml"); err != nil {
		t.Errorf("case-sensitive labels org/ORG differ, got %v", err)
	}
	_, err := Decode(Default(), []byte(doc+"case-insensitive-labels: true\n"), "capsulelint.yaml")
	wantErr(t, err, "capsulelint.yaml:1:", "labels", `"org"`, `"ORG"`, "must differ")
}

// The layers apply in order: defaults, file, settings, flags.
func TestOverlayOrder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n")
	writeFile(t, filepath.Join(dir, FileName), "tenant-names: [orgSlug]\nseparator: '|'\nnested-depth: 2\nlabels: {tenant: ORG}\ninclude-tests: false\n")
	file, err := Load("", dir)
	if err != nil {
		t.Fatal(err)
	}
	settings, err := DecodeSettings(file, map[string]any{"separator": "/", "nested-depth": 3, "include-tests": true})
	if err != nil {
		t.Fatal(err)
	}
	var f Flags
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	f.Register(fs)
	if err := fs.Parse([]string{"-nested-depth=4", "-labels.capsule=PROJ"}); err != nil {
		t.Fatal(err)
	}
	c, err := f.Apply(settings)
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.TenantNames = []string{"orgSlug"}       // file
	want.Labels = Labels{"ORG", "PROJ"}          // file, then flag
	want.Separator = "/"                         // settings over file
	want.IncludeTests = true                     // settings over file
	want.NestedDepth = 4                         // flag over settings over file
	want.origin = "flags over " + SettingsOrigin // where the last layer came from
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got  %+v\nwant %+v", c, want)
	}
}

func TestFind(t *testing.T) {
	top := t.TempDir()
	// top/capsulelint.yaml is above the module root: never found.
	writeFile(t, filepath.Join(top, FileName), "")
	mod := filepath.Join(top, "mod")
	deep := filepath.Join(mod, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, "go.mod"), "module example.com/m\n")
	if got := Find(deep); got != "" {
		t.Errorf("Find without a file in the module = %q, want none (stops at go.mod)", got)
	}
	writeFile(t, filepath.Join(mod, FileName), "")
	if got, want := Find(deep), filepath.Join(mod, FileName); got != want {
		t.Errorf("Find = %q, want the module root's %q", got, want)
	}
	if got, want := Find(mod), filepath.Join(mod, FileName); got != want {
		t.Errorf("Find(module root) = %q, want %q", got, want)
	}
	writeFile(t, filepath.Join(mod, "a", FileName), "")
	if got, want := Find(deep), filepath.Join(mod, "a", FileName); got != want {
		t.Errorf("Find = %q, want the nearest %q", got, want)
	}
	// Relative directories are resolved.
	t.Chdir(deep)
	if got, want := Find("."), filepath.Join(mod, "a", FileName); got != want {
		t.Errorf("Find(.) = %q, want %q", got, want)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n")
	c, err := Load("", dir)
	if err != nil || !reflect.DeepEqual(c, Default()) {
		t.Errorf("Load without a file = %+v, %v; want the defaults", c, err)
	}
	path := filepath.Join(dir, FileName)
	writeFile(t, path, "nested-depth: 5\n")
	c, err = Load("", dir)
	if err != nil || c.NestedDepth != 5 || c.Origin() != path {
		t.Errorf("Load found = %+v, %v", c, err)
	}
	other := filepath.Join(dir, "other.yaml")
	writeFile(t, other, "nested-depth: 7\n")
	c, err = Load(other, dir)
	if err != nil || c.NestedDepth != 7 || c.Origin() != other {
		t.Errorf("Load(explicit) = %+v, %v; want the explicit file over the found one", c, err)
	}
}

func TestLoadMissingExplicitPath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope", FileName)
	_, err := Load(missing, ".")
	wantErr(t, err, "-config", missing, "does not exist", "want the path of a "+FileName)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error %v does not wrap os.ErrNotExist", err)
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir() // a directory is not a readable file
	_, err := LoadFile(dir)
	wantErr(t, err, dir)
}

func TestLoadBadFileNamesFileAndLine(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	writeFile(t, path, "# capsulelint\nseparator: '|'\nnested-depth: deep\n")
	_, err := Load(path, dir)
	wantErr(t, err, path+":3:", "nested-depth", "want an integer", `"deep"`)
}

// badCases are files that must be rejected; want are substrings of the
// one-line error, which always names the file.
var badCases = []struct {
	name, yaml string
	want       []string
}{
	{"unknown key", "separator: '|'\ntenant-name: [orgSlug]\n", []string{":2:", `unknown key "tenant-name"`, "did you mean tenant-names?", "valid keys: tenant-types, capsule-types"}},
	{"unknown key wrong case", "Nested-Depth: 2\n", []string{`unknown key "Nested-Depth"`, "did you mean nested-depth?"}},
	{"unknown nested key", "labels:\n  tenant: ORG\n  bogus: X\n", []string{":3:", "labels", `unknown key "bogus"`, "valid keys under labels: tenant, capsule"}},
	{"unknown source key", "capsule-source: {imprt: example.com/reqctx, expr: 'reqctx.C({ctx})'}\n", []string{"capsule-source", `"imprt"`, "did you mean import?", "import, expr"}},
	{"wrong type int", "nested-depth: deep\n", []string{":1:", "nested-depth", "want an integer", "nested-depth: 2", `got "deep"`}},
	{"wrong type float", "nested-depth: 1.5\n", []string{"nested-depth", "want an integer", `"1.5"`}},
	{"wrong type bool", "include-tests: maybe\n", []string{"include-tests", "want true or false", `"maybe"`}},
	{"int for bool", "case-insensitive-labels: 1\n", []string{"case-insensitive-labels", "want true or false", `"1"`}},
	{"int out of range", "nested-depth: 99999999999999999999\n", []string{"nested-depth", "want an integer"}},
	{"int for nothing", "nested-depth: .inf\n", []string{"nested-depth", "want an integer"}},
	{"scalar for list", "tenant-types: OrgID\n", []string{"tenant-types", "want a list of strings", "[OrgID, example.com/ids.OrgID]", `got "OrgID"`}},
	{"mapping in list", "tenant-types:\n  - OrgID\n  - {a: b}\n", []string{":3:", "tenant-types", "a list of strings", "a mapping in the list"}},
	{"null in list", "global-labels: [CURRENCY, ~]\n", []string{"global-labels", "a list of strings"}},
	{"scalar for mapping", "labels: TENANT\n", []string{"labels", "want a mapping", "{tenant: TENANT, capsule: CAPSULE}", `"TENANT"`}},
	{"list for string", "separator: ['#']\n", []string{"separator", "want a string", "got a list"}},
	{"mapping for nested string", "labels: {tenant: {a: b}}\n", []string{"labels.tenant", "want a string", "got a mapping"}},
	{"non-scalar key", "? [a]\n: b\n", []string{"key", "got a list"}},
	{"duplicate key", "separator: '|'\nseparator: '/'\n", []string{":2:", "separator", "given twice"}},
	{"not a mapping", "- tenant-types\n", []string{"want a mapping of capsulelint keys", "got a list"}},
	{"scalar document", "tenant-types\n", []string{"want a mapping of capsulelint keys", `"tenant-types"`}},
	{"invalid yaml", "tenant-types: [OrgID\n", []string{"invalid YAML"}},
	{"tab indent", "labels:\n\ttenant: ORG\n", []string{"invalid YAML"}},
	{"second document", "separator: '|'\n---\nseparator: '/'\n", []string{"second YAML document"}},
	{"merge key", "base: &b {tenant: ORG}\n", []string{`unknown key "base"`}},
	{"merge into labels", "labels:\n  <<: {tenant: ORG}\n", []string{"labels", "merge keys"}},
	{"negative nested-depth", "separator: '|'\nnested-depth: -1\n", []string{":2:", "nested-depth", "-1 is negative", "want 0 or more"}},
	{"bad repository regexp", "repository-pattern: '(Repo'\n", []string{":1:", "repository-pattern", "bad regexp", `"(Repo"`, "want a Go regexp"}},
	{"bad keyhelper regexp", "keyhelper-pattern: '[gsi'\n", []string{"keyhelper-pattern", "bad regexp", `"[gsi"`}},
	{"empty repository pattern", "repository-pattern: ''\n", []string{"repository-pattern", "empty pattern", DefaultRepositoryPattern}},
	{"empty keyhelper pattern", "keyhelper-pattern: ''\n", []string{"keyhelper-pattern", "empty pattern"}},
	{"same labels", "labels: {tenant: SCOPE, capsule: SCOPE}\n", []string{"labels", `"SCOPE"`, "must differ"}},
	{"same labels folded", "case-insensitive-labels: true\nlabels:\n  capsule: Tenant\n", []string{":2:", "labels", `"TENANT"`, `"Tenant"`, "case-insensitive-labels", "must differ"}},
	{"empty label", "labels: {tenant: ''}\n", []string{"labels", "both tenant and capsule labels are required"}},
	{"label with separator", "labels:\n  tenant: ORG\n  capsule: 'PROJ#X'\n", []string{":3:", "labels.capsule", `"PROJ#X"`, "contains the separator", `"#"`}},
	{"label with configured separator", "separator: '/'\nlabels: {tenant: 'ORG/X'}\n", []string{"labels.tenant", `"ORG/X"`, `"/"`}},
	{"empty separator", "separator: ''\n", []string{"separator", "empty", `want a segment separator such as "#"`}},
	{"import without expr", "capsule-source:\n  import: example.com/reqctx\n", []string{":1:", "capsule-source", `import "example.com/reqctx" given without expr`}},
	{"test import without expr", "test-capsule: {import: example.com/testids}\n", []string{"test-capsule", "without expr"}},
	{"capsule-source without ctx", "capsule-source: {expr: reqctx.Capsule()}\n", []string{"capsule-source", "does not use {ctx}", "test-capsule"}},
	{"capsule-source not an expression", "capsule-source: {expr: 'reqctx.Capsule({ctx}'}\n", []string{"capsule-source.expr", "not a Go expression"}},
	{"test-capsule not an expression", "test-capsule: {expr: 'func('}\n", []string{"test-capsule.expr", "not a Go expression"}},
	{"same name tenant and capsule", "tenant-names: [orgSlug, key]\ncapsule-names: [key]\n", []string{":2:", "capsule-names", `"key" is also in tenant-names`}},
	{"same type tenant and capsule", "tenant-types: [OrgID]\ncapsule-types: [example.com/ids.OrgID]\n", []string{"capsule-types", `"example.com/ids.OrgID"`, "tenant-types has \"OrgID\""}},
	{"capsule type is a default tenant type", "capsule-types: [example.com/ids.TenantID]\n", []string{"capsule-types", "TenantID", "always a tenant ID type"}},
	{"tenant type is a default capsule type", "tenant-types: [CapsuleId]\n", []string{"tenant-types", "CapsuleId", "always a capsule ID type"}},
	{"bad type name", "tenant-types: ['Org ID']\n", []string{"tenant-types", `"Org ID" is not a type name`, "example.com/ids.OrgID"}},
	{"pointer type name", "capsule-types: ['*ProjectID']\n", []string{"capsule-types", "not a type name"}},
	{"qualified without name", "tenant-types: [example.com/ids.]\n", []string{"tenant-types", "not a type name"}},
	{"empty type name", "tenant-types: ['']\n", []string{"tenant-types", "not a type name"}},
	{"bad name", "tenant-names: [org-slug]\n", []string{"tenant-names", `"org-slug" is not a Go identifier`}},
	{"empty name", "capsule-names: [' ']\n", []string{"capsule-names", "not a Go identifier"}},
	{"empty global label", "global-labels: ['']\n", []string{"global-labels", "empty entry"}},
	{"global label with separator", "global-labels: ['CURRENCY#']\n", []string{"global-labels", "contains the separator"}},
	{"global label is the tenant label", "global-labels: [CURRENCY, TENANT]\n", []string{"global-labels", `"TENANT" is the tenant or capsule label`}},
}

func TestBadFiles(t *testing.T) {
	for _, tc := range badCases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Decode(Default(), []byte(tc.yaml), "dir/capsulelint.yaml")
			if err == nil {
				t.Fatalf("Decode(%q) = %+v, want an error", tc.yaml, c)
			}
			wantErr(t, err, append([]string{"dir/capsulelint.yaml"}, tc.want...)...)
		})
	}
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings map[string]any
		want     []string
	}{
		{"unknown key", map[string]any{"tenant-name": []any{"orgSlug"}}, []string{`unknown key "tenant-name"`, "tenant-names"}},
		{"unknown nested key", map[string]any{"labels": map[string]any{"tennant": "ORG"}}, []string{"labels", `"tennant"`, "did you mean tenant?"}},
		{"wrong type", map[string]any{"nested-depth": "deep"}, []string{"nested-depth", "want an integer", `"deep"`}},
		{"wrong list", map[string]any{"tenant-names": "orgSlug"}, []string{"tenant-names", "want a list"}},
		{"bad regexp", map[string]any{"repository-pattern": "(Repo"}, []string{"repository-pattern", "(Repo"}},
		{"same labels", map[string]any{"labels": map[string]any{"capsule": "TENANT"}}, []string{"labels", "must differ"}},
		{"unmarshalable", map[string]any{"separator": func() {}}, []string{"settings"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeSettings(Default(), tc.settings)
			wantErr(t, err, append([]string{SettingsOrigin}, tc.want...)...)
			// Settings are re-encoded: their line numbers mean nothing.
			if err != nil && strings.HasPrefix(err.Error(), SettingsOrigin+":") {
				if rest := err.Error()[len(SettingsOrigin)+1:]; rest != "" && rest[0] >= '0' && rest[0] <= '9' {
					t.Errorf("settings error %q carries a line number", err)
				}
			}
		})
	}
}

func TestBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args        []string
		parse, want []string // substrings of the Parse error, or of the Apply error
	}{
		{args: []string{"-nested-depth=deep"}, parse: []string{"-nested-depth", `"deep"`, "want an integer", "-nested-depth=2"}},
		{args: []string{"-include-tests=maybe"}, parse: []string{"-include-tests", `"maybe"`, "want true or false"}},
		{args: []string{"-case-insensitive-labels=2"}, parse: []string{"-case-insensitive-labels", "want true or false"}},
		{args: []string{"-no-such-key=1"}, parse: []string{"no-such-key"}},
		{args: []string{"-labels.capsule=TENANT"}, want: []string{"flags over defaults", "labels", "must differ"}},
		{args: []string{"-repository-pattern=(Repo"}, want: []string{"repository-pattern", "bad regexp"}},
		{args: []string{"-nested-depth=-2"}, want: []string{"nested-depth", "negative"}},
		{args: []string{"-capsule-source.import=example.com/reqctx"}, want: []string{"capsule-source", "without expr"}},
		{args: []string{"-capsule-source.expr=reqctx.Capsule()"}, want: []string{"capsule-source", "{ctx}"}},
		{args: []string{"-tenant-names=key", "-capsule-names=key"}, want: []string{"capsule-names", `"key"`}},
		{args: []string{"-labels.tenant=A#B"}, want: []string{"labels.tenant", "separator"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var f Flags
			fs := flag.NewFlagSet("capsulelint", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			f.Register(fs)
			err := fs.Parse(tc.args)
			if tc.parse != nil {
				wantErr(t, err, tc.parse...)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.Apply(Default())
			wantErr(t, err, tc.want...)
		})
	}
}

func TestResolver(t *testing.T) {
	base := Default()
	base.TenantNames = []string{"orgSlug"}
	r := NewResolver(&base)
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	r.Register(fs)
	if err := fs.Parse([]string{"-repository-pattern=Dao$"}); err != nil {
		t.Fatal(err)
	}
	res, err := r.Get()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.TenantNames, []string{"orgSlug"}) || !res.Repository.MatchString("UserDao") || res.Repository.MatchString("UserRepo") {
		t.Errorf("resolved = %+v", res)
	}
	if !res.Keyhelper.MatchString("gsi1PK") {
		t.Errorf("keyhelper regexp %v does not match gsi1PK", res.Keyhelper)
	}
	if again, _ := r.Get(); again != res {
		t.Errorf("Get resolved twice")
	}
}

func TestResolverReadsFileWithoutBase(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n")
	writeFile(t, filepath.Join(dir, FileName), "tenant-names: [orgSlug]\n")
	t.Chdir(dir)
	res, err := NewResolver(nil).Get()
	if err != nil || !slices.Equal(res.TenantNames, []string{"orgSlug"}) {
		t.Errorf("Get = %+v, %v; want the found file", res, err)
	}
}

func TestResolverConfigFlag(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "custom.yaml")
	writeFile(t, path, "capsule-names: [projectKey]\n")
	base := Default()
	r := NewResolver(&base)
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	r.Register(fs)
	if err := fs.Parse([]string{"-config=" + path, "-nested-depth=0"}); err != nil {
		t.Fatal(err)
	}
	res, err := r.Get()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.CapsuleNames, []string{"projectKey"}) || res.NestedDepth != 0 {
		t.Errorf("resolved = %+v", res.Config)
	}
}

func TestResolverMissingConfigFlag(t *testing.T) {
	missing := filepath.Join(t.TempDir(), FileName)
	r := NewResolver(nil)
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	r.Register(fs)
	if err := fs.Parse([]string{"-config", missing}); err != nil {
		t.Fatal(err)
	}
	_, err := r.Get()
	wantErr(t, err, "-config", missing, "does not exist")
}

func TestResolverBadBase(t *testing.T) {
	base := Default()
	base.NestedDepth = -1
	_, err := NewResolver(&base).Get()
	wantErr(t, err, "nested-depth", "negative")
}

func TestCompile(t *testing.T) {
	c := Default()
	c.RepositoryPattern = "("
	if _, err := Compile(c); err == nil {
		t.Error("Compile accepted a bad regexp")
	}
	res, err := Compile(Default())
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"InvoiceRepository": true, "UserStore": true, "Repo": true, "Repos": false, "Storefront": false} {
		if got := res.Repository.MatchString(name); got != want {
			t.Errorf("repository %s = %v, want %v", name, got, want)
		}
	}
	for name, want := range map[string]bool{"gsi1PK": true, "GSI2SK": true, "gsiPk": true, "pk": false, "GetGSI": false} {
		if got := res.Keyhelper.MatchString(name); got != want {
			t.Errorf("keyhelper %s = %v, want %v", name, got, want)
		}
	}
}

func TestSource(t *testing.T) {
	if !(Source{}).IsZero() || (Source{Expr: "x"}).IsZero() {
		t.Error("IsZero")
	}
	if !(Source{Expr: "reqctx.C({ctx})"}).NeedsContext() || (Source{Expr: "testids.C()"}).NeedsContext() {
		t.Error("NeedsContext")
	}
}

// Validate works on configs built in code (analyzers' New(cfg)), without
// an origin from a file.
func TestValidateInCode(t *testing.T) {
	c := Default()
	c.Labels.Capsule = "TENANT"
	wantErr(t, c.Validate(), "defaults: labels:", "must differ")
	var zero Config
	if err := zero.Validate(); err == nil {
		t.Error("the zero Config validated; want an error (no labels)")
	}
}

func wantErr(t *testing.T, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one mentioning %q", want)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") {
		t.Errorf("error %q spans lines", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q does not mention %q", msg, w)
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The fix scope is the driver's: no file or settings key sets it, and a
// -config flag replaces the base's keys, not its fix scope.
func TestFixScopeIsNoKey(t *testing.T) {
	if Default().FixScope != FixPackage {
		t.Errorf("default fix scope %s, want package (safe for any driver)", Default().FixScope)
	}
	for _, key := range []string{"fix-scope", "fixscope", "FixScope", "single-file-fixes"} {
		_, err := Decode(Default(), []byte(key+": workspace\n"), "capsulelint.yaml")
		wantErr(t, err, key)
		_, err = DecodeSettings(Default(), map[string]any{key: "workspace"})
		wantErr(t, err, key)
	}
	base := Default()
	base.FixScope = FixSingleFile
	if c, err := Decode(base, []byte("tenant-names: [orgSlug]\n"), "capsulelint.yaml"); err != nil || c.FixScope != FixSingleFile {
		t.Errorf("Decode over a base = %s, %v; want the base's fix scope kept", c.FixScope, err)
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "custom.yaml")
	writeFile(t, path, "capsule-names: [projectKey]\n")
	base.FixScope = FixWorkspace
	r := NewResolver(&base)
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	r.Register(fs)
	if err := fs.Parse([]string{"-config=" + path}); err != nil {
		t.Fatal(err)
	}
	res, err := r.Get()
	if err != nil || res.FixScope != FixWorkspace || !slices.Equal(res.CapsuleNames, []string{"projectKey"}) {
		t.Errorf("Get = %+v, %v; want the file's keys and the base's fix scope", res, err)
	}
	if s := FixScope(7).String(); s != "FixScope(7)" {
		t.Errorf("String = %q", s)
	}
}
