package engine

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// stub is a test analyzer driven by comments on declarations, built with
// the fix builders the real analyzers use:
//
//	//test:capsule  a func or (interface) method gets a capsule parameter
//	                after its tenant parameter, at its in-package calls too
//	//test:move     its capsule parameter moves to right after the tenant
//	//test:field    a struct gets a capsule field after its tenant field
//	//test:break    a fix that breaks the build (calls an undefined func)
func stub(cfg *config.Resolved) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "stub",
		Doc:      "test analyzer",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			cl := scope.New(cfg)
			for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.Field)(nil), (*ast.TypeSpec)(nil)) {
				var doc *ast.CommentGroup
				var name *ast.Ident
				switch n := cur.Node().(type) {
				case *ast.FuncDecl:
					doc, name = n.Doc, n.Name
				case *ast.Field:
					if len(n.Names) == 1 {
						doc, name = n.Doc, n.Names[0]
					}
				case *ast.TypeSpec:
					doc, name = n.Doc, n.Name
					if doc == nil {
						if gen, ok := cur.Parent().Node().(*ast.GenDecl); ok {
							doc = gen.Doc
						}
					}
				}
				if doc == nil || name == nil {
					continue
				}
				for _, c := range doc.List {
					if verb, ok := strings.CutPrefix(c.Text, "//test:"); ok {
						stubFix(pass, insp, cl, name, verb)
					}
				}
			}
			return nil, nil
		},
	}
}

func stubFix(pass *analysis.Pass, insp *inspector.Inspector, cl *scope.Classifier, name *ast.Ident, verb string) {
	b := fixes.NewBuilder(pass.Fset)
	var err error
	switch obj := pass.TypesInfo.Defs[name].(type) {
	case *types.Func:
		funcs, _ := fixes.Coupled(pass.Pkg, obj)
		params := obj.Type().(*types.Signature).Params()
		tenant, capsule := -1, -1
		for i := range params.Len() {
			if k, ok := cl.KindOfVar(params.At(i)); ok && k == scope.Tenant && tenant < 0 {
				tenant = i
			} else if ok && k == scope.Capsule {
				capsule = i
			}
		}
		switch verb {
		case "capsule":
			typ, _ := cl.IDType(scope.Capsule, params.At(tenant).Type(), pass.Pkg, pass.TypesInfo)
			err = b.ChangeSignature(pass, insp, cl, fixes.SignatureChange{Funcs: funcs, Index: tenant + 1, Name: cl.ParamName(scope.Capsule), Type: typ, Kind: scope.Capsule})
		case "move":
			err = b.MoveParam(pass, insp, fixes.SignatureMove{Funcs: funcs, From: capsule, After: tenant})
		case "break":
			decl := fixes.DeclarationOf(insp, obj)
			b.Insert(decl.Body.Lbrace+1, "\n\tundefinedFunc()\n")
		}
	case *types.TypeName:
		st := obj.Type().Underlying().(*types.Struct)
		for i := range st.NumFields() {
			if f := st.Field(i); cl.IsVar(scope.Tenant, f) {
				typ, _ := cl.IDType(scope.Capsule, f.Type(), pass.Pkg, pass.TypesInfo)
				field := findField(insp, f)
				b.Insert(field.End(), "\n\t"+cl.FieldName(scope.Capsule)+" "+b.TypeText(pass, fileOf2(insp, field), field.Pos(), typ))
			}
		}
	}
	d := analysis.Diagnostic{Pos: name.Pos(), Message: name.Name + ": " + verb}
	if err != nil {
		d.Message += ": no fix: " + err.Error()
	} else if fix, ferr := b.Fix(verb); ferr == nil && b.Len() > 0 {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	pass.Report(d)
}

func findField(insp *inspector.Inspector, v *types.Var) *ast.Field {
	for cur := range insp.Root().Preorder((*ast.Field)(nil)) {
		f := cur.Node().(*ast.Field)
		for _, id := range f.Names {
			if id.Pos() == v.Pos() {
				return f
			}
		}
	}
	return nil
}

func fileOf2(insp *inspector.Inspector, n ast.Node) *ast.File {
	for cur := range insp.Root().Preorder((*ast.File)(nil)) {
		if f := cur.Node().(*ast.File); f.FileStart <= n.Pos() && n.Pos() <= f.FileEnd {
			return f
		}
	}
	return nil
}
