package lsp

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/packages"
)

// The first analysis of a package runs go list (through go/packages),
// which compiles the package and its test variants to get export data:
// about a second. A save that changes no import, no build constraint and
// no file name, in a module whose go.mod and go.sum did not change, with
// no edit in another package since, re-type-checks the package's files
// against the dependencies' types of that load instead: milliseconds.
// If that re-check finds any error (a dependency changed outside the
// editor, say), the full load runs. Entries older than maxCacheAge are
// not used, which bounds how long a change made outside the editor to a
// dependency can go unseen when it causes no type error.
const maxCacheAge = time.Minute

// cachedLoad is what a fast re-check needs of the last full load of a
// directory.
type cachedLoad struct {
	at      time.Time
	valid   bool              // false after an edit in another directory
	stamp   string            // go.mod and go.sum sizes and times
	headers map[string]string // every .go file of the directory: its header
	metas   []*variantMeta    // the package's variants, package under test first
}

// variantMeta is one variant of the package from the full load, without
// its syntax and types.
type variantMeta struct {
	pkg     packages.Package
	imports map[string]*types.Package // the direct imports' types by path
}

// load returns the package in dir with its test variants, and whether
// the cache served it.
func (s *server) load(ctx context.Context, dir string, snap *snapshot, mode packages.LoadMode) ([]*packages.Package, bool, error) {
	headers := fileHeaders(dir, snap.overlay)
	s.mu.Lock()
	var cached *cachedLoad
	if j := s.jobs[dir]; j != nil {
		cached = j.cache
	}
	s.mu.Unlock()
	if mode&packages.NeedDeps == 0 && cached != nil && cached.valid && time.Since(cached.at) < maxCacheAge &&
		cached.stamp == moduleStamp(cached.metas[0].pkg.Module) && equalMaps(cached.headers, headers) {
		if pkgs, ok := recheck(cached, snap); ok {
			return pkgs, true, nil
		}
	}
	pkgs, err := packages.Load(&packages.Config{
		Context: ctx, Mode: mode, Dir: dir, Env: s.opts.Env, Tests: true, Overlay: snap.overlay,
	}, ".")
	if err != nil || ctx.Err() != nil {
		return pkgs, false, err
	}
	c := newCache(pkgs, dir, headers)
	s.mu.Lock()
	if j := s.jobs[dir]; j != nil {
		j.cache = c // nil when the load cannot be reused
	}
	s.mu.Unlock()
	return pkgs, false, nil
}

// newCache keeps what a re-check needs of a full load, or returns nil if
// the load cannot be reused: load errors, cgo, or test variants of other
// packages among the imports.
func newCache(pkgs []*packages.Package, dir string, headers map[string]string) *cachedLoad {
	c := &cachedLoad{at: time.Now(), valid: true, headers: headers}
	for _, p := range pkgs {
		if !slices.ContainsFunc(p.GoFiles, func(f string) bool { return filepath.Dir(f) == dir }) {
			continue // the generated test main, or another directory
		}
		if p.Types == nil || p.Module == nil || !slices.Equal(p.GoFiles, p.CompiledGoFiles) {
			return nil
		}
		for _, e := range p.Errors {
			if e.Kind != packages.TypeError {
				return nil
			}
		}
		m := &variantMeta{imports: map[string]*types.Package{}}
		for path, ip := range p.Imports {
			if strings.Contains(ip.ID, " [") && ip.PkgPath != p.ForTest {
				return nil // a dependency recompiled for this test
			}
			if path == "C" {
				return nil
			}
		}
		for _, ip := range p.Types.Imports() {
			m.imports[ip.Path()] = ip
		}
		m.pkg = *p
		m.pkg.Fset, m.pkg.Syntax, m.pkg.Types, m.pkg.TypesInfo = nil, nil, nil, nil
		m.pkg.Errors, m.pkg.TypeErrors, m.pkg.IllTyped = nil, nil, false
		m.pkg.Imports = nil
		c.metas = append(c.metas, m)
	}
	if len(c.metas) == 0 {
		return nil
	}
	// The package under test before its external test package.
	slices.SortStableFunc(c.metas, func(a, b *variantMeta) int {
		return boolInt(isXTest(&a.pkg)) - boolInt(isXTest(&b.pkg))
	})
	c.stamp = moduleStamp(c.metas[0].pkg.Module)
	return c
}

func isXTest(p *packages.Package) bool { return p.ForTest != "" && p.PkgPath != p.ForTest }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// recheck parses the package's files afresh (from the overlay or disk)
// and type-checks each variant against the cached dependency types. It
// returns false on any parse or type error: the full load then decides.
func recheck(c *cachedLoad, snap *snapshot) ([]*packages.Package, bool) {
	fset := token.NewFileSet()
	parsed := map[string]*ast.File{}
	var out []*packages.Package
	underTest := map[string]*types.Package{} // path → newest checked variant of the package under test
	for _, m := range c.metas {
		p := m.pkg // a copy
		for _, name := range p.GoFiles {
			f, ok := parsed[name]
			if !ok {
				src, err := source(name, snap.overlay)
				if err != nil {
					return nil, false
				}
				f, err = parser.ParseFile(fset, name, src, parser.AllErrors|parser.ParseComments)
				if err != nil {
					return nil, false
				}
				parsed[name] = f
			}
			p.Syntax = append(p.Syntax, f)
		}
		var typeErrs []types.Error
		conf := &types.Config{
			Importer: importerFunc(func(path string) (*types.Package, error) {
				if path == "unsafe" {
					return types.Unsafe, nil
				}
				if tp, ok := underTest[path]; ok && isXTest(&p) {
					return tp, nil
				}
				if tp, ok := m.imports[path]; ok {
					return tp, nil
				}
				return nil, fmt.Errorf("%s: not imported at the last load", path)
			}),
			Sizes: p.TypesSizes,
			Error: func(err error) {
				if te, ok := err.(types.Error); ok {
					typeErrs = append(typeErrs, te)
				}
			},
		}
		if p.Module != nil && p.Module.GoVersion != "" {
			conf.GoVersion = "go" + p.Module.GoVersion
		}
		p.Fset = fset
		p.TypesInfo = &types.Info{
			Types:        make(map[ast.Expr]types.TypeAndValue),
			Defs:         make(map[*ast.Ident]types.Object),
			Uses:         make(map[*ast.Ident]types.Object),
			Implicits:    make(map[ast.Node]types.Object),
			Instances:    make(map[*ast.Ident]types.Instance),
			Scopes:       make(map[ast.Node]*types.Scope),
			Selections:   make(map[*ast.SelectorExpr]*types.Selection),
			FileVersions: make(map[*ast.File]string),
		}
		p.Types = types.NewPackage(p.PkgPath, p.Name)
		err := types.NewChecker(conf, fset, p.Types, p.TypesInfo).Files(p.Syntax)
		if err != nil || len(typeErrs) > 0 || p.Types.Name() != p.Name {
			return nil, false
		}
		if !isXTest(&p) {
			underTest[p.PkgPath] = p.Types
		}
		out = append(out, &p)
	}
	return out, true
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

func source(name string, overlay map[string][]byte) ([]byte, error) {
	if src, ok := overlay[name]; ok {
		return src, nil
	}
	return os.ReadFile(name)
}

// fileHeaders returns, for every .go file of dir, what go list reads of
// it: the package name, the imports and the build constraints (or the
// parse error).
func fileHeaders(dir string, overlay map[string][]byte) map[string]string {
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	names := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
			names[filepath.Join(dir, e.Name())] = true
		}
	}
	for name := range overlay {
		if filepath.Dir(name) == dir && strings.HasSuffix(name, ".go") {
			names[name] = true
		}
	}
	fset := token.NewFileSet()
	for name := range names {
		src, err := source(name, overlay)
		if err != nil {
			out[name] = "unreadable: " + err.Error()
			continue
		}
		f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
				err = list[0]
			}
			out[name] = "error: " + err.Error()
			continue
		}
		var b strings.Builder
		b.WriteString(f.Name.Name)
		for _, cg := range f.Comments {
			if cg.Pos() >= f.Package {
				break
			}
			for _, c := range cg.List {
				if strings.HasPrefix(c.Text, "//go:build") || strings.HasPrefix(c.Text, "// +build") {
					b.WriteString("\n" + c.Text)
				}
			}
		}
		for _, imp := range f.Imports {
			b.WriteString("\n" + imp.Path.Value)
		}
		out[name] = b.String()
	}
	return out
}

// moduleStamp identifies the state of a module's go.mod and go.sum.
func moduleStamp(m *packages.Module) string {
	if m == nil || m.GoMod == "" {
		return ""
	}
	var b strings.Builder
	for _, name := range []string{m.GoMod, filepath.Join(filepath.Dir(m.GoMod), "go.sum")} {
		if fi, err := os.Stat(name); err == nil {
			b.WriteString(strconv.FormatInt(fi.Size(), 10) + "@" + fi.ModTime().String() + ";")
		} else {
			b.WriteString("-;")
		}
	}
	return b.String()
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
