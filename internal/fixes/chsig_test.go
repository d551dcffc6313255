package fixes

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// sigAnalyzer is a tiny analyzer over ChangeSignature: a function or an
// interface method taking a tenant ID without a capsule ID gets one after
// the tenant parameter, in every declaration (the interface's
// implementations included) and at every call.
var sigAnalyzer = &analysis.Analyzer{
	Name:     "sigtest",
	Doc:      "adds capsule parameters (test analyzer)",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      runSig,
}

func runSig(pass *analysis.Pass) (any, error) {
	res, err := config.Compile(config.Default())
	if err != nil {
		return nil, err
	}
	cl := scope.New(res)
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	check := func(name *ast.Ident, fn *types.Func, funcs []*types.Func) {
		sig := fn.Type().(*types.Signature)
		tenant := -1
		for i := range sig.Params().Len() {
			switch k, ok := cl.KindOfVar(sig.Params().At(i)); {
			case ok && k == scope.Capsule:
				return
			case ok && k == scope.Tenant && tenant < 0:
				tenant = i
			}
		}
		if tenant < 0 {
			return
		}
		msg := name.Name + " takes a tenant ID without a capsule ID"
		typ, err := cl.IDType(scope.Capsule, sig.Params().At(tenant).Type(), pass.Pkg, pass.TypesInfo)
		if err != nil {
			pass.Reportf(name.Pos(), "%s (no fix: no capsule type)", msg)
			return
		}
		b := NewBuilder(pass.Fset)
		err = b.ChangeSignature(pass, insp, cl, SignatureChange{
			Funcs: funcs, Index: tenant + 1, Name: cl.ParamName(scope.Capsule), Type: typ, Kind: scope.Capsule,
		})
		var fix analysis.SuggestedFix
		if err == nil {
			fix, err = b.Fix("add a capsule ID parameter")
		}
		if err != nil {
			pass.Reportf(name.Pos(), "%s (no fix: %v)", msg, err)
			return
		}
		pass.Report(analysis.Diagnostic{Pos: name.Pos(), Message: msg, SuggestedFixes: []analysis.SuggestedFix{fix}})
	}
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.TypeSpec)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			if n.Recv == nil {
				fn := pass.TypesInfo.Defs[n.Name].(*types.Func)
				check(n.Name, fn, []*types.Func{fn})
			}
		case *ast.TypeSpec:
			it, ok := n.Type.(*ast.InterfaceType)
			if !ok {
				continue
			}
			iface := pass.TypesInfo.Defs[n.Name].Type().Underlying().(*types.Interface)
			for _, m := range it.Methods.List {
				if len(m.Names) != 1 {
					continue
				}
				fn := pass.TypesInfo.Defs[m.Names[0]].(*types.Func)
				check(m.Names[0], fn, append([]*types.Func{fn}, Implementations(pass.Pkg, iface, fn.Name())...))
			}
		}
	}
	return nil, nil
}

func TestChangeSignatureEndToEnd(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), sigAnalyzer, "sigtest")
}

// The golden files, which analysistest compares after gofmt, also
// type-check.
func TestChangeSignatureGoldenTypeChecks(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "src")
	fset := token.NewFileSet()
	parseDir := func(pkg, suffix string) []*ast.File {
		entries, err := os.ReadDir(filepath.Join(dir, pkg))
		if err != nil {
			t.Fatal(err)
		}
		var files []*ast.File
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), suffix) {
				continue
			}
			f, err := parser.ParseFile(fset, filepath.Join(dir, pkg, e.Name()), nil, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		return files
	}
	std := sharedImporter
	idsPkg, err := (&types.Config{Importer: std}).Check("fixids", fset, parseDir("fixids", ".go"), nil)
	if err != nil {
		t.Fatal(err)
	}
	imp := importerFunc(func(path string) (*types.Package, error) {
		if path == "fixids" {
			return idsPkg, nil
		}
		return std.Import(path)
	})
	for _, suffix := range []string{".go", ".go.golden"} {
		files := parseDir("sigtest", suffix)
		if len(files) != 3 {
			t.Fatalf("%d %s files", len(files), suffix)
		}
		if _, err := (&types.Config{Importer: imp}).Check("sigtest", fset, files, nil); err != nil {
			t.Errorf("sigtest (%s files): %v", suffix, err)
		}
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

func TestChangeSignatureRefusals(t *testing.T) {
	res, err := config.Compile(config.Default())
	if err != nil {
		t.Fatal(err)
	}
	cl := scope.New(res)
	for _, tc := range []struct {
		name, src, fn, want string
	}{
		{"declared elsewhere", `import "example.com/other"
func use(t TenantID) { other.Thing{}.Get(string(t)) }`, "other.Thing.Get", "Get is not declared in this package"},
		{"ambiguous value", `func load(t TenantID) {}
func use(t TenantID, c1, c2 CapsuleID) { load(t) }`, "load", "call at p.go:7: more than one capsule ID value is in scope (c1, c2)"},
		{"no value", `func load(t TenantID) {}
func use(t TenantID) { load(t) }`, "load", "call at p.go:7: no capsule ID value is in scope"},
		{"multi-value call", `func load(t TenantID, id string) {}
func two() (TenantID, string) { return "", "" }
func use(c CapsuleID) { load(two()) }`, "load", "the call passes a multi-value expression"},
		{"used as a value", `func load(t TenantID) {}
var f = load`, "load", "load is used as a value at p.go:7"},
		{"after a variadic", `func load(t TenantID, rest ...string) {}`, "load", "after a variadic"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "package p\n" + idTypes + "\n" + tc.src + "\n"
			if strings.HasPrefix(tc.src, "import") {
				src = "package p\n\n" + tc.src + "\n" + idTypes
			}
			mp := typecheck(t, map[string]string{"p.go": src})
			var fn *types.Func
			if pkgPath, rest, ok := strings.Cut(tc.fn, "."); ok && pkgPath == "other" {
				recv, method, _ := strings.Cut(rest, ".")
				other := sharedImporter.pkgs["example.com/other"]
				obj, _, _ := types.LookupFieldOrMethod(other.Scope().Lookup(recv).Type(), true, other, method)
				fn = obj.(*types.Func)
			} else {
				fn = mp.pass.Pkg.Scope().Lookup(tc.fn).(*types.Func)
			}
			index := 1
			if tc.name == "after a variadic" {
				index = 2
			}
			ref := scope.TypeRef{Path: "example.com/p", PkgName: "p", Name: "CapsuleID", Type: mp.pass.Pkg.Scope().Lookup("CapsuleID").Type()}
			err := NewBuilder(mp.pass.Fset).ChangeSignature(mp.pass, mp.insp, cl, SignatureChange{
				Funcs: []*types.Func{fn}, Index: index, Name: "capsuleID", Type: ref, Kind: scope.Capsule,
			})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// A call inside a function that gets the new parameter passed it on only
// when the name was unknown at the call: a package-level variable of the
// same name (unused by the function) made the call fall back to lookup.
func TestRegressionForwardingBesidePackageLevelName(t *testing.T) {
	src := "package p\n" + idTypes + `
var capsuleID = "unrelated"

type R interface{ Get(t TenantID, id string) }

type logging struct{ next R }

func (l logging) Get(t TenantID, id string) { l.next.Get(t, id) }
`
	mp := typecheck(t, map[string]string{"p.go": src})
	pkg := mp.pass.Pkg
	iface := pkg.Scope().Lookup("R").Type().Underlying().(*types.Interface)
	funcs := append([]*types.Func{iface.Method(0)}, Implementations(pkg, iface, "Get")...)
	res, _ := config.Compile(config.Default())
	b := NewBuilder(mp.pass.Fset)
	ref := scope.TypeRef{Path: pkg.Path(), PkgName: pkg.Name(), Name: "CapsuleID", Type: pkg.Scope().Lookup("CapsuleID").Type()}
	if err := b.ChangeSignature(mp.pass, mp.insp, scope.New(res), SignatureChange{
		Funcs: funcs, Index: 1, Name: "capsuleID", Type: ref, Kind: scope.Capsule,
	}); err != nil {
		t.Fatal(err)
	}
	got := mp.apply(t, mustFix(t, b))["p.go"]
	if !strings.Contains(got, "l.next.Get(t, capsuleID, id)") {
		t.Errorf("got\n%s", got)
	}
}
