package config

import (
	"flag"
	"path/filepath"
	"testing"
)

const emptyBaseline = `{"version": 1, "findings": []}` + "\n"

// A relative baseline path is relative to the config file naming it.
// Regression: the file was found by cutting the origin at its last space
// ("flags over <file>"), which broke on paths with spaces.
func TestRegressionBaselineRelativeToFileWithSpaces(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my module") // a space in the path
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n")
	writeFile(t, filepath.Join(dir, FileName), "baseline: capsulelint-baseline.json\n")
	writeFile(t, filepath.Join(dir, "capsulelint-baseline.json"), emptyBaseline)
	t.Chdir(t.TempDir()) // elsewhere
	for _, args := range [][]string{
		{"-config", filepath.Join(dir, FileName)},
		{"-config", filepath.Join(dir, FileName), "-nested-depth=2"}, // origin "flags over <file>"
	} {
		r := NewResolver(nil)
		fs := flag.NewFlagSet("x", flag.ContinueOnError)
		r.Register(fs)
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		res, err := r.Get()
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		if want := filepath.Join(dir, "capsulelint-baseline.json"); res.Baseline != want {
			t.Errorf("%q: baseline %q, want %q", args, res.Baseline, want)
		}
	}
}

func TestResolverMissingBaseline(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, FileName), "baseline: nope.json\n")
	r := NewResolver(nil)
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	r.Register(fs)
	if err := fs.Parse([]string{"-config", filepath.Join(dir, FileName)}); err != nil {
		t.Fatal(err)
	}
	_, err := r.Get()
	wantErr(t, err, filepath.Join(dir, FileName), "baseline", "nope.json")
}
