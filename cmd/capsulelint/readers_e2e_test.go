package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/capsulelint/capsulelint/internal/txtartest"
)

// extractModule writes a testdata archive into a temp module.
func extractModule(t *testing.T, name string) string {
	t.Helper()
	dir, _ := txtartest.Extract(t, filepath.Join("testdata", name))
	return dir
}

// TestMigrateReadersFollowWriters migrates a module whose key writers
// (package keys) and readers (package parse) live apart: the readers are
// rewritten with the writers, the module's own round-trip test passes
// after the migration, migrate -test says so and exits 0, and a second
// run changes nothing.
func TestMigrateReadersFollowWriters(t *testing.T) {
	dir := extractModule(t, "readers.txtar")
	goCmd(t, dir, "test", "./...") // green before
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := runMigrate([]string{"-test", "./..."}, &stdout, &stderr)
	out := stdout.String()
	t.Logf("migrate output:\n%s%s", out, stderr.String())
	if code != 0 {
		t.Fatalf("migrate -test exit %d, want 0", code)
	}
	for _, want := range []string{
		"readers of changed key templates (4 rewritten, 1 unchanged, 0 need a human)",
		`parse.go:15:22: rewritten: sk[len("TENANT#"):] takes keys of "TENANT#%s" (now "TENANT#%s#CAPSULE#%s", written at keys.go:11)`,
		"tests pass in the 3 packages the migration changed or that import them",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	parse, err := os.ReadFile(filepath.Join(dir, "parse", "parse.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`return ids.TenantID(strings.SplitN(sk[len("TENANT#"):], "#CAPSULE#", 2)[0]), nil`,
		`return ids.TenantID(strings.SplitN(strings.TrimPrefix(sk, "TENANT#"), "#CAPSULE#", 2)[0])`,
		"rest, ok := strings.CutPrefix(sk, \"TENANT#\")\n\trest = strings.SplitN(rest, \"#CAPSULE#\", 2)[0]\n",
		`if len(parts) != 6 || parts[0] != "TENANT" || parts[4] != "INVOICE" {`,
		`return ids.TenantID(parts[1]), parts[5], nil`,
		`return strings.TrimPrefix(s, "#")`, // no key: untouched
	} {
		if !bytes.Contains(parse, []byte(want)) {
			t.Errorf("parse.go after migrate lacks %q:\n%s", want, parse)
		}
	}
	goCmd(t, dir, "vet", "./...")
	goCmd(t, dir, "test", "-count=1", "./...") // the fixture's own round trip

	stdout.Reset()
	if code := runMigrate([]string{"./..."}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "0 files changed") {
		t.Errorf("second migrate: exit %d, want 0 and no change:\n%s", code, stdout.String())
	}
}

// TestMigrateTestReportsFailingTests migrates a module with a reader that
// cannot follow its writer mechanically (fmt.Sscanf with %s): migrate
// names it for a human, and migrate -test runs the round-trip test,
// reports it failing beside the fix and the reader, and exits 4.
func TestMigrateTestReportsFailingTests(t *testing.T) {
	dir, again := extractModule(t, "readers-sscanf.txtar"), extractModule(t, "readers-sscanf.txtar")
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := runMigrate([]string{"-test", "./..."}, &stdout, &stderr)
	out := stdout.String()
	t.Logf("migrate output:\n%s%s", out, stderr.String())
	if code != 4 {
		t.Fatalf("migrate -test exit %d, want 4 (a test fails)", code)
	}
	for _, want := range []string{
		"readers of changed key templates (0 rewritten, 0 unchanged, 1 need a human)",
		"FAIL example.com/scan/store\n  TestRoundTrip\n",
		`Owner = "acme#CAPSULE#c1", <nil>; want acme`,
		"    fix " + filepath.Join(dir, "keys", "keys.go") + ":11:21: keyformat: ",
		"  imports example.com/scan/keys, changed by 1 fixes (keyformat 1)",
		"  reader " + filepath.Join(dir, "store", "store.go") + ":20:15: needs a human: fmt.Sscanf(",
		`its verb "%s" before the inserted segments reads up to a space`,
		"written at keys.go:11",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// Without -test the same migration exits 3: a reader needs a human.
	t.Chdir(again)
	stdout.Reset()
	if code := runMigrate([]string{"./..."}, &stdout, &stderr); code != 3 {
		t.Errorf("migrate exit %d, want 3 (a reader needs a human):\n%s", code, stdout.String())
	}
}

// TestMigrateReadersOfConcatenatedKeys: a writer building its key by +
// concatenation takes its reader along too.
func TestMigrateReadersOfConcatenatedKeys(t *testing.T) {
	dir := extractModule(t, "readers-concat.txtar")
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := runMigrate([]string{"-test", "./..."}, &stdout, &stderr)
	t.Logf("migrate output:\n%s%s", stdout.String(), stderr.String())
	if code != 0 {
		t.Fatalf("migrate -test exit %d, want 0", code)
	}
	if want := `takes keys of "TENANT#%v" (now "TENANT#%v#CAPSULE#%v", written at keys.go:7) apart: the rest is now cut at "#CAPSULE#"`; !strings.Contains(stdout.String(), want) {
		t.Errorf("output lacks %q", want)
	}
	goCmd(t, dir, "test", "-count=1", "./...")
}
