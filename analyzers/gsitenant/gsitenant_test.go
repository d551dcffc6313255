package gsitenant_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/capsulelint/capsulelint/analyzers/gsitenant"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/fixtest"
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
	analysistest.RunWithSuggestedFixes(t, testdata(t), gsitenant.New(fixtest.Workspace(config.Default())), "gsitenant")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), gsitenant.New(fixtest.Workspace(config.Default())), "gsitenantfix", "gsitenantcalls", "gsitenantreach")
}

// TestChains covers helpers whose keys extend another helper's key,
// whose fixes take more than one round when a call of the helper is in
// another helper that gets its own prefix (not in TestFixesCompile,
// which checks that one round of fixes leaves nothing to fix).
func TestChains(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), gsitenant.New(fixtest.Workspace(config.Default())), "gsitenantchain")
}

func patternConfig() config.Config {
	c := config.Default()
	c.KeyhelperPattern = `^IndexKey`
	return c
}

func namesConfig() config.Config {
	c := config.Default()
	c.TenantNames = []string{"tenantSlug", "TenantSlug"}
	c.CapsuleNames = []string{"capsuleSlug", "CapsuleSlug"}
	return c
}

func labelsConfig() config.Config {
	c := config.Default()
	c.Labels = config.Labels{Tenant: "org", Capsule: "proj"}
	return c
}

func separatorConfig() config.Config {
	c := config.Default()
	c.Separator = "|"
	return c
}

func TestNoFix(t *testing.T) {
	analysistest.Run(t, testdata(t), gsitenant.New(fixtest.Workspace(config.Default())), "gsitenantnofix", "gsitenantnotype", "gsitenantreachtwo")
}

func TestConfigKeyhelperPattern(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), gsitenant.New(fixtest.Workspace(patternConfig())), "gsitenantpattern")
}

func TestConfigTenantNames(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), gsitenant.New(fixtest.Workspace(namesConfig())), "gsitenantnames")
}

func TestConfigLabels(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), gsitenant.New(fixtest.Workspace(labelsConfig())), "gsitenantlabels")
}

func TestConfigSeparator(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), gsitenant.New(fixtest.Workspace(separatorConfig())), "gsitenantsep")
}
