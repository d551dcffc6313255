package gsitenant_test

import (
	"flag"
	"strings"
	"testing"

	"github.com/capsulelint/capsulelint/analyzers/gsitenant"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/fixtest"
)

var update = flag.Bool("update", false, "rewrite the .golden files of the fix tests from the suggested fixes")

// TestFixesCompile applies every suggested fix of the test packages to a
// copy of them, checks that the result type-checks (tests included), and
// that analysing it again offers nothing more to fix.
func TestFixesCompile(t *testing.T) {
	fixtest.Check(t, testdata(t), []fixtest.Case{
		{Name: "defaults", Analyzer: gsitenant.New(fixtest.Workspace(config.Default())), Golden: true, OnlyUnfixedLeft: true,
			Patterns: []string{"gsitenant", "gsitenantfix", "gsitenantcalls", "gsitenantnofix", "gsitenantnotype", "gsitenantreach", "gsitenantreachtwo"}},
		{Name: "keyhelper-pattern", Analyzer: gsitenant.New(fixtest.Workspace(patternConfig())), Patterns: []string{"gsitenantpattern"}, Golden: true, OnlyUnfixedLeft: true},
		{Name: "tenant-names", Analyzer: gsitenant.New(fixtest.Workspace(namesConfig())), Patterns: []string{"gsitenantnames"}, Golden: true, OnlyUnfixedLeft: true},
		{Name: "labels", Analyzer: gsitenant.New(fixtest.Workspace(labelsConfig())), Patterns: []string{"gsitenantlabels"}, Golden: true, OnlyUnfixedLeft: true},
		{Name: "separator", Analyzer: gsitenant.New(fixtest.Workspace(separatorConfig())), Patterns: []string{"gsitenantsep"}, Golden: true, OnlyUnfixedLeft: true},
	}, *update)
}

// TestSingleFileFixes checks the golangci-lint mode: a fix that edits
// callers in other files is dropped and the message points to migrate; a
// fix that stays in the helper's file is kept.
func TestSingleFileFixes(t *testing.T) {
	cfg := config.Default()
	cfg.FixScope = config.FixSingleFile
	pkgs := fixtest.Load(t, testdata(t), "gsitenantfix")
	seen := map[string]bool{}
	for _, d := range fixtest.Analyze(t, gsitenant.New(cfg), pkgs) {
		switch {
		case strings.Contains(d.Message, "helper Gsi1pkForAccount "):
			seen["multi"] = true
			if len(d.SuggestedFixes) > 0 || !strings.Contains(d.Message, "(fix withheld: it also edits ") || !strings.Contains(d.Message, "callers.go") ||
				!strings.HasSuffix(d.Message, "run capsulelint migrate (or capsulelint -fix), which completes it in every package)") {
				t.Errorf("multi-file fix kept or not explained: %q (%d fixes)", d.Message, len(d.SuggestedFixes))
			}
		case strings.Contains(d.Message, "helper Contract.GSI1PK "):
			// The package has in-package tests: only its test variant
			// offers the fix (internal/directive).
			seen["single"] = true
			if len(d.SuggestedFixes) > 1 || strings.Contains(d.Message, "migrate") {
				t.Errorf("single-file fix dropped: %q", d.Message)
			}
			if len(d.SuggestedFixes) == 1 {
				seen["single fixed"] = true
			}
		}
	}
	if !seen["single fixed"] {
		t.Errorf("no variant offers the single-file fix of Contract.GSI1PK")
	}
	if !seen["multi"] || !seen["single"] {
		t.Errorf("diagnostics missing: %v", seen)
	}
}
