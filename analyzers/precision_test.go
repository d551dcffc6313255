package analyzers_test

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/fixtest"
)

// TestPrecision runs the four analyzers over testdata/src/precision, in
// the shapes of issue 14 (normalising and minting the org ID, a
// repository interface with implementations and fakes here, in tests and
// in another package, name-matched structs that are not stored, wrapped
// org values, lower-case labels), and asserts the exact finding set: one
// finding per root cause, in the configured words. The // want comments
// fail the test on any other finding; the table below pins the findings
// of each package.
func TestPrecision(t *testing.T) {
	a := suite(analyzers.NewWithFixScope(fixtest.OrgsConfig(), config.FixWorkspace))
	want := map[string][]string{
		"precision/domain": {
			"capsulefield: entity User",
			"repocapsule: repository method UserRepository.Get",
		},
		"precision/handlers": {
			`keyformat: key "RECOVERY#%s#%s"`,
			`keyformat: key "org#%s#user#%s"`, // getUser and userKey
			"repocapsule: repository method UserStore.Count",
		},
	}
	got := map[string][]string{}
	related := map[string]bool{} // of the interface method's finding
	for _, r := range analysistest.Run(t, testdataDir(t), a, "precision/domain", "precision/handlers") {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Pass.Pkg.Path(), r.Err)
		}
		path := strings.TrimSuffix(r.Pass.Pkg.Path(), "_test")
		for _, d := range r.Diagnostics {
			if strings.HasPrefix(d.Message, "repocapsule: repository method UserRepository.Get") {
				for _, rel := range d.Related {
					related[strings.Fields(rel.Message)[0]] = true
				}
			}
			for prefix := range slices.Values(want[path]) {
				if strings.HasPrefix(d.Message, prefix) && !slices.Contains(got[path], prefix) {
					got[path] = append(got[path], prefix)
				}
			}
		}
	}
	// The implementations here and the fake in the package's tests are
	// related information of the interface's finding.
	for _, impl := range []string{"memUsers.Get", "fakeUsers.Get"} {
		if !related[impl] {
			t.Errorf("UserRepository.Get: %s is not related information (got %v)", impl, related)
		}
	}
	for path, ws := range want {
		slices.Sort(got[path])
		if !slices.Equal(got[path], ws) {
			t.Errorf("%s: findings %q, want %q", path, got[path], ws)
		}
	}
}
