package capsulefield_test

import (
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/analyzers/capsulefield"
	"github.com/capsulelint/capsulelint/internal/config"
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
			`no fix: the capsule ID type cannot be told from (?i:orgSlug)'s type (string|Slug)`},
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
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(testdata(t))); err != nil {
		t.Fatal(err)
	}
	type edit struct {
		start, end int
		text       string
	}
	edits := map[string][]edit{}
	unfixed := map[string][]string{}
	for pkg := range configs {
		for _, r := range analysistest.Run(lenient{}, dir, capsulefield.New(configFor(pkg)), pkg) {
			for _, d := range r.Diagnostics {
				if len(d.SuggestedFixes) == 0 {
					continue
				}
				for _, e := range d.SuggestedFixes[0].TextEdits {
					tf := r.Pass.Fset.File(e.Pos)
					ed := edit{tf.Offset(e.Pos), tf.Offset(e.End), string(e.NewText)}
					if !slices.Contains(edits[tf.Name()], ed) {
						edits[tf.Name()] = append(edits[tf.Name()], ed)
					}
				}
			}
		}
		for _, d := range diagnostics(t, dir, capsulefield.New(configFor(pkg)), pkg) {
			if len(d.SuggestedFixes) == 0 {
				unfixed[pkg] = append(unfixed[pkg], d.Message)
			}
		}
	}
	for name, es := range edits {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(es, func(a, b edit) int { return b.start - a.start })
		for i, e := range es {
			if i > 0 && e.end > es[i-1].start {
				t.Fatalf("%s: overlapping edits at offset %d", name, e.start)
			}
			src = slices.Concat(src[:e.start], []byte(e.text), src[e.end:])
		}
		// Drivers format fixed files; the fix itself need only parse.
		if _, err := format.Source(src); err != nil {
			t.Fatalf("%s: fixed file does not parse: %v\n%s", name, err, src)
		}
		if err := os.WriteFile(name, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	var pkgs []string
	for pkg := range configs {
		pkgs = append(pkgs, pkg)
	}
	loaded, err := packages.Load(&packages.Config{
		Mode:  packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedDeps | packages.NeedImports,
		Dir:   dir,
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOWORK=off"),
	}, pkgs...)
	if err != nil {
		t.Fatal(err)
	}
	packages.Visit(loaded, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			t.Errorf("after the fixes: %v", e)
		}
	})

	for pkg := range configs {
		var left []string
		for _, d := range diagnostics(t, dir, capsulefield.New(configFor(pkg)), pkg) {
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("%s: second run offers a fix: %s", pkg, d.Message)
			}
			left = append(left, d.Message)
		}
		slices.Sort(left)
		slices.Sort(unfixed[pkg])
		if !slices.Equal(left, unfixed[pkg]) {
			t.Errorf("%s: after the fixes\n%s\nwant only the unfixable\n%s", pkg, strings.Join(left, "\n"), strings.Join(unfixed[pkg], "\n"))
		}
	}
}

// TestSingleFileFixes: through the golangci-lint plugin only fixes that
// stay in the diagnostic's file are kept; capsulefield's always do (the
// import goes into the same file).
func TestSingleFileFixes(t *testing.T) {
	cfg := config.Default()
	cfg.SingleFileFixes = true
	var fixed int
	for _, d := range diagnostics(t, testdata(t), capsulefield.New(cfg), "capsulefield") {
		if strings.Contains(d.Message, "capsulelint migrate") {
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
