package main

import (
	"testing"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
)

// TestFixScope checks which fix scope each command line gives the
// analyzers: per package where the output's fixes are applied as they
// are (-json, -sarif), the fix engine's for plain text, -fix and -diff,
// per package for what it cannot parse.
func TestFixScope(t *testing.T) {
	all := analyzers.All()
	for _, tc := range []struct {
		args []string
		want config.FixScope
	}{
		{[]string{"./..."}, config.FixWorkspace},
		{[]string{"-test=false", "./..."}, config.FixWorkspace},
		{[]string{"-baseline", "b.json", "./..."}, config.FixWorkspace},
		{[]string{"-keyformat.tenant-names", "orgSlug", "./..."}, config.FixWorkspace},
		{[]string{"-keyformat.include-tests", "./..."}, config.FixWorkspace}, // a bool flag: ./... is no value
		{[]string{"-json", "./..."}, config.FixPackage},
		{[]string{"--json", "./..."}, config.FixPackage},
		{[]string{"-json=false", "./..."}, config.FixWorkspace},
		{[]string{"-c", "2", "-json", "./..."}, config.FixPackage},
		{[]string{"-keyformat.config", "x.yaml", "-fix", "./..."}, config.FixWorkspace},
		{[]string{"-keyformat.include-tests", "-diff", "-json", "./..."}, config.FixPackage},
		{[]string{"-fix", "-diff", "./..."}, config.FixWorkspace},
		{[]string{"-sarif", "./..."}, config.FixPackage},
		{[]string{"./...", "-json"}, config.FixWorkspace}, // a package pattern, for the flag package too
		{[]string{"-no-such-flag", "./..."}, config.FixPackage},
	} {
		if got := fixScope(tc.args, all); got != tc.want {
			t.Errorf("fixScope(%q) = %s, want %s", tc.args, got, tc.want)
		}
	}
	// Parsing the command line does not set the analyzers' flags.
	fixScope([]string{"-keyformat.tenant-names", "orgSlug", "./..."}, all)
	for _, a := range all {
		if f := a.Flags.Lookup("tenant-names"); f == nil || f.Value.String() != "" {
			t.Errorf("%s: tenant-names flag = %v after fixScope", a.Name, f)
		}
	}
}
