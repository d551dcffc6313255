package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
)

// TestBaseline adopts capsulelint on the bundled example with a baseline:
// recorded findings stay quiet after unrelated edits move them, and a new
// violation still fails the run.
func TestBaseline(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the bundled example")
	}
	dir := copyMigrationFixture(t)
	t.Chdir(dir)
	bl := filepath.Join(t.TempDir(), "baseline.json")
	report := func(args ...string) (int, string) {
		var stdout, stderr bytes.Buffer
		code := runReport(append(args, "./..."), analyzers.New(config.Default()), &stdout, &stderr)
		return code, stdout.String() + stderr.String()
	}
	if code, out := report("-baseline-write", bl); code != 0 || !strings.Contains(out, "recorded") {
		t.Fatalf("-baseline-write: exit %d\n%s", code, out)
	}
	if code, out := report("-baseline", bl); code != 0 || out != "" {
		t.Fatalf("-baseline right after writing it: exit %d, want 0 and no output\n%s", code, out)
	}

	// Unrelated edits: lines added above every finding of a file.
	path := filepath.Join(dir, "model", "contract.go")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), "\ntype ", "\n// Added while the baseline was in force.\nvar addedLater = 1\n\ntype ", 1)
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out := report("-baseline", bl); code != 0 || out != "" {
		t.Fatalf("-baseline after unrelated edits: exit %d, want 0 and no output\n%s", code, out)
	}

	// A new violation is reported, and only it.
	newEntity := "\n// Refund is new since the baseline.\ntype Refund struct {\n\tTenantID ids.TenantID\n\tAmount   int64\n}\n"
	if err := os.WriteFile(path, []byte(edited+newEntity), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := report("-baseline", bl)
	if code != 3 || !strings.Contains(out, "entity Refund") || strings.Count(out, "contract.go:") != 1 {
		t.Fatalf("-baseline with a new violation: exit %d, want 3 and only the Refund finding\n%s", code, out)
	}
}
