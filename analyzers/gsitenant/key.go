package gsitenant

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/keys"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// key is a key a helper returns, as its body builds it.
type key struct {
	expr ast.Expr       // the expression that builds the key
	tmpl *keys.Template // nil when the key's shape is unknown
	an   *keys.Analysis // tmpl's segments under the configured labels
	call *ast.CallExpr  // fmt.Sprintf or strings.Join
	lit  *ast.BasicLit  // the fmt.Sprintf format, when it is a literal
	// why says why the fix cannot rewrite the key; "" when it can.
	why string
	// from is the GSI key helper whose result the key starts with (a
	// recursive call, or another helper): the key extends that helper's
	// key, whose tenant segment is that helper's; the fix leaves it alone.
	from *types.Func
}

// findKeys returns the keys fn's body returns (returns of a constant ""
// are error paths, not keys) and, when they cannot all be rewritten, why.
func (c *checker) findKeys(decl *ast.FuncDecl, fn *types.Func) ([]*key, string) {
	results := fn.Signature().Results()
	idx := -1
	for i := range results.Len() {
		if isString(results.At(i).Type()) {
			idx = i
			break
		}
	}
	if idx < 0 {
		return nil, "its result is not a string, so the key it builds cannot be found"
	}
	var out []*key
	why := ""
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != results.Len() {
				if why == "" {
					why = fmt.Sprintf("the return at %s does not spell out its results", fixes.Where(c.pass.Fset, n.Pos()))
				}
				return false
			}
			e := n.Results[idx]
			if isEmptyString(c.pass.TypesInfo, e) {
				return false
			}
			k := c.keyOf(decl, e, 0)
			if k.from == nil {
				k.from = c.leadingHelper(k)
			}
			if k.from != nil {
				k.why = "" // nothing to rewrite
			}
			if k.why != "" && why == "" {
				why = k.why
			}
			out = append(out, k)
			return false
		}
		return true
	})
	if len(out) == 0 && why == "" {
		why = "it returns no key"
	}
	return out, why
}

// keyOf returns the key e builds, following a local variable assigned
// once to its value.
func (c *checker) keyOf(decl *ast.FuncDecl, e ast.Expr, depth int) *key {
	info := c.pass.TypesInfo
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return c.concatKey(e) // a constant: literal, named or folded
	}
	switch x := e.(type) {
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if ok && depth < 4 && decl.Body.Pos() <= v.Pos() && v.Pos() < decl.Body.End() {
			if init := singleDef(info, decl.Body, v); init != nil {
				return c.keyOf(decl, init, depth+1)
			}
			return &key{expr: e, why: fmt.Sprintf("the key variable %s is assigned more than once", x.Name)}
		}
	case *ast.BinaryExpr:
		if x.Op == token.ADD && isString(info.TypeOf(x)) {
			return c.concatKey(x)
		}
	case *ast.CallExpr:
		if tv, ok := info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 && isString(tv.Type) {
			return c.keyOf(decl, x.Args[0], depth) // Key(fmt.Sprintf(...))
		}
		fn := typeutil.StaticCallee(info, x)
		switch {
		case fn != nil && c.isHelper(fn.Origin()):
			return &key{expr: e, from: fn.Origin()} // Gsi1pkPath(c, depth-1)
		case isPkgFunc(fn, "fmt", "Sprintf"):
			return c.formatKey(x)
		case isPkgFunc(fn, "strings", "Join"):
			return c.joinKey(x)
		}
	}
	return &key{expr: e, why: fmt.Sprintf("its key is built by %s, which the fix cannot rewrite (want a fmt.Sprintf format, a + concatenation or a strings.Join)", short(e))}
}

// leadingHelper returns the GSI key helper whose result k starts with:
// the first operand of a concatenation or element of a join, or the
// argument of a format's leading %s or %v, when it is a call of a helper
// (through string conversions); nil otherwise.
func (c *checker) leadingHelper(k *key) *types.Func {
	if k.tmpl == nil || len(k.tmpl.Pieces) == 0 {
		return nil
	}
	p := &k.tmpl.Pieces[0]
	if !p.Hole || k.tmpl.Kind == keys.Format && (p.Verb != 's' && p.Verb != 'v' || p.Flags != "") {
		return nil
	}
	e := k.holeExpr(p)
	if e == nil {
		return nil
	}
	e = keys.Unconvert(ast.Unparen(e), c.pass.TypesInfo)
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	if fn := typeutil.StaticCallee(c.pass.TypesInfo, call); fn != nil && c.isHelper(fn.Origin()) {
		return fn.Origin()
	}
	return nil
}

// singleDef returns the value of the local variable v when body defines
// it once (v := x, var v = x) and never assigns it again.
func singleDef(info *types.Info, body *ast.BlockStmt, v *types.Var) ast.Expr {
	var init ast.Expr
	defs, assigns := 0, 0
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := ast.Unparen(lhs).(*ast.Ident)
				if !ok {
					continue
				}
				if info.Defs[id] == v {
					defs++
					if len(n.Lhs) == len(n.Rhs) {
						init = n.Rhs[i]
					}
				} else if info.Uses[id] == v {
					assigns++
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if info.Defs[id] == v {
					defs++
					if len(n.Names) == len(n.Values) {
						init = n.Values[i]
					}
				}
			}
		case *ast.IncDecStmt, *ast.RangeStmt:
			// A range loop variable is not a key built once.
			if r, ok := n.(*ast.RangeStmt); ok {
				for _, e := range []ast.Expr{r.Key, r.Value} {
					if id, ok := e.(*ast.Ident); ok && (info.Defs[id] == v || info.Uses[id] == v) {
						assigns++
					}
				}
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND && info.Uses[id] == v {
				assigns++ // its address escapes
			}
		}
		return true
	})
	if defs != 1 || assigns != 0 {
		return nil
	}
	return init
}

// formatKey reads fmt.Sprintf(format, args...).
func (c *checker) formatKey(call *ast.CallExpr) *key {
	k := &key{expr: call, call: call}
	if len(call.Args) == 0 {
		k.why = "its fmt.Sprintf call has no format"
		return k
	}
	tv := c.pass.TypesInfo.Types[call.Args[0]]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		k.why = "its fmt.Sprintf format is not a constant"
		return k
	}
	t, err := keys.FromFormat(constant.StringVal(tv.Value))
	if err != nil {
		k.why = fmt.Sprintf("its format cannot be parsed: %v", err)
		return k
	}
	c.analyze(k, t)
	k.lit, _ = ast.Unparen(call.Args[0]).(*ast.BasicLit)
	switch {
	case call.Ellipsis.IsValid():
		k.why = "its fmt.Sprintf call spreads a slice of arguments"
	case len(call.Args)-1 < t.NumArgs:
		k.why = "its fmt.Sprintf call passes fewer arguments than its format uses"
	case k.lit == nil:
		k.why = fmt.Sprintf("its format %s is not a string literal; change it by hand", short(call.Args[0]))
	}
	return k
}

// analyze sets k's template and its analysis under the configured labels.
func (c *checker) analyze(k *key, t *keys.Template) {
	k.tmpl = t
	k.an = t.Analyze(c.labels, func(p *keys.Piece) (bool, bool) {
		e := k.holeExpr(p)
		if e == nil {
			return false, false
		}
		kind, ok := c.cl.KindOfValue(c.pass.TypesInfo, e)
		return ok && kind == scope.Tenant, ok && kind == scope.Capsule
	})
}

// holeExpr is the expression a hole interpolates: the operand of a
// concatenation or join, the argument of a format.
func (k *key) holeExpr(p *keys.Piece) ast.Expr {
	if p.Operand >= 0 && p.Operand < len(k.tmpl.Operands) {
		return k.tmpl.Operands[p.Operand].Expr
	}
	if k.tmpl.Kind == keys.Format && k.call != nil && 1+p.Arg < len(k.call.Args) {
		return k.call.Args[1+p.Arg]
	}
	return nil
}

// joinKey reads strings.Join([]string{...}, sep).
func (c *checker) joinKey(call *ast.CallExpr) *key {
	k := &key{expr: call, call: call}
	if len(call.Args) != 2 {
		k.why = "its strings.Join call spreads its arguments"
		return k
	}
	tv := c.pass.TypesInfo.Types[call.Args[1]]
	list, ok := ast.Unparen(call.Args[0]).(*ast.CompositeLit)
	if tv.Value == nil || tv.Value.Kind() != constant.String || !ok {
		k.why = "its strings.Join call does not join a slice literal with a constant separator"
		return k
	}
	for _, e := range list.Elts {
		if _, kv := e.(*ast.KeyValueExpr); kv {
			k.why = "its strings.Join slice literal has indexed elements"
			return k
		}
	}
	sep := constant.StringVal(tv.Value)
	c.analyze(k, keys.FromJoin(list.Elts, sep, c.pass.TypesInfo))
	if sep != c.cfg.Separator {
		k.why = fmt.Sprintf("its strings.Join separator %q is not the key separator %q", sep, c.cfg.Separator)
	}
	return k
}

// concatKey reads a + concatenation or a string constant.
func (c *checker) concatKey(e ast.Expr) *key {
	k := &key{expr: e}
	c.analyze(k, keys.FromConcat(e, c.pass.TypesInfo))
	if t := c.pass.TypesInfo.TypeOf(e); t != nil {
		if b, ok := t.(*types.Basic); !ok || b.Info()&types.IsString == 0 {
			k.why = fmt.Sprintf("its key is of type %s, which a string tenant segment cannot be added to", types.TypeString(t, types.RelativeTo(c.pass.Pkg)))
		}
	}
	return k
}

// hasTenant reports whether the key already carries a tenant: it has a
// tenant segment or interpolates a tenant value (from a context, a field,
// a package variable), or it is global reference data (global-labels).
func (k *key) hasTenant() bool {
	return k.an != nil && (k.an.Tenant >= 0 || len(k.an.TenantHoles) > 0 || k.an.Global)
}

// String renders the key for messages.
func (k *key) String() string {
	if k.tmpl == nil {
		return short(k.expr)
	}
	return render(k.tmpl)
}

func render(t *keys.Template) string {
	if t.Kind == keys.Format {
		return t.FormatString()
	}
	return t.String()
}

// want renders the key with the tenant segment added, the tenant value
// written as expr; ok is false when the key cannot take one.
func (k *key) want(expr string) (string, bool) {
	if k.an == nil {
		return "", false
	}
	nt, err := k.tmpl.PrefixTenant(k.an, expr)
	if err != nil {
		return "", false
	}
	return render(nt), true
}

// prefix adds to b the edits that add the tenant segment to the key: the
// tenant value is expr in a format's arguments, conv (expr converted to
// string) in a concatenation or join.
func (c *checker) prefix(b *fixes.Builder, k *key, expr, conv string) error {
	if k.tmpl.Kind != keys.Format {
		nt, err := k.tmpl.PrefixTenant(k.an, conv)
		if err != nil {
			return err
		}
		edits, err := nt.Edits(c.text)
		if err != nil {
			return err
		}
		for _, e := range edits {
			b.Replace(e.Pos, e.End, e.New)
		}
		return nil
	}
	nt, err := k.tmpl.PrefixTenant(k.an, expr)
	if err != nil {
		return err
	}
	b.Replace(k.lit.Pos(), k.lit.End(), keys.Quote(nt.FormatString(), k.lit))
	args := k.call.Args[1:]
	items := slices.Clone(nt.Args)
	for i := k.tmpl.NumArgs; i < len(args); i++ {
		items = append(items, keys.Item{Old: i})
	}
	for _, e := range keys.ListEdits(args, items, ", ", k.call.Args[0].End(), c.text) {
		b.Replace(e.Pos, e.End, e.New)
	}
	return nil
}

// text returns the source text of e.
func (c *checker) text(e ast.Expr) string { return c.src.Text(e) }

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// isEmptyString reports whether e is the constant "".
func isEmptyString(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.String && constant.StringVal(tv.Value) == ""
}

func isPkgFunc(fn *types.Func, path, name string) bool {
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == path && fn.Name() == name &&
		fn.Signature().Recv() == nil
}

// short renders e for messages, abbreviated.
func short(e ast.Expr) string {
	s := types.ExprString(e)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}
