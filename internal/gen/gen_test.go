package gen

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedServiceBuilds checks that a small generated service, with
// compliant and tenant-only packages, vets and passes its tests.
func TestGeneratedServiceBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated module")
	}
	dir := t.TempDir()
	if err := Write(Options{Dir: dir, Packages: 6, Bad: 3}); err != nil {
		t.Fatal(err)
	}
	bad, err := os.ReadFile(filepath.Join(dir, "d0003", "d0003.go"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(bad), "CapsuleID ids.CapsuleID `") || !strings.Contains(string(bad), `"CAPSULE#" + string(capsuleID) + "#ACCOUNT#"`) {
		t.Errorf("d0003 should be tenant-only:\n%s", bad)
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %v: %v\n%s", args, err, out)
		}
	}
}
