package plan

import (
	"cmp"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/config"
)

// Options configure Build.
type Options struct {
	Dir      string   // working directory for package loading; default "."
	Patterns []string // package patterns, e.g. ./...
	// Analyzers are capsulelint's four analyzers (analyzers.New(cfg)).
	// Diagnostics of capsulefield, repocapsule, keyformat and gsitenant
	// name the items of the plan; those of other analyzers are Unplaced.
	Analyzers []*analysis.Analyzer
	// Config gives the key labels and separator; nil means the defaults.
	Config *config.Resolved
}

// The analyzer names whose diagnostics plan reads (a public contract of
// the analyzers, see DESIGN.md).
const (
	capsulefield = "capsulefield"
	repocapsule  = "repocapsule"
	keyformat    = "keyformat"
	gsitenant    = "gsitenant"
)

const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesInfo | packages.NeedSyntax |
	packages.NeedTypesSizes | packages.NeedModule

// Build loads the packages (with their tests), runs the analyzers and
// computes the plan.
func Build(opts Options) (*Plan, error) {
	if len(opts.Patterns) == 0 {
		return nil, errors.New("no packages given")
	}
	dir, err := filepath.Abs(cmp.Or(opts.Dir, "."))
	if err != nil {
		return nil, err
	}
	if opts.Config == nil {
		opts.Config, err = config.Compile(config.Default())
		if err != nil {
			return nil, err
		}
	}
	cfg := &packages.Config{Mode: loadMode, Dir: dir, Tests: true}
	pkgs, err := packages.Load(cfg, opts.Patterns...)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("no packages match %s", strings.Join(opts.Patterns, " "))
	}
	if errs := loadErrors(pkgs, 5); len(errs) > 0 {
		return nil, fmt.Errorf("the packages do not load:\n\t%s", strings.Join(errs, "\n\t"))
	}
	graph, err := checker.Analyze(opts.Analyzers, pkgs, nil)
	if err != nil {
		return nil, err
	}
	b := newBuilder(opts, dir, pkgs)
	ours := map[*analysis.Analyzer]bool{}
	for _, a := range opts.Analyzers {
		ours[a] = true
	}
	seen := map[string]bool{}
	for act := range graph.All() {
		if !act.IsRoot || !ours[act.Analyzer] {
			continue
		}
		if act.Err != nil {
			return nil, fmt.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		for _, d := range act.Diagnostics {
			f := Finding{Analyzer: act.Analyzer.Name, Pos: b.position(d.Pos, true), Message: d.Message}
			k := f.Analyzer + "\x00" + b.posKey(d.Pos) + "\x00" + f.Message
			if seen[k] {
				continue // the same file in another test variant
			}
			seen[k] = true
			b.diags = append(b.diags, &diagnostic{pkg: act.Package, pos: d.Pos, end: d.End, finding: f})
		}
	}
	// Process diagnostics in a deterministic order: the action graph is
	// not ordered, and the first variant of a declaration wins.
	slices.SortStableFunc(b.diags, func(x, y *diagnostic) int {
		return cmp.Or(comparePos(x.finding.Pos, y.finding.Pos), cmp.Compare(x.finding.Analyzer, y.finding.Analyzer),
			cmp.Compare(x.finding.Message, y.finding.Message))
	})
	return b.build(), nil
}

// loadErrors returns the first errors of pkgs, at most max, one line each.
func loadErrors(pkgs []*packages.Package, max int) []string {
	var errs []string
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if s := e.Error(); !seen[s] && len(errs) < max {
				seen[s] = true
				errs = append(errs, s)
			}
		}
	})
	return errs
}

// diagnostic is one deduplicated diagnostic with the package variant it
// was reported in.
type diagnostic struct {
	pkg      *packages.Package
	pos, end token.Pos
	finding  Finding
}

// builder computes a plan.
type builder struct {
	opts   Options
	dir    string
	fset   *token.FileSet
	pkgs   []*packages.Package
	diags  []*diagnostic
	defs   map[*packages.Package]map[token.Pos]types.Object
	labels labelSet

	entities []*entity          // in source order
	entityOf map[string]*entity // by declaration key
	methods  []*method
	methodOf map[string]*method // by declaration key of the interface method, implementation or method
	keys     []*key
	keyOf    map[string]*key // by position key
	helpers  []*helper
	helperOf map[string]*helper
	unplaced []Finding

	imports map[*types.Package]map[string]*types.Package // transitive imports by path, per package
	targets map[string][]calls                           // call targets by declaration key
	names   map[*entity]string                           // display names of the entities with work
	codeOf  map[string][]*entity                         // entity code: function declaration key → entities
}

func newBuilder(opts Options, dir string, pkgs []*packages.Package) *builder {
	return &builder{
		opts:     opts,
		dir:      dir,
		fset:     pkgs[0].Fset,
		pkgs:     pkgs,
		defs:     map[*packages.Package]map[token.Pos]types.Object{},
		labels:   newLabelSet(opts.Config),
		entityOf: map[string]*entity{},
		methodOf: map[string]*method{},
		helperOf: map[string]*helper{},
		keyOf:    map[string]*key{},
		imports:  map[*types.Package]map[string]*types.Package{},
		targets:  map[string][]calls{},
		codeOf:   map[string][]*entity{},
	}
}

// posKey identifies a position independently of the package variant
// (and so of the token.File) the file was parsed in.
func (b *builder) posKey(pos token.Pos) string {
	p := b.fset.Position(pos)
	return p.Filename + ":" + strconv.Itoa(p.Offset)
}

// position formats pos relative to the plan's directory: file:line, or
// file:line:col when col is set.
func (b *builder) position(pos token.Pos, col bool) string {
	p := b.fset.Position(pos)
	if !p.IsValid() {
		return "-"
	}
	name := p.Filename
	if rel, err := filepath.Rel(b.dir, name); err == nil && !strings.HasPrefix(rel, "..") {
		name = filepath.ToSlash(rel)
	}
	if col {
		return fmt.Sprintf("%s:%d:%d", name, p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d", name, p.Line)
}

// defAt returns the object declared by the identifier at pos in pkg.
func (b *builder) defAt(pkg *packages.Package, pos token.Pos) types.Object {
	m, ok := b.defs[pkg]
	if !ok {
		m = map[token.Pos]types.Object{}
		for id, obj := range pkg.TypesInfo.Defs {
			if obj != nil {
				m[id.Pos()] = obj
			}
		}
		b.defs[pkg] = m
	}
	return m[pos]
}

// path returns the AST path from the innermost node enclosing [pos, end)
// to the file, or nil.
func (b *builder) path(pkg *packages.Package, pos, end token.Pos) []ast.Node {
	if !end.IsValid() || end < pos {
		end = pos
	}
	for _, f := range pkg.Syntax {
		if f.FileStart <= pos && pos <= f.FileEnd {
			p, _ := astutil.PathEnclosingInterval(f, pos, end)
			return p
		}
	}
	return nil
}

func (b *builder) build() *Plan {
	for _, d := range b.diags {
		switch d.finding.Analyzer {
		case capsulefield:
			b.addEntity(d)
		case repocapsule, keyformat, gsitenant:
			// after the entities, below
		default:
			b.unplaced = append(b.unplaced, d.finding)
		}
	}
	var methodDiags, keyDiags, helperCalls []*diagnostic
	for _, d := range b.diags {
		switch d.finding.Analyzer {
		case repocapsule:
			methodDiags = append(methodDiags, d)
		case keyformat:
			keyDiags = append(keyDiags, d)
		case gsitenant:
			if !b.addHelper(d) {
				helperCalls = append(helperCalls, d)
			}
		}
	}
	b.addMethods(methodDiags)
	for _, d := range keyDiags {
		b.addKey(d)
	}
	for _, d := range helperCalls {
		b.addHelperCall(d)
	}
	b.assignMethods()
	b.entityCode()
	b.keyFunctions()
	b.walkCalls()
	b.keyAttributes()
	b.assignKeys()
	b.assignHelpers()
	return b.assemble()
}

// funcName names fn for people: pkg.Func, pkg.Type.Method.
func funcName(fn *types.Func) string {
	name := fn.Name()
	if tn := recvTypeName(fn); tn != nil {
		name = tn.Name() + "." + name
	}
	if fn.Pkg() != nil {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}

// recvTypeName returns the named type fn is a method of (the interface for
// an interface method), or nil.
func recvTypeName(fn *types.Func) *types.TypeName {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return nil
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		return t.Origin().Obj()
	case *types.Interface:
		// A method of an interface literal embedded in a named interface:
		// find the named interface declaring it.
		if fn.Pkg() == nil {
			return nil
		}
		scope := fn.Pkg().Scope()
		for _, n := range scope.Names() {
			tn, ok := scope.Lookup(n).(*types.TypeName)
			if !ok {
				continue
			}
			if iface, ok := tn.Type().Underlying().(*types.Interface); ok {
				for m := range iface.Methods() {
					if m == fn {
						return tn
					}
				}
			}
		}
	}
	return nil
}

// lookupType finds the type name path.name among pkg and its transitive
// imports: the same declaration as seen from pkg's type-checking universe.
func (b *builder) lookupType(pkg *types.Package, path, name string) *types.TypeName {
	index, ok := b.imports[pkg]
	if !ok {
		index = map[string]*types.Package{}
		queue := []*types.Package{pkg}
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			if _, seen := index[p.Path()]; seen {
				continue
			}
			index[p.Path()] = p
			queue = append(queue, p.Imports()...)
		}
		b.imports[pkg] = index
	}
	if p := index[path]; p != nil {
		tn, _ := p.Scope().Lookup(name).(*types.TypeName)
		return tn
	}
	return nil
}
