package gsitenant

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/capsulelint/capsulelint/internal/directive"
	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// checkCalls reports calls of GSI key helpers that pass an empty tenant.
func (c *checker) checkCalls() {
	info := c.pass.TypesInfo
	for fileCur := range c.insp.Root().Preorder((*ast.File)(nil)) {
		file := fileCur.Node().(*ast.File)
		if c.rep.Skip(file) {
			continue
		}
		for cur := range fileCur.Preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			// Cheap test first: most calls pass no empty value.
			if !slices.ContainsFunc(call.Args, c.isEmpty) {
				continue
			}
			fn := typeutil.StaticCallee(info, call)
			if fn == nil {
				continue
			}
			fn = fn.Origin()
			if !c.isHelper(fn) {
				continue
			}
			sig := fn.Signature()
			i := c.tenantParam(sig)
			if i < 0 || sig.Variadic() && i == sig.Params().Len()-1 {
				continue
			}
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodExpr {
					i++ // T.Method(recv, args...)
				}
			}
			if i >= len(call.Args) || !c.isEmpty(call.Args[i]) {
				continue
			}
			var decl *ast.FuncDecl
			for enc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
				decl = enc.Node().(*ast.FuncDecl)
				break
			}
			c.reportEmpty(file, decl, call, fn, sig.Params().At(c.tenantParam(sig)), call.Args[i])
		}
	}
}

// isEmpty reports whether e is an empty tenant: the constant "" (a
// literal, a named constant, a conversion such as ids.TenantID("")) or an
// empty composite literal.
func (c *checker) isEmpty(e ast.Expr) bool {
	if isEmptyString(c.pass.TypesInfo, e) {
		return true
	}
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	return ok && len(lit.Elts) == 0
}

// reportEmpty reports arg, the empty tenant of a call of helper fn.
func (c *checker) reportEmpty(file *ast.File, decl *ast.FuncDecl, call *ast.CallExpr, fn *types.Func, param *types.Var, arg ast.Expr) {
	positions := []ast.Node{arg, call}
	if decl != nil {
		positions = append(positions, decl)
	}
	for _, n := range positions {
		if c.rep.Directive(directive.Global, n.Pos()) != nil {
			return
		}
	}
	site := scope.Site{
		Pkg: c.pass.Pkg, Info: c.pass.TypesInfo, File: file, Pos: call.Pos(), Args: call.Args,
		IsTest: strings.HasSuffix(c.pass.Fset.File(file.Pos()).Name(), "_test.go"),
	}
	v, err := c.cl.Lookup(site, scope.Tenant, param.Type())
	example := c.cl.ParamName(scope.Tenant)
	if err == nil {
		example = v.Expr
	}
	msg := fmt.Sprintf(c.say("GSI key helper %s is passed an empty tenant ID: the key's %s segment is blank, so the index rows it addresses are shared by every tenant (pass the caller's tenant, e.g. %s(%s, ...))"),
		fixes.FuncName(fn), c.segment(), fn.Name(), example)
	diag := analysis.Diagnostic{Pos: arg.Pos(), End: arg.End(), Category: "empty-tenant"}
	if err != nil {
		msg += "; no fix: " + err.Error()
	} else {
		b := fixes.NewBuilder(c.pass.Fset)
		b.Replace(arg.Pos(), arg.End(), v.Expr)
		b.Import(file, v.Import, v.ImportName)
		if fix, ferr := b.Fix("Pass " + v.Expr + " as the tenant ID"); ferr == nil {
			diag.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	diag.Message = msg
	var decls []token.Pos
	if decl != nil {
		decls = append(decls, decl.Pos())
	}
	c.rep.Report(diag, decls...)
}
