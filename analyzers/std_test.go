package analyzers_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
)

// TestStandardLibrary runs every analyzer over std: the standard library
// is not multi-tenant code, so any diagnostic is a false positive, and a
// panic or analyzer error is a crash users would see.
func TestStandardLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the whole standard library")
	}
	cfg := &packages.Config{Mode: packages.LoadSyntax, Tests: false}
	pkgs, err := packages.Load(cfg, "std")
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze(analyzers.New(config.Default()), pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		for _, d := range act.Diagnostics {
			n++
			if n <= 20 {
				t.Errorf("%s: %s: %s", act.Package.Fset.Position(d.Pos), act.Analyzer.Name, d.Message)
			}
		}
	}
	if n > 20 {
		t.Errorf("... %d diagnostics in all, want none", n)
	}
	if len(pkgs) < 100 {
		t.Errorf("loaded %d std packages, want the whole standard library", len(pkgs))
	}
}
