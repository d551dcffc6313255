package analyzers_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
)

// corpusModules are modules of this module's build list, read in place
// from the module cache, that have nothing to do with tenants: any
// diagnostic on them is a false positive, and a panic or analyzer error is
// a crash users would see.
var corpusModules = []string{
	"golang.org/x/tools",
	"golang.org/x/mod",
	"golang.org/x/sync",
	"golang.org/x/sys",
	"go.yaml.in/yaml/v3",
	"github.com/golangci/plugin-module-register",
	"github.com/segmentio/asm",
	"github.com/segmentio/encoding",
	"go.lsp.dev/jsonrpc2",
	"go.lsp.dev/pkg",
	"go.lsp.dev/protocol",
	"go.lsp.dev/uri",
	"go.uber.org/atomic",
	"go.uber.org/multierr",
	"go.uber.org/zap",
}

// TestModuleCorpus runs every analyzer with the default configuration over
// the packages (and tests) of corpusModules, loaded from the module cache
// through this module's build list (read-only: nothing is copied or
// written). Packages that cannot load because a module they import is not
// in the module cache (the test runs offline) are skipped and counted;
// every other package must load, and yield no diagnostic and no error.
func TestModuleCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the packages of several modules")
	}
	for _, mod := range corpusModules {
		t.Run(mod, func(t *testing.T) {
			dir := moduleDir(t, mod)
			if dir == "" {
				t.Skipf("%s is not in the module cache", mod)
			}
			start := time.Now()
			cfg := &packages.Config{
				Mode:  packages.LoadSyntax,
				Tests: true,
				Env:   append(os.Environ(), "GOFLAGS=-mod=readonly", "GOPROXY=off"),
			}
			pkgs, err := packages.Load(cfg, mod+"/...")
			if err != nil {
				t.Fatal(err)
			}
			loaded := time.Since(start)
			var roots []*packages.Package
			var missing []string
			for _, p := range pkgs {
				if strings.HasSuffix(p.ID, ".test") {
					continue // the generated test main
				}
				if errs := loadErrors(p); len(errs) > 0 {
					if missingModule(errs) {
						missing = append(missing, p.ID)
						continue
					}
					t.Errorf("%s does not load:\n%s", p.ID, strings.Join(errs, "\n"))
					continue
				}
				roots = append(roots, p)
			}
			if len(roots) == 0 {
				t.Fatalf("no package of %s loaded (%d without a module)", mod, len(missing))
			}
			analyzeClean(t, roots)
			t.Logf("%s: %d packages and test variants analysed (%d skipped: a module they import is not in the module cache); load %s, analysis %s",
				mod, len(roots), len(missing), loaded.Round(time.Millisecond), (time.Since(start) - loaded).Round(time.Millisecond))
		})
	}
}

// analyzeClean runs the four analyzers on roots and fails on any error or
// diagnostic, and unless each analyzer ran on each root.
func analyzeClean(t *testing.T, roots []*packages.Package) {
	t.Helper()
	all := analyzers.New(config.Default())
	graph, err := checker.Analyze(all, roots, nil)
	if err != nil {
		t.Fatal(err)
	}
	ours := map[*analysis.Analyzer]bool{}
	for _, a := range all {
		ours[a] = true
	}
	n, runs := 0, 0
	for act := range graph.All() {
		if !ours[act.Analyzer] {
			continue
		}
		runs++
		if act.Err != nil {
			t.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.ID, act.Err)
		}
		for _, d := range act.Diagnostics {
			n++
			if n <= 20 {
				t.Errorf("%s: %s: %s", act.Package.Fset.Position(d.Pos), act.Analyzer.Name, d.Message)
			}
		}
	}
	if n > 20 {
		t.Errorf("... %d diagnostics in all, want none", n)
	}
	if want := len(all) * len(roots); runs != want {
		t.Errorf("%d analyzer runs, want %d (%d analyzers on %d packages)", runs, want, len(all), len(roots))
	}
}

// moduleDir returns the module cache directory of mod, or "".
func moduleDir(t *testing.T, mod string) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mod).Output()
	if err != nil {
		t.Fatalf("go list -m %s: %v", mod, err)
	}
	return strings.TrimSpace(string(out))
}

// loadErrors returns the errors of p and of the packages it imports.
func loadErrors(p *packages.Package) []string {
	var errs []string
	packages.Visit([]*packages.Package{p}, nil, func(q *packages.Package) {
		for _, err := range q.Errors {
			errs = append(errs, err.Error())
		}
	})
	return errs
}

// missingModule reports whether one of errs is an import that no module
// in the (offline) module cache provides; the other errors follow from it.
func missingModule(errs []string) bool {
	for _, e := range errs {
		if strings.Contains(e, "no required module provides package") ||
			strings.Contains(e, "missing go.sum entry") ||
			strings.Contains(e, "module lookup disabled") {
			return true
		}
	}
	return false
}

// TestGolangciLintCorpus runs every analyzer over golangci-lint v2 and
// every non-standard package it builds from (staticcheck, go-critic,
// revive, gosec, gofumpt, ... about a thousand packages of real code that
// has nothing to do with tenants), read in place from the module cache in
// golangci-lint's own module (offline, read-only). It is skipped when that
// module is not in the module cache (it is when golangci-lint was built
// from source on the machine, as CI does for the plugin test).
func TestGolangciLintCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks about a thousand packages")
	}
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "github.com", "golangci", "golangci-lint", "v2@"+golangciLintVersion)
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Skipf("golangci-lint %s is not in the module cache", golangciLintVersion)
	}
	env := append(os.Environ(), "GOFLAGS=-mod=readonly", "GOPROXY=off")
	list := exec.Command("go", "list", "-deps", "-f", "{{if .Module}}{{.ImportPath}}{{end}}", "./...")
	list.Dir, list.Env = dir, env
	out, err = list.Output()
	if err != nil {
		t.Skipf("golangci-lint's dependencies are not all in the module cache: %v", err)
	}
	patterns := strings.Fields(string(out))
	start := time.Now()
	cfg := &packages.Config{Mode: packages.LoadSyntax | packages.NeedModule, Dir: dir, Env: env}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	loaded := time.Since(start)
	for _, p := range pkgs {
		for _, err := range p.Errors {
			t.Errorf("%s: %v", p.ID, err)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	analyzeClean(t, pkgs)
	modules := map[string]bool{}
	for _, p := range pkgs {
		if p.Module != nil {
			modules[p.Module.Path] = true
		}
	}
	t.Logf("golangci-lint %s: %d packages of %d modules analysed; load %s, analysis %s",
		golangciLintVersion, len(pkgs), len(modules), loaded.Round(time.Millisecond), (time.Since(start) - loaded).Round(time.Millisecond))
}

// golangciLintVersion is the golangci-lint the plugin is built for.
const golangciLintVersion = "v2.15.0"
