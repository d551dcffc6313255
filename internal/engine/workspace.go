package engine

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/scope"
)

// Options configure a workspace.
type Options struct {
	Dir       string   // working directory of the go command; default "."
	Patterns  []string // the packages to analyse, e.g. ./...
	Env       []string // the go command's environment; default os.Environ()
	Analyzers []*analysis.Analyzer
	// Classifier tells tenant and capsule IDs apart, for completing
	// signature changes at call sites.
	Classifier *scope.Classifier
	// SkipTests leaves test files out of the analysis; their calls are
	// still completed.
	SkipTests bool
	// Overlay holds file contents that differ from the disk (an editor's
	// unsaved buffers), by absolute file name.
	Overlay map[string][]byte
	// TolerateErrors loads packages that the go command reports errors
	// for (an editor's half-written buffer) instead of failing.
	TolerateErrors bool
}

// Workspace is the type-checked packages of the modules holding the
// analysed packages, with their test variants, and the files' current
// contents, which may differ from the disk.
type Workspace struct {
	opts   Options
	fset   *token.FileSet
	units  []*unit // dependencies before their importers
	byID   map[string]*unit
	byFile map[string][]*unit // absolute file name → the units compiling it
	deps   *exportData

	content  map[string][]byte    // files whose contents differ from the disk
	original map[string][]byte    // the disk contents of the files in content
	syntax   map[string]*ast.File // the parsed current contents, by file
	// parseErrs are the errors of parsing them.
	parseErrs map[string]error
	// analyzers are opts.Analyzers reading files from content.
	analyzers []*analysis.Analyzer
	loadErr   error
	// methods indexes the base's types by method name, built on first
	// use after each commit.
	methods map[string][]implementer
	mu      sync.Mutex // guards syntax
}

// unit is one package of the workspace as the go command compiles it: a
// package, its in-package test variant, its external test package, or a
// package recompiled for another one's tests.
type unit struct {
	meta      *packages.Package // go list's description: files and imports by ID
	pkg       *packages.Package // the type-checked package
	analysed  bool              // meta matched the patterns: its diagnostics count
	importers []*unit
	// extra are the imports fixes added since go list described it.
	extra map[string]*unit
	order int // index in Workspace.units
	// results caches the analysis of pkg, nil until analysed.
	results *unitResults
}

const metaMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedModule | packages.NeedTypesSizes | packages.NeedForTest

// Load lists the packages and type-checks the workspace.
func Load(opts Options) (*Workspace, error) {
	dir, err := filepath.Abs(cmp.Or(opts.Dir, "."))
	if err != nil {
		return nil, err
	}
	opts.Dir = dir
	if opts.Env == nil {
		opts.Env = os.Environ()
	}
	w := &Workspace{
		opts: opts, fset: token.NewFileSet(), byID: map[string]*unit{}, byFile: map[string][]*unit{},
		content: map[string][]byte{}, original: map[string][]byte{}, syntax: map[string]*ast.File{}, parseErrs: map[string]error{},
	}
	for name, data := range opts.Overlay {
		w.content[name] = data
	}
	w.analyzers = readingFrom(opts.Analyzers, w.current)
	if err := w.list(); err != nil {
		return nil, err
	}
	if errs := w.checkAll(); len(errs) > 0 {
		return nil, errs[0]
	}
	return w, nil
}

// list runs the go command: once for the packages the patterns match,
// once for every package of their modules with test variants, and once
// for the export data of everything else they import.
func (w *Workspace) list() error {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedModule, Dir: w.opts.Dir, Env: w.opts.Env, Overlay: w.opts.Overlay}
	matched, err := packages.Load(cfg, w.opts.Patterns...)
	if err != nil {
		return err
	}
	if len(matched) == 0 {
		return fmt.Errorf("no packages match %s", strings.Join(w.opts.Patterns, " "))
	}
	analysed := map[string]bool{}
	var modules []string
	for _, p := range matched {
		if len(p.Errors) > 0 {
			return fmt.Errorf("%s: %v", p.ID, p.Errors[0])
		}
		analysed[p.PkgPath] = true
		if p.Module == nil {
			return fmt.Errorf("%s is not in a module", p.PkgPath)
		}
		if m := p.Module.Dir + "/..."; !slices.Contains(modules, m) {
			modules = append(modules, m)
		}
	}

	cfg = &packages.Config{Mode: metaMode, Dir: w.opts.Dir, Env: w.opts.Env, Tests: true, Overlay: w.opts.Overlay}
	// The patterns again: ./... does not reach into testdata.
	roots, err := packages.Load(cfg, append(slices.Clone(w.opts.Patterns), modules...)...)
	if err != nil {
		return err
	}
	inModule := map[string]bool{}
	for _, p := range roots {
		if p.Module != nil {
			inModule[p.Module.Path] = true
		}
	}
	isRoot := map[*packages.Package]bool{}
	for _, p := range roots {
		isRoot[p] = true
	}
	var externals []string
	seen := map[string]bool{}
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		if seen[p.ID] {
			return
		}
		seen[p.ID] = true
		if p.Module == nil || !inModule[p.Module.Path] {
			if p.PkgPath != "unsafe" && p.PkgPath != "C" {
				externals = append(externals, p.PkgPath)
			}
			return
		}
		for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
			visit(p.Imports[path])
		}
		if strings.HasSuffix(p.ID, ".test") && p.Name == "main" {
			return // the generated test main
		}
		for _, e := range p.Errors {
			if e.Kind != packages.TypeError && w.loadErr == nil {
				w.loadErr = fmt.Errorf("%s: %v", p.ID, e)
			}
		}
		u := &unit{meta: p, analysed: analysed[strings.TrimSuffix(p.PkgPath, "_test")] && isRoot[p] && (!w.opts.SkipTests || p.ForTest == ""), order: len(w.units)}
		w.units = append(w.units, u)
		w.byID[p.ID] = u
		for _, f := range p.CompiledGoFiles {
			w.byFile[f] = append(w.byFile[f], u)
		}
	}
	for _, p := range roots {
		visit(p)
	}
	if w.loadErr != nil && !w.opts.TolerateErrors {
		return w.loadErr
	}
	for _, u := range w.units {
		for _, ip := range u.meta.Imports {
			if d := w.byID[ip.ID]; d != nil {
				d.importers = append(d.importers, u)
			}
		}
	}
	w.deps, err = loadExportData(w.fset, w.opts, externals)
	return err
}

// Files returns every Go file the workspace compiles, sorted.
func (w *Workspace) Files() []string { return slices.Sorted(maps.Keys(w.byFile)) }

// Content returns the workspace's contents of file.
func (w *Workspace) Content(file string) ([]byte, error) { return w.current(file) }

// Update makes contents (by file) the workspace's contents and
// type-checks again what they change; the analysis of those units runs
// again on the next Analyze. Files it does not compile are ignored. A
// change of a file's imports or package clause needs a new Load.
func (w *Workspace) Update(contents map[string][]byte) {
	var changed []string
	for file, data := range contents {
		if w.byFile[file] == nil {
			continue
		}
		if cur, err := w.current(file); err == nil && string(cur) == string(data) {
			continue
		}
		w.content[file] = data
		w.mu.Lock()
		delete(w.syntax, file)
		delete(w.parseErrs, file)
		w.mu.Unlock()
		changed = append(changed, file)
	}
	if len(changed) == 0 {
		return
	}
	slices.Sort(changed)
	s := &state{w: w, pkgs: map[*unit]*packages.Package{}}
	dirty := w.dirty(changed)
	s.check(dirty)
	for _, u := range dirty {
		u.pkg = s.pkgs[u]
		u.results = nil
	}
	w.methods = nil
}

// current returns the current contents of file.
func (w *Workspace) current(file string) ([]byte, error) {
	if b, ok := w.content[file]; ok {
		return b, nil
	}
	return os.ReadFile(file)
}
