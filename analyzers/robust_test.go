package analyzers_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
)

// suite returns one analyzer that runs every analyzer of as on a pass and
// reports their diagnostics prefixed with the analyzer's name, so that a
// testdata package's // want comments can expect the findings of all four
// ("keyformat: key ..."), and a finding of the wrong analyzer fails.
func suite(as []*analysis.Analyzer) *analysis.Analyzer {
	var names []string
	for _, a := range as {
		names = append(names, a.Name)
		if len(a.Requires) != 1 || a.Requires[0] != inspect.Analyzer || len(a.FactTypes) > 0 {
			panic(fmt.Sprintf("suite: %s needs more than the inspector; extend suite", a.Name))
		}
	}
	return &analysis.Analyzer{
		Name:     "suite",
		Doc:      "runs " + strings.Join(names, ", "),
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			var errs []string
			for _, a := range as {
				sub := *pass
				sub.Analyzer = a
				sub.Report = func(d analysis.Diagnostic) {
					d.Message = a.Name + ": " + d.Message
					pass.Report(d)
				}
				if _, err := a.Run(&sub); err != nil {
					errs = append(errs, fmt.Sprintf("%s: %v", a.Name, err))
				}
			}
			if len(errs) > 0 {
				return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
			}
			return nil, nil
		},
	}
}

// robustPackages are the regression and robustness packages under
// testdata/src/robust*: unusual but valid Go, each annotated with exactly
// the findings expected from all four analyzers.
func robustPackages(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(testdataDir(t), "src", "robust*"))
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for _, d := range dirs {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			pkgs = append(pkgs, filepath.Base(d))
		}
	}
	slices.Sort(pkgs)
	if len(pkgs) == 0 {
		t.Fatal("no testdata/src/robust* packages")
	}
	return pkgs
}

// haveCgo reports whether cgo packages can be built.
func haveCgo() bool {
	_, err := exec.LookPath("gcc")
	return err == nil
}

func testdataDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// knownBugs are robustness packages that reproduce a reported, unfixed
// analyzer bug: their test is skipped with this message until the bug is
// fixed (delete the entry to enable it; CAPSULELINT_KNOWN_BUGS=1 runs
// them all, here and in TestFixValidity).
var knownBugs = map[string]string{}

// TestRobustness runs the four analyzers with the default configuration
// over every robust* package: cgo, generics, aliases, dot imports,
// embedded interfaces, method values and expressions, func-typed fields,
// generated files, internal and external tests, strings with '#' that are
// not keys, unrelated code and a compliant service. Nothing may panic or
// fail, and the diagnostics must be exactly the // want ones; where a
// package has .golden files, the fixes must produce them.
func TestRobustness(t *testing.T) {
	cgo := haveCgo()
	if cgo {
		t.Setenv("CGO_ENABLED", "1")
	}
	a := suite(analyzers.NewWithFixScope(config.Default(), config.FixWorkspace))
	for _, pkg := range robustPackages(t) {
		t.Run(pkg, func(t *testing.T) {
			if msg, ok := knownBugs[pkg]; ok && os.Getenv("CAPSULELINT_KNOWN_BUGS") == "" {
				t.Skip(msg)
			}
			if strings.Contains(pkg, "cgo") && !cgo {
				t.Skip("no C compiler (gcc) for cgo")
			}
			run := analysistest.Run
			if golden, _ := filepath.Glob(filepath.Join(testdataDir(t), "src", pkg, "*.golden")); len(golden) > 0 {
				run = analysistest.RunWithSuggestedFixes
			}
			for _, r := range run(t, testdataDir(t), a, pkg) {
				if r.Err != nil {
					t.Errorf("%s: %v", r.Pass.Pkg.Path(), r.Err)
				}
			}
		})
	}
}
