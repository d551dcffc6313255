package plan

import (
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"strings"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"
)

// entity is a struct type capsulefield reported.
type entity struct {
	key      string
	obj      *types.TypeName
	pkg      *packages.Package
	findings []Finding
	names    []string // the names items are matched against (see matchNames)

	methods []*method
	keys    []*key
	helpers []*helper
	structs []*entity // structs without work that go with this entity

	idType string               // declaration key of the type of its ID field
	deps   map[*entity][]string // parents, with the reasons
	rank   int                  // call sites (methods and keys), for the order
	order  int                  // 1-based, 0 for a struct without work
	cycle  bool
}

func (e *entity) work() bool { return len(e.methods)+len(e.keys)+len(e.helpers) > 0 }

// matchNames returns the names an entity is recognised by in other
// identifiers: its own, and without an "Entity" suffix (AccessEntity is
// also Access), as in the seeds' FinancialConfigEntity.
func matchNames(name string) []string {
	names := []string{name}
	if base, ok := strings.CutSuffix(name, "Entity"); ok && base != "" {
		names = append(names, base)
	}
	return names
}

// calls are call sites by position key.
type calls map[string]*isite

// isite is a call site with what the plan needs to know about its caller.
type isite struct {
	Site
	caller   string // declaration key of the enclosing function, "" at package level
	testFunc bool   // the enclosing function is a Test, Benchmark, Fuzz or Example
}

// method is a repository method group: an interface method and its
// implementations, or a method of a concrete repository type.
type method struct {
	key      string
	fn       *types.Func
	pkg      *packages.Package
	recv     *types.TypeName
	iface    bool
	impls    []*types.Func
	findings []Finding
	entity   *entity
	calls    calls
}

// key is a key template keyformat reported.
type key struct {
	pos       token.Pos
	pkg       *packages.Package
	text      string
	in        string       // the enclosing function or constant, for people
	container types.Object // *types.Func, *types.Const, *types.Var, *types.TypeName or nil
	labels    []string
	funcs     []*keyFunc
	findings  []Finding
	entity    *entity
	attrs     []string // attributes its values are stored in (rekey map)
}

// keyFunc is a function that builds a key.
type keyFunc struct {
	fn     *types.Func
	key    string
	method bool // a repository method of the plan: its calls count there
	calls  calls
}

// helper is a GSI key helper gsitenant reported.
type helper struct {
	key      string
	fn       *types.Func
	findings []Finding
	entity   *entity
	attrs    []string // attributes its keys are stored in (rekey map)
	usedBy   []*entity
	calls    calls
}

// addEntity records the struct type capsulefield reported at d.
func (b *builder) addEntity(d *diagnostic) {
	tn, _ := b.defAt(d.pkg, d.pos).(*types.TypeName)
	if tn == nil {
		for _, n := range b.path(d.pkg, d.pos, d.end) {
			if spec, ok := n.(*ast.TypeSpec); ok {
				tn, _ = d.pkg.TypesInfo.Defs[spec.Name].(*types.TypeName)
				break
			}
		}
	}
	if tn == nil {
		b.unplaced = append(b.unplaced, d.finding)
		return
	}
	if _, ok := tn.Type().Underlying().(*types.Struct); !ok {
		b.unplaced = append(b.unplaced, d.finding)
		return
	}
	k := b.posKey(tn.Pos())
	if e := b.entityOf[k]; e != nil {
		e.findings = append(e.findings, d.finding)
		return
	}
	e := &entity{key: k, obj: tn, pkg: d.pkg, findings: []Finding{d.finding}, names: matchNames(tn.Name())}
	b.entities = append(b.entities, e)
	b.entityOf[k] = e
}

// reportedFunc is a method repocapsule reported.
type reportedFunc struct {
	fn  *types.Func
	pkg *packages.Package
	f   Finding
}

// funcAt returns the function or method declared at d: the identifier at
// the position, or the enclosing declaration.
func (b *builder) funcAt(d *diagnostic) *types.Func {
	if fn, ok := b.defAt(d.pkg, d.pos).(*types.Func); ok {
		return fn
	}
	for _, n := range b.path(d.pkg, d.pos, d.end) {
		switch n := n.(type) {
		case *ast.FuncDecl:
			fn, _ := d.pkg.TypesInfo.Defs[n.Name].(*types.Func)
			return fn
		case *ast.Field:
			if len(n.Names) > 0 {
				if fn, ok := d.pkg.TypesInfo.Defs[n.Names[0]].(*types.Func); ok {
					return fn
				}
			}
		}
	}
	return nil
}

// addMethods groups the methods repocapsule reported: an implementation
// goes with the interface method it implements.
func (b *builder) addMethods(ds []*diagnostic) {
	var concrete []reportedFunc
	for _, d := range ds {
		fn := b.funcAt(d)
		if fn == nil || recvTypeName(fn) == nil {
			b.unplaced = append(b.unplaced, d.finding)
			continue
		}
		k := b.posKey(fn.Pos())
		if m := b.methodOf[k]; m != nil {
			m.findings = append(m.findings, d.finding)
			continue
		}
		if _, ok := recvTypeName(fn).Type().Underlying().(*types.Interface); !ok {
			concrete = append(concrete, reportedFunc{fn, d.pkg, d.finding})
			continue
		}
		m := &method{key: k, fn: fn, pkg: d.pkg, recv: recvTypeName(fn), iface: true, findings: []Finding{d.finding},
			calls: calls{}}
		b.methods = append(b.methods, m)
		b.methodOf[k] = m
	}
	for _, c := range concrete {
		k := b.posKey(c.fn.Pos())
		if m := b.methodOf[k]; m != nil {
			m.findings = append(m.findings, c.f)
			continue
		}
		if m := b.implemented(c); m != nil {
			m.impls = append(m.impls, c.fn)
			m.findings = append(m.findings, c.f)
			b.methodOf[k] = m
			continue
		}
		m := &method{key: k, fn: c.fn, pkg: c.pkg, recv: recvTypeName(c.fn), findings: []Finding{c.f}, calls: calls{}}
		b.methods = append(b.methods, m)
		b.methodOf[k] = m
	}
	b.implementations()
	for _, m := range b.methods {
		b.targets[m.key] = append(b.targets[m.key], m.calls)
		for _, impl := range m.impls {
			k := b.posKey(impl.Pos())
			b.targets[k] = append(b.targets[k], m.calls)
		}
	}
}

// implementations adds to each interface method group the methods of the
// package-level named types of the loaded packages that implement the
// interface, whether or not they were reported (an analyzer may report
// the interface method alone, with its implementations as related
// information).
func (b *builder) implementations() {
	byName := map[string][]*method{}
	for _, m := range b.methods {
		if m.iface && m.recv.Pkg() != nil {
			byName[m.fn.Name()] = append(byName[m.fn.Name()], m)
		}
	}
	if len(byName) == 0 {
		return
	}
	for _, p := range b.pkgs {
		if p.Types == nil || p.TypesInfo == nil {
			continue
		}
		ifaces := map[*method]*types.Interface{} // the interfaces as seen from p
		scope := p.Types.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			if _, iface := tn.Type().Underlying().(*types.Interface); iface {
				continue
			}
			if n, ok := tn.Type().(*types.Named); !ok || n.TypeParams().Len() > 0 {
				continue
			}
			ptr := types.NewPointer(tn.Type())
			mset := types.NewMethodSet(ptr)
			for i := range mset.Len() {
				fn, ok := mset.At(i).Obj().(*types.Func)
				if !ok {
					continue
				}
				for _, m := range byName[fn.Name()] {
					k := b.posKey(fn.Pos())
					if b.methodOf[k] != nil || k == m.key {
						continue
					}
					iface, ok := ifaces[m]
					if !ok {
						if itn := b.lookupType(p.Types, m.recv.Pkg().Path(), m.recv.Name()); itn != nil {
							iface, _ = itn.Type().Underlying().(*types.Interface)
						}
						ifaces[m] = iface
					}
					if iface == nil || !types.Implements(ptr, iface) {
						continue
					}
					m.impls = append(m.impls, fn)
					b.methodOf[k] = m
				}
			}
		}
	}
}

// implemented returns the reported interface method that c implements:
// same name, and c's receiver type (or a pointer to it) implements the
// interface as seen from c's package.
func (b *builder) implemented(c reportedFunc) *method {
	recv := recvTypeName(c.fn)
	for _, m := range b.methods {
		if !m.iface || m.fn.Name() != c.fn.Name() || m.recv.Pkg() == nil {
			continue
		}
		tn := b.lookupType(c.pkg.Types, m.recv.Pkg().Path(), m.recv.Name())
		if tn == nil {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		if types.Implements(recv.Type(), iface) || types.Implements(types.NewPointer(recv.Type()), iface) {
			return m
		}
	}
	return nil
}

// addKey records the key template keyformat reported at d.
func (b *builder) addKey(d *diagnostic) {
	k := b.posKey(d.pos)
	if x := b.keyOf[k]; x != nil {
		x.findings = append(x.findings, d.finding)
		return
	}
	x := &key{pos: d.pos, pkg: d.pkg, findings: []Finding{d.finding}}
	b.keyOf[k] = x
	path := b.path(d.pkg, d.pos, d.end)
	var value ast.Node // the constant's value, when reported at its name
	for i, n := range path {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if fn, ok := d.pkg.TypesInfo.Defs[n.Name].(*types.Func); ok {
				x.container = fn
				x.in = funcName(fn)
			}
		case *ast.ValueSpec:
			obj, v := specObject(d.pkg.TypesInfo, n, path[:i])
			if obj != nil {
				x.container = obj
				x.in = obj.Pkg().Name() + "." + obj.Name()
				if v != nil && len(path) > 0 && path[0] == ast.Node(nameOf(n, obj)) {
					value = v
				}
			}
		case *ast.TypeSpec:
			if tn, ok := d.pkg.TypesInfo.Defs[n.Name].(*types.TypeName); ok {
				x.container = tn
				x.in = tn.Pkg().Name() + "." + tn.Name()
			}
		default:
			continue
		}
		break
	}
	switch {
	case value != nil:
		x.text = b.sourceText(value.Pos(), value.End())
	case d.end.IsValid() && d.end > d.pos:
		x.text = b.sourceText(d.pos, d.end)
	case len(path) > 0:
		x.text = b.sourceText(path[0].Pos(), path[0].End())
	}
	x.labels = b.labels.extract(x.text)
	b.keys = append(b.keys, x)
}

// specObject returns the constant or variable of spec whose name or value
// is on path (innermost first), and its value expression.
func specObject(info *types.Info, spec *ast.ValueSpec, path []ast.Node) (types.Object, ast.Expr) {
	idx := 0
	for _, n := range path {
		for i, name := range spec.Names {
			if n == ast.Node(name) {
				idx = i
			}
		}
		for i, v := range spec.Values {
			if n == ast.Node(v) {
				idx = i
			}
		}
	}
	if idx >= len(spec.Names) {
		return nil, nil
	}
	var value ast.Expr
	if idx < len(spec.Values) {
		value = spec.Values[idx]
	}
	return info.Defs[spec.Names[idx]], value
}

func nameOf(spec *ast.ValueSpec, obj types.Object) *ast.Ident {
	for _, n := range spec.Names {
		if n.Name == obj.Name() {
			return n
		}
	}
	return nil
}

// sourceText returns the source between start and end on one line,
// shortened to 120 bytes.
func (b *builder) sourceText(start, end token.Pos) string {
	tf := b.fset.File(start)
	if tf == nil || !end.IsValid() || end <= start || int(end) > tf.Base()+tf.Size() {
		return ""
	}
	src, err := os.ReadFile(tf.Name())
	if err != nil {
		return ""
	}
	lo, hi := tf.Offset(start), tf.Offset(end)
	if hi > len(src) {
		return ""
	}
	text := strings.Join(strings.Fields(string(src[lo:hi])), " ")
	if len(text) > 120 {
		text = text[:117] + "..."
	}
	return text
}

// addHelper records the GSI helper gsitenant reported at d, and reports
// whether d named one (the other diagnostics are calls passing an empty
// tenant).
func (b *builder) addHelper(d *diagnostic) bool {
	fn, ok := b.defAt(d.pkg, d.pos).(*types.Func)
	if !ok {
		return false
	}
	k := b.posKey(fn.Pos())
	if h := b.helperOf[k]; h != nil {
		h.findings = append(h.findings, d.finding)
		return true
	}
	h := &helper{key: k, fn: fn, findings: []Finding{d.finding}, calls: calls{}}
	b.helpers = append(b.helpers, h)
	b.helperOf[k] = h
	b.targets[k] = append(b.targets[k], h.calls)
	return true
}

// addHelperCall attaches a gsitenant diagnostic at a call (an empty
// tenant argument) to the helper the call calls.
func (b *builder) addHelperCall(d *diagnostic) {
	for _, n := range b.path(d.pkg, d.pos, d.end) {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			continue
		}
		if fn, ok := typeutil.Callee(d.pkg.TypesInfo, call).(*types.Func); ok {
			if h := b.helperOf[b.posKey(fn.Origin().Pos())]; h != nil {
				h.findings = append(h.findings, d.finding)
				return
			}
		}
	}
	b.unplaced = append(b.unplaced, d.finding)
}

// keyFunctions finds the functions that build each key: the enclosing
// function, or the functions of the package that use the key's constant.
func (b *builder) keyFunctions() {
	byKey := map[string]*keyFunc{}
	add := func(x *key, fn *types.Func) {
		fn = fn.Origin()
		k := b.posKey(fn.Pos())
		kf := byKey[k]
		if kf == nil {
			kf = &keyFunc{fn: fn, key: k, method: b.methodOf[k] != nil, calls: calls{}}
			byKey[k] = kf
			b.targets[k] = append(b.targets[k], kf.calls)
		}
		for _, have := range x.funcs {
			if have == kf {
				return
			}
		}
		x.funcs = append(x.funcs, kf)
	}
	for _, x := range b.keys {
		switch c := x.container.(type) {
		case *types.Func:
			add(x, c)
		case *types.Const, *types.Var:
			for _, fn := range b.users(c) {
				add(x, fn)
			}
		}
	}
}

// users returns the functions whose bodies use obj, in every variant of
// obj's package.
func (b *builder) users(obj types.Object) []*types.Func {
	want := b.posKey(obj.Pos())
	var out []*types.Func
	seen := map[string]bool{}
	for _, p := range b.pkgs {
		if p.Types == nil || obj.Pkg() == nil || strings.TrimSuffix(p.Types.Path(), "_test") != obj.Pkg().Path() {
			continue
		}
		for _, f := range p.Syntax {
			for _, decl := range f.Decls {
				fd, ok := decl.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				fn, _ := p.TypesInfo.Defs[fd.Name].(*types.Func)
				if fn == nil || seen[b.posKey(fn.Pos())] {
					continue
				}
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					id, ok := n.(*ast.Ident)
					if ok && id.Name == obj.Name() && !seen[b.posKey(fn.Pos())] {
						if u := p.TypesInfo.Uses[id]; u != nil && b.posKey(u.Pos()) == want {
							seen[b.posKey(fn.Pos())] = true
							out = append(out, fn)
						}
					}
					return true
				})
			}
		}
	}
	return out
}
