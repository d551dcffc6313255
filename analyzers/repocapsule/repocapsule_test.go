package repocapsule_test

import (
	"flag"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/capsulelint/capsulelint/analyzers/repocapsule"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/fixtest"
)

var update = flag.Bool("update", false, "rewrite the .golden files of the fix tests from the fixes")

var testdata = func() string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		panic(err)
	}
	return dir
}()

// testCase is a testdata package and the configuration it runs with.
type testCase struct {
	pkg    string
	cfg    func(*config.Config)
	golden bool // checked with RunWithSuggestedFixes against .golden files
	// crossPackage: implementations in another testdata package, which
	// only the workspace fix engine (capsulelint migrate) completes; left
	// out of the per-package compile check.
	crossPackage bool
}

func (tc testCase) config() config.Config {
	cfg := fixtest.Workspace(config.Default())
	if tc.cfg != nil {
		tc.cfg(&cfg)
	}
	return cfg
}

func (tc testCase) analyzer() *analysis.Analyzer { return repocapsule.New(tc.config()) }

var cases = []testCase{
	{pkg: "repocapsule"},
	{pkg: "repocapsulenofix"},
	{pkg: "repocapsulenotype"},
	{pkg: "repocapsulereach", golden: true},
	{pkg: "repocapsulefix", golden: true, cfg: func(c *config.Config) {
		c.TestCapsule = config.Source{Import: "repocapsulefix/fixture", Expr: "fixture.Capsule()"}
	}},
	{pkg: "repocapsuleunnamed", golden: true},
	{pkg: "repocapsulegeneric", golden: true},
	{pkg: "repocapsulemove", golden: true},
	{pkg: "repocapsuleembed", golden: true},
	// One finding per root cause: implementations of a reported interface
	// method, here, in tests and in another package, are not reported.
	{pkg: "repocapsuleabroad", crossPackage: true},
	{pkg: "repocapsuleabroadimpl", crossPackage: true},
	// Configuration keys.
	{pkg: "repocapsulepattern", cfg: func(c *config.Config) { c.RepositoryPattern = `(DAO|Gateway)$` }},
	{pkg: "repocapsulenames", golden: true, cfg: func(c *config.Config) {
		c.TenantNames = []string{"orgSlug", "OrgSlug"}
		c.CapsuleNames = []string{"projectKey", "ProjectKey"}
	}},
	{pkg: "repocapsuleslugs", golden: true, cfg: slugsConfig},
	{pkg: "repocapsulesource", golden: true, cfg: func(c *config.Config) {
		c.CapsuleSource = config.Source{Import: "repocapsulesource/reqctx", Expr: "reqctx.Capsule({ctx})"}
	}},
}

// slugsConfig is issue 13's acceptance configuration: tenants and
// capsules are strings known by name, with capsule-source and
// test-capsule.
func slugsConfig(c *config.Config) {
	c.TenantNames = []string{"tenantSlug", "TenantSlug", "AccountSlug"}
	c.CapsuleNames = []string{"capsuleID", "CapsuleID", "EnvKey"}
	c.CapsuleSource = config.Source{Import: "repocapsuleslugs/capsule", Expr: "capsule.FromContext({ctx})"}
	c.TestCapsule = config.Source{Import: "repocapsuleslugs/capsule", Expr: "capsule.Test()"}
}

// TestAnalyzer checks every testdata package's diagnostics (// want) and,
// for the golden ones, its fixes (.golden). Then it applies every
// suggested fix of every package to a copy of the testdata, checks that
// the copy type-checks (tests included), and that analysing it again
// suggests nothing: fixes compile and are idempotent. With -update it
// writes the golden packages' fixed files as their .golden files.
func TestAnalyzer(t *testing.T) {
	var fixCases []fixtest.Case
	for _, tc := range cases {
		t.Run(tc.pkg, func(t *testing.T) {
			if tc.golden && !*update {
				analysistest.RunWithSuggestedFixes(t, testdata, tc.analyzer(), tc.pkg)
			} else {
				analysistest.Run(t, testdata, tc.analyzer(), tc.pkg)
			}
		})
		if tc.crossPackage {
			continue
		}
		fixCases = append(fixCases, fixtest.Case{Name: tc.pkg, Analyzer: tc.analyzer(), Patterns: []string{tc.pkg + "/..."}, Golden: tc.golden, OnlyUnfixedLeft: true})
	}
	if t.Failed() {
		return
	}
	t.Run("compile", func(t *testing.T) {
		fixtest.Check(t, testdata, fixCases, *update)
	})
}
