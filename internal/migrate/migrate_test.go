package migrate

import (
	"bytes"
	"go/ast"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/capsulelint/capsulelint/analyzers/capsulefield"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/scope"
	"github.com/capsulelint/capsulelint/internal/txtartest"
)

// addCapsule is a small stand-in for repocapsule: interface methods named
// Get that take a tenant get a capsule parameter after it, with the
// in-package fix built by internal/fixes. Migrate does the rest.
func addCapsule(cfg *config.Resolved) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "addcapsule",
		Doc:      "test analyzer",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			cl := scope.New(cfg)
			for cur := range insp.Root().Preorder((*ast.TypeSpec)(nil)) {
				spec := cur.Node().(*ast.TypeSpec)
				tn := pass.TypesInfo.Defs[spec.Name].(*types.TypeName)
				iface, ok := tn.Type().Underlying().(*types.Interface)
				if !ok {
					continue
				}
				for m := range iface.Methods() {
					sig := m.Type().(*types.Signature)
					if m.Name() != "Get" || sig.Params().Len() < 2 || !cl.IsVar(scope.Tenant, sig.Params().At(1)) || cl.IsVar(scope.Capsule, sig.Params().At(2)) {
						continue
					}
					typ, _ := cl.IDType(scope.Capsule, sig.Params().At(1).Type(), pass.Pkg, pass.TypesInfo)
					b := fixes.NewBuilder(pass.Fset)
					funcs := append([]*types.Func{m}, fixes.Implementations(pass.Pkg, iface, "Get")...)
					err := b.ChangeSignature(pass, insp, cl, fixes.SignatureChange{Funcs: funcs, Index: 2, Name: "capsuleID", Type: typ, Kind: scope.Capsule})
					d := analysis.Diagnostic{Pos: m.Pos(), Message: "Get takes a tenant but no capsule"}
					if err == nil {
						fix, _ := b.Fix("add capsuleID")
						d.SuggestedFixes = []analysis.SuggestedFix{fix}
					} else {
						d.Message += ": no fix: " + err.Error()
					}
					pass.Report(d)
				}
			}
			return nil, nil
		},
	}
}

// loadConfig reads and compiles the archive's capsulelint.yaml.
func loadConfig(t *testing.T, dir string) (config.Config, *config.Resolved) {
	t.Helper()
	cfg, err := config.Load(filepath.Join(dir, "capsulelint.yaml"), dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := config.Compile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return cfg, res
}

// checkFiles compares the files of dir with the archive's want/ files.
func checkFiles(t *testing.T, dir string, want map[string][]byte) {
	t.Helper()
	for name, data := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s after migrate:\n%s\nwant:\n%s", name, got, data)
		}
	}
}

// extract writes the archive's files (but want/) into a temp dir.
func extract(t *testing.T, name string) (dir string, want map[string][]byte) {
	t.Helper()
	return txtartest.Extract(t, filepath.Join("testdata", name))
}

func TestMigrateCrossPackage(t *testing.T) {
	dir, want := extract(t, "crosspkg.txtar")
	_, res := loadConfig(t, dir)
	opts := Options{Dir: dir, Patterns: []string{"./..."}, Analyzers: []*analysis.Analyzer{addCapsule(res)}, Config: res}
	sum, err := Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Fixed["addcapsule"] != 1 || len(sum.Left) != 0 || len(sum.RolledBack) != 0 {
		t.Errorf("summary: fixed %v, left %v, rolled back %v; want 1 fix, nothing left", sum.Fixed, sum.Left, sum.RolledBack)
	}
	if sum.CallSites != 3 || sum.Impls != 1 {
		t.Errorf("completed %d call sites and %d implementations across packages, want 3 and 1", sum.CallSites, sum.Impls)
	}
	checkFiles(t, dir, want)
	build := exec.Command("go", "vet", "./...")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go vet after migrate: %v\n%s", err, out)
	}
	// A second run changes nothing.
	again, err := Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Files) != 0 || again.Rounds != 0 {
		t.Errorf("second migrate changed %v in %d rounds, want nothing", again.Files, again.Rounds)
	}
}

func TestMigrateRollsBackWhatWouldBreakTheBuild(t *testing.T) {
	dir, _ := extract(t, "rollback.txtar")
	before, err := os.ReadFile(filepath.Join(dir, "repo/repo.go"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := config.Compile(config.Default())
	if err != nil {
		t.Fatal(err)
	}
	sum, err := Run(Options{Dir: dir, Patterns: []string{"./..."}, Analyzers: []*analysis.Analyzer{addCapsule(res)}, Config: res})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Files) != 0 {
		t.Errorf("migrate changed %v, want nothing", sum.Files)
	}
	if len(sum.RolledBack) != 1 || !strings.Contains(sum.RolledBack[0].Message, "the call at nocapsule.go:9 has no capsule value to pass: no capsule ID value is in scope") {
		t.Errorf("rolled back %v, want the Get fix with the nocapsule.go call as the reason", sum.RolledBack)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "repo/repo.go"))
	if !bytes.Equal(before, after) {
		t.Errorf("repo.go changed although the fix was rolled back")
	}
}

// TestMigrateEmbeddedEntityAcrossPackages: an item embedding an entity of
// another package receives no capsule field of its own (regression: the
// cognito proxy's onboardingStateItem got a second CapsuleID).
func TestMigrateEmbeddedEntityAcrossPackages(t *testing.T) {
	dir, want := extract(t, "embedded.txtar")
	cfg, res := loadConfig(t, dir)
	sum, err := Run(Options{Dir: dir, Patterns: []string{"./..."}, Analyzers: []*analysis.Analyzer{capsulefield.New(cfg)}, Config: res})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Fixed["capsulefield"] != 2 {
		t.Errorf("fixed %v, want two capsulefield fixes (State and sessionItem)", sum.Fixed)
	}
	checkFiles(t, dir, want)
}
