package repocapsule_test

import (
	"flag"
	"fmt"
	"go/format"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/analyzers/repocapsule"
	"github.com/capsulelint/capsulelint/internal/config"
)

var update = flag.Bool("update", false, "rewrite the .golden files of the fix tests from the fixes")

var testdata = func() string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		panic(err)
	}
	return dir
}()

// testCase is a testdata package and the configuration it runs with.
type testCase struct {
	pkg    string
	cfg    func(*config.Config)
	golden bool // checked with RunWithSuggestedFixes against .golden files
}

func (tc testCase) config() config.Config {
	cfg := config.Default()
	if tc.cfg != nil {
		tc.cfg(&cfg)
	}
	return cfg
}

func (tc testCase) analyzer() *analysis.Analyzer { return repocapsule.New(tc.config()) }

var cases = []testCase{
	{pkg: "repocapsule"},
	{pkg: "repocapsulenofix"},
	{pkg: "repocapsulefix", golden: true, cfg: func(c *config.Config) {
		c.TestCapsule = config.Source{Import: "repocapsulefix/fixture", Expr: "fixture.Capsule()"}
	}},
	{pkg: "repocapsuleunnamed", golden: true},
	{pkg: "repocapsulegeneric", golden: true},
	{pkg: "repocapsulemove", golden: true},
	// Configuration keys.
	{pkg: "repocapsulepattern", cfg: func(c *config.Config) { c.RepositoryPattern = `(DAO|Gateway)$` }},
	{pkg: "repocapsulenames", golden: true, cfg: func(c *config.Config) {
		c.TenantNames = []string{"orgSlug", "OrgSlug"}
		c.CapsuleNames = []string{"projectKey", "ProjectKey"}
	}},
	{pkg: "repocapsulesource", golden: true, cfg: func(c *config.Config) {
		c.CapsuleSource = config.Source{Import: "repocapsulesource/reqctx", Expr: "reqctx.Capsule({ctx})"}
	}},
}

// TestAnalyzer checks every testdata package's diagnostics (// want) and,
// for the golden ones, its fixes (.golden). Then it applies every
// suggested fix of every package to a copy of the testdata, checks that
// the copy type-checks (tests included), and that analysing it again
// suggests nothing: fixes compile and are idempotent.
func TestAnalyzer(t *testing.T) {
	fixed := map[string][]byte{}
	for _, tc := range cases {
		t.Run(tc.pkg, func(t *testing.T) {
			var results []*analysistest.Result
			switch {
			case tc.golden && !*update:
				results = analysistest.RunWithSuggestedFixes(t, testdata, tc.analyzer(), tc.pkg)
			default:
				results = analysistest.Run(t, testdata, tc.analyzer(), tc.pkg)
			}
			files, n := applyAll(t, results)
			if n == 0 && tc.golden {
				t.Fatal("no fixes to apply")
			}
			for name, content := range files {
				fixed[name] = content
				if *update && tc.golden {
					if err := os.WriteFile(name+".golden", content, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		})
	}
	if t.Failed() {
		return
	}
	t.Run("compile", func(t *testing.T) {
		tmp := t.TempDir()
		if err := os.CopyFS(tmp, os.DirFS(testdata)); err != nil {
			t.Fatal(err)
		}
		for name, content := range fixed {
			rel, err := filepath.Rel(testdata, name)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(tmp, rel), content, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var patterns []string
		for _, tc := range cases {
			patterns = append(patterns, tc.pkg+"/...")
		}
		pkgs, err := packages.Load(&packages.Config{
			Mode:  packages.LoadAllSyntax,
			Dir:   tmp,
			Tests: true,
			Env:   append(os.Environ(), "GOPATH="+tmp, "GO111MODULE=off", "GOWORK=off"),
		}, patterns...)
		if err != nil {
			t.Fatal(err)
		}
		packages.Visit(pkgs, nil, func(p *packages.Package) {
			for _, err := range p.Errors {
				t.Errorf("after the fixes: %v", err)
			}
		})
		if t.Failed() {
			dumpFixed(t, fixed)
			return
		}
		for _, tc := range cases {
			var mine []*packages.Package
			for _, p := range pkgs {
				if p.PkgPath == tc.pkg || strings.HasPrefix(p.PkgPath, tc.pkg+"/") {
					mine = append(mine, p)
				}
			}
			res, err := checker.Analyze([]*analysis.Analyzer{tc.analyzer()}, mine, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, act := range res.Roots {
				for _, d := range act.Diagnostics {
					if len(d.SuggestedFixes) > 0 {
						t.Errorf("after the fixes, still a fix for %s: %s", act.Package.Fset.Position(d.Pos), d.Message)
					}
				}
			}
		}
	})
}

func dumpFixed(t *testing.T, fixed map[string][]byte) {
	for _, name := range slices.Sorted(maps.Keys(fixed)) {
		t.Logf("=== %s\n%s", name, fixed[name])
	}
}

type edit struct {
	start, end int
	text       string
}

// applyAll applies the first fix of every diagnostic of results, as the
// checker's -fix does: identical edits coalesce, a fix that overlaps an
// applied one is an error here (the testdata has no conflicts). It returns
// the fixed files, gofmt-ed, and the number of fixes applied.
func applyAll(t *testing.T, results []*analysistest.Result) (map[string][]byte, int) {
	t.Helper()
	perFile := map[string][]edit{}
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if len(d.SuggestedFixes) == 0 {
				continue
			}
			fix := d.SuggestedFixes[0]
			staged := map[string][]edit{}
			for _, e := range fix.TextEdits {
				tf := r.Pass.Fset.File(e.Pos)
				staged[tf.Name()] = append(staged[tf.Name()], edit{tf.Offset(e.Pos), tf.Offset(e.End), string(e.NewText)})
			}
			for name, edits := range staged {
				merged, err := merge(perFile[name], edits)
				if err != nil {
					t.Errorf("fix %q of %s conflicts: %v", fix.Message, r.Pass.Fset.Position(d.Pos), err)
					continue
				}
				perFile[name] = merged
			}
			n++
		}
	}
	out := map[string][]byte{}
	for name, edits := range perFile {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		last := 0
		for _, e := range edits {
			b.Write(src[last:e.start])
			b.WriteString(e.text)
			last = e.end
		}
		b.Write(src[last:])
		formatted, err := format.Source([]byte(b.String()))
		if err != nil {
			t.Errorf("%s after the fixes: %v\n%s", name, err, b.String())
			continue
		}
		out[name] = formatted
	}
	return out, n
}

// merge adds edits to the sorted list have, coalescing identical edits.
func merge(have, edits []edit) ([]edit, error) {
	out := slices.Clone(have)
	for _, e := range edits {
		if slices.Contains(out, e) {
			continue
		}
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b edit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.end - b.end
	})
	for i := 1; i < len(out); i++ {
		if out[i].start < out[i-1].end {
			return nil, fmt.Errorf("edits at offsets %d and %d overlap", out[i-1].start, out[i].start)
		}
	}
	return out, nil
}
