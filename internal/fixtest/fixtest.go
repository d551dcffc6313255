// Package fixtest checks the analyzers' suggested fixes end to end, for
// their tests: it applies every fix found in analysistest packages (GOPATH
// layout, testdata/src/<pkg>) to a temporary copy, checks that the copy
// still type-checks, tests included, and that analysing it again offers
// nothing more to fix.
package fixtest

import (
	"fmt"
	"go/format"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/fixes"
)

// Workspace returns cfg with the fix scope of capsulelint's fix engine,
// which keeps every fix (config.FixWorkspace): for the tests of the fixes
// themselves, such as one changing an exported function's signature,
// which a per-package driver withholds.
func Workspace(cfg config.Config) config.Config {
	cfg.FixScope = config.FixWorkspace
	return cfg
}

// OrgsConfig is issue 14's configuration of the dynamorm example, which
// the precision fixtures are written for: orgs are the tenants, projects
// the capsules, string IDs by name, lower-case labels.
func OrgsConfig() config.Config {
	c := config.Default()
	c.TenantNames = []string{"orgID", "OrgID"}
	c.CapsuleNames = []string{"projectID", "ProjectID"}
	c.Labels = config.Labels{Tenant: "org", Capsule: "project"}
	c.CaseInsensitiveLabels = true
	return c
}

// Case is a set of test packages analysed by one analyzer (one
// configuration). The cases of one [Check] analyse disjoint packages.
type Case struct {
	Name     string
	Analyzer *analysis.Analyzer
	// Patterns name the packages under testdata/src: "pkg" (with its
	// tests) or "pkg/..." (with its subpackages).
	Patterns []string
	// Golden: the packages must offer fixes, and with update their fixed
	// files are written beside the sources as the .golden files of the
	// analysistest tests.
	Golden bool
	// OnlyUnfixedLeft: after the fixes, the diagnostics left are exactly
	// those that had no fix (compared by message).
	OnlyUnfixedLeft bool
}

// Diagnostic is a diagnostic with the file set of its package.
type Diagnostic struct {
	analysis.Diagnostic
	Fset *token.FileSet
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s", d.Fset.Position(d.Pos), d.Message)
}

// Check applies the first suggested fix of every diagnostic of cases (as
// the checker's -fix does, merging the package variants: where a package
// has in-package tests only its test variant offers fixes) to a copy of the test packages under testdata
// (the directory holding src/), and checks that:
//   - the packages build before the fixes, and the Golden ones offer fixes;
//   - fixes do not overlap (identical edits, as a package and its test
//     variant produce, count once) and every fixed file parses;
//   - the fixed copy builds, tests included;
//   - analysing it again offers no fix (fixes are idempotent), and for
//     OnlyUnfixedLeft cases leaves only what had no fix.
//
// With update, the fixed files of the Golden cases are written to
// testdata as <file>.golden. It returns the fixed files' contents by path
// relative to testdata/src.
func Check(t *testing.T, testdata string, cases []Case, update bool) map[string][]byte {
	t.Helper()
	gopath := t.TempDir()
	CopyTestdata(t, testdata, gopath)
	src := filepath.Join(gopath, "src")
	var patterns []string
	for _, tc := range cases {
		patterns = append(patterns, tc.Patterns...)
	}

	pkgs := Load(t, gopath, patterns...)
	edits := fixes.NewEditSet()
	unfixed := map[string][]string{} // by case, each diagnostic once
	seen := map[string]bool{}
	golden := map[string]bool{}
	for _, tc := range cases {
		diags := Analyze(t, tc.Analyzer, Packages(pkgs, tc.Patterns...))
		// A package without its tests offers no fix where its test
		// variant offers the complete one (internal/directive): a
		// diagnostic is unfixed only when no variant offers a fix.
		hasFix := map[string]bool{}
		for _, d := range diags {
			if len(d.SuggestedFixes) > 0 {
				hasFix[d.String()] = true
			}
		}
		fixed := 0
		for _, d := range diags {
			if len(d.SuggestedFixes) == 0 {
				if !seen[d.String()] && !hasFix[d.String()] {
					seen[d.String()] = true
					unfixed[tc.Name] = append(unfixed[tc.Name], d.Message)
				}
				continue
			}
			fixed++
			files, err := addFix(edits, d.Fset, d.SuggestedFixes[0])
			if err != nil {
				t.Errorf("%s: fix %q of %s conflicts: %v", tc.Name, d.SuggestedFixes[0].Message, d, err)
				continue
			}
			if tc.Golden {
				for _, f := range files {
					golden[f] = true
				}
			}
		}
		if fixed == 0 && tc.Golden {
			t.Fatalf("%s: no suggested fixes in %v", tc.Name, tc.Patterns)
		}
	}

	fixedFiles := map[string][]byte{}
	for name, content := range ApplyEdits(t, edits) {
		rel, err := filepath.Rel(src, name)
		if err != nil {
			t.Fatal(err)
		}
		fixedFiles[rel] = content
		if err := os.WriteFile(name, content, 0o644); err != nil {
			t.Fatal(err)
		}
		if update && golden[name] {
			if err := os.WriteFile(filepath.Join(testdata, "src", rel)+".golden", content, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if t.Failed() {
		return fixedFiles
	}

	pkgs, errs := load(t, gopath, patterns...)
	if len(errs) > 0 {
		for _, name := range slices.Sorted(maps.Keys(fixedFiles)) {
			t.Logf("=== %s\n%s", name, fixedFiles[name])
		}
		t.Fatalf("after the fixes, the packages do not build:\n%s", strings.Join(errs, "\n"))
	}
	for _, tc := range cases {
		var left []string
		seen := map[string]bool{}
		for _, d := range Analyze(t, tc.Analyzer, Packages(pkgs, tc.Patterns...)) {
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("%s: after the fixes, still fixable: %s", tc.Name, d)
			}
			if !seen[d.String()] {
				seen[d.String()] = true
				left = append(left, d.Message)
			}
		}
		if tc.OnlyUnfixedLeft {
			slices.Sort(left)
			want := slices.Sorted(slices.Values(unfixed[tc.Name]))
			if !slices.Equal(left, want) {
				t.Errorf("%s: after the fixes\n%s\nwant only the unfixable\n%s", tc.Name, strings.Join(left, "\n"), strings.Join(want, "\n"))
			}
		}
	}
	return fixedFiles
}

// CopyTestdata copies testdata/src (without .golden files) to gopath/src.
func CopyTestdata(t *testing.T, testdata, gopath string) {
	t.Helper()
	src, dst := filepath.Join(testdata, "src"), filepath.Join(gopath, "src")
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasSuffix(path, ".golden") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatalf("copying test packages: %v", err)
	}
}

// Load loads the GOPATH-layout packages of gopath/src matching patterns,
// with their tests (dependencies from export data: the analyzers use no
// facts), and fails the test when any does not build.
func Load(t *testing.T, gopath string, patterns ...string) []*packages.Package {
	t.Helper()
	pkgs, errs := load(t, gopath, patterns...)
	if len(errs) > 0 {
		t.Fatalf("the test packages do not build:\n%s", strings.Join(errs, "\n"))
	}
	return pkgs
}

func load(t *testing.T, gopath string, patterns ...string) ([]*packages.Package, []string) {
	t.Helper()
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo,
		Dir:   filepath.Join(gopath, "src"),
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off", "GOPROXY=off", "GOFLAGS="),
	}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	var errs []string
	for _, p := range pkgs {
		for _, err := range p.Errors {
			errs = append(errs, err.Error())
		}
	}
	return pkgs, errs
}

// Packages returns the packages of pkgs that patterns name: "pkg" is the
// package, its test variant and its external test package; "pkg/..." adds
// the packages below it.
func Packages(pkgs []*packages.Package, patterns ...string) []*packages.Package {
	var out []*packages.Package
	for _, p := range pkgs {
		path := strings.TrimSuffix(strings.TrimSuffix(p.PkgPath, ".test"), "_test")
		for _, pat := range patterns {
			dir, tree := strings.CutSuffix(pat, "/...")
			if path == dir || tree && strings.HasPrefix(path, dir+"/") {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// Analyze runs a on pkgs and returns the diagnostics of every package: a
// diagnostic of a package and of its test variant appears twice, and
// their fixes may differ: where the package has in-package tests, only
// the test variant offers fixes (it also edits the tests, or refuses).
func Analyze(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package) []Diagnostic {
	t.Helper()
	if len(pkgs) == 0 {
		t.Fatal("no packages to analyse")
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []Diagnostic
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			out = append(out, Diagnostic{Diagnostic: d, Fset: act.Package.Fset})
		}
	}
	return out
}

// addFix merges fix's edits into s, identical edits once; it fails,
// adding nothing, when one conflicts with an edit already there. It
// returns the files the fix edits.
func addFix(s *fixes.EditSet, fset *token.FileSet, fix analysis.SuggestedFix) ([]string, error) {
	edits, err := fixes.FileEdits(fset, fix.TextEdits)
	if err != nil {
		return nil, err
	}
	if _, ok := s.Add(edits); !ok {
		return nil, fmt.Errorf("its edits overlap edits of another fix")
	}
	var files []string
	for _, e := range edits {
		if !slices.Contains(files, e.File) {
			files = append(files, e.File)
		}
	}
	slices.Sort(files)
	return files, nil
}

// ApplyEdits returns the new contents of the files s edits, gofmt-ed as
// drivers write them; a file that does not parse fails the test.
func ApplyEdits(t testing.TB, s *fixes.EditSet) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, name := range s.Files() {
		content, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		edited, err := s.Apply(name, content)
		if err != nil {
			t.Fatal(err)
		}
		formatted, err := format.Source(edited)
		if err != nil {
			t.Errorf("%s: the fixed file does not parse: %v\n%s", name, err, edited)
			continue
		}
		out[name] = formatted
	}
	return out
}
