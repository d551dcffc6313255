package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/txtartest"
)

// TestVariantsReportOnce: a finding in a package with in-package tests
// is reported once, with the test variant's message (which names the test
// call that keeps the fix away), not a second time by the variant
// without the tests. When the test files do not compile, the package is
// analysed on its own and its finding still reported.
func TestVariantsReportOnce(t *testing.T) {
	dir, _ := txtartest.Extract(t, filepath.Join("testdata", "variant-duplicates.txtar"))
	t.Chdir(dir)
	all := analyzers.NewWithFixScope(config.Default(), config.FixWorkspace)

	// Analysed: ids, and repo through its test variant; not repo without
	// its tests, nor the generated test main.
	pkgs, err := packages.Load(&packages.Config{Mode: lintLoadMode, Tests: true}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range analysisRoots(pkgs) {
		ids = append(ids, p.ID)
	}
	slices.Sort(ids)
	if want := []string{"example.com/variants/ids", "example.com/variants/repo [example.com/variants/repo.test]"}; !slices.Equal(ids, want) {
		t.Errorf("analysed %q, want %q", ids, want)
	}

	res, err := lint([]string{"./..."}, all, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.findings) != 1 {
		t.Fatalf("%d findings, want 1:\n%s", len(res.findings), messages(res.findings))
	}
	if msg := res.findings[0].diag.Message; !strings.Contains(msg, "no fix: call at repo_test.go:18") {
		t.Errorf("finding %q, want the test variant's, naming the test's call", msg)
	}

	// Break the tests: the test variant does not load.
	broken := filepath.Join(dir, "repo", "repo_test.go")
	data, err := os.ReadFile(broken)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(broken, append(data, []byte("\nvar _ int = \"not an int\"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	var loadErrs strings.Builder
	res, err = lint([]string{"./..."}, all, true, &loadErrs)
	if err != nil {
		t.Fatal(err)
	}
	if !res.loadFailed || !strings.Contains(loadErrs.String(), "repo_test.go") {
		t.Errorf("load errors %q, loadFailed %v: want the broken test file reported", loadErrs.String(), res.loadFailed)
	}
	if len(res.findings) != 1 || !strings.HasPrefix(res.findings[0].diag.Message, "repository method OrderRepository.Get takes a tenant ID") {
		t.Errorf("with broken tests: %d findings, want the package's own 1:\n%s", len(res.findings), messages(res.findings))
	}
}

func messages(fs []finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.posn.String() + ": " + f.diag.Message + "\n")
	}
	return b.String()
}
