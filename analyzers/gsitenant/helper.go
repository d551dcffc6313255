package gsitenant

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/directive"
	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// defect is a GSI key helper whose keys leave the tenant out.
type defect struct {
	helperDecl
	keys []*key
	why  string // why the keys cannot be rewritten, "" if they can
	// recv is the receiver's tenant field (a.TenantID) for a method whose
	// receiver carries the tenant; recvType its type, recvWhy why it
	// cannot be used.
	recv     string
	recvType types.Type
	recvWhy  string
}

// checkHelpers reports the helpers without a tenant.
func (c *checker) checkHelpers(helpers []helperDecl) {
	var defects []*defect
	set := map[*types.Func]bool{}
	for _, h := range helpers {
		if d, _ := c.defectOf(h.fn); d != nil {
			defects = append(defects, d)
			set[h.fn] = true
		}
	}
	if len(defects) == 0 {
		return
	}
	// The references to every defective helper, in one traversal.
	c.reported = defects
	uses := fixes.IndexUses(c.pass.TypesInfo, c.insp, set)
	coupling := fixes.NewCoupling(c.pass.Pkg)
	for _, d := range defects {
		c.report(d, uses, coupling)
	}
}

// defectOf returns the defect of the helper fn declared in this package
// (nil if it has none), computed once; busy is true when fn's defect is
// being computed, i.e. fn's keys extend their own (recursion).
func (c *checker) defectOf(fn *types.Func) (d *defect, busy bool) {
	if d, ok := c.checked[fn]; ok {
		return d, false
	}
	if c.busy[fn] {
		return nil, true
	}
	c.busy[fn] = true
	d = c.checkHelper(c.decls[fn])
	delete(c.busy, fn)
	c.checked[fn] = d
	return d, false
}

// checkHelper returns h's defect, if any: no tenant parameter, and keys
// that carry no tenant either.
func (c *checker) checkHelper(h helperDecl) *defect {
	sig := h.fn.Signature()
	if c.tenantParam(sig) >= 0 || h.decl.Body == nil {
		return nil
	}
	// Without parameters or receiver the helper returns a constant (an
	// attribute name such as "GSI1PK"), not a key of some rows.
	if sig.Params().Len() == 0 && sig.Recv() == nil {
		return nil
	}
	if c.rep.Directive(directive.Global, h.decl.Pos(), h.decl.Name.Pos()) != nil {
		return nil
	}
	d := &defect{helperDecl: h}
	d.keys, d.why = c.findKeys(h.decl, h.fn)
	for _, k := range d.keys {
		if k.hasTenant() || k.from != nil && c.helperHasTenant(h.fn, k.from) {
			return nil // the tenant comes from elsewhere (a context, a field, a helper)
		}
	}
	if recv := sig.Recv(); recv != nil {
		d.recv, d.recvType, d.recvWhy = c.receiverTenant(recv)
		if d.recvType != nil && len(d.own()) == 0 {
			// The receiver carries a tenant and the key is unknown, or
			// extends the key of a helper that gets the tenant segment.
			return nil
		}
	}
	return d
}

// helperHasTenant reports whether the key of the helper from, which a key
// of fn starts with, carries the tenant: from has a tenant parameter, or
// is a helper of this package without a defect (its key has a tenant
// from elsewhere, or it is opted out). A key that extends fn's own key
// (recursion) or that of a helper that lacks the tenant is fn's key
// extended: its tenant segment comes from that helper (or its fix).
func (c *checker) helperHasTenant(fn, from *types.Func) bool {
	if from == fn {
		return false
	}
	if c.tenantParam(from.Signature()) >= 0 {
		return true
	}
	if from.Pkg() != c.pass.Pkg {
		return false // reported in its own package
	}
	d, busy := c.defectOf(from)
	return d == nil && !busy
}

// own returns d's keys that start the key themselves (the others extend
// the key of a helper, which gets the tenant segment); only these are
// prefixed.
func (d *defect) own() []*key {
	var own []*key
	for _, k := range d.keys {
		if k.from == nil {
			own = append(own, k)
		}
	}
	return own
}

// receiverTenant returns recv.<tenant field> when the receiver's struct
// has one tenant field, or why it cannot be used when it has several or
// the receiver is unnamed; all empty when it has none.
func (c *checker) receiverTenant(recv *types.Var) (string, types.Type, string) {
	t := recv.Type()
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return "", nil, ""
	}
	var found []*types.Var
	for i := range st.NumFields() {
		if c.cl.IsVar(scope.Tenant, st.Field(i)) {
			found = append(found, st.Field(i))
		}
	}
	switch {
	case len(found) == 0:
		return "", nil, ""
	case len(found) > 1:
		return "", found[0].Type(), fmt.Sprintf("the receiver has more than one tenant ID field (%s, %s)", found[0].Name(), found[1].Name())
	case recv.Name() == "" || recv.Name() == "_":
		return "", found[0].Type(), "the receiver is unnamed"
	}
	return recv.Name() + "." + found[0].Name(), found[0].Type(), ""
}

// report reports d with its fix; uses index the helpers' references.
func (c *checker) report(d *defect, uses *fixes.UseIndex, coupling *fixes.Coupling) {
	var related []analysis.RelatedInformation
	for _, k := range d.own() {
		related = append(related, analysis.RelatedInformation{Pos: k.expr.Pos(), End: k.expr.End(),
			Message: fmt.Sprintf("key %q without the %s segment", k.String(), c.segment())})
	}
	if d.recvType != nil {
		c.reportReceiver(d, related)
		return
	}
	calls, _ := uses.Of(d.fn)
	for _, use := range calls {
		if use.Call != nil {
			related = append(related, analysis.RelatedInformation{Pos: use.Call.Pos(), End: use.Call.End(),
				Message: fmt.Sprintf("call of %s that the fix passes a tenant ID", fixes.FuncName(d.fn))})
		}
	}
	name := c.cl.ParamName(scope.Tenant)
	typ, typErr := c.tenantType(d.fn)
	b := fixes.NewBuilder(c.pass.Fset)
	noFix := d.why
	if noFix == "" {
		noFix = c.fixParam(b, d, name, typ, typErr, uses, coupling)
	}
	typeText := "TenantID"
	if typErr == nil {
		typeText = typ.Name
		if typ.Path != "" && typ.Path != c.pass.Pkg.Path() {
			typeText = typ.PkgName + "." + typ.Name
		}
	}
	want := fmt.Sprintf("%s(%s)", d.fn.Name(), c.params(d.fn, name+" "+typeText))
	msg := fmt.Sprintf(c.say("GSI key helper %s has no tenant ID parameter: "), fixes.FuncName(d.fn))
	own := d.own()
	if len(own) == 0 && len(d.keys) > 0 {
		// Every key extends another helper's, which lacks the tenant too.
		from := d.keys[0].from
		msg += fmt.Sprintf(c.say("its key %q extends the key of %s, which has no tenant either: an index query sees every tenant's rows (want %s, passing %s to %s once it takes one)"),
			d.keys[0].String(), fixes.FuncName(from), want, name, fixes.FuncName(from))
	} else if len(own) > 0 && own[0].tmpl != nil {
		k := own[0]
		if wantKey, ok := k.want(name); ok {
			msg += fmt.Sprintf(c.say("its key %q lets an index query see every tenant's rows (want %s building %q)"), k.String(), want, wantKey)
		} else {
			msg += fmt.Sprintf(c.say("its key %q lets an index query see every tenant's rows (want %s building a key with a %s segment)"), k.String(), want, c.segment())
		}
	} else {
		msg += fmt.Sprintf(c.say("an index query through its key sees every tenant's rows (want %s building a key that starts with %q)"), want, c.segment())
	}
	c.finish(d, msg, noFix, b, "Add a tenant ID parameter to "+fixes.FuncName(d.fn)+" and prefix its key with "+c.segment(), related)
}

// fixParam adds to b the new tenant parameter of d's helper, its keys'
// tenant segment and the argument at every call; it returns why not when
// it cannot.
func (c *checker) fixParam(b *fixes.Builder, d *defect, name string, typ scope.TypeRef, typErr error, uses *fixes.UseIndex, coupling *fixes.Coupling) string {
	if typErr != nil {
		return typErr.Error()
	}
	if unnamedParams(d.decl.Type) {
		return "its parameters are unnamed, so the key cannot refer to a new one"
	}
	if coupled, foreign := coupling.Of(d.fn); len(coupled) > 1 || len(foreign) > 0 {
		others := append(slices.DeleteFunc(coupled, func(f *types.Func) bool { return f == d.fn }), foreign...)
		return fmt.Sprintf("its signature must stay that of %s, which would have to change with it (with every other implementation); change them together by hand", fixes.FuncName(others[0]))
	}
	conv := name
	if typ.Type != nil && !types.Identical(typ.Type, types.Typ[types.String]) || typ.Type == nil && typ.Name != "string" {
		conv = "string(" + name + ")"
	}
	for _, k := range d.own() {
		if obj := c.visible(k.expr.Pos(), name); obj != nil {
			return fmt.Sprintf("%s is already declared where its key is built (%s)", name, fixes.Where(c.pass.Fset, obj.Pos()))
		}
		if err := c.prefix(b, k, name, conv); err != nil {
			return err.Error()
		}
	}
	err := b.ChangeSignature(c.pass, c.insp, c.cl, fixes.SignatureChange{
		Funcs: c.extending(d, typ, coupling), Index: 0, Name: name, Type: typ, Kind: scope.Tenant, Uses: uses,
	})
	if err != nil {
		return err.Error()
	}
	return ""
}

// extending returns d's helper and the reported helpers of this package
// whose keys extend its key (they start with its result) and that can
// take the same new parameter: d's fix adds the parameter to them too,
// so that at their calls of d's helper the new parameter is passed on
// (their own fixes add the same parameter; identical edits apply once).
// Without this, such a call has no tenant value until the other fix is
// applied, and helpers extending each other's keys could never be fixed.
func (c *checker) extending(d *defect, typ scope.TypeRef, coupling *fixes.Coupling) []*types.Func {
	funcs := []*types.Func{d.fn}
	for _, other := range c.reported {
		if other == d || other.recvType != nil || unnamedParams(other.decl.Type) ||
			!slices.ContainsFunc(other.keys, func(k *key) bool { return k.from == d.fn }) {
			continue
		}
		if coupled, foreign := coupling.Of(other.fn); len(coupled) > 1 || len(foreign) > 0 {
			continue
		}
		if t, err := c.tenantType(other.fn); err != nil || t.Path != typ.Path || t.Name != typ.Name {
			continue
		}
		funcs = append(funcs, other.fn)
	}
	return funcs
}

// visible returns the function-local object called name in scope at pos.
func (c *checker) visible(pos token.Pos, name string) types.Object {
	inner := c.pass.Pkg.Scope().Innermost(pos)
	if inner == nil {
		return nil
	}
	_, obj := inner.LookupParent(name, pos)
	if obj == nil || obj.Parent() == c.pass.Pkg.Scope() || obj.Parent() == types.Universe {
		return nil
	}
	if _, imported := obj.(*types.PkgName); imported {
		return nil
	}
	return obj
}

// reportReceiver reports a method whose receiver carries the tenant its
// key leaves out; the fix prefixes the key with the receiver's field.
func (c *checker) reportReceiver(d *defect, related []analysis.RelatedInformation) {
	expr := d.recv
	if expr == "" {
		expr = "the receiver's tenant ID"
	}
	b := fixes.NewBuilder(c.pass.Fset)
	noFix := d.recvWhy
	if noFix == "" {
		noFix = d.why
	}
	if noFix == "" {
		conv := expr
		if !types.Identical(d.recvType, types.Typ[types.String]) {
			conv = "string(" + expr + ")"
		}
		recvName := expr[:strings.IndexByte(expr, '.')]
		for _, k := range d.own() {
			if obj := c.visible(k.expr.Pos(), recvName); obj != d.fn.Signature().Recv() {
				noFix = fmt.Sprintf("the receiver %s is shadowed where the key is built", recvName)
				break
			}
			if err := c.prefix(b, k, expr, conv); err != nil {
				noFix = err.Error()
				break
			}
		}
	}
	k := d.own()[0] // checkHelper keeps no receiver defect without one
	msg := fmt.Sprintf(c.say("GSI key helper %s has no tenant ID parameter and leaves %s out of its key %q: an index query sees every tenant's rows"), fixes.FuncName(d.fn), expr, k.String())
	if wantKey, ok := k.want(expr); ok && d.recv != "" {
		msg += fmt.Sprintf(" (want %q with %s)", wantKey, expr)
	}
	c.finish(d, msg, noFix, b, "Prefix the key of "+fixes.FuncName(d.fn)+" with "+c.segment()+" and "+expr, related)
}

// finish attaches the fix (or says why there is none) and reports.
func (c *checker) finish(d *defect, msg, noFix string, b *fixes.Builder, title string, related []analysis.RelatedInformation) {
	diag := analysis.Diagnostic{Pos: d.decl.Name.Pos(), End: d.decl.Name.End(), Category: "missing-tenant", Related: related}
	if noFix == "" {
		fix, err := b.Fix(title)
		if err != nil {
			noFix = err.Error()
		} else {
			diag.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	if noFix != "" {
		msg += "; no fix: " + noFix
	}
	diag.Message = msg
	c.rep.Report(diag, d.decl.Pos())
}

// tenantType is the type of the new tenant parameter of fn: the tenant
// type beside its capsule parameter's type, else the one in reach of the
// package (scope.Classifier.IDType).
func (c *checker) tenantType(fn *types.Func) (scope.TypeRef, error) {
	params := fn.Signature().Params()
	var capsule types.Type
	for i := range params.Len() {
		if c.cl.IsVar(scope.Capsule, params.At(i)) {
			capsule = params.At(i).Type()
			break
		}
	}
	return c.cl.IDType(scope.Tenant, capsule, c.pass.Pkg, c.pass.TypesInfo)
}

// params renders fn's parameter list with first in front.
func (c *checker) params(fn *types.Func, first string) string {
	qual := func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		return p.Name()
	}
	sig := fn.Signature()
	out := []string{first}
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		t := types.TypeString(p.Type(), qual)
		if sig.Variadic() && i == sig.Params().Len()-1 {
			t = "..." + strings.TrimPrefix(t, "[]")
		}
		if p.Name() != "" {
			t = p.Name() + " " + t
		}
		out = append(out, t)
	}
	return strings.Join(out, ", ")
}

func unnamedParams(ft *ast.FuncType) bool {
	return len(ft.Params.List) > 0 && len(ft.Params.List[0].Names) == 0
}
