// Package txtartest writes txtar test archives (a module in one file)
// into temporary directories, for the tests that run the drivers on a
// module of their own.
package txtartest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Extract writes the files of the archive at path into a new temporary
// directory and returns it. Files under want/ are not written: they are
// returned by name (the rest of their path), the expected contents after
// the test's change.
func Extract(t testing.TB, path string) (dir string, want map[string][]byte) {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	want = map[string][]byte{}
	for _, f := range ar.Files {
		if rest, ok := strings.CutPrefix(f.Name, "want/"); ok {
			want[rest] = f.Data
			continue
		}
		file := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, want
}
