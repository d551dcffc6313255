package gsitenant

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/keys"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// key is a key a helper returns, as its body builds it.
type key struct {
	expr ast.Expr       // the expression that builds the key
	tmpl *keys.Template // nil when the key's shape is unknown
	call *ast.CallExpr  // fmt.Sprintf or strings.Join
	list *ast.CompositeLit
	// why says why the fix cannot rewrite the key; "" when it can.
	why string
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
					why = fmt.Sprintf("the return at %s does not spell out its results", c.where(n.Pos()))
				}
				return false
			}
			e := n.Results[idx]
			if isEmptyString(c.pass.TypesInfo, e) {
				return false
			}
			k := c.keyOf(decl, e, 0)
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
		case isPkgFunc(fn, "fmt", "Sprintf"):
			return c.formatKey(x)
		case isPkgFunc(fn, "strings", "Join"):
			return c.joinKey(x)
		}
	}
	return &key{expr: e, why: fmt.Sprintf("its key is built by %s, which the fix cannot rewrite (want a fmt.Sprintf format, a + concatenation or a strings.Join)", short(e))}
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
	k.tmpl = t
	switch {
	case call.Ellipsis.IsValid():
		k.why = "its fmt.Sprintf call spreads a slice of arguments"
	case !sequential(t):
		k.why = "its format uses argument indexes or '*', which a new first argument would shift"
	}
	return k
}

func sequential(t *keys.Template) bool {
	for i := range t.Pieces {
		if p := &t.Pieces[i]; p.Hole && (p.Explicit || strings.IndexByte(p.Flags, '*') >= 0) {
			return false
		}
	}
	return true
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
	k.list = list
	k.tmpl = keys.FromJoin(list.Elts, sep, c.pass.TypesInfo)
	if sep != c.cfg.Separator {
		k.why = fmt.Sprintf("its strings.Join separator %q is not the key separator %q", sep, c.cfg.Separator)
	}
	return k
}

// concatKey reads a + concatenation or a string constant.
func (c *checker) concatKey(e ast.Expr) *key {
	k := &key{expr: e, tmpl: keys.FromConcat(e, c.pass.TypesInfo)}
	if t := c.pass.TypesInfo.TypeOf(e); t != nil {
		if b, ok := t.(*types.Basic); !ok || b.Info()&types.IsString == 0 {
			k.why = fmt.Sprintf("its key is of type %s, which a string tenant segment cannot be added to", types.TypeString(t, types.RelativeTo(c.pass.Pkg)))
		}
	}
	return k
}

// holes returns the expressions a key interpolates.
func (k *key) holes() []ast.Expr {
	var out []ast.Expr
	if k.tmpl == nil {
		return nil
	}
	for i := range k.tmpl.Pieces {
		p := &k.tmpl.Pieces[i]
		if !p.Hole {
			continue
		}
		if k.tmpl.Kind == keys.Format {
			if j := 1 + p.Arg; k.call != nil && j < len(k.call.Args) {
				out = append(out, k.call.Args[j])
			}
		} else if e := k.tmpl.HoleExpr(p); e != nil {
			out = append(out, e)
		}
	}
	return out
}

// hasTenant reports whether the key already carries a tenant: it
// interpolates a tenant value (from a context, a field, a package
// variable) or has a tenant segment.
func (c *checker) hasTenant(k *key) bool {
	for _, e := range k.holes() {
		if kind, ok := c.cl.KindOfExpr(c.pass.TypesInfo, e); ok && kind == scope.Tenant {
			return true
		}
	}
	if k.tmpl == nil {
		return false
	}
	var text strings.Builder
	for i := range k.tmpl.Pieces {
		if p := &k.tmpl.Pieces[i]; p.Hole {
			text.WriteString("\x00")
		} else {
			text.WriteString(p.Text)
		}
	}
	segs := strings.Split(text.String(), c.cfg.Separator)
	for _, s := range segs[:len(segs)-1] {
		if s == c.cfg.Labels.Tenant || c.cfg.CaseInsensitiveLabels && strings.EqualFold(s, c.cfg.Labels.Tenant) {
			return true
		}
	}
	return false
}

// String renders the key for messages.
func (k *key) String() string {
	if k.tmpl == nil {
		return short(k.expr)
	}
	return k.tmpl.String()
}

// startsWithSep reports whether the key's text starts with the separator.
func (c *checker) startsWithSep(k *key) bool {
	for i := range k.tmpl.Pieces {
		p := &k.tmpl.Pieces[i]
		if p.Hole {
			return false
		}
		if p.Text != "" {
			return strings.HasPrefix(p.Text, c.cfg.Separator)
		}
	}
	return false
}

// want renders the key with the tenant segment in front, the tenant value
// written as expr.
func (c *checker) want(k *key, expr string) string {
	sep := c.cfg.Separator
	if c.startsWithSep(k) {
		sep = ""
	}
	if k.tmpl.Kind == keys.Format {
		return escapePercent(c.segment()) + "%s" + escapePercent(sep) + k.tmpl.FormatString()
	}
	return c.segment() + "{" + expr + "}" + sep + k.tmpl.String()
}

// prefix adds to b the edits that put the tenant segment, valued expr
// (conv: expr converted to string), in front of the key.
func (c *checker) prefix(b *fixes.Builder, k *key, expr, conv string) {
	label, sep := c.cfg.Labels.Tenant, c.cfg.Separator
	needSep := !c.startsWithSep(k)
	switch k.tmpl.Kind {
	case keys.Format:
		format := k.call.Args[0]
		text := escapePercent(c.segment()) + "%s"
		if needSep {
			text += escapePercent(sep)
		}
		insertIntoLiteral(b, format, text)
		b.Insert(format.End(), ", "+expr)
	case keys.Join:
		elts := k.list.Elts
		if len(elts) == 0 {
			b.Insert(k.list.Lbrace+1, strconv.Quote(label)+", "+conv)
		} else if !needSep {
			// The first element is "": the tenant segment takes its place.
			b.Replace(elts[0].Pos(), elts[0].End(), strconv.Quote(label)+", "+conv)
		} else {
			b.Insert(elts[0].Pos(), strconv.Quote(label)+", "+conv+", ")
		}
	default: // concatenation or constant
		first := k.tmpl.Operands[0]
		head := strconv.Quote(c.segment()) + " + " + conv + " + "
		lit, isLit := ast.Unparen(first.Expr).(*ast.BasicLit)
		switch {
		case !needSep:
			b.Insert(first.Expr.Pos(), head)
		case isLit && first.Basic && literalInsertable(lit, sep):
			b.Insert(first.Expr.Pos(), head)
			b.Insert(lit.Pos()+1, literalText(lit, sep))
		default:
			b.Insert(first.Expr.Pos(), head+strconv.Quote(sep)+" + ")
		}
	}
}

// insertIntoLiteral writes text at the start of the string the constant
// expression e spells: into its leftmost literal when it has one, else as
// a new literal concatenated in front.
func insertIntoLiteral(b *fixes.Builder, e ast.Expr, text string) {
	leaf := ast.Unparen(e)
	for {
		bin, ok := leaf.(*ast.BinaryExpr)
		if !ok || bin.Op != token.ADD {
			break
		}
		leaf = ast.Unparen(bin.X)
	}
	if lit, ok := leaf.(*ast.BasicLit); ok && lit.Kind == token.STRING && literalInsertable(lit, text) {
		b.Insert(lit.Pos()+1, literalText(lit, text))
		return
	}
	b.Insert(e.Pos(), strconv.Quote(text)+" + ")
}

// literalInsertable reports whether text can be written into lit as is
// (a raw string cannot hold a backquote or a carriage return).
func literalInsertable(lit *ast.BasicLit, text string) bool {
	if strings.HasPrefix(lit.Value, "`") {
		return !strings.ContainsAny(text, "`\r")
	}
	return true
}

// literalText is text escaped for the kind of string literal lit is.
func literalText(lit *ast.BasicLit, text string) string {
	if strings.HasPrefix(lit.Value, "`") {
		return text
	}
	q := strconv.Quote(text)
	return q[1 : len(q)-1]
}

func escapePercent(s string) string { return strings.ReplaceAll(s, "%", "%%") }

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
