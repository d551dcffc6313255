package keyformat

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/capsulelint/capsulelint/internal/directive"
	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/keys"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// key is a key template found in the code.
type key struct {
	tmpl *keys.Template
	a    *keys.Analysis
	node ast.Node // what the diagnostic covers: the literal, concatenation or call
	file *ast.File
	cur  inspector.Cursor // cursor at (or enclosing) node, for its declarations

	// lit is the string literal that holds the format, constant or tag,
	// nil when it is not a single literal.
	lit *ast.BasicLit
	// calls are the fmt.Sprintf calls that fill in a format: the one call
	// of a format literal, or every use of a format constant.
	calls []formatCall
	// obj is the named constant holding the key; other lists its uses
	// that are not a format's.
	obj   *types.Const
	other []token.Pos
	// tag is the struct tag holding the key.
	tag *tagKey
}

// check analyses k and reports it; it reports whether k is a defective key.
func (c *checker) check(k *key) bool {
	k.a = k.tmpl.Analyze(c.labels, c.classifier(k))
	a := k.a
	if !a.Key || a.Global || a.Findings == 0 {
		return false
	}
	if a.Prefix && c.parsed(k) {
		return false // a prefix to parse keys with, not a key
	}
	if c.tenantItself(k) {
		return false // the tenant ID normalised or minted, not a key
	}
	positions := c.positions(k)
	if c.rep.Directive(directive.Global, positions...) != nil {
		return false
	}
	switch {
	case a.Findings.Has(keys.MissingTenant):
		if c.labelledTenant(k) {
			return false // the tenant value carries its own segment
		}
		c.reportMissingTenant(k)
	case a.Findings.Has(keys.MissingCapsule):
		if c.rep.Directive(directive.TenantScoped, positions...) != nil {
			return false
		}
		c.reportMissingCapsule(k)
	case a.Findings.Has(keys.Misordered):
		c.reportMisordered(k)
	case a.Findings.Has(keys.Swapped):
		c.reportSwapped(k)
	}
	return true
}

// positions are k's own position and those of the statement and
// declarations around it, where directives may stand.
func (c *checker) positions(k *key) []token.Pos {
	out := []token.Pos{k.node.Pos()}
	stmt := false
	for cur := range k.cur.Enclosing() {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			out = append(out, n.Pos(), n.Name.Pos())
		case *ast.GenDecl, *ast.ValueSpec, *ast.TypeSpec, *ast.Field:
			out = append(out, n.Pos())
		case ast.Stmt:
			if !stmt {
				stmt = true
				out = append(out, n.Pos())
			}
		}
	}
	return out
}

// classifier says which holes of k hold tenant and capsule values.
func (c *checker) classifier(k *key) keys.Classifier {
	if k.tag != nil {
		return c.tagClassifier(k.tag)
	}
	return func(p *keys.Piece) (bool, bool) {
		isT, isC := false, false
		for _, e := range c.holeExprs(k, p) {
			if kind, ok := c.cl.KindOfValue(c.pass.TypesInfo, e); ok {
				isT = isT || kind == scope.Tenant
				isC = isC || kind == scope.Capsule
			}
		}
		return isT, isC
	}
}

// holeExprs are the expressions a hole of k interpolates: the operand of
// a concatenation or join, the argument of each call filling a format.
func (c *checker) holeExprs(k *key, p *keys.Piece) []ast.Expr {
	if e := k.tmpl.HoleExpr(p); e != nil {
		return []ast.Expr{k.tmpl.Operands[p.Operand].Expr}
	}
	var out []ast.Expr
	for _, fc := range k.calls {
		if e := fc.argAt(p.Arg); e != nil {
			out = append(out, e)
		}
	}
	return out
}

// holeText names the value of a hole in messages.
func (c *checker) holeText(k *key, p *keys.Piece) string {
	if k.tag != nil {
		return "{" + p.Name + "}"
	}
	if es := c.holeExprs(k, p); len(es) > 0 {
		return types.ExprString(keys.Unconvert(es[0], c.pass.TypesInfo))
	}
	return p.Text
}

// render shows a template of k's kind in a message: a format or tag as
// written, a concatenation or join with its holes as {expr}.
func render(t *keys.Template) string {
	switch t.Kind {
	case keys.Format:
		return t.FormatString()
	case keys.Tag:
		return t.TagString()
	}
	return t.String()
}

func (c *checker) seg(label string) string { return label + c.labels.Separator }

// text returns the source text of n.
func (c *checker) text(n ast.Expr) string { return c.src.Text(n) }

// finish reports k with the fix in b, or says why there is none.
func (c *checker) finish(k *key, category, msg, why string, b *fixes.Builder, title string) {
	diag := analysis.Diagnostic{Pos: k.node.Pos(), End: k.node.End(), Category: category}
	if why == "" && b != nil {
		fix, err := b.Fix(title)
		if err != nil {
			why = err.Error()
		} else {
			diag.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	if why != "" {
		msg += "; no fix: " + why
	}
	diag.Message = msg
	c.rep.Report(diag, c.positions(k)[1:]...)
}

func (c *checker) reportMissingTenant(k *key) {
	a := k.a
	t := c.holeText(k, &k.tmpl.Pieces[a.TenantHoles[0]])
	start := c.seg(c.labels.Tenant) + "{" + t + "}" + c.labels.Separator + c.seg(c.labels.Capsule)
	msg := fmt.Sprintf(c.say("key %q has tenant value %s but no %s segment: rows of every tenant share its key space (want it to start with %q)"),
		render(k.tmpl), t, c.seg(c.labels.Tenant), start)
	c.finish(k, "missing-tenant", msg, "which segment the tenant value belongs to is a schema decision; rewrite the key by hand", nil, "")
}

func (c *checker) reportMisordered(k *key) {
	a := k.a
	nt, err := k.tmpl.Reorder(a)
	if err != nil {
		c.finish(k, "misordered", fmt.Sprintf(c.say("key %q has its %s segment out of place"), render(k.tmpl), c.seg(c.labels.Capsule)), err.Error(), nil, "")
		return
	}
	var msg string
	if a.Capsule < a.Tenant {
		msg = fmt.Sprintf(c.say("key %q has its %s segment before its %s segment: capsules nest inside tenants, and a query by tenant prefix misses these rows (want %q)"),
			render(k.tmpl), c.seg(c.labels.Capsule), c.seg(c.labels.Tenant), render(nt))
	} else {
		msg = fmt.Sprintf(c.say("key %q does not have its %s segment right after its %s segment: a query by tenant and capsule prefix misses these rows (want %q)"),
			render(k.tmpl), c.seg(c.labels.Capsule), c.seg(c.labels.Tenant), render(nt))
	}
	b := fixes.NewBuilder(c.pass.Fset)
	why := ""
	if err := c.apply(k, nt, b, nil); err != nil {
		why = err.Error()
	}
	c.finish(k, "misordered", msg, why, b, fmt.Sprintf("Move the %s segment right after the %s segment", c.seg(c.labels.Capsule), c.seg(c.labels.Tenant)))
}

func (c *checker) reportSwapped(k *key) {
	a := k.a
	capsules, tenants := a.SwappedValues()
	names := func(holes []int) []string {
		out := make([]string, len(holes))
		for i, h := range holes {
			out[i] = c.holeText(k, &k.tmpl.Pieces[h])
		}
		return out
	}
	cvs, tvs := names(capsules), names(tenants) // the capsule values in the tenant segment, the tenant values in the capsule segment
	nt, err := k.tmpl.Swap(a)
	var msg string
	if len(cvs) == 1 && len(tvs) == 1 {
		msg = fmt.Sprintf(c.say("key %q has capsule value %s in its %s segment and tenant value %s in its %s segment: the rows are filed under the wrong tenant (want %s{%s}%s%s{%s})"),
			render(k.tmpl), cvs[0], c.seg(c.labels.Tenant), tvs[0], c.seg(c.labels.Capsule),
			c.seg(c.labels.Tenant), tvs[0], c.labels.Separator, c.seg(c.labels.Capsule), cvs[0])
	} else {
		msg = fmt.Sprintf(c.say("key %q has %s in its %s segment and %s in its %s segment: the rows are filed under the wrong tenant (want the tenant values in the %s segment and the capsule values in the %s segment)"),
			render(k.tmpl), values("capsule", cvs), c.seg(c.labels.Tenant), values("tenant", tvs), c.seg(c.labels.Capsule),
			c.seg(c.labels.Tenant), c.seg(c.labels.Capsule))
	}
	b := fixes.NewBuilder(c.pass.Fset)
	why := ""
	if err == nil {
		err = c.apply(k, nt, b, nil)
	}
	if err != nil {
		why = err.Error()
	}
	c.finish(k, "swapped", msg, why, b, fmt.Sprintf("Swap %s and %s", cvs[0], tvs[0]))
}

// values names values of a kind in a message: "capsule value c",
// "capsule values c and c2".
func values(kind string, vs []string) string {
	if len(vs) == 1 {
		return kind + " value " + vs[0]
	}
	return kind + " values " + strings.Join(vs[:len(vs)-1], ", ") + " and " + vs[len(vs)-1]
}

func (c *checker) reportMissingCapsule(k *key) {
	if k.a.CapsuleValue >= 0 {
		c.reportUnlabelledCapsule(k)
		return
	}
	b, value, title, why := c.insertCapsule(k)
	shown := value
	if shown == "" {
		shown = c.cl.ParamName(scope.Capsule)
	}
	want := ""
	if nt, err := k.tmpl.InsertCapsule(k.a, shown); err == nil {
		want = fmt.Sprintf(" (want %q)", render(nt))
	}
	msg := fmt.Sprintf(c.say("key %q has no %s segment: rows from every capsule of the tenant share it%s"),
		render(k.tmpl), c.seg(c.labels.Capsule), want)
	c.finish(k, "missing-capsule", msg, why, b, title)
}

// reportUnlabelledCapsule reports a key whose tenant segment is followed
// by a capsule value without its label ("TENANT#%s#%s#ACCOUNT#%s" with
// the capsule ID second, as gsitenant's fix can leave it): the fix
// inserts the label, not a second capsule value.
func (c *checker) reportUnlabelledCapsule(k *key) {
	a := k.a
	seg := &a.Segments[a.CapsuleValue]
	classify := c.classifier(k)
	value := ""
	for _, h := range seg.Holes {
		if _, isC := classify(&k.tmpl.Pieces[h]); isC {
			value = c.holeText(k, &k.tmpl.Pieces[h])
			break
		}
	}
	capSeg := c.seg(c.labels.Capsule)
	nt, err := k.tmpl.LabelCapsule(a)
	want := ""
	if err == nil {
		want = fmt.Sprintf(" (want %q)", render(nt))
	}
	msg := fmt.Sprintf(c.say("key %q has capsule value %s right after its %s segment but no %s label: a query by the %s prefix misses these rows%s"),
		render(k.tmpl), value, c.seg(c.labels.Tenant), capSeg, capSeg, want)
	b := fixes.NewBuilder(c.pass.Fset)
	why := ""
	if err == nil {
		err = c.apply(k, nt, b, nil)
	}
	if err != nil {
		why = err.Error()
	}
	c.finish(k, "missing-capsule", msg, why, b, fmt.Sprintf("Insert the %s label before %s", capSeg, value))
}

// errNoTenantParam: the function around the key has no tenant parameter.
var errNoTenantParam = errors.New("no tenant parameter")

// insertCapsule builds the fix inserting the capsule segment into k: the
// builder, the capsule value it uses, the fix's title, or why there is no
// fix.
func (c *checker) insertCapsule(k *key) (*fixes.Builder, string, string, string) {
	capSeg := c.seg(c.labels.Capsule)
	if k.tag != nil {
		return c.tagInsertCapsule(k)
	}
	b := fixes.NewBuilder(c.pass.Fset)
	want := c.capsuleType(k)
	if k.obj != nil {
		return c.insertCapsuleConst(k)
	}

	site := c.site(k.file, k.node.Pos(), c.siteArgs(k))
	v, err := c.cl.Lookup(site, scope.Capsule, want)
	valueType := types.Type(nil)
	title := ""
	if err == nil {
		if v.Import == "" {
			if tv, err := types.Eval(c.pass.Fset, c.pass.Pkg, k.node.Pos(), v.Expr); err == nil {
				valueType = tv.Type
			}
		}
		if valueType == nil {
			valueType = want
		}
		b.Import(k.file, v.Import, v.ImportName)
		title = fmt.Sprintf("Insert a %s segment with %s", capSeg, v.Expr)
	} else {
		var le *scope.LookupError
		if !errors.As(err, &le) || len(le.Candidates) > 1 {
			return nil, "", "", err.Error()
		}
		pb := fixes.NewBuilder(c.pass.Fset)
		name, typ, fn, perr := c.addParam(k, pb)
		switch {
		case perr == errNoTenantParam:
			return nil, "", "", err.Error()
		case perr != nil:
			return nil, "", "", fmt.Sprintf("%v, and a capsule parameter cannot be added: %v", err, perr)
		}
		b, v, valueType = pb, scope.Value{Expr: name}, typ.Type
		if valueType == nil && typ.Name == "string" {
			valueType = types.Typ[types.String]
		}
		title = fmt.Sprintf("Add a %s parameter to %s, pass it from every caller, and insert a %s segment with it", name, fixes.FuncName(fn), capSeg)
	}
	expr := v.Expr
	if k.tmpl.Kind != keys.Format {
		var err error
		if expr, err = stringExpr(expr, valueType); err != nil {
			return nil, "", "", err.Error()
		}
	}
	nt, err := k.tmpl.InsertCapsule(k.a, expr)
	if err == nil {
		err = c.apply(k, nt, b, func(formatCall) string { return expr })
	}
	if err != nil {
		return nil, "", "", err.Error()
	}
	return b, expr, title, ""
}

// insertCapsuleConst builds the fix inserting the capsule segment into
// the format constant of k and passing a capsule ID at each of its uses:
// the capsule value in scope at the use, or, where there is none, a new
// capsule parameter of the function around the use (added after its
// tenant parameter and passed by every caller in the package). There is
// no fix when any use can have neither.
func (c *checker) insertCapsuleConst(k *key) (*fixes.Builder, string, string, string) {
	capSeg := c.seg(c.labels.Capsule)
	b := fixes.NewBuilder(c.pass.Fset)
	want := c.capsuleType(k)
	values := map[*ast.CallExpr]scope.Value{}
	var need []*types.Func          // functions that get a capsule parameter, in use order
	tenant := map[*types.Func]int{} // their tenant parameter's index
	viaParam := map[*ast.CallExpr]*types.Func{}
	for _, fc := range k.calls {
		v, err := c.cl.Lookup(c.site(fc.file, fc.call.Pos(), fc.args()), scope.Capsule, want)
		if err == nil {
			values[fc.call] = v
			continue
		}
		where := fmt.Sprintf("at the use of %s at %s", k.obj.Name(), fixes.Where(c.pass.Fset, fc.call.Pos()))
		var le *scope.LookupError
		if !errors.As(err, &le) || len(le.Candidates) > 1 {
			return nil, "", "", fmt.Sprintf("%s: %v", where, err)
		}
		cur, ok := c.insp.Root().FindByPos(fc.call.Pos(), fc.call.End())
		if !ok {
			return nil, "", "", fmt.Sprintf("%s: %v", where, err)
		}
		fn, i, perr := c.paramFunc(cur)
		switch {
		case perr == errNoTenantParam:
			return nil, "", "", fmt.Sprintf("%s: %v, and the function around it has no tenant parameter to add a capsule parameter beside", where, err)
		case perr != nil:
			return nil, "", "", fmt.Sprintf("%s: %v, and a capsule parameter cannot be added: %v", where, err, perr)
		}
		if _, ok := tenant[fn]; !ok {
			need = append(need, fn)
			tenant[fn] = i
		}
		viaParam[fc.call] = fn
	}
	if len(need) > 0 {
		name, _, err := c.addParams(b, need, tenant)
		if err != nil {
			return nil, "", "", fmt.Sprintf("a capsule parameter cannot be added to %s: %v", funcNames(need), err)
		}
		for _, fc := range k.calls {
			fn, ok := viaParam[fc.call]
			if !ok {
				continue
			}
			if obj := c.visible(name, fc.call.Pos()); obj != nil && within(obj.Pos(), fn.Scope()) {
				return nil, "", "", fmt.Sprintf("at the use of %s at %s, %s declared in %s would hide the new %s parameter",
					k.obj.Name(), fixes.Where(c.pass.Fset, fc.call.Pos()), name, fixes.FuncName(fn), name)
			}
			values[fc.call] = scope.Value{Expr: name}
		}
	}
	nt, err := k.tmpl.InsertCapsule(k.a, c.cl.ParamName(scope.Capsule))
	if err == nil {
		err = c.apply(k, nt, b, func(fc formatCall) string {
			v := values[fc.call]
			b.Import(fc.file, v.Import, v.ImportName)
			return v.Expr
		})
	}
	if err != nil {
		return nil, "", "", err.Error()
	}
	if len(need) > 0 {
		return b, "", fmt.Sprintf("Insert a %s segment into %s, add a %s parameter to %s, and pass a capsule ID at its uses",
			capSeg, k.obj.Name(), c.cl.ParamName(scope.Capsule), funcNames(need)), ""
	}
	return b, "", fmt.Sprintf("Insert a %s segment into %s and pass a capsule ID at its uses", capSeg, k.obj.Name()), ""
}

// funcNames lists fns for messages: "F", "F and G", "F, G and H".
func funcNames(fns []*types.Func) string {
	names := make([]string, len(fns))
	for i, fn := range fns {
		names[i] = fixes.FuncName(fn)
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// visible returns the object name refers to at pos, or nil.
func (c *checker) visible(name string, pos token.Pos) types.Object {
	inner := c.pass.Pkg.Scope().Innermost(pos)
	if inner == nil {
		return nil
	}
	_, obj := inner.LookupParent(name, pos)
	return obj
}

// within reports whether pos is in the function scope s.
func within(pos token.Pos, s *types.Scope) bool {
	return s != nil && s.Pos() <= pos && pos < s.End()
}

// stringExpr returns the text of a string operand holding expr of type t:
// expr itself for a string, string(expr) for a named string type.
func stringExpr(expr string, t types.Type) (string, error) {
	switch {
	case t == nil:
		return "", fmt.Errorf("the type of %s is not known, so it cannot be concatenated safely", expr)
	case !isString(t):
		return "", fmt.Errorf("%s is a %s, not a string, so it cannot be concatenated", expr, t)
	case types.Identical(t.Underlying(), t) || t == types.Typ[types.UntypedString]:
		return expr, nil
	}
	return "string(" + expr + ")", nil
}

// capsuleType is the type a capsule value for k must have: the capsule
// type beside the type of the tenant segment's value, nil when unknown.
func (c *checker) capsuleType(k *key) types.Type {
	a := k.a
	if a.Tenant < 0 {
		return nil
	}
	for _, h := range a.Segments[a.Tenant].Holes {
		for _, e := range c.holeExprs(k, &k.tmpl.Pieces[h]) {
			t := c.pass.TypesInfo.TypeOf(keys.Unconvert(e, c.pass.TypesInfo))
			if !c.cl.IsType(scope.Tenant, t) {
				continue
			}
			if ref, err := c.cl.IDType(scope.Capsule, t, c.pass.Pkg, c.pass.TypesInfo); err == nil && ref.Type != nil {
				return ref.Type
			}
		}
	}
	return nil
}

// site is a lookup site at pos in file; args are the expressions of the
// key (call arguments, operands) for lookup rule 2.
func (c *checker) site(file *ast.File, pos token.Pos, args []ast.Expr) scope.Site {
	return scope.Site{
		Pkg: c.pass.Pkg, Info: c.pass.TypesInfo, File: file, Pos: pos, Args: args,
		IsTest: strings.HasSuffix(c.pass.Fset.File(pos).Name(), "_test.go"),
	}
}

func (c *checker) siteArgs(k *key) []ast.Expr {
	if len(k.calls) > 0 {
		return k.calls[0].args()
	}
	out := make([]ast.Expr, len(k.tmpl.Operands))
	for i, op := range k.tmpl.Operands {
		out[i] = op.Expr
	}
	return out
}

// addParam adds a capsule parameter right after the tenant parameter of
// the function declaring k, and the argument at its calls in the package;
// it returns the new parameter's name and type, and the function.
func (c *checker) addParam(k *key, b *fixes.Builder) (string, scope.TypeRef, *types.Func, error) {
	fn, i, err := c.paramFunc(k.cur)
	if err != nil {
		return "", scope.TypeRef{}, nil, err
	}
	name, typ, err := c.addParams(b, []*types.Func{fn}, map[*types.Func]int{fn: i})
	return name, typ, fn, err
}

// paramFunc returns the function declaring the code at cur, which a
// capsule parameter would be added to, and the index of its tenant
// parameter; errNoTenantParam when it has none.
func (c *checker) paramFunc(cur inspector.Cursor) (*types.Func, int, error) {
	info := c.pass.TypesInfo
	var decl *ast.FuncDecl
	for cur := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if lit, ok := cur.Node().(*ast.FuncLit); ok {
			if sig, ok := info.TypeOf(lit).(*types.Signature); ok && c.tenantParam(sig) >= 0 {
				return nil, -1, errors.New("the function literal declaring the key takes the tenant ID, and its signature cannot change")
			}
			continue
		}
		decl = cur.Node().(*ast.FuncDecl)
		break
	}
	if decl == nil {
		return nil, -1, errNoTenantParam
	}
	fn, ok := info.Defs[decl.Name].(*types.Func)
	if !ok {
		return nil, -1, errNoTenantParam
	}
	i := c.tenantParam(fn.Signature())
	if i < 0 {
		return nil, -1, errNoTenantParam
	}
	return fn, i, nil
}

// addParams adds a capsule parameter right after the tenant parameter of
// each of fns (at index tenant[fn]) and of the declarations coupled to
// it, and the argument at every call of them in the package. It returns
// the new parameter's name and type (of the first function). Functions
// whose new parameters have the same index and type change together, so
// that calls between them pass the new parameter on.
func (c *checker) addParams(b *fixes.Builder, fns []*types.Func, tenant map[*types.Func]int) (string, scope.TypeRef, error) {
	name := c.cl.ParamName(scope.Capsule)
	type group struct {
		index int
		typ   scope.TypeRef
		funcs []*types.Func
	}
	var groups []*group
	seen := map[*types.Func]bool{}
	for _, fn := range fns {
		i := tenant[fn]
		t := fn.Signature().Params().At(i).Type()
		typ, err := c.cl.IDType(scope.Capsule, t, c.pass.Pkg, c.pass.TypesInfo)
		if err != nil {
			return "", scope.TypeRef{}, err
		}
		coupled, foreign := c.coupling.Of(fn)
		if len(foreign) > 0 {
			return "", scope.TypeRef{}, fmt.Errorf("%s must keep implementing %s of another package; run capsulelint migrate", fixes.FuncName(fn), fixes.FuncName(foreign[0]))
		}
		var g *group
		for _, h := range groups {
			if h.index == i+1 && h.typ == typ {
				g = h
			}
		}
		if g == nil {
			g = &group{index: i + 1, typ: typ}
			groups = append(groups, g)
		}
		for _, f := range coupled {
			if !seen[f] {
				seen[f] = true
				g.funcs = append(g.funcs, f)
			}
		}
	}
	for _, g := range groups {
		if err := b.ChangeSignature(c.pass, c.insp, c.cl, fixes.SignatureChange{
			Funcs: g.funcs, Index: g.index, Name: name, Type: g.typ, Kind: scope.Capsule,
		}); err != nil {
			return "", scope.TypeRef{}, err
		}
	}
	return name, groups[0].typ, nil
}

// tenantParam returns the index of sig's first tenant parameter, or -1.
func (c *checker) tenantParam(sig *types.Signature) int {
	for i := range sig.Params().Len() {
		if c.cl.IsVar(scope.Tenant, sig.Params().At(i)) {
			return i
		}
	}
	return -1
}

// apply adds the edits that turn k into nt to b. For a format, valueAt
// gives the new argument of each call (nil when nt adds none).
func (c *checker) apply(k *key, nt *keys.Template, b *fixes.Builder, valueAt func(formatCall) string) error {
	if k.tag != nil {
		return c.applyTag(k, nt, b)
	}
	if nt.Kind != keys.Format {
		edits, err := nt.Edits(c.text)
		if err != nil {
			return err
		}
		for _, e := range edits {
			b.Replace(e.Pos, e.End, e.New)
		}
		return nil
	}
	if k.lit == nil {
		return errors.New("the format is not a single string literal")
	}
	if sameArgs(nt, k.tmpl.NumArgs) {
		// Only the format changes (a label inserted): its uses, here
		// or in other packages, keep their arguments.
		b.Replace(k.lit.Pos(), k.lit.End(), keys.Quote(nt.FormatString(), k.lit))
		return nil
	}
	if k.obj != nil {
		if k.obj.Exported() {
			return fmt.Errorf("%s is exported, and its uses in other packages would be left with the wrong arguments; change it by hand", k.obj.Name())
		}
		if len(k.other) > 0 {
			return fmt.Errorf("%s is used at %s other than as a fmt.Sprintf format, so its arguments cannot be followed", k.obj.Name(), fixes.Where(c.pass.Fset, k.other[0]))
		}
	}
	b.Replace(k.lit.Pos(), k.lit.End(), keys.Quote(nt.FormatString(), k.lit))
	for _, fc := range k.calls {
		args := fc.args()
		if fc.spreads() {
			return fmt.Errorf("the call at %s spreads a slice of arguments", fixes.Where(c.pass.Fset, fc.call.Pos()))
		}
		if len(args) < k.tmpl.NumArgs {
			return fmt.Errorf("the call at %s passes fewer arguments than its format uses", fixes.Where(c.pass.Fset, fc.call.Pos()))
		}
		items := make([]keys.Item, 0, len(nt.Args)+len(args)-k.tmpl.NumArgs)
		for _, it := range nt.Args {
			if it.Old < 0 {
				it.New = valueAt(fc)
			}
			items = append(items, it)
		}
		for i := k.tmpl.NumArgs; i < len(args); i++ {
			items = append(items, keys.Item{Old: i})
		}
		for _, e := range keys.ListEdits(args, items, ", ", fc.format().End(), c.text) {
			b.Replace(e.Pos, e.End, e.New)
		}
	}
	return nil
}

// sameArgs reports whether the rewritten format nt takes the n arguments
// of its original, in their order.
func sameArgs(nt *keys.Template, n int) bool {
	if len(nt.Args) != n {
		return false
	}
	for i, it := range nt.Args {
		if it.Old != i {
			return false
		}
	}
	return true
}

// say puts a message's own text in the configured words.
func (c *checker) say(format string) string { return c.cfg.Vocabulary().Say(format) }
