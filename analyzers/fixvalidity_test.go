package analyzers_test

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/fixtest"
)

// packageConfigs are the configurations the analyzers' own tests run some
// testdata packages with (see each analyzer's _test.go). The fix-validity
// harness runs every package with the defaults and, when listed here, with
// its own configuration too.
var packageConfigs = map[string]func(*config.Config){
	"capsulefield_types": func(c *config.Config) {
		c.TenantTypes, c.CapsuleTypes = []string{"OrgID"}, []string{"ProjectID"}
	},
	"capsulefield_qualified": func(c *config.Config) {
		c.TenantTypes, c.CapsuleTypes = []string{"capsulefield_orgids.OrgID"}, []string{"capsulefield_projids.ProjectID"}
	},
	"capsulefield_names": func(c *config.Config) {
		c.TenantNames, c.CapsuleNames = []string{"OrgSlug", "orgSlug"}, []string{"projectKey", "ProjectKey"}
	},
	"capsulefield_notests": func(c *config.Config) { c.IncludeTests = false },
	"gsitenantpattern":     func(c *config.Config) { c.KeyhelperPattern = `^IndexKey` },
	"gsitenantnames": func(c *config.Config) {
		c.TenantNames, c.CapsuleNames = []string{"tenantSlug", "TenantSlug"}, []string{"capsuleSlug", "CapsuleSlug"}
	},
	"gsitenantlabels": func(c *config.Config) { c.Labels = config.Labels{Tenant: "org", Capsule: "proj"} },
	"gsitenantsep":    func(c *config.Config) { c.Separator = "|" },
	"keyformatlabels": func(c *config.Config) {
		c.Labels = config.Labels{Tenant: "org", Capsule: "proj"}
		c.Separator = ":"
		c.GlobalLabels = []string{"schema"}
	},
	"keyformatnames": func(c *config.Config) {
		c.TenantNames, c.CapsuleNames = []string{"orgSlug"}, []string{"projectKey"}
	},
	"keyformattests": func(c *config.Config) {
		c.TestCapsule = config.Source{Import: "ids", Expr: `ids.CapsuleID("test-capsule")`}
	},
	"repocapsulefix": func(c *config.Config) {
		c.TestCapsule = config.Source{Import: "repocapsulefix/fixture", Expr: "fixture.Capsule()"}
	},
	"repocapsulepattern": func(c *config.Config) { c.RepositoryPattern = `(DAO|Gateway)$` },
	"repocapsulenames": func(c *config.Config) {
		c.TenantNames, c.CapsuleNames = []string{"orgSlug", "OrgSlug"}, []string{"projectKey", "ProjectKey"}
	},
	"keyformatslugs": func(c *config.Config) {
		c.TenantNames, c.CapsuleNames = []string{"tenantSlug", "TenantSlug"}, []string{"capsuleID", "CapsuleID"}
		c.CapsuleSource = config.Source{Import: "keyformatslugs/capsule", Expr: "capsule.FromContext({ctx})"}
		c.TestCapsule = config.Source{Import: "keyformatslugs/capsule", Expr: "capsule.Test()"}
	},
	"repocapsuleslugs": func(c *config.Config) {
		c.TenantNames = []string{"tenantSlug", "TenantSlug", "AccountSlug"}
		c.CapsuleNames = []string{"capsuleID", "CapsuleID", "EnvKey"}
		c.CapsuleSource = config.Source{Import: "repocapsuleslugs/capsule", Expr: "capsule.FromContext({ctx})"}
		c.TestCapsule = config.Source{Import: "repocapsuleslugs/capsule", Expr: "capsule.Test()"}
	},
	"repocapsulesource": func(c *config.Config) {
		c.CapsuleSource = config.Source{Import: "repocapsulesource/reqctx", Expr: "reqctx.Capsule({ctx})"}
	},
}

// knownFixBugs are the fix-validity cases ("config/package") that
// reproduce a reported, unfixed bug; they are skipped with this message
// (delete the entry to enable the case).
var knownFixBugs = map[string]string{}

// TestFixValidity applies every suggested fix of all four analyzers, run
// over every testdata package (not only their own), to a temp copy; checks
// that each fixed file is gofmt-able and that the package and its tests
// type-check; and re-analyses: a diagnostic whose fix was applied must not
// be offered a fix again (idempotence), and the rounds must converge.
// Fixes that conflict with one already applied in the round wait for the
// next round, as with capsulelint migrate. Packages are checked against
// their unfixed dependencies: each package's fixes must stand alone
// (callers in other packages are migrate's job).
func TestFixValidity(t *testing.T) {
	if testing.Short() {
		t.Skip("loads every testdata package several times")
	}
	src := filepath.Join(testdataDir(t), "src")
	all := testdataPackages(t, src)
	env := append(os.Environ(), "GO111MODULE=off", "GOPROXY=off", "GOFLAGS=")
	cgo := haveCgo()
	if cgo {
		env = append(env, "CGO_ENABLED=1")
	}

	var total fixStats
	run := func(name string, cfg config.Config, pkgs []string) {
		t.Run(name, func(t *testing.T) {
			var stats fixStats
			for _, pkg := range pkgs {
				t.Run(pkg, func(t *testing.T) {
					if msg, ok := knownFixBugs[name+"/"+pkg]; ok && os.Getenv("CAPSULELINT_KNOWN_BUGS") == "" {
						t.Skip(msg)
					}
					if strings.Contains(pkg, "cgo") && !cgo {
						t.Skip("no C compiler (gcc) for cgo")
					}
					gopath := t.TempDir()
					copyTestdata(t, src, filepath.Join(gopath, "src"))
					env := append(slices.Clip(env), "GOPATH="+gopath)
					h := &fixHarness{dir: filepath.Join(gopath, "src"), env: env, analyzers: analyzers.NewWithFixScope(cfg, config.FixWorkspace)}
					h.check(t, []string{pkg})
					stats.add(h.stats)
				})
			}
			t.Logf("%s: %s", name, stats)
			total.add(stats)
		})
	}
	run("defaults", config.Default(), all)
	var configured []string
	for pkg := range packageConfigs {
		configured = append(configured, pkg)
	}
	slices.Sort(configured)
	for _, pkg := range configured {
		if !slices.Contains(all, pkg) {
			t.Errorf("packageConfigs names %s, which is not a testdata package", pkg)
			continue
		}
		cfg := config.Default()
		packageConfigs[pkg](&cfg)
		run(pkg, cfg, []string{pkg})
	}
	t.Logf("testdata packages: %d; %s", len(all), total)
	if total.applied == 0 {
		t.Errorf("no fix was applied: the harness is broken")
	}
}

// TestFixValidityMigration does the same on the migration fixture (the
// seeds' six-entity service) in a temp module, with its capsulelint.yaml,
// package by package against the unfixed others.
func TestFixValidityMigration(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the migration fixture several times")
	}
	src, err := filepath.Abs("../testdata/migration")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.LoadFile(filepath.Join(src, "capsulelint.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "after" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") {
			rel, _ := filepath.Rel(src, filepath.Dir(path))
			if p := "./" + filepath.ToSlash(rel); !slices.Contains(pkgs, p) {
				pkgs = append(pkgs, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pkgs)
	var total fixStats
	for _, pkg := range pkgs {
		t.Run(strings.TrimPrefix(pkg, "./"), func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "testdata", "migration")
			copyTree(t, src, dir, func(rel string) bool { return rel == "after" })
			gomod := "module github.com/capsulelint/capsulelint\n\ngo 1.26\n"
			if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte(gomod), 0o644); err != nil {
				t.Fatal(err)
			}
			h := &fixHarness{dir: dir, env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off"), analyzers: analyzers.NewWithFixScope(cfg, config.FixWorkspace)}
			h.check(t, []string{pkg})
			total.add(h.stats)
		})
	}
	t.Logf("migration fixture: %d packages; %s", len(pkgs), total)
	if total.applied == 0 {
		t.Errorf("no fix was applied to the migration fixture: the harness is broken")
	}
}

// fixStats counts what the harness checked.
type fixStats struct {
	packages  int // packages checked
	applied   int // distinct suggested fixes applied and type-checked
	edits     int // text edits they made
	deferred  int // fixes that conflicted with another in their round
	cascaded  int // fixes that appeared only after a round's fixes
	refused   int // diagnostics left without a fix at the end
	maxRounds int // most rounds a batch needed
}

func (s fixStats) String() string {
	return fmt.Sprintf("%d packages, %d fix applications checked (%d edits), %d deferred by a conflict, %d offered only after other fixes, %d diagnostics without a fix at the end, at most %d rounds",
		s.packages, s.applied, s.edits, s.deferred, s.cascaded, s.refused, s.maxRounds)
}

func (s *fixStats) add(o fixStats) {
	s.packages += o.packages
	s.applied += o.applied
	s.edits += o.edits
	s.deferred += o.deferred
	s.cascaded += o.cascaded
	s.refused += o.refused
	s.maxRounds = max(s.maxRounds, o.maxRounds)
}

// fixHarness applies fixes to the packages of a directory tree.
type fixHarness struct {
	dir       string // where patterns are loaded
	env       []string
	analyzers []*analysis.Analyzer
	stats     fixStats
}

const maxFixRounds = 5

func (h *fixHarness) load(t *testing.T, mode packages.LoadMode, patterns []string) []*packages.Package {
	t.Helper()
	cfg := &packages.Config{Mode: mode, Dir: h.dir, Env: h.env, Tests: true}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatalf("loading %v: %v", patterns, err)
	}
	return pkgs
}

const loadSyntax = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
	packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

var fileRef = regexp.MustCompile(`[\w./-]+\.go:\d+(:\d+)?`)

// fixKey identifies a diagnostic across rounds, whose fixes move code:
// its analyzer, file, enclosing declaration, and message without file
// positions.
func fixKey(act *checker.Action, d analysis.Diagnostic) string {
	posn := act.Package.Fset.Position(d.Pos)
	return fmt.Sprintf("%s: %s: in %s: %s", act.Analyzer.Name, filepath.Base(posn.Filename),
		enclosingDecl(act.Package.Syntax, d.Pos), fileRef.ReplaceAllString(d.Message, "FILE"))
}

// enclosingDecl names the top-level declaration holding pos.
func enclosingDecl(files []*ast.File, pos token.Pos) string {
	for _, f := range files {
		if pos < f.FileStart || pos > f.FileEnd {
			continue
		}
		for _, decl := range f.Decls {
			if pos < decl.Pos() || pos > decl.End() {
				continue
			}
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Recv != nil && len(decl.Recv.List) > 0 {
					return types.ExprString(decl.Recv.List[0].Type) + "." + decl.Name.Name
				}
				return decl.Name.Name
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					if pos < spec.Pos() || pos > spec.End() {
						continue
					}
					switch spec := spec.(type) {
					case *ast.TypeSpec:
						return spec.Name.Name
					case *ast.ValueSpec:
						return spec.Names[0].Name
					}
				}
				return decl.Tok.String()
			}
		}
		return "file"
	}
	return "?"
}

// check applies the fixes of the packages of batch, which must not
// import each other, round by round until none is left.
func (h *fixHarness) check(t *testing.T, batch []string) {
	t.Helper()
	var applied, deferred map[string]bool // of the previous round
	seen := map[string]bool{}             // every fixable diagnostic so far
	for round := 1; ; round++ {
		pkgs := h.load(t, loadSyntax, batch)
		var errs []string
		dirs := map[string]bool{}
		for _, p := range pkgs {
			for _, err := range p.Errors {
				errs = append(errs, err.Error())
			}
			if strings.HasSuffix(p.ID, ".test") {
				continue // the generated test main
			}
			for _, f := range p.GoFiles {
				dirs[filepath.Dir(f)] = true
			}
		}
		if len(errs) > 0 {
			if round == 1 {
				t.Fatalf("%v do not build before any fix:\n%s", batch, strings.Join(errs, "\n"))
			}
			t.Fatalf("%v do not build after round %d of fixes (%d applied):\n%s", batch, round-1, len(applied), strings.Join(errs, "\n"))
		}
		if round == 1 {
			h.stats.packages += len(batch)
		}
		graph, err := checker.Analyze(h.analyzers, pkgs, nil)
		if err != nil {
			t.Fatal(err)
		}
		var diags []struct {
			act *checker.Action
			d   analysis.Diagnostic
		}
		refused := map[string]bool{}
		for _, act := range graph.Roots {
			if act.Err != nil {
				t.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
				continue
			}
			for _, d := range act.Diagnostics {
				if len(d.SuggestedFixes) == 0 {
					refused[fixKey(act, d)] = true
					continue
				}
				diags = append(diags, struct {
					act *checker.Action
					d   analysis.Diagnostic
				}{act, d})
			}
		}
		if len(diags) == 0 {
			h.stats.refused += len(refused)
			h.stats.maxRounds = max(h.stats.maxRounds, round)
			return
		}
		if round > maxFixRounds {
			for _, x := range diags {
				t.Errorf("still fixable after %d rounds: %s: %s: %s", maxFixRounds, x.act.Package.Fset.Position(x.d.Pos), x.act.Analyzer.Name, x.d.Message)
			}
			return
		}

		// Idempotence: a diagnostic whose fix was applied last round
		// must not come back with a fix.
		for _, x := range diags {
			key := fixKey(x.act, x.d)
			if applied[key] && !deferred[key] {
				t.Errorf("not idempotent: after its fix was applied, still fixable: %s: %s", x.act.Package.Fset.Position(x.d.Pos), key)
			}
			if round > 1 && !seen[key] {
				h.stats.cascaded++
				t.Logf("round %d: new fix after the previous round's: %s: %s", round, x.act.Package.Fset.Position(x.d.Pos), key)
			}
			seen[key] = true
		}

		// Apply every fix that merges cleanly, in a stable order.
		slices.SortStableFunc(diags, func(x, y struct {
			act *checker.Action
			d   analysis.Diagnostic
		}) int {
			px, py := x.act.Package.Fset.Position(x.d.Pos), y.act.Package.Fset.Position(y.d.Pos)
			if c := strings.Compare(px.Filename, py.Filename); c != 0 {
				return c
			}
			if px.Offset != py.Offset {
				return px.Offset - py.Offset
			}
			return strings.Compare(x.act.Analyzer.Name, y.act.Analyzer.Name)
		})
		ed := fixes.NewEditSet()
		applied, deferred = map[string]bool{}, map[string]bool{}
		for _, x := range diags {
			key := fixKey(x.act, x.d)
			fix := x.d.SuggestedFixes[0]
			var edits []fixes.FileEdit
			for _, e := range fix.TextEdits {
				tf := x.act.Package.Fset.File(e.Pos)
				if tf == nil || e.End < e.Pos || (e.End.IsValid() && x.act.Package.Fset.File(e.End) != tf) {
					t.Errorf("%s: fix %q has an edit outside the file set", key, fix.Message)
					continue
				}
				name := tf.Name()
				if !dirs[filepath.Dir(name)] || !strings.HasSuffix(name, ".go") {
					t.Errorf("%s: %s: fix %q edits %s, which is not a source file of the package", x.act.Package.Fset.Position(x.d.Pos), key, fix.Message, name)
					continue
				}
				end := e.End
				if !end.IsValid() {
					end = e.Pos
				}
				edits = append(edits, fixes.FileEdit{File: name, Start: tf.Offset(e.Pos), End: tf.Offset(end), Text: string(e.NewText)})
			}
			n, ok := ed.Add(edits)
			switch {
			case !ok:
				deferred[key] = true
				h.stats.deferred++
			case n > 0:
				applied[key] = true
				h.stats.applied++
				h.stats.edits += n
			default: // the same fix from the test variant
				applied[key] = true
			}
		}
		for name, content := range fixtest.ApplyEdits(t, ed) {
			if err := os.WriteFile(name, content, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// testdataPackages returns the import paths of the packages under src.
func testdataPackages(t *testing.T, src string) []string {
	t.Helper()
	var pkgs []string
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") {
			rel, _ := filepath.Rel(src, filepath.Dir(path))
			if p := filepath.ToSlash(rel); !slices.Contains(pkgs, p) {
				pkgs = append(pkgs, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pkgs)
	return pkgs
}

// copyTestdata copies the testdata packages, without .golden files.
func copyTestdata(t *testing.T, src, dst string) { copyTree(t, src, dst, nil) }

// copyTree copies src to dst, without .golden files and without the
// directories skip names (relative to src).
func copyTree(t *testing.T, src, dst string, skip func(rel string) bool) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if skip != nil && skip(filepath.ToSlash(rel)) {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasSuffix(path, ".golden") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatalf("copying %s: %v", src, err)
	}
}
