package repocapsule_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/analyzers/repocapsule"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/fixtest"
)

// finding is a diagnostic in a comparable form.
type finding struct {
	where   string // file.go:line
	message string
	fixed   bool
}

// analyze runs the analyzer with cfg over the loaded packages whose path
// is pkg (the package and its test variant).
func analyze(t *testing.T, pkgs []*packages.Package, pkg string, cfg config.Config) []finding {
	t.Helper()
	var out []finding
	for _, d := range fixtest.Analyze(t, repocapsule.New(cfg), fixtest.Packages(pkgs, pkg)) {
		p := d.Fset.Position(d.Pos)
		out = append(out, finding{
			where:   filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line),
			message: d.Message,
			fixed:   len(d.SuggestedFixes) > 0,
		})
	}
	return out
}

// TestConfigKeys checks what each configuration key of the golden
// tests changes, by running the same packages without it.
func TestConfigKeys(t *testing.T) {
	pkgs := fixtest.Load(t, testdata, "repocapsulefix", "repocapsulesource", "repocapsulenames", "repocapsulepattern")
	def := fixtest.Workspace(config.Default())

	t.Run("test-capsule", func(t *testing.T) {
		// Without it, the test variant's fix of Get and Save is refused,
		// naming the test call; the non-test variant, which does not see
		// the tests, offers no fix either (its fix would break them).
		var refused, fixed, silent int
		for _, f := range analyze(t, pkgs, "repocapsulefix", def) {
			switch {
			case strings.Contains(f.message, "no fix: call at repo_test.go:"):
				refused++
				if f.fixed {
					t.Errorf("%s: refused but fixed", f.where)
				}
			case f.fixed:
				fixed++
			default:
				silent++
			}
		}
		if refused != 2 || fixed != 0 || silent != 2 {
			t.Errorf("refused %d, fixed %d, without a fix in the non-test variant %d; want 2, 0 and 2 (the test and non-test variants of Get and Save)", refused, fixed, silent)
		}
	})

	t.Run("capsule-source", func(t *testing.T) {
		got := analyze(t, pkgs, "repocapsulesource", def)
		if len(got) != 1 || got[0].fixed || !strings.Contains(got[0].message, "no fix: call at usage.go:25: no capsule ID value is in scope") {
			t.Errorf("got %+v; want one diagnostic without a fix, naming the call", got)
		}
	})

	t.Run("capsule-source import name taken", func(t *testing.T) {
		cfg := def
		cfg.CapsuleSource = config.Source{Import: "example.com/other/rids", Expr: "rids.Capsule({ctx})"}
		got := analyze(t, pkgs, "repocapsulesource", cfg)
		if len(got) != 1 || got[0].fixed {
			t.Errorf("got %+v; want one diagnostic without a fix (the file already uses the name rids)", got)
		}
	})

	t.Run("tenant-names and capsule-names", func(t *testing.T) {
		if got := analyze(t, pkgs, "repocapsulenames", def); len(got) != 0 {
			t.Errorf("got %+v; want nothing: plain strings are not IDs by default", got)
		}
		// Tenant names alone: strings named orgSlug are tenants, and no
		// capsule type or name is known for the new parameter.
		cfg := def
		cfg.TenantNames = []string{"orgSlug"}
		got := analyze(t, pkgs, "repocapsulenames", cfg)
		if len(got) != 3 {
			t.Fatalf("got %+v; want Get, Find and List (projectKey is no capsule now)", got)
		}
		for _, f := range got {
			if f.fixed || !strings.HasSuffix(f.message, "no fix: no capsule ID type is known for the string tenant ID: none is declared in this package or its imports, or used in its files; configure capsule-names for string IDs (or capsule-types with a qualified type such as example.com/ids.CapsuleID)") {
				t.Errorf("%s: %s; want no fix, saying what to configure", f.where, f.message)
			}
		}
	})

	t.Run("single-file fixes (golangci-lint plugin)", func(t *testing.T) {
		cfg := def
		cfg.FixScope = config.FixSingleFile
		cfg.TestCapsule = config.Source{Import: "repocapsulefix/fixture", Expr: "fixture.Capsule()"}
		got := analyze(t, pkgs, "repocapsulefix", cfg)
		if len(got) == 0 {
			t.Fatal("no diagnostics")
		}
		for _, f := range got {
			// Get and Save change handlers.go too: their fixes are dropped,
			// and the message points to capsulelint migrate.
			if f.fixed || !strings.Contains(f.message, "(fix withheld: it also edits handlers.go") || !strings.HasSuffix(f.message, "run capsulelint migrate (or capsulelint -fix), which completes it in every package)") {
				t.Errorf("%s: fixed=%v %s; want the fix dropped and migrate named", f.where, f.fixed, f.message)
			}
		}
		// A fix that stays in its file but changes an exported signature
		// is dropped too: callers in other packages would stop building.
		for _, f := range analyze(t, pkgs, "repocapsulesource", func() config.Config {
			c := cfg
			c.CapsuleSource = config.Source{Import: "repocapsulesource/reqctx", Expr: "reqctx.Capsule({ctx})"}
			return c
		}()) {
			if f.fixed || !strings.Contains(f.message, "(fix withheld: it changes the signature of UsageRepository.") {
				t.Errorf("%s: fixed=%v %s; want the fix dropped for the exported signature", f.where, f.fixed, f.message)
			}
		}
	})

	t.Run("repository-pattern", func(t *testing.T) {
		var where []string
		for _, f := range analyze(t, pkgs, "repocapsulepattern", def) {
			where = append(where, f.where)
		}
		// OrderRepository (which covers OrderStore, its implementation) and
		// Ledger; not the DAO and the Gateway.
		want := []string{"dao.go:20", "dao.go:32"}
		if strings.Join(where, " ") != strings.Join(want, " ") {
			t.Errorf("reported at %v; want %v", where, want)
		}
	})
}

// TestRepositoryPatternFlag sets the key through the analyzer's flag, as
// go vet -vettool and the CLI do.
func TestRepositoryPatternFlag(t *testing.T) {
	a := repocapsule.New(config.Default())
	if err := a.Flags.Set("repository-pattern", `(DAO|Gateway)$`); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, a, "repocapsulepattern")
}
