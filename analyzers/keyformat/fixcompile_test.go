package keyformat_test

import (
	"flag"
	"testing"

	"github.com/capsulelint/capsulelint/analyzers/keyformat"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/fixtest"
)

var update = flag.Bool("update", false, "rewrite the .golden files of the fix tests from the suggested fixes")

// TestFixesCompile applies every suggested fix of the test packages to a
// copy of them, checks that the result type-checks (tests included), and
// that analysing it again finds nothing more to fix. With -update it
// writes the fixed files as the .golden files of TestAnalyzer and friends.
func TestFixesCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the test packages twice")
	}
	fixtest.Check(t, testdata(t), []fixtest.Case{
		{Name: "defaults", Analyzer: keyformat.New(fixtest.Workspace(config.Default())), Golden: true, OnlyUnfixedLeft: true,
			Patterns: []string{"keyformat", "keyformatparam", "keyformatconst", "keyformatconstparam", "keyformattag", "keyformatnofix"}},
		{Name: "labels", Analyzer: keyformat.New(fixtest.Workspace(labelsConfig())), Patterns: []string{"keyformatlabels"}, Golden: true, OnlyUnfixedLeft: true},
		{Name: "names", Analyzer: keyformat.New(fixtest.Workspace(namesConfig())), Patterns: []string{"keyformatnames"}, Golden: true, OnlyUnfixedLeft: true},
		{Name: "slugs", Analyzer: keyformat.New(fixtest.Workspace(slugsConfig())), Patterns: []string{"keyformatslugs"}, Golden: true, OnlyUnfixedLeft: true},
		{Name: "test-capsule", Analyzer: keyformat.New(fixtest.Workspace(testCapsuleConfig())), Patterns: []string{"keyformattests"}, Golden: true, OnlyUnfixedLeft: true},
	}, *update)
}
