package keyformat_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/capsulelint/capsulelint/analyzers/keyformat"
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
	analysistest.RunWithSuggestedFixes(t, testdata(t), keyformat.New(fixtest.Workspace(config.Default())), "keyformat")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), keyformat.New(fixtest.Workspace(config.Default())), "keyformatparam", "keyformatconst", "keyformatconstparam", "keyformattag")
}

// TestPackageFixScope runs the analyzer as a per-package driver does
// (the default fix scope): the fix changing an exported function's
// signature is withheld with a message saying why and where to go; the
// fixes that stay in the package are kept. A fix whose keys code of the
// package takes apart is withheld too: only the fix engine rewrites
// readers with their writer.
func TestPackageFixScope(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), keyformat.New(config.Default()), "keyformatfixscope", "keyformatfixscopereaders")
}

func TestNoFix(t *testing.T) {
	analysistest.Run(t, testdata(t), keyformat.New(fixtest.Workspace(config.Default())), "keyformatnofix")
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
	analysistest.RunWithSuggestedFixes(t, testdata(t), keyformat.New(fixtest.Workspace(labelsConfig())), "keyformatlabels")
}

func TestConfigNames(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), keyformat.New(fixtest.Workspace(namesConfig())), "keyformatnames")
}

// slugsConfig is issue 13's acceptance configuration: tenants and
// capsules are strings known by name, with capsule-source and
// test-capsule.
func slugsConfig() config.Config {
	c := config.Default()
	c.TenantNames = []string{"tenantSlug", "TenantSlug"}
	c.CapsuleNames = []string{"capsuleID", "CapsuleID"}
	c.CapsuleSource = config.Source{Import: "keyformatslugs/capsule", Expr: "capsule.FromContext({ctx})"}
	c.TestCapsule = config.Source{Import: "keyformatslugs/capsule", Expr: "capsule.Test()"}
	return c
}

func TestConfigSlugs(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), keyformat.New(fixtest.Workspace(slugsConfig())), "keyformatslugs")
}

func testCapsuleConfig() config.Config {
	c := config.Default()
	c.TestCapsule = config.Source{Import: "ids", Expr: `ids.CapsuleID("test-capsule")`}
	return c
}

func TestConfigTestCapsule(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), keyformat.New(fixtest.Workspace(testCapsuleConfig())), "keyformattests")
}

// TestTenantItself: templates whose result is the tenant ID (normalised
// or minted) are no keys; real keys beside them are reported.
func TestTenantItself(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), keyformat.New(fixtest.Workspace(config.Default())), "keyformatself")
}

func TestTenantItselfOrgs(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), keyformat.New(fixtest.Workspace(fixtest.OrgsConfig())), "keyformatorgs")
}

// TestWrapped: tenant values wrapped in calls (normalizeToken(t),
// strings.ToUpper(strings.TrimSpace(t))) are seen in every key form.
func TestWrapped(t *testing.T) {
	analysistest.Run(t, testdata(t), keyformat.New(fixtest.Workspace(config.Default())), "keyformatwrapped")
}
