package engine

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/types"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"
)

// state is the workspace as one set of file contents has it: the base
// (what the workspace holds), or a trial's contents over the base, with
// the units those contents change type-checked again.
type state struct {
	w       *Workspace
	content map[string][]byte    // the trial's files; nil for the base
	syntax  map[string]*ast.File // their parse
	pkgs    map[*unit]*packages.Package
	// edges are the imports fixes added: unit → path → the unit
	// imported, nil for a dependency outside the workspace.
	edges map[*unit]map[string]*unit
	mu    sync.Mutex
}

// pkg returns u as the state has it.
func (s *state) pkg(u *unit) *packages.Package {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.pkgs[u]; p != nil {
		return p
	}
	return u.pkg
}

// file returns the parse of the file as the state has it.
func (s *state) file(name string) (*ast.File, error) {
	s.mu.Lock()
	f, src, inTrial := s.syntax[name], []byte(nil), false
	if f == nil {
		src, inTrial = s.content[name]
	}
	s.mu.Unlock()
	if f != nil {
		return f, nil
	}
	if !inTrial {
		return s.w.baseFile(name)
	}
	f, err := parser.ParseFile(s.w.fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if f != nil {
		// Units sharing the file are checked concurrently: the first parse
		// stored is everyone's, so that each unit's types describe the
		// syntax the trial (and, once committed, the workspace) holds.
		s.mu.Lock()
		if prior := s.syntax[name]; prior != nil {
			f = prior
		} else {
			s.syntax[name] = f
		}
		s.mu.Unlock()
	}
	return f, err
}

// baseFile returns the parse of the file as the workspace has it.
func (w *Workspace) baseFile(name string) (*ast.File, error) {
	w.mu.Lock()
	f, perr := w.syntax[name], w.parseErrs[name]
	w.mu.Unlock()
	if f != nil {
		return f, perr
	}
	src, err := w.current(name)
	if err != nil {
		return nil, err
	}
	f, err = parser.ParseFile(w.fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if f != nil {
		w.mu.Lock()
		if old := w.syntax[name]; old != nil {
			f, err = old, w.parseErrs[name] // another unit parsed it first: share one tree
		} else {
			w.syntax[name] = f
			if err != nil {
				w.parseErrs[name] = err
			}
		}
		w.mu.Unlock()
	}
	return f, err
}

// checkAll type-checks every unit of the workspace: the base.
func (w *Workspace) checkAll() []error {
	s := &state{w: w, pkgs: map[*unit]*packages.Package{}}
	errs := s.check(w.units)
	for u, p := range s.pkgs {
		u.pkg = p
	}
	return errs
}

// dirty returns the units that compile one of files, and every unit
// importing one of those, directly or not, in workspace order.
func (w *Workspace) dirty(files []string) []*unit {
	seen := map[*unit]bool{}
	var queue []*unit
	for _, f := range files {
		queue = append(queue, w.byFile[f]...)
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if seen[u] {
			continue
		}
		seen[u] = true
		queue = append(queue, u.importers...)
	}
	out := make([]*unit, 0, len(seen))
	for u := range seen {
		out = append(out, u)
	}
	slices.SortFunc(out, func(a, b *unit) int { return a.order - b.order })
	return out
}

// check type-checks units (in workspace order), in parallel where their
// imports allow, into s.pkgs. It returns the errors that stopped a unit
// from being checked at all (an import that cannot be read).
func (s *state) check(units []*unit) []error {
	done := make(map[*unit]chan struct{}, len(units))
	for _, u := range units {
		done[u] = make(chan struct{})
	}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	var fatal []error
	var wg sync.WaitGroup
	for _, u := range units {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(done[u])
			for _, ip := range u.meta.Imports {
				if d := s.w.byID[ip.ID]; d != nil && done[d] != nil {
					<-done[d]
				}
			}
			sem <- struct{}{}
			p, err := s.checkUnit(u)
			<-sem
			s.mu.Lock()
			s.pkgs[u] = p
			s.mu.Unlock()
			if err != nil {
				mu.Lock()
				fatal = append(fatal, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	slices.SortFunc(fatal, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return fatal
}

// checkUnit parses and type-checks one unit as s has its files.
func (s *state) checkUnit(u *unit) (*packages.Package, error) {
	m := u.meta
	p := &packages.Package{
		ID: m.ID, Name: m.Name, PkgPath: m.PkgPath, GoFiles: m.GoFiles, CompiledGoFiles: m.CompiledGoFiles,
		OtherFiles: m.OtherFiles, IgnoredFiles: m.IgnoredFiles, EmbedFiles: m.EmbedFiles, Module: m.Module,
		ForTest: m.ForTest, TypesSizes: m.TypesSizes, Fset: s.w.fset,
	}
	for _, name := range m.CompiledGoFiles {
		f, err := s.file(name)
		if err != nil {
			p.Errors = append(p.Errors, parseErrors(err)...)
		}
		if f != nil {
			p.Syntax = append(p.Syntax, f)
		}
	}
	p.TypesInfo = &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{},
		Implicits: map[ast.Node]types.Object{}, Instances: map[*ast.Ident]types.Instance{}, Scopes: map[ast.Node]*types.Scope{},
		Selections: map[*ast.SelectorExpr]*types.Selection{}, FileVersions: map[*ast.File]string{},
	}
	var fatal error
	conf := &types.Config{
		Sizes: m.TypesSizes,
		Importer: importerFunc(func(path string) (*types.Package, error) {
			d, depPath, err := s.resolveImport(u, path)
			if err != nil {
				return nil, err
			}
			if d != nil {
				if dp := s.pkg(d); dp != nil && dp.Types != nil {
					return dp.Types, nil
				}
				return nil, fmt.Errorf("%s was not type-checked", d.meta.ID)
			}
			t, err := s.w.deps.load(depPath)
			if err != nil && fatal == nil {
				fatal = err
			}
			return t, err
		}),
		Error: func(err error) {
			var te types.Error
			if errors.As(err, &te) {
				p.Errors = append(p.Errors, packages.Error{Pos: te.Fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
			} else {
				p.Errors = append(p.Errors, packages.Error{Msg: err.Error(), Kind: packages.TypeError})
			}
		},
	}
	if m.Module != nil && m.Module.GoVersion != "" {
		conf.GoVersion = "go" + m.Module.GoVersion
	}
	p.Types, _ = conf.Check(m.PkgPath, s.w.fset, p.Syntax, p.TypesInfo)
	p.IllTyped = len(p.Errors) > 0
	return p, fatal
}

// parseErrors turns a parser error into package errors.
func parseErrors(err error) []packages.Error {
	var list scanner.ErrorList
	if errors.As(err, &list) {
		out := make([]packages.Error, len(list))
		for i, e := range list {
			out[i] = packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError}
		}
		return out
	}
	return []packages.Error{{Msg: err.Error(), Kind: packages.ParseError}}
}

// resolveImport finds what u imports as path: a unit of the workspace,
// or the path of a dependency. An import the go command did not list (a
// fix added it) resolves to the workspace package of that path (its
// variant for the same test, if any) or to a dependency, unless it
// would make a cycle.
func (s *state) resolveImport(u *unit, path string) (*unit, string, error) {
	if ip := u.meta.Imports[path]; ip != nil {
		return s.w.byID[ip.ID], ip.PkgPath, nil
	}
	s.w.mu.Lock()
	d, known := u.extra[path]
	s.w.mu.Unlock()
	if !known {
		d = s.w.unitFor(u, path)
		if d != nil && s.w.reaches(d, u) {
			return nil, "", fmt.Errorf("importing %s into %s would make an import cycle", path, u.meta.PkgPath)
		}
	}
	if d != nil {
		s.mu.Lock()
		if s.edges == nil {
			s.edges = map[*unit]map[string]*unit{}
		}
		if s.edges[u] == nil {
			s.edges[u] = map[string]*unit{}
		}
		s.edges[u][path] = d
		s.mu.Unlock()
	}
	return d, path, nil
}

// unitFor returns the unit a new import of path from u means, or nil
// for a dependency outside the workspace.
func (w *Workspace) unitFor(u *unit, path string) *unit {
	if i := strings.Index(u.meta.ID, " ["); i >= 0 {
		if d := w.byID[path+u.meta.ID[i:]]; d != nil {
			return d
		}
	}
	return w.byID[path]
}

// reaches reports whether from imports to, directly or not.
func (w *Workspace) reaches(from, to *unit) bool {
	seen := map[*unit]bool{}
	queue := []*unit{from}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		if x == to {
			return true
		}
		if seen[x] {
			continue
		}
		seen[x] = true
		for _, ip := range x.meta.Imports {
			if d := w.byID[ip.ID]; d != nil {
				queue = append(queue, d)
			}
		}
		w.mu.Lock()
		for _, d := range x.extra {
			if d != nil {
				queue = append(queue, d)
			}
		}
		w.mu.Unlock()
	}
	return false
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// errorsIn returns the errors of the units of s that are not errors of
// the base (so a trial is judged by what it breaks), at most max.
func (s *state) errorsIn(units []*unit, max int) []packages.Error {
	var out []packages.Error
	for _, u := range units {
		p := s.pkgs[u]
		if p == nil {
			continue
		}
		before := 0
		if u.pkg != nil {
			before = len(u.pkg.Errors)
		}
		if len(p.Errors) <= before {
			continue
		}
		for _, e := range p.Errors {
			if len(out) < max && !slices.ContainsFunc(out, func(o packages.Error) bool { return o.Error() == e.Error() }) {
				out = append(out, e)
			}
		}
	}
	return out
}

// Errors returns the first errors of the workspace's packages, at most
// max, one line each.
func (w *Workspace) Errors(max int) []string {
	var out []string
	for _, u := range w.units {
		if u.pkg == nil {
			continue
		}
		for _, e := range u.pkg.Errors {
			if len(out) < max && !slices.Contains(out, e.Error()) {
				out = append(out, e.Error())
			}
		}
	}
	return out
}
