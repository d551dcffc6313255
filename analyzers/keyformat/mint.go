package keyformat

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/capsulelint/capsulelint/internal/keys"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// tenantItself reports whether every result of k is stored as the tenant
// ID itself: assigned to a tenant variable or field (normalising it,
// orgID = fmt.Sprintf("org#%s", orgID)), or, for a key that is the tenant
// segment alone, the ID field of the tenant's own record (minting it,
// Organization{ID: fmt.Sprintf("org#%s", uuid.New())}). Such a template
// is not a storage key: a capsule segment added to it would make every
// lookup by that ID miss.
func (c *checker) tenantItself(k *key) bool {
	if k.tag != nil || len(k.other) > 0 {
		return false
	}
	var results []inspector.Cursor
	switch {
	case k.obj == nil && len(k.calls) == 1:
		results = append(results, k.cur.Parent()) // the format's call
	case len(k.calls) > 0:
		for _, fc := range k.calls {
			cur, ok := c.insp.Root().FindNode(fc.call)
			if !ok {
				return false
			}
			results = append(results, cur)
		}
	case k.obj == nil:
		results = append(results, k.cur)
	default:
		return false
	}
	for _, cur := range results {
		if !c.storedAsTenant(k, cur) {
			return false
		}
	}
	return true
}

// storedAsTenant reports whether the expression at cur is assigned to the
// tenant ID (see tenantItself).
func (c *checker) storedAsTenant(k *key, cur inspector.Cursor) bool {
	info := c.pass.TypesInfo
	e := cur.Node()
	parent := cur.Parent()
	// Through parentheses and conversions: ids.TenantID(fmt.Sprintf(...)).
	for {
		switch p := parent.Node().(type) {
		case *ast.ParenExpr:
			e, parent = p, parent.Parent()
			continue
		case *ast.CallExpr:
			if tv, ok := info.Types[p.Fun]; ok && tv.IsType() && len(p.Args) == 1 && p.Args[0] == e {
				e, parent = p, parent.Parent()
				continue
			}
		}
		break
	}
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) != len(p.Rhs) {
			return false
		}
		for i, r := range p.Rhs {
			if r == e {
				return c.cl.TenantTarget(info, p.Lhs[i])
			}
		}
	case *ast.ValueSpec:
		if len(p.Names) != len(p.Values) {
			return false
		}
		for i, v := range p.Values {
			if v == e {
				return c.cl.TenantTarget(info, p.Names[i])
			}
		}
	case *ast.KeyValueExpr:
		if p.Value != e {
			return false
		}
		id, ok := p.Key.(*ast.Ident)
		if !ok {
			return false
		}
		field, ok := info.Uses[id].(*types.Var)
		if !ok || !field.IsField() {
			return false
		}
		if c.cl.IsVar(scope.Tenant, field) {
			return true
		}
		lit, ok := parent.Parent().Node().(*ast.CompositeLit)
		return ok && scope.IsIDField(field.Name()) && c.tenantSegmentOnly(k) &&
			c.cl.IsTenantEntity(info.TypeOf(lit))
	}
	return false
}

// tenantSegmentOnly reports whether k is a tenant segment and nothing
// else ("org#%s").
func (c *checker) tenantSegmentOnly(k *key) bool {
	a := k.a
	return a != nil && a.Tenant == 0 && len(a.Segments) == 1
}

// labelledTenant reports whether k's first piece is a tenant variable
// that the function around k normalises to carry its own tenant segment
// (orgID = fmt.Sprintf("org#%s", orgID), as the dynamorm example's
// handlers do): the key "%s#project#%s" built from it then starts with
// that segment, and is not missing one.
func (c *checker) labelledTenant(k *key) bool {
	a := k.a
	if len(a.TenantHoles) == 0 || a.TenantHoles[0] != 0 {
		return false
	}
	exprs := c.holeExprs(k, &k.tmpl.Pieces[0])
	if len(exprs) == 0 {
		return false
	}
	var v *types.Var
	for _, e := range exprs {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		w, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok || (v != nil && w != v) {
			return false
		}
		v = w
	}
	var body ast.Node
	for cur := range k.cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		body = cur.Node()
		break
	}
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if found || !ok || len(as.Lhs) != len(as.Rhs) {
			return !found
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v && as.Pos() < k.node.Pos() && c.tenantSegment(as.Rhs[i]) {
				found = true
			}
		}
		return !found
	})
	return found
}

// tenantSegment reports whether e builds a lone tenant segment:
// fmt.Sprintf("org#%s", x) or "org#" + x.
func (c *checker) tenantSegment(e ast.Expr) bool {
	var t *keys.Template
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		fc, ok := c.formatCallOf(nil, e)
		if !ok {
			return false
		}
		s, ok := c.stringConst(fc.format())
		if !ok {
			return false
		}
		if t, _ = keys.FromFormat(s); t == nil {
			return false
		}
	case *ast.BinaryExpr:
		t = keys.FromConcat(e, c.pass.TypesInfo)
	default:
		return false
	}
	a := t.Analyze(c.labels, func(*keys.Piece) (bool, bool) { return false, false })
	return a.Tenant == 0 && len(a.Segments) == 1 && a.Segments[0].HasValue
}
