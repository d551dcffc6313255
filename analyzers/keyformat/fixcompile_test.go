package keyformat_test

import (
	"bytes"
	"flag"
	"go/format"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/analyzers/keyformat"
	"github.com/capsulelint/capsulelint/internal/config"
)

var update = flag.Bool("update", false, "rewrite the .golden files of the fix tests from the suggested fixes")

// fixCase is a set of test packages analysed under one configuration.
type fixCase struct {
	name     string
	cfg      config.Config
	patterns []string
}

func fixCases() []fixCase {
	return []fixCase{
		{"defaults", config.Default(), []string{"keyformat", "keyformatparam", "keyformatconst", "keyformatconstparam", "keyformattag", "keyformatnofix"}},
		{"labels", labelsConfig(), []string{"keyformatlabels"}},
		{"names", namesConfig(), []string{"keyformatnames"}},
		{"test-capsule", testCapsuleConfig(), []string{"keyformattests"}},
	}
}

// TestFixesCompile applies every suggested fix of the test packages to a
// copy of them, checks that the result type-checks (tests included), and
// that analysing it again finds nothing more to fix. With -update it
// writes the fixed files as the .golden files of TestAnalyzer and friends.
func TestFixesCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the test packages twice per configuration")
	}
	src := filepath.Join(testdata(t), "src")
	for _, tc := range fixCases() {
		t.Run(tc.name, func(t *testing.T) {
			gopath := t.TempDir()
			copyTree(t, src, filepath.Join(gopath, "src"))
			a := keyformat.New(tc.cfg)

			pkgs := load(t, gopath, tc.patterns)
			diags, fixed := analyze(t, a, pkgs)
			if fixed == 0 {
				t.Fatalf("no suggested fixes in %v", tc.patterns)
			}
			for name, content := range applyFixes(t, diags) {
				if err := os.WriteFile(name, content, 0o644); err != nil {
					t.Fatal(err)
				}
				if *update {
					rel, _ := filepath.Rel(filepath.Join(gopath, "src"), name)
					if err := os.WriteFile(filepath.Join(src, rel)+".golden", content, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}

			pkgs = load(t, gopath, tc.patterns)
			again, _ := analyze(t, a, pkgs)
			for _, d := range again {
				if len(d.diag.SuggestedFixes) > 0 {
					t.Errorf("after the fixes, still fixable: %s: %s", d.fset.Position(d.diag.Pos), d.diag.Message)
				}
			}
		})
	}
}

type fileDiag struct {
	diag analysis.Diagnostic
	fset *token.FileSet
}

// load loads the GOPATH-style test packages (and their tests) and fails
// on any error: the test packages and their fixed copies must build.
func load(t *testing.T, gopath string, patterns []string) []*packages.Package {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo,
		Dir:   filepath.Join(gopath, "src"),
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	var errs []string
	for _, p := range pkgs {
		for _, err := range p.Errors {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		t.Fatalf("the packages do not build:\n%s", strings.Join(errs, "\n"))
	}
	return pkgs
}

func analyze(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package) ([]fileDiag, int) {
	t.Helper()
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []fileDiag
	fixed := 0
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			out = append(out, fileDiag{diag: d, fset: act.Package.Fset})
			if len(d.SuggestedFixes) > 0 {
				fixed++
			}
		}
	}
	return out, fixed
}

// applyFixes applies the edits of every fix (identical edits, as several
// fixes and the test variant of a package produce, once) and returns the
// new contents of the files they touch, gofmt-ed.
func applyFixes(t *testing.T, diags []fileDiag) map[string][]byte {
	t.Helper()
	type edit struct {
		start, end int
		text       string
	}
	byFile := map[string][]edit{}
	for _, d := range diags {
		for _, fix := range d.diag.SuggestedFixes {
			for _, e := range fix.TextEdits {
				start, end := d.fset.Position(e.Pos), d.fset.Position(e.End)
				ed := edit{start.Offset, end.Offset, string(e.NewText)}
				if !slices.Contains(byFile[start.Filename], ed) {
					byFile[start.Filename] = append(byFile[start.Filename], ed)
				}
			}
		}
	}
	out := map[string][]byte{}
	for name, edits := range byFile {
		slices.SortStableFunc(edits, func(x, y edit) int {
			if x.start != y.start {
				return x.start - y.start
			}
			return x.end - y.end
		})
		content, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		last := 0
		for _, e := range edits {
			if e.start < last {
				t.Fatalf("%s: overlapping edits at offset %d", name, e.start)
			}
			b.Write(content[last:e.start])
			b.WriteString(e.text)
			last = e.end
		}
		b.Write(content[last:])
		formatted, err := format.Source(b.Bytes())
		if err != nil {
			t.Fatalf("%s: the fixed file does not parse: %v\n%s", name, err, b.Bytes())
		}
		out[name] = formatted
	}
	return out
}

// copyTree copies the test packages (no .golden files) to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
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
