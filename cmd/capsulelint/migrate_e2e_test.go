package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// copyMigrationFixture copies the before tree of testdata/migration into
// a temp module with the fixture's import paths, and returns the tree's
// directory in it.
func copyMigrationFixture(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs("../../testdata/migration")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	dst := filepath.Join(root, "testdata", "migration")
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if rel == "after" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	gomod := "module github.com/capsulelint/capsulelint\n\ngo 1.26\n"
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestMigrateBundledExample is the seeds' migration end to end: migrate
// the six-entity service, check it builds, vets, matches the expected
// tree, passes the cross-capsule isolation tests, and that a second run
// changes nothing.
func TestMigrateBundledExample(t *testing.T) {
	if testing.Short() {
		t.Skip("migrates a whole service")
	}
	want, err := filepath.Abs("../../testdata/migration/after")
	if err != nil {
		t.Fatal(err)
	}
	dir := copyMigrationFixture(t)
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := runMigrate([]string{"./..."}, &stdout, &stderr)
	t.Logf("migrate output:\n%s%s", stdout.String(), stderr.String())
	if code != 0 {
		t.Fatalf("migrate exit %d, want 0 (everything fixable)", code)
	}
	goCmd(t, dir, "vet", "./...")

	t.Chdir(want) // for relative paths below
	err = filepath.WalkDir(want, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go.golden") {
			return err
		}
		rel, _ := filepath.Rel(want, path)
		rel = strings.TrimSuffix(rel, ".golden")
		golden, _ := os.ReadFile(path)
		got, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(got, golden) {
			t.Errorf("%s differs from after/%s.golden:\n%s", rel, rel, lineDiff(string(golden), string(got)))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	iso, err := os.ReadFile("../isolation_test.go.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "repository", "isolation_test.go"), iso, 0o644); err != nil {
		t.Fatal(err)
	}
	goCmd(t, dir, "test", "./...")

	t.Chdir(dir)
	stdout.Reset()
	if code := runMigrate([]string{"./..."}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "0 files changed") {
		t.Errorf("second migrate: exit %d, want 0 and no change:\n%s", code, stdout.String())
	}
}

// lineDiff lists the lines of want and got that differ, for test output.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("-" + wl + "\n+" + gl + "\n")
		}
	}
	return b.String()
}
