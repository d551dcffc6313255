package keyformat_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/capsulelint/capsulelint/analyzers/keyformat"
	"github.com/capsulelint/capsulelint/internal/config"
)

func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestAnalyzer(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), keyformat.New(config.Default()), "keyformat")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), keyformat.New(config.Default()), "keyformatparam", "keyformatconst", "keyformatconstparam", "keyformattag")
}

func TestNoFix(t *testing.T) {
	analysistest.Run(t, testdata(t), keyformat.New(config.Default()), "keyformatnofix")
}

func labelsConfig() config.Config {
	c := config.Default()
	c.Labels = config.Labels{Tenant: "org", Capsule: "proj"}
	c.Separator = ":"
	c.GlobalLabels = []string{"schema"}
	return c
}

func namesConfig() config.Config {
	c := config.Default()
	c.TenantNames = []string{"orgSlug"}
	c.CapsuleNames = []string{"projectKey"}
	return c
}

func TestConfigLabels(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), keyformat.New(labelsConfig()), "keyformatlabels")
}

func TestConfigNames(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), keyformat.New(namesConfig()), "keyformatnames")
}

func testCapsuleConfig() config.Config {
	c := config.Default()
	c.TestCapsule = config.Source{Import: "ids", Expr: `ids.CapsuleID("test-capsule")`}
	return c
}

func TestConfigTestCapsule(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), keyformat.New(testCapsuleConfig()), "keyformattests")
}
