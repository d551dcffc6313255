package engine

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/scope"
	"github.com/capsulelint/capsulelint/internal/txtartest"
)

// load extracts testdata/name.txtar into a temp module and loads it with
// the stub analyzer, configured by the archive's capsulelint.yaml.
func load(t *testing.T, name string) (*Workspace, string) {
	t.Helper()
	dir, _ := txtartest.Extract(t, filepath.Join("testdata", name+".txtar"))
	cfg := config.Default()
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil {
		if cfg, err = config.Load(filepath.Join(dir, config.FileName), dir); err != nil {
			t.Fatal(err)
		}
	}
	res, err := config.Compile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	w, err := Load(Options{Dir: dir, Patterns: []string{"./..."}, Analyzers: []*analysis.Analyzer{stub(res)}, Classifier: scope.New(res)})
	if err != nil {
		t.Fatal(err)
	}
	if errs := w.Errors(3); len(errs) > 0 {
		t.Fatalf("the fixture does not type-check: %v", errs)
	}
	return w, dir
}

// applyAll applies every fix the stub offers, once, and writes the
// result.
func applyAll(t *testing.T, w *Workspace) *Result {
	t.Helper()
	fs, _, errs := w.Analyze()
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	now, waiting := w.Schedule(fs)
	if len(waiting) > 0 {
		t.Fatalf("fixes wait: %v", waiting)
	}
	res := w.Apply(now)
	w.Commit(res)
	if err := w.Write(); err != nil {
		t.Fatal(err)
	}
	return res
}

func goOK(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func wantIn(t *testing.T, dir, file string, wants ...string) {
	t.Helper()
	got := read(t, dir, file)
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %q:\n%s", file, want, got)
		}
	}
}

func TestCompletesImplementationsFakesAndCalls(t *testing.T) {
	w, dir := load(t, "crosspkg")
	res := applyAll(t, w)
	if len(res.Applied) != 1 || len(res.Rejected) != 0 {
		t.Fatalf("applied %d, rejected %v; want the one fix", len(res.Applied), res.Rejected)
	}
	if res.Impls != 2 || res.Sites != 3 {
		t.Errorf("completed %d implementations and %d call sites, want 2 (Store, fake) and 3 (app.go, app_test.go, the decorator)", res.Impls, res.Sites)
	}
	wantIn(t, dir, "impl/impl.go",
		"Get(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id string)",
		"s.inner.Get(ctx, tenantID, capsuleID, id)") // passed on, not looked up
	wantIn(t, dir, "app/app.go", "r.Get(ctx, t, ids.CapsuleFromContext(ctx), \"x\")")
	wantIn(t, dir, "app/app_test.go",
		"func (fake) Get(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id string)",
		`r.Get(context.Background(), "acme", testids.Capsule(), "x")`, // no context variable: test-capsule
		`"example.com/shop/testids"`)
	goOK(t, dir, "vet", "./...")
	goOK(t, dir, "test", "./...")
}

func TestRejectsAFixWhoseCallHasNoValue(t *testing.T) {
	w, dir := load(t, "novalue")
	before := read(t, dir, "repo/repo.go")
	res := applyAll(t, w)
	if len(res.Applied) != 0 || len(res.Rejected) != 1 {
		t.Fatalf("applied %d, rejected %v; want the fix rejected", len(res.Applied), res.Rejected)
	}
	why := res.Rejected[0].Reason
	for _, want := range []string{"Repo.Get", "app.go:9", "no capsule ID value"} {
		if !strings.Contains(why, want) {
			t.Errorf("reason %q lacks %q", why, want)
		}
	}
	if got := read(t, dir, "repo/repo.go"); got != before || len(w.Changed()) != 0 {
		t.Errorf("a rejected fix changed files: %v", w.Changed())
	}
}

func TestStringIDsByName(t *testing.T) {
	w, dir := load(t, "strings")
	res := applyAll(t, w)
	if len(res.Applied) != 1 {
		t.Fatalf("applied %d, rejected %v", len(res.Applied), res.Rejected)
	}
	wantIn(t, dir, "repo/repo.go", "Get(ctx context.Context, tenantSlug, capsuleID, appID string)")
	wantIn(t, dir, "api/api.go", `s.Get(ctx, slug, capsule.FromContext(ctx), "app-1")`)
	goOK(t, dir, "vet", "./...")
}

func TestMoveReordersCallsInOtherPackages(t *testing.T) {
	w, dir := load(t, "move")
	res := applyAll(t, w)
	if len(res.Applied) != 1 {
		t.Fatalf("applied %d, rejected %v", len(res.Applied), res.Rejected)
	}
	wantIn(t, dir, "keys/keys.go", "func PK(id string, tenantID ids.TenantID, capsuleID ids.CapsuleID)")
	wantIn(t, dir, "app/app.go", `keys.PK("x", t, c)`)
	goOK(t, dir, "vet", "./...")
}

func TestBlameLeavesOutTheFixThatBreaksTheBuild(t *testing.T) {
	w, dir := load(t, "blame")
	res := applyAll(t, w)
	var applied []string
	for _, f := range res.Applied {
		applied = append(applied, f.Message)
	}
	if !slices.Equal(applied, []string{"Key: capsule"}) || len(res.Rejected) != 1 {
		t.Fatalf("applied %v, rejected %v; want Key applied and Broken rejected", applied, res.Rejected)
	}
	if r := res.Rejected[0]; r.Fix.Message != "Broken: break" || !strings.Contains(r.Reason, "undefinedFunc") {
		t.Errorf("rejected %s because %q; want Broken, for undefinedFunc", r.Fix.Message, r.Reason)
	}
	wantIn(t, dir, "c/c.go", "a.Key(t, capsuleID)")
	goOK(t, dir, "vet", "./...")
}

func TestLiteralsOfAStructGainingACapsuleField(t *testing.T) {
	w, dir := load(t, "literals")
	res := applyAll(t, w)
	if len(res.Applied) != 2 || len(res.Rejected) != 0 {
		t.Fatalf("applied %d, rejected %v", len(res.Applied), res.Rejected)
	}
	wantIn(t, dir, "app/app.go",
		"TenantID:  t,\n\t\tCapsuleID: ids.CapsuleFromContext(ctx),\n\t\tID:", // its own line
		"model.Event{TenantID: o.TenantID, CapsuleID: o.CapsuleID, Order:",    // beside the tenant's X
		`model.Order{ID: "o-3"}`) // no tenant: untouched
	wantIn(t, dir, "model/model.go", `Order{t, ids.CapsuleFromContext(ctx), "o-2"}`) // in place
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0].Message, "Order literal") {
		t.Errorf("notes %v; want the NoValue literal", res.Notes)
	}
	goOK(t, dir, "vet", "./...")
}

// TestReanalysesOnlyWhatChanged: after a commit, the units that neither
// changed nor import a changed one keep their analysis.
func TestReanalysesOnlyWhatChanged(t *testing.T) {
	w, _ := load(t, "blame")
	applyAll(t, w)
	var stale []string
	for _, u := range w.units {
		if u.analysed && u.results == nil {
			stale = append(stale, u.meta.ID)
		}
	}
	slices.Sort(stale)
	if want := []string{"example.com/shop/a", "example.com/shop/c"}; !slices.Equal(stale, want) {
		t.Errorf("units to analyse again: %v, want %v", stale, want)
	}
}

// TestUnitsShareTheParse is the regression for a file parsed twice in one
// trial: the units compiling it (a package and its test variant) were
// checked concurrently, each with its own parse, and after the commit one
// unit's types described syntax the workspace no longer held (readers and
// writers of keys in it were then missed). Every unit compiling a changed
// file must hold the workspace's parse of it.
func TestUnitsShareTheParse(t *testing.T) {
	for range 5 { // the race shows on some runs only
		w, _ := load(t, "crosspkg")
		res := applyAll(t, w)
		shared := 0
		for _, file := range res.Files() {
			cur, err := w.baseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range w.byFile[file] {
				if u.pkg == nil {
					continue
				}
				if !slices.Contains(u.pkg.Syntax, cur) {
					t.Fatalf("%s holds another parse of %s than the workspace", u.meta.ID, file)
				}
				shared++
			}
		}
		if shared <= len(res.Files()) {
			t.Fatalf("no changed file is compiled by two units: the fixture does not exercise the race")
		}
	}
}
