package capsulefield_test

import (
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/capsulelint/capsulelint/analyzers/capsulefield"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/fixtest"
)

func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// configs are the configurations the testdata packages are written for.
var configs = map[string]func(*config.Config){
	"capsulefield": func(*config.Config) {},
	"capsulefield_types": func(c *config.Config) {
		c.TenantTypes, c.CapsuleTypes = []string{"OrgID"}, []string{"ProjectID"}
	},
	"capsulefield_qualified": func(c *config.Config) {
		c.TenantTypes, c.CapsuleTypes = []string{"capsulefield_orgids.OrgID"}, []string{"capsulefield_projids.ProjectID"}
	},
	"capsulefield_names": func(c *config.Config) {
		c.TenantNames, c.CapsuleNames = []string{"OrgSlug", "orgSlug"}, []string{"projectKey", "ProjectKey"}
	},
	"capsulefield_notests": func(c *config.Config) { c.IncludeTests = false },
	"capsulefield_stored": func(c *config.Config) {
		c.TenantNames, c.CapsuleNames = []string{"tenantSlug", "TenantSlug"}, []string{"capsuleID", "CapsuleID"}
	},
}

func configFor(pkg string) config.Config {
	cfg := config.Default()
	configs[pkg](&cfg)
	return cfg
}

func TestAnalyzer(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), capsulefield.Analyzer, "capsulefield")
}

// TestConfig runs each configuration's package: tenant-types and
// capsule-types (bare and qualified), tenant-names and capsule-names,
// include-tests.
func TestConfig(t *testing.T) {
	for pkg := range configs {
		t.Run(pkg, func(t *testing.T) {
			analysistest.RunWithSuggestedFixes(t, testdata(t), capsulefield.New(configFor(pkg)), pkg)
		})
	}
}

// lenient is an analysistest.Testing that ignores expectations, for tests
// that check the diagnostics themselves.
type lenient struct{}

func (lenient) Errorf(string, ...any) {}

// diagnostics runs a on pkgs and returns the diagnostics, the same one
// seen in a package and its test variant once.
func diagnostics(t *testing.T, dir string, a *analysis.Analyzer, pkgs ...string) []analysis.Diagnostic {
	t.Helper()
	results := analysistest.Run(lenient{}, dir, a, pkgs...)
	if len(results) == 0 {
		t.Fatalf("%s: nothing loaded", pkgs)
	}
	var out []analysis.Diagnostic
	seen := map[string]bool{}
	for _, r := range results {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Pass.Pkg.Path(), r.Err)
		}
		for _, d := range r.Diagnostics {
			key := r.Pass.Fset.Position(d.Pos).String() + d.Message
			if !seen[key] {
				seen[key] = true
				out = append(out, d)
			}
		}
	}
	return out
}

var entityRx = regexp.MustCompile(`^entity (\w+) has a tenant ID but no capsule ID`)

// entities returns the sorted names of the reported entities.
func entities(diags []analysis.Diagnostic) []string {
	var names []string
	for _, d := range diags {
		if m := entityRx.FindStringSubmatch(d.Message); m != nil {
			names = append(names, m[1])
		}
	}
	sort.Strings(names)
	return names
}

func TestNestedDepth(t *testing.T) {
	for depth, want := range map[int][]string{
		0: {"Depth1", "Depth2", "Depth2Embedded", "Depth3"},
		1: {"Depth2", "Depth2Embedded", "Depth3"},
		2: {"Depth3"},
		3: nil,
	} {
		cfg := config.Default()
		cfg.NestedDepth = depth
		got := entities(diagnostics(t, testdata(t), capsulefield.New(cfg), "capsulefield_depth"))
		if !slices.Equal(got, want) {
			t.Errorf("nested-depth %d: reported %v, want %v", depth, got, want)
		}
	}
}

func TestIncludeTests(t *testing.T) {
	// include-tests: false is TestConfig's capsulefield_notests; the
	// default reports the test file's entity and its bare directive.
	diags := diagnostics(t, testdata(t), capsulefield.New(config.Default()), "capsulefield_notests")
	if got, want := entities(diags), []string{"Invoice", "TestBare", "TestEntity"}; !slices.Equal(got, want) {
		t.Errorf("reported %v, want %v", got, want)
	}
	var bare bool
	for _, d := range diags {
		bare = bare || strings.HasPrefix(d.Message, "//capsule:tenant-scoped needs a reason")
	}
	if !bare {
		t.Errorf("the bare directive in the test file is not reported")
	}
}

// TestNoFix covers the configurations where the new field's type or name
// cannot be told.
func TestNoFix(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  func(*config.Config)
		want string
	}{
		{"tenant by name, no capsule name", func(c *config.Config) { c.TenantNames = []string{"OrgSlug", "orgSlug"} },
			`no fix: no capsule ID type is known for the (string|Slug) tenant ID: none is declared in this package or its imports, or used in its files; configure capsule-names for string IDs`},
		{"only an unexported capsule name", func(c *config.Config) {
			c.TenantNames, c.CapsuleNames = []string{"OrgSlug", "orgSlug"}, []string{"projectKey"}
		}, `no fix: a new field CapsuleID string would not be recognised as a capsule ID \(add an exported name to capsule-names\)`},
	} {
		cfg := config.Default()
		tc.cfg(&cfg)
		diags := diagnostics(t, testdata(t), capsulefield.New(cfg), "capsulefield_names")
		if len(diags) == 0 {
			t.Errorf("%s: no diagnostics", tc.name)
		}
		for _, d := range diags {
			if ok, _ := regexp.MatchString(tc.want, d.Message); !ok || len(d.SuggestedFixes) > 0 {
				t.Errorf("%s: got %q with %d fixes, want %q and none", tc.name, d.Message, len(d.SuggestedFixes), tc.want)
			}
		}
	}
}

// TestStandardLibrary: no diagnostics on std, even with tenant names that
// std uses for string fields.
func TestStandardLibrary(t *testing.T) {
	cfg := config.Default()
	cfg.TenantNames = []string{"Host", "Name", "User"}
	if diags := diagnostics(t, testdata(t), capsulefield.New(cfg), "net/url", "net/http", "archive/tar"); len(diags) > 0 {
		t.Errorf("std: %d diagnostics, first %s", len(diags), diags[0].Message)
	}
}

// TestFixesBuild applies every suggested fix of the testdata to a copy,
// type-checks the result, and checks that a second run offers no fix:
// only the diagnostics that had none remain.
func TestFixesBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the testdata twice")
	}
	var cases []fixtest.Case
	for _, pkg := range slices.Sorted(maps.Keys(configs)) {
		cases = append(cases, fixtest.Case{Name: pkg, Analyzer: capsulefield.New(configFor(pkg)), Patterns: []string{pkg}, OnlyUnfixedLeft: true})
	}
	fixtest.Check(t, testdata(t), cases, false)
}

// TestSingleFileFixes: through the golangci-lint plugin only fixes that
// stay in the diagnostic's file and change no exported signature are
// kept; capsulefield's always do (the import goes into the same file, a
// new field is no signature).
func TestSingleFileFixes(t *testing.T) {
	cfg := config.Default()
	cfg.FixScope = config.FixSingleFile
	var fixed int
	for _, d := range diagnostics(t, testdata(t), capsulefield.New(cfg), "capsulefield") {
		if strings.Contains(d.Message, "fix withheld") {
			t.Errorf("fix dropped: %s", d.Message)
		}
		if len(d.SuggestedFixes) > 0 {
			fixed++
		}
	}
	if fixed == 0 {
		t.Errorf("no fixes kept")
	}
}
