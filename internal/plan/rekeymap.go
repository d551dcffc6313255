package plan

import (
	"go/ast"
	"go/types"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// keyAttributes finds, for every key template, the item attributes its
// values are stored in: the struct field (its dynamodbav tag name) or map
// key that the template, a call of its key functions, or a local
// variable holding either is assigned to.
func (b *builder) keyAttributes() {
	byFunc := map[*types.Func][]*key{}
	for _, x := range b.keys {
		for _, kf := range x.funcs {
			byFunc[kf.fn] = append(byFunc[kf.fn], x)
		}
		// The template's own expression: the Sprintf, Join or + around it.
		if path := b.path(x.pkg, x.pos, x.pos); len(path) > 0 {
			for i, n := range path {
				if _, ok := n.(*ast.CallExpr); ok {
					x.attrs = addAttrs(x.attrs, storedIn(x.pkg.TypesInfo, path[i:], 0))
					break
				}
				if _, ok := n.(*ast.BlockStmt); ok {
					break
				}
			}
		}
	}
	helperOf := map[*types.Func][]*helper{}
	for _, h := range b.helpers {
		helperOf[h.fn] = append(helperOf[h.fn], h)
	}
	for p, f := range b.goFiles() {
		if strings.HasSuffix(b.fset.Position(f.FileStart).Filename, "_test.go") {
			continue
		}
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn, _ := typeutil.Callee(p.TypesInfo, call).(*types.Func)
			if fn == nil || len(byFunc[fn.Origin()])+len(helperOf[fn.Origin()]) == 0 {
				return true
			}
			path := make([]ast.Node, len(stack))
			for i, s := range stack {
				path[len(stack)-1-i] = s
			}
			attrs := storedIn(p.TypesInfo, path, 0)
			for _, x := range byFunc[fn.Origin()] {
				x.attrs = addAttrs(x.attrs, attrs)
			}
			for _, h := range helperOf[fn.Origin()] {
				h.attrs = addAttrs(h.attrs, attrs)
			}
			return true
		})
	}
}

func addAttrs(have, more []string) []string {
	for _, a := range more {
		if a != "" && !slices.Contains(have, a) {
			have = append(have, a)
		}
	}
	return have
}

// storedIn returns the attributes the value path[0] is stored in, walking
// up through conversions, &types.AttributeValueMemberS{Value: v} and, once,
// a local variable.
func storedIn(info *types.Info, path []ast.Node, depth int) []string {
	child := path[0]
	for i := 1; i < len(path); i++ {
		switch n := path[i].(type) {
		case *ast.ParenExpr, *ast.UnaryExpr:
			child = n
			continue
		case *ast.CallExpr:
			// string(v), aws.String(v): the same value.
			if tv, ok := info.Types[n.Fun]; ok && tv.IsType() || isAWSString(info, n) {
				child = n
				continue
			}
			return nil
		case *ast.KeyValueExpr:
			if n.Value != child || i+1 >= len(path) {
				return nil
			}
			lit, ok := path[i+1].(*ast.CompositeLit)
			if !ok {
				return nil
			}
			switch t := info.TypeOf(lit).Underlying().(type) {
			case *types.Struct:
				id, ok := n.Key.(*ast.Ident)
				if !ok {
					return nil
				}
				if isMemberS(info.TypeOf(lit)) {
					child, i = lit, i+1 // the attribute is where the member goes
					continue
				}
				return []string{fieldAttr(t, id.Name)}
			case *types.Map:
				if s, ok := strLit(n.Key); ok {
					return []string{s}
				}
			}
			return nil
		case *ast.AssignStmt:
			j := slices.Index(n.Rhs, ast.Expr(child.(ast.Expr)))
			if j < 0 || len(n.Lhs) != len(n.Rhs) {
				return nil
			}
			return lhsAttr(info, n.Lhs[j], path[i:], depth)
		case *ast.ValueSpec:
			j := slices.Index(n.Values, ast.Expr(child.(ast.Expr)))
			if j < 0 || len(n.Names) != len(n.Values) {
				return nil
			}
			return lhsAttr(info, n.Names[j], path[i:], depth)
		default:
			return nil
		}
	}
	return nil
}

// lhsAttr is the attribute an assignment to lhs stores in: a field, a map
// element, or (once) wherever the local variable is stored later.
func lhsAttr(info *types.Info, lhs ast.Expr, path []ast.Node, depth int) []string {
	switch l := lhs.(type) {
	case *ast.SelectorExpr:
		t := info.TypeOf(l.X)
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if st, ok := t.Underlying().(*types.Struct); ok {
			return []string{fieldAttr(st, l.Sel.Name)}
		}
	case *ast.IndexExpr:
		if _, ok := info.TypeOf(l.X).Underlying().(*types.Map); ok {
			if s, ok := strLit(l.Index); ok {
				return []string{s}
			}
		}
	case *ast.Ident:
		v, ok := info.ObjectOf(l).(*types.Var)
		if !ok || depth > 0 {
			return nil
		}
		var body ast.Node
		for _, n := range path {
			if fd, ok := n.(*ast.FuncDecl); ok {
				body = fd.Body
				break
			}
			if fl, ok := n.(*ast.FuncLit); ok {
				body = fl.Body
				break
			}
		}
		if body == nil {
			return nil
		}
		var file *ast.File
		if f, ok := path[len(path)-1].(*ast.File); ok {
			file = f
		}
		var out []string
		ast.Inspect(body, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || id == l || info.Uses[id] != v || file == nil {
				return true
			}
			p, _ := astutil.PathEnclosingInterval(file, id.Pos(), id.End())
			out = addAttrs(out, storedIn(info, p, depth+1))
			return true
		})
		return out
	}
	return nil
}

// fieldAttr is the attribute a struct field is marshalled to: its
// dynamodbav tag name, else its name.
func fieldAttr(st *types.Struct, name string) string {
	for i := range st.NumFields() {
		if st.Field(i).Name() != name {
			continue
		}
		tag, _, _ := strings.Cut(reflect.StructTag(st.Tag(i)).Get("dynamodbav"), ",")
		if tag != "" && tag != "-" {
			return tag
		}
		return name
	}
	return name
}

func isMemberS(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "AttributeValueMemberS"
}

func isAWSString(info *types.Info, call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn != nil && fn.Name() == "String" && fn.Pkg() != nil && strings.HasSuffix(fn.Pkg().Path(), "/aws") && len(call.Args) == 1
}

func strLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}
