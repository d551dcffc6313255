package repocapsule

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/directive"
	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// repoType is a repository type declared in the package, or a type whose
// methods a repository gets by embedding it (via lists those
// repositories).
type repoType struct {
	obj       *types.TypeName
	spec      *ast.TypeSpec
	iface     bool
	skipped   bool        // declared in a file not analysed (generated, or a test with include-tests off)
	positions []token.Pos // where its directives may apply
	via       []*repoType // the repositories embedding it, for a type that is not one
}

// foreignMethod is a method repositories get by embedding a type of
// another package.
type foreignMethod struct {
	fn     *types.Func
	embeds []embedding
}

// embedding is the embedded field of a repository's declaration that
// brings it a method.
type embedding struct {
	repo  *repoType
	field *ast.Field
}

// method is a method of a repository type (or one coupled to it).
type method struct {
	fn    *types.Func
	repo  *repoType // nil for a method of a type that is not a repository
	decl  fixes.Declaration
	pos   token.Pos // the line its directives apply to
	shape shape
}

// shape is where a method's tenant and capsule parameters are.
type shape struct {
	tenants, capsules []int // flattened indexes
}

// defective reports whether some tenant parameter lacks a capsule
// parameter right after it.
func (s shape) defective() bool {
	for _, t := range s.tenants {
		if !slices.Contains(s.capsules, t+1) {
			return true
		}
	}
	return false
}

type checker struct {
	pass *analysis.Pass
	insp *inspector.Inspector
	rep  *directive.Reporter
	cl   *scope.Classifier

	cfg      *config.Resolved
	repos    map[*types.TypeName]*repoType
	repoList []*repoType                   // the repositories in source order
	types    map[*types.TypeName]*repoType // the package's other top-level types, for embedding
	methods  map[*types.Func]*method
	foreign  []*foreignMethod
	coupling *fixes.Coupling
}

func run(pass *analysis.Pass, cfg *config.Resolved, rep *directive.Reporter) error {
	c := &checker{
		pass:    pass,
		insp:    pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		rep:     rep,
		cl:      scope.New(cfg),
		cfg:     cfg,
		repos:   map[*types.TypeName]*repoType{},
		types:   map[*types.TypeName]*repoType{},
		methods: map[*types.Func]*method{},
	}
	c.collect(cfg)
	if len(c.repos) == 0 {
		return nil
	}
	c.check()
	return nil
}

// collect finds the repository types and their methods.
func (c *checker) collect(cfg *config.Resolved) {
	var funcs []*ast.FuncDecl
	for cur := range c.insp.Root().Preorder((*ast.TypeSpec)(nil), (*ast.FuncDecl)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			if n.Recv != nil {
				funcs = append(funcs, n)
			}
		case *ast.TypeSpec:
			gen, ok := cur.Parent().Node().(*ast.GenDecl)
			if !ok {
				continue
			}
			if _, top := cur.Parent().Parent().Node().(*ast.File); !top {
				continue // a type declared in a function has no methods
			}
			positions := []token.Pos{n.Pos()}
			if !gen.Lparen.IsValid() {
				positions = append(positions, gen.Pos())
			}
			obj, ok := c.pass.TypesInfo.Defs[n.Name].(*types.TypeName)
			if !ok || obj.IsAlias() {
				continue
			}
			_, iface := n.Type.(*ast.InterfaceType)
			r := &repoType{obj: obj, spec: n, iface: iface, positions: positions, skipped: c.rep.SkipPos(n.Pos())}
			if !cfg.Repository.MatchString(n.Name.Name) && c.rep.Directive(directive.Repository, positions...) == nil {
				c.types[obj] = r // not a repository, unless one embeds it
				continue
			}
			c.repos[obj] = r
			c.repoList = append(c.repoList, r)
			if it, ok := n.Type.(*ast.InterfaceType); ok {
				for _, f := range it.Methods.List {
					if _, ok := f.Type.(*ast.FuncType); !ok || len(f.Names) != 1 {
						continue // embedded
					}
					if fn, ok := c.pass.TypesInfo.Defs[f.Names[0]].(*types.Func); ok {
						c.add(fn, r, f.Pos())
					}
				}
			}
		}
	}
	for _, decl := range funcs {
		fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if !ok {
			continue
		}
		if r := c.repos[recvType(fn)]; r != nil && !r.iface {
			c.add(fn, r, decl.Pos())
		}
	}
	for _, r := range c.repoList {
		if !r.skipped {
			c.collectEmbedded(r)
		}
	}
}

// collectEmbedded adds the methods repository r gets from embedded types
// that are not repositories themselves: for an interface, the methods of
// its embedded interfaces; for another type, the methods promoted from
// its embedded fields. A method declared in this package is a repository
// method, reported at its declaration (whose fix changes every interface
// embedding it and every implementation); one declared in another
// package is kept in c.foreign, to report at r's embedded field.
func (c *checker) collectEmbedded(r *repoType) {
	var fns []*types.Func
	if it, ok := r.obj.Type().Underlying().(*types.Interface); ok {
		for i := range it.NumMethods() {
			fns = append(fns, it.Method(i))
		}
	} else {
		ms := types.NewMethodSet(types.NewPointer(r.obj.Type()))
		for i := range ms.Len() {
			if sel := ms.At(i); len(sel.Index()) > 1 {
				if fn, ok := sel.Obj().(*types.Func); ok {
					fns = append(fns, fn)
				}
			}
		}
	}
	for _, fn := range fns {
		fn = fn.Origin()
		if m := c.methods[fn]; m != nil {
			// A repository's own method, or one already reached through
			// another repository.
			if m.repo != nil && m.repo.via != nil && !slices.Contains(m.repo.via, r) {
				m.repo.via = append(m.repo.via, r)
			}
			continue
		}
		if fn.Pkg() != c.pass.Pkg {
			c.addForeign(fn, r)
			continue
		}
		decl := fixes.DeclarationOf(c.insp, fn)
		if decl.Type == nil {
			continue
		}
		owner := r // a method of an interface literal embedded in r
		if tn := recvType(fn); tn != nil && tn != r.obj {
			e := c.types[tn]
			if e == nil {
				continue // declared in a function, or an alias
			}
			if !slices.Contains(e.via, r) {
				e.via = append(e.via, r)
			}
			owner = e
		}
		pos := fn.Pos()
		if fd := c.funcDeclPos(decl); fd.IsValid() {
			pos = fd
		}
		m := c.add(fn, owner, pos)
		m.decl = decl
	}
}

// embeddingField returns the embedded field (or embedded interface) of
// r's declaration that brings it the method fn, or nil.
func (c *checker) embeddingField(r *repoType, fn *types.Func) *ast.Field {
	var fields *ast.FieldList
	switch t := r.spec.Type.(type) {
	case *ast.InterfaceType:
		fields = t.Methods
	case *ast.StructType:
		fields = t.Fields
	default:
		return nil
	}
	for _, f := range fields.List {
		if len(f.Names) > 0 {
			continue
		}
		t := c.pass.TypesInfo.TypeOf(f.Type)
		if t == nil {
			continue
		}
		if obj, _, _ := types.LookupFieldOrMethod(t, true, fn.Pkg(), fn.Name()); obj != nil {
			if m, ok := obj.(*types.Func); ok && m.Origin() == fn {
				return f
			}
		}
	}
	return nil
}

// addForeign records fn, declared in another package, as a method r gets
// by embedding.
func (c *checker) addForeign(fn *types.Func, r *repoType) {
	field := c.embeddingField(r, fn)
	if field == nil {
		return
	}
	for _, f := range c.foreign {
		if f.fn == fn {
			f.embeds = append(f.embeds, embedding{r, field})
			return
		}
	}
	c.foreign = append(c.foreign, &foreignMethod{fn: fn, embeds: []embedding{{r, field}}})
}

// recvType is the declared (generic origin) type of fn's receiver.
func recvType(fn *types.Func) *types.TypeName {
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return nil
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Origin().Obj()
	}
	return nil
}

func (c *checker) add(fn *types.Func, r *repoType, pos token.Pos) *method {
	m := &method{fn: fn, repo: r, pos: pos, shape: c.shapeOf(fn)}
	c.methods[fn] = m
	return m
}

func (c *checker) shapeOf(fn *types.Func) shape {
	var s shape
	params := fn.Type().(*types.Signature).Params()
	for i := range params.Len() {
		switch kind, ok := c.cl.KindOfVar(params.At(i)); {
		case ok && kind == scope.Tenant:
			s.tenants = append(s.tenants, i)
		case ok && kind == scope.Capsule:
			s.capsules = append(s.capsules, i)
		}
	}
	return s
}

// methodOf returns the method record of fn, making one for a method
// coupled to a repository method that is not itself a repository's.
func (c *checker) methodOf(fn *types.Func) *method {
	if m := c.methods[fn]; m != nil {
		if m.decl.Type == nil {
			m.decl = fixes.DeclarationOf(c.insp, fn)
		}
		return m
	}
	m := &method{fn: fn, shape: c.shapeOf(fn)}
	m.decl = fixes.DeclarationOf(c.insp, fn)
	if m.decl.Name != nil {
		m.pos = m.decl.Name.Pos()
		if fd := c.funcDeclPos(m.decl); fd.IsValid() {
			m.pos = fd
		}
	}
	c.methods[fn] = m
	return m
}

// funcDeclPos is the position of the func keyword of a method declared by
// a FuncDecl (where its doc comment's directives apply).
func (c *checker) funcDeclPos(d fixes.Declaration) token.Pos {
	if d.Recv != nil {
		return d.Type.Func
	}
	return token.NoPos
}

// optedOut reports whether m, or its type, is marked tenant-scoped or
// global.
func (c *checker) optedOut(m *method) bool {
	positions := []token.Pos{m.pos}
	if m.repo != nil {
		positions = append(positions, m.repo.positions...)
	} else if tn := recvType(m.fn); tn != nil {
		positions = append(positions, tn.Pos())
	}
	if c.rep.OptedOut(positions...) {
		return true
	}
	return m.repo != nil && len(m.repo.via) > 0 && len(c.embeddedIn(m)) == 0
}

// embeddedIn returns the repositories that get m, a method of a type that
// is not a repository, by embedding, leaving out those opted out (on the
// repository, or on the line of its embedded field).
func (c *checker) embeddedIn(m *method) []*repoType {
	var out []*repoType
	for _, r := range m.repo.via {
		positions := slices.Clone(r.positions)
		if field := c.embeddingField(r, m.fn); field != nil {
			positions = append(positions, field.Pos())
		}
		if !c.rep.OptedOut(positions...) {
			out = append(out, r)
		}
	}
	return out
}

func isGeneratedFile(pass *analysis.Pass, pos token.Pos) bool {
	tf := pass.Fset.File(pos)
	for _, f := range pass.Files {
		if pass.Fset.File(f.Pos()) == tf {
			return ast.IsGenerated(f)
		}
	}
	return false
}

// finding is one diagnostic to report: a defective repository method and
// the methods that must change with it.
type finding struct {
	m       *method
	coupled []*method
	foreign []*types.Func
	also    []*method // other repository interface methods of the class, not reported again
}

func (c *checker) check() {
	c.checkForeign()
	var defective []*method
	for _, m := range c.methods {
		if m.shape.defective() {
			defective = append(defective, m)
		}
	}
	if len(defective) == 0 {
		return
	}
	slices.SortFunc(defective, func(a, b *method) int { return int(a.fn.Pos() - b.fn.Pos()) })
	for _, m := range defective {
		m.decl = fixes.DeclarationOf(c.insp, m.fn)
	}

	c.coupling = fixes.NewCoupling(c.pass.Pkg)
	var findings []*finding
	reported := map[*types.Func]bool{} // coupled functions already covered by a finding
	for _, m := range defective {
		if reported[m.fn] || m.repo.skipped || c.optedOut(m) {
			continue
		}
		coupled, foreign := c.coupling.Of(m.fn)
		f := &finding{m: m, foreign: foreign}
		owned := false
		for _, fn := range foreign {
			if c.reportedAbroad(fn) {
				// The interface's package reports the defect (or opts it
				// out); its fix, through capsulelint migrate, changes
				// this method too.
				owned = true
			}
		}
		for _, fn := range coupled {
			o := c.methodOf(fn)
			f.coupled = append(f.coupled, o)
			if o != m && o.decl.Type != nil && c.optedOut(o) {
				// It must keep the signature of a method marked
				// tenant-scoped: opted out with it.
				owned = true
			}
			if o == m || o.repo == nil || !o.repo.iface || !o.shape.defective() {
				continue
			}
			if !m.repo.iface {
				// A repository interface of the package owns the defect:
				// its diagnostic (or its opt-out) covers this method.
				owned = true
			} else if o.fn.Pos() < m.fn.Pos() {
				owned = true // reported at the first interface of the class
			} else {
				f.also = append(f.also, o)
			}
		}
		if owned {
			continue
		}
		for _, o := range f.coupled {
			reported[o.fn] = true
		}
		findings = append(findings, f)
	}
	if len(findings) == 0 {
		return
	}

	// One walk of the package for the references of every function the
	// fixes change.
	funcs := map[*types.Func]bool{}
	for _, f := range findings {
		for _, o := range f.coupled {
			funcs[o.fn] = true
		}
	}
	uses := fixes.IndexUses(c.pass.TypesInfo, c.insp, funcs)
	for _, f := range findings {
		c.report(f, uses)
	}
}

func (c *checker) report(f *finding, uses *fixes.UseIndex) {
	m := f.m
	sig := m.fn.Type().(*types.Signature)
	params := sig.Params()
	name := fixes.FuncName(m.fn)

	var msg strings.Builder
	var plan *plan
	var problem string
	switch {
	case len(m.shape.tenants) > 1:
		fmt.Fprintf(&msg, c.say("repository method %s takes tenant IDs (%s) without a capsule ID right after each: it %s (want a capsule ID parameter right after each tenant ID)"),
			name, paramNames(params, m.shape.tenants), c.verb(m.fn.Name(), "those tenants"))
		problem = "it takes more than one tenant ID; add a capsule ID after each by hand"
	case len(m.shape.capsules) > 1:
		fmt.Fprintf(&msg, c.say("repository method %s takes capsule IDs (%s) but none right after its tenant ID %s: it %s (want the capsule ID right after the tenant ID)"),
			name, paramNames(params, m.shape.capsules), paramLabel(params.At(m.shape.tenants[0]), m.shape.tenants[0]), c.verb(m.fn.Name(), "the tenant"))
		problem = "it takes more than one capsule ID, so which one belongs after the tenant ID cannot be told"
	case len(m.shape.capsules) == 1:
		plan = c.movePlan(f)
		tenant, capsule := params.At(m.shape.tenants[0]), params.At(m.shape.capsules[0])
		fmt.Fprintf(&msg, c.say("repository method %s takes its capsule ID %s but not right after the tenant ID %s: tenant and capsule travel as a pair in every repository signature, and a capsule ID elsewhere is easily swapped or dropped by callers (want %s)"),
			name, paramLabel(capsule, m.shape.capsules[0]), paramLabel(tenant, m.shape.tenants[0]), plan.want)
	default:
		plan = c.addPlan(f)
		fmt.Fprintf(&msg, c.say("repository method %s takes a tenant ID but no capsule ID: it %s"), name, c.verb(m.fn.Name(), "the tenant"))
		if plan.want != "" {
			fmt.Fprintf(&msg, " (want %s)", plan.want)
		}
	}

	var via []*repoType
	if m.repo != nil && len(m.repo.via) > 0 {
		// A method of a type that is a repository's by embedding.
		via = c.embeddedIn(m)
		verb := "embeds"
		if len(via) > 1 {
			verb = "embed"
		}
		fmt.Fprintf(&msg, "; it is a repository method because %s %s %s", repoNames(via), verb, m.repo.obj.Name())
	}
	var related []analysis.RelatedInformation
	if m.repo != nil {
		for _, r := range via {
			if field := c.embeddingField(r, m.fn); field != nil {
				related = append(related, analysis.RelatedInformation{Pos: field.Pos(), End: field.End(),
					Message: fmt.Sprintf("repository %s gets %s here", r.obj.Name(), name)})
			}
		}
	}
	for _, o := range f.also {
		related = append(related, analysis.RelatedInformation{Pos: o.fn.Pos(), Message: fmt.Sprintf("%s has the same defect and the same fix", fixes.FuncName(o.fn))})
	}
	for _, o := range f.coupled {
		if o != m && !slices.Contains(f.also, o) {
			related = append(related, analysis.RelatedInformation{Pos: o.fn.Pos(), Message: fmt.Sprintf("%s must change with %s", fixes.FuncName(o.fn), name)})
		}
	}

	d := analysis.Diagnostic{Pos: m.fn.Pos(), End: m.fn.Pos() + token.Pos(len(m.fn.Name())), Category: "repocapsule"}
	if plan != nil && problem == "" {
		problem = plan.problem
	}
	if problem == "" {
		problem = c.couplingProblem(f)
	}
	if problem == "" && plan != nil {
		b := fixes.NewBuilder(c.pass.Fset)
		if err := plan.apply(b, uses); err != nil {
			problem = err.Error()
		} else {
			us, _ := uses.Of(funcsOf(f.coupled)...)
			if fix, err := b.Fix(plan.message + callSites(len(us))); err != nil {
				problem = err.Error()
			} else {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
				for _, u := range us {
					related = append(related, analysis.RelatedInformation{Pos: u.Ident.Pos(), Message: "call site updated by the fix"})
				}
			}
		}
	}
	if problem != "" {
		fmt.Fprintf(&msg, "; no fix: %s", problem)
	}
	d.Message = msg.String()
	d.Related = related
	decls := []token.Pos{m.pos}
	if m.repo != nil {
		decls = append(decls, m.repo.positions...)
	}
	c.rep.Report(d, decls...)
}

// repoNames lists the repositories' names.
func repoNames(rs []*repoType) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.obj.Name()
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// checkForeign reports the methods with the defect that repositories get
// by embedding a type of another package, at the embedded field of the
// first repository that is not opted out (a directive on the repository
// or on the embedded field's line): their declaration is not here, so
// there is no fix. A method that its own package's analysis reports (the
// type declaring it, or one embedding it there, is a repository by name)
// is left to it.
func (c *checker) checkForeign() {
	for _, f := range c.foreign {
		if !c.shapeOf(f.fn).defective() || c.repositoryAbroad(f.fn) {
			continue
		}
		embeds := slices.DeleteFunc(slices.Clone(f.embeds), func(e embedding) bool {
			return c.rep.OptedOut(append([]token.Pos{e.field.Pos()}, e.repo.positions...)...)
		})
		if len(embeds) == 0 {
			continue
		}
		first := embeds[0]
		owner := c.qualifier(first.field.Pos())(f.fn.Pkg()) + "." + fixes.FuncName(f.fn)
		d := analysis.Diagnostic{Pos: first.field.Pos(), End: first.field.End(), Category: "repocapsule",
			Message: fmt.Sprintf(c.say("repository %s gets method %s from %s, which takes a tenant ID without a capsule ID right after it: it %s (want a capsule ID parameter right after the tenant ID of %s); no fix: %s is declared in package %s: add the capsule ID there, or mark its type //capsule:repository so that the analysis of that package reports and fixes it"),
				first.repo.obj.Name(), f.fn.Name(), types.ExprString(first.field.Type), c.verb(f.fn.Name(), "the tenant"), owner, owner, f.fn.Pkg().Path()),
		}
		for _, e := range embeds[1:] {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: e.field.Pos(), End: e.field.End(),
				Message: fmt.Sprintf("repository %s gets %s here too", e.repo.obj.Name(), f.fn.Name())})
		}
		c.rep.Report(d, first.repo.positions...)
	}
}

// qualifier names packages as the file at pos imports them.
func (c *checker) qualifier(pos token.Pos) types.Qualifier {
	var file *ast.File
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			file = f
		}
	}
	return func(p *types.Package) string {
		if file != nil {
			for _, spec := range file.Imports {
				if strings.Trim(spec.Path.Value, `"`) == p.Path() && spec.Name != nil && spec.Name.Name != "_" && spec.Name.Name != "." {
					return spec.Name.Name
				}
			}
		}
		return p.Name()
	}
}

// repositoryAbroad reports whether fn, a method of another package, is a
// repository method there: a type of its package whose name matches
// repository-pattern declares it, or gets it by embedding.
func (c *checker) repositoryAbroad(fn *types.Func) bool {
	sc := fn.Pkg().Scope()
	for _, n := range sc.Names() {
		tn, ok := sc.Lookup(n).(*types.TypeName)
		if !ok || tn.IsAlias() || !c.cfg.Repository.MatchString(n) {
			continue
		}
		if obj, _, _ := types.LookupFieldOrMethod(tn.Type(), true, fn.Pkg(), fn.Name()); obj != nil {
			if m, ok := obj.(*types.Func); ok && m.Origin() == fn {
				return true
			}
		}
	}
	return false
}

func funcsOf(ms []*method) []*types.Func {
	out := make([]*types.Func, len(ms))
	for i, m := range ms {
		out[i] = m.fn
	}
	return out
}

// couplingProblem says why the methods coupled to f.m cannot all change:
// one is opted out, generated, shaped differently, or the change reaches
// into another package.
func (c *checker) couplingProblem(f *finding) string {
	for _, fn := range f.foreign {
		return fmt.Sprintf("%s implements %s.%s of package %s, which must change with it: change the interface first (capsulelint migrate carries an interface's change to its implementations)",
			fixes.FuncName(f.m.fn), fn.Pkg().Name(), fixes.FuncName(fn), fn.Pkg().Path())
	}
	for _, o := range f.coupled {
		if o == f.m {
			continue
		}
		where := fixes.Where(c.pass.Fset, o.fn.Pos())
		switch {
		case isGeneratedFile(c.pass, o.fn.Pos()):
			return fmt.Sprintf("%s (%s) must change with it but is in a generated file: change its generator", fixes.FuncName(o.fn), where)
		case !slices.Equal(o.shape.tenants, f.m.shape.tenants) || !slices.Equal(o.shape.capsules, f.m.shape.capsules):
			return fmt.Sprintf("%s (%s) must change with it but its tenant and capsule parameters are elsewhere", fixes.FuncName(o.fn), where)
		}
	}
	return ""
}

// plan is a fix not yet applied.
type plan struct {
	want    string // the wanted signature, for the message
	message string // the fix's title
	problem string // why there is no fix, if known up front
	apply   func(b *fixes.Builder, uses *fixes.UseIndex) error
}

// addPlan adds a capsule parameter after the tenant parameter.
func (c *checker) addPlan(f *finding) *plan {
	m := f.m
	t := m.shape.tenants[0]
	tenant := m.fn.Type().(*types.Signature).Params().At(t)
	typ, err := c.cl.IDType(scope.Capsule, tenant.Type(), c.pass.Pkg, c.pass.TypesInfo)
	if err != nil {
		return &plan{problem: err.Error()}
	}
	pname := c.cl.ParamName(scope.Capsule)
	scratch := fixes.NewBuilder(c.pass.Fset)
	typText := scratch.TypeText(c.pass, m.decl.File, m.decl.Type.Pos(), typ)

	params := sourceParams(m.decl.Type)
	p := params[t]
	np := srcParam{typ: typText, group: -1}
	if p.name != "" {
		np.name = pname
		if p.typ == typText && p.group >= 0 && !p.last {
			np.group = p.group // InsertParam joins the group
		}
	}
	params = slices.Insert(params, t+1, np)

	return &plan{
		want:    m.fn.Name() + "(" + renderParams(params) + ")",
		message: fmt.Sprintf("Add %s %s after %s to %s", pname, typText, tenantLabel(tenant, t), listFuncs(f.coupled, m)),
		apply: func(b *fixes.Builder, uses *fixes.UseIndex) error {
			return b.ChangeSignature(c.pass, c.insp, c.cl, fixes.SignatureChange{
				Funcs: funcsOf(f.coupled), Index: t + 1, Name: pname, Type: typ, Kind: scope.Capsule, Uses: uses,
			})
		},
	}
}

// movePlan moves the capsule parameter to right after the tenant one.
func (c *checker) movePlan(f *finding) *plan {
	m := f.m
	t, k := m.shape.tenants[0], m.shape.capsules[0]
	params := sourceParams(m.decl.Type)
	moved, after := params[k], params[t]
	if moved.name != "" && after.group >= 0 && !after.last && moved.typ == after.typ {
		moved.group = after.group
	} else {
		moved.group = -1
	}
	params = slices.Delete(params, k, k+1)
	at := t + 1
	if k < t {
		at = t
	}
	params = slices.Insert(params, at, moved)
	sigParams := m.fn.Type().(*types.Signature).Params()
	return &plan{
		want:    m.fn.Name() + "(" + renderParams(params) + ")",
		message: fmt.Sprintf("Move %s after %s in %s", paramLabel(sigParams.At(k), k), tenantLabel(sigParams.At(t), t), listFuncs(f.coupled, m)),
		apply: func(b *fixes.Builder, uses *fixes.UseIndex) error {
			return b.MoveParam(c.pass, c.insp, fixes.SignatureMove{Funcs: funcsOf(f.coupled), From: k, After: t, Uses: uses})
		},
	}
}

// listFuncs names m and then the other methods, at most three in all.
func listFuncs(coupled []*method, m *method) string {
	names := []string{fixes.FuncName(m.fn)}
	for _, o := range coupled {
		if o != m {
			names = append(names, fixes.FuncName(o.fn))
		}
	}
	if len(names) > 3 {
		names = append(names[:2], fmt.Sprintf("%d more", len(names)-2))
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// callSites completes a fix title with the number of calls it updates.
func callSites(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return ", and at its call"
	}
	return fmt.Sprintf(", and at its %d calls", n)
}

// srcParam is one parameter as written: group ties the names of one
// field ("a, b string"); last marks the last name of its field.
type srcParam struct {
	name, typ string
	group     int
	last      bool
}

func sourceParams(ft *ast.FuncType) []srcParam {
	var out []srcParam
	for i, f := range ft.Params.List {
		typ := types.ExprString(f.Type)
		if len(f.Names) == 0 {
			out = append(out, srcParam{typ: typ, group: i, last: true})
		}
		for k, id := range f.Names {
			out = append(out, srcParam{name: id.Name, typ: typ, group: i, last: k == len(f.Names)-1})
		}
	}
	return out
}

// renderParams writes params back, joining the runs of one group.
func renderParams(params []srcParam) string {
	var parts []string
	for i, p := range params {
		joined := i+1 < len(params) && p.group >= 0 && params[i+1].group == p.group && p.name != ""
		switch {
		case p.name == "":
			parts = append(parts, p.typ)
		case joined:
			parts = append(parts, p.name)
		default:
			parts = append(parts, p.name+" "+p.typ)
		}
	}
	return strings.Join(parts, ", ")
}

func paramNames(params *types.Tuple, idx []int) string {
	var out []string
	for _, i := range idx {
		out = append(out, paramLabel(params.At(i), i))
	}
	return strings.Join(out, ", ")
}

// paramLabel names a parameter: its name, or "#n" when unnamed.
func paramLabel(v *types.Var, i int) string {
	if v.Name() == "" || v.Name() == "_" {
		return fmt.Sprintf("parameter #%d", i+1)
	}
	return v.Name()
}

func tenantLabel(v *types.Var, i int) string {
	if v.Name() == "" || v.Name() == "_" {
		return fmt.Sprintf("the tenant ID (parameter #%d)", i+1)
	}
	return v.Name()
}

// verb says what a method scoped to whose (the tenant) reaches, by the
// method's name: reads, writes, or either.
// verb says what a method named name does to rows, in the configured
// words.
func (c *checker) verb(name, whose string) string { return c.say(verb(name, whose)) }

func verb(name, whose string) string {
	lower := strings.ToLower(name)
	for _, p := range []string{"get", "list", "find", "query", "scan", "count", "load", "fetch", "search", "read", "exists", "has", "lookup", "all"} {
		if strings.HasPrefix(lower, p) {
			return "reads rows of every capsule of " + whose
		}
	}
	for _, p := range []string{"save", "put", "create", "insert", "update", "upsert", "delete", "remove", "store", "write", "set", "add", "append", "purge", "archive"} {
		if strings.HasPrefix(lower, p) {
			return "writes rows that every capsule of " + whose + " shares"
		}
	}
	return "reaches rows of every capsule of " + whose
}

// say puts a message's own text in the configured words.
func (c *checker) say(format string) string { return c.cfg.Vocabulary().Say(format) }
