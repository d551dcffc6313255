package plan

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Stand-ins for capsulelint's four analyzers (internal/ must not import
// them): they report what the real ones report, where DESIGN.md says the
// real ones report it — at the type name, the method name, the key literal
// (or its constant's name) and the helper's name. Only the positions
// matter to plan.

func stubAnalyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{stubCapsulefield, stubRepocapsule, stubKeyformat, stubGsitenant}
}

func isNamed(t types.Type, name string) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == name
}

// needsCapsule reports whether sig takes a tenant without a capsule right
// after it.
func needsCapsule(sig *types.Signature) bool {
	ps := sig.Params()
	for i := range ps.Len() {
		if isNamed(ps.At(i).Type(), "TenantID") {
			return i+1 >= ps.Len() || !isNamed(ps.At(i+1).Type(), "CapsuleID")
		}
	}
	return false
}

var stubCapsulefield = &analysis.Analyzer{
	Name: capsulefield,
	Doc:  "stand-in: structs with a TenantID field and no CapsuleID field",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, decl := range f.Decls {
				gd, ok := decl.(*ast.GenDecl)
				if !ok || gd.Tok != token.TYPE {
					continue
				}
				for _, spec := range gd.Specs {
					ts := spec.(*ast.TypeSpec)
					st, ok := pass.TypesInfo.Defs[ts.Name].Type().Underlying().(*types.Struct)
					if !ok {
						continue
					}
					tenant, capsule := false, false
					for fld := range st.Fields() {
						tenant = tenant || isNamed(fld.Type(), "TenantID")
						capsule = capsule || isNamed(fld.Type(), "CapsuleID")
					}
					if tenant && !capsule {
						pass.Reportf(ts.Name.Pos(), "%s has a tenant ID but no capsule ID", ts.Name.Name)
					}
				}
			}
		}
		return nil, nil
	},
}

var repoName = regexp.MustCompile(`(?i)repository$`)

var stubRepocapsule = &analysis.Analyzer{
	Name: repocapsule,
	Doc:  "stand-in: repository methods with a tenant and no capsule",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, decl := range f.Decls {
				switch decl := decl.(type) {
				case *ast.GenDecl:
					for _, spec := range decl.Specs {
						ts, ok := spec.(*ast.TypeSpec)
						if !ok || !repoName.MatchString(ts.Name.Name) {
							continue
						}
						it, ok := ts.Type.(*ast.InterfaceType)
						if !ok {
							continue
						}
						for _, m := range it.Methods.List {
							for _, name := range m.Names {
								if fn, ok := pass.TypesInfo.Defs[name].(*types.Func); ok && needsCapsule(fn.Type().(*types.Signature)) {
									pass.Reportf(name.Pos(), "%s takes a tenant but no capsule", name.Name)
								}
							}
						}
					}
				case *ast.FuncDecl:
					fn, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func)
					if !ok || decl.Recv == nil {
						continue
					}
					if tn := recvTypeName(fn); tn != nil && repoName.MatchString(tn.Name()) && needsCapsule(fn.Type().(*types.Signature)) {
						pass.Reportf(decl.Name.Pos(), "%s takes a tenant but no capsule", decl.Name.Name)
					}
				}
			}
		}
		return nil, nil
	},
}

var stubKeyformat = &analysis.Analyzer{
	Name: keyformat,
	Doc:  "stand-in: string literals with TENANT# and no CAPSULE#",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			consts := map[ast.Expr]*ast.Ident{}
			for _, decl := range f.Decls {
				if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.CONST {
					for _, spec := range gd.Specs {
						vs := spec.(*ast.ValueSpec)
						for i, v := range vs.Values {
							consts[v] = vs.Names[i]
						}
					}
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING || !strings.Contains(lit.Value, "TENANT#") || strings.Contains(lit.Value, "CAPSULE#") {
					return true
				}
				if name := consts[lit]; name != nil {
					pass.Reportf(name.Pos(), "key constant %s has no CAPSULE# segment", name.Name)
				} else {
					pass.Report(analysis.Diagnostic{Pos: lit.Pos(), End: lit.End(), Message: "key " + lit.Value + " has no CAPSULE# segment"})
				}
				return true
			})
		}
		return nil, nil
	},
}

var gsiName = regexp.MustCompile(`(?i)^gsi\d*(pk|sk)`)

var stubGsitenant = &analysis.Analyzer{
	Name: gsitenant,
	Doc:  "stand-in: GSI helpers without a tenant param",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, decl := range f.Decls {
				fd, ok := decl.(*ast.FuncDecl)
				if !ok || !gsiName.MatchString(fd.Name.Name) {
					continue
				}
				sig := pass.TypesInfo.Defs[fd.Name].Type().(*types.Signature)
				tenant := false
				for v := range sig.Params().Variables() {
					tenant = tenant || isNamed(v.Type(), "TenantID")
				}
				if !tenant {
					pass.Reportf(fd.Name.Pos(), "GSI helper %s has no tenant", fd.Name.Name)
				}
			}
			// Calls of GSI helpers passing an empty tenant.
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
				if !ok || !gsiName.MatchString(fn.Name()) {
					return true
				}
				for i, arg := range call.Args {
					lit, ok := arg.(*ast.BasicLit)
					if ok && lit.Value == `""` && i < fn.Signature().Params().Len() && isNamed(fn.Signature().Params().At(i).Type(), "TenantID") {
						pass.Report(analysis.Diagnostic{Pos: lit.Pos(), End: lit.End(), Message: "empty tenant passed to " + fn.Name()})
					}
				}
				return true
			})
		}
		return nil, nil
	},
}

// stubOther is an analyzer plan knows nothing about.
var stubOther = &analysis.Analyzer{
	Name: "other",
	Doc:  "stand-in: reports every package clause",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			pass.Reportf(f.Name.Pos(), "package %s", f.Name.Name)
		}
		return nil, nil
	},
}
