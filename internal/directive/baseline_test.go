package directive

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/baseline"
	"github.com/capsulelint/capsulelint/internal/config"
)

// Findings in the baseline are not reported, once per recorded occurrence.
func TestReporterBaseline(t *testing.T) {
	fset := token.NewFileSet()
	f := parseFile(t, fset, filepath.Join(t.TempDir(), "p.go"), "package p\n\ntype Old struct{}\n\ntype New struct{}\n")
	old, nw := declPos(t, f, "Old"), declPos(t, f, "New")
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := baseline.Write(path, []baseline.Entry{baseline.Fingerprint(fset, f, old, "keyformat", "type Old")}); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Baseline = path
	got := run(t, fset, []*ast.File{f}, "keyformat", cfg, func(r *Reporter) {
		r.Report(analysis.Diagnostic{Pos: old, Message: "type Old"})
		r.Report(analysis.Diagnostic{Pos: nw, Message: "type New"})
		r.Report(analysis.Diagnostic{Pos: old, Message: "type Old"}) // a second occurrence
	})
	if want := []string{"type New", "type Old"}; !slices.Equal(messages(got), want) {
		t.Errorf("got %q, want %q", messages(got), want)
	}
	// Another analyzer's finding with the same message is not baselined.
	got = run(t, fset, []*ast.File{f}, "gsitenant", cfg, func(r *Reporter) {
		r.Report(analysis.Diagnostic{Pos: old, Message: "type Old"})
	})
	if len(got) != 1 {
		t.Errorf("gsitenant: got %q", messages(got))
	}
}
