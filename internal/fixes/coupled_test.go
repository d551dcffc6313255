package fixes

import (
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// loadPass type-checks src as package p and returns a pass over it.
func loadPass(t *testing.T, src string) (*analysis.Pass, *inspector.Inspector) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{}, Scopes: map[ast.Node]*types.Scope{}, Instances: map[*ast.Ident]types.Instance{},
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	return &analysis.Pass{Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info}, inspector.New([]*ast.File{f})
}

// applyFix applies b's edits to src, checks that the result type-checks
// and returns it gofmt-ed.
func applyFix(t *testing.T, pass *analysis.Pass, b *Builder, src string) string {
	t.Helper()
	fix, err := b.Fix("fix")
	if err != nil {
		t.Fatal(err)
	}
	tf := pass.Fset.File(pass.Files[0].Pos())
	var out strings.Builder
	last := 0
	for _, e := range fix.TextEdits {
		out.WriteString(src[last:tf.Offset(e.Pos)])
		out.Write(e.NewText)
		last = tf.Offset(e.End)
	}
	out.WriteString(src[last:])
	res, err := format.Source([]byte(out.String()))
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	loadPass(t, string(res)) // must still compile
	return string(res)
}

func lookupFunc(t *testing.T, pkg *types.Package, name string) *types.Func {
	t.Helper()
	recv, method, ok := strings.Cut(name, ".")
	if !ok {
		return pkg.Scope().Lookup(name).(*types.Func)
	}
	obj, _, _ := types.LookupFieldOrMethod(pkg.Scope().Lookup(recv).Type(), true, pkg, method)
	if obj == nil {
		t.Fatalf("no %s", name)
	}
	return obj.(*types.Func)
}

func funcNames(fns []*types.Func) []string {
	var out []string
	for _, fn := range fns {
		out = append(out, FuncName(fn))
	}
	return out
}

const ids = `
type TenantID string
type CapsuleID string
`

func TestCoupled(t *testing.T) {
	src := `package p
` + ids + `
type Repo interface{ Get(t TenantID, id string) error }
type Reader interface{ Get(t TenantID, id string) error; List(t TenantID) }
type mem struct{}
func (*mem) Get(t TenantID, id string) error { return nil }
func (*mem) List(t TenantID) {}
type other struct{ *mem } // promoted: mem.Get
type unrelated struct{}
func (unrelated) Get(t TenantID) {}
type Gen[T any] struct{}
func (*Gen[T]) Get(t TenantID, id string) error { return nil }
type GenIface[T any] interface{ Put(t TenantID, v T) }
type genImpl[T any] struct{}
func (genImpl[T]) Put(t TenantID, v T) {}
type strImpl struct{}
func (strImpl) Put(t TenantID, v string) {}
func plain(t TenantID) {}
`
	pass, _ := loadPass(t, src)
	for _, tc := range []struct {
		from string
		want []string
	}{
		{"Repo.Get", []string{"Repo.Get", "Reader.Get", "mem.Get", "Gen.Get"}},
		{"mem.Get", []string{"Repo.Get", "Reader.Get", "mem.Get", "Gen.Get"}},
		{"mem.List", []string{"Reader.List", "mem.List"}}, // mem implements Reader
		{"unrelated.Get", []string{"unrelated.Get"}},
		{"GenIface.Put", []string{"GenIface.Put", "genImpl.Put", "strImpl.Put"}},
		{"plain", []string{"plain"}},
	} {
		got, foreign := Coupled(pass.Pkg, lookupFunc(t, pass.Pkg, tc.from))
		if names := funcNames(got); !slices.Equal(names, tc.want) || len(foreign) > 0 {
			t.Errorf("Coupled(%s) = %v, %v; want %v", tc.from, names, funcNames(foreign), tc.want)
		}
	}
}

func TestCoupledForeign(t *testing.T) {
	src := `package p
import "fmt"
type mem struct{}
func (mem) String() string { return "" }
var _ fmt.Stringer = mem{}
`
	pass, _ := loadPass(t, src)
	got, foreign := Coupled(pass.Pkg, lookupFunc(t, pass.Pkg, "mem.String"))
	if !slices.Equal(funcNames(got), []string{"mem.String"}) || !slices.Equal(funcNames(foreign), []string{"Stringer.String"}) {
		t.Errorf("got %v, foreign %v", funcNames(got), funcNames(foreign))
	}
}

func TestUsesGenericOrigin(t *testing.T) {
	src := `package p
` + ids + `
type Repo[T any] struct{}
func (r *Repo[T]) Get(t TenantID, id string) (v T) { return }
type Store[T any] interface{ Put(t TenantID, v T) }
func use(r *Repo[int], s Store[string], t TenantID) {
	r.Get(t, "a")
	s.Put(t, "b")
}
`
	pass, insp := loadPass(t, src)
	get, put := lookupFunc(t, pass.Pkg, "Repo.Get"), lookupFunc(t, pass.Pkg, "Store.Put")
	idx := IndexUses(pass.TypesInfo, insp, map[*types.Func]bool{get: true, put: true})
	for _, fn := range []*types.Func{get, put} {
		uses, ok := idx.Of(fn)
		if !ok || len(uses) != 1 || uses[0].Call == nil || uses[0].Func != fn {
			t.Errorf("uses of %s = %v, %v", fn.Name(), uses, ok)
		}
	}
	if _, ok := idx.Of(lookupFunc(t, pass.Pkg, "use")); ok {
		t.Errorf("Of(use) ok for a function not indexed")
	}
}

func newClassifier(t *testing.T, c config.Config) *scope.Classifier {
	t.Helper()
	res, err := config.Compile(c)
	if err != nil {
		t.Fatal(err)
	}
	return scope.New(res)
}

func capsuleRef(pkg *types.Package) scope.TypeRef {
	return scope.TypeRef{Path: pkg.Path(), PkgName: pkg.Name(), Name: "CapsuleID", Type: pkg.Scope().Lookup("CapsuleID").Type()}
}

func TestChangeSignatureGenericAndForwarding(t *testing.T) {
	src := `package p
` + ids + `
type Repo[T any] struct{}
func (r *Repo[T]) Get(t TenantID, id string) (v T) { return }
type cached struct{ inner *Repo[int] }
func (c *cached) Get(t TenantID, id string) int { return c.inner.Get(t, id) }
func handler(t TenantID, c CapsuleID, r *Repo[int]) int { return r.Get(t, "x") }
`
	pass, insp := loadPass(t, src)
	get, cget := lookupFunc(t, pass.Pkg, "Repo.Get"), lookupFunc(t, pass.Pkg, "cached.Get")
	b := NewBuilder(pass.Fset)
	cl := newClassifier(t, config.Default())
	err := b.ChangeSignature(pass, insp, cl, SignatureChange{
		Funcs: []*types.Func{get, cget}, Index: 1, Name: "capsuleID", Type: capsuleRef(pass.Pkg), Kind: scope.Capsule,
	})
	if err != nil {
		t.Fatal(err)
	}
	got := applyFix(t, pass, b, src)
	for _, want := range []string{
		"func (r *Repo[T]) Get(t TenantID, capsuleID CapsuleID, id string) (v T)",
		"func (c *cached) Get(t TenantID, capsuleID CapsuleID, id string) int {\n\treturn c.inner.Get(t, capsuleID, id)",
		"return r.Get(t, c, \"x\")",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func TestChangeSignatureNameClash(t *testing.T) {
	for _, body := range []string{
		`func (r *R) Get(t TenantID, capsuleID int) {}`,
		`func (r *R) Get(t TenantID) { capsuleID := 1; _ = capsuleID }`,
		`func (r *R) Get(t TenantID) { _ = capsuleID }`,
	} {
		src := "package p\n" + ids + "type R struct{}\nvar capsuleID = 0\n" + body + "\n"
		pass, insp := loadPass(t, src)
		b := NewBuilder(pass.Fset)
		err := b.ChangeSignature(pass, insp, newClassifier(t, config.Default()), SignatureChange{
			Funcs: []*types.Func{lookupFunc(t, pass.Pkg, "R.Get")}, Index: 1, Name: "capsuleID", Type: capsuleRef(pass.Pkg), Kind: scope.Capsule,
		})
		if err == nil || !strings.Contains(err.Error(), "capsuleID") {
			t.Errorf("%s: err = %v, want a clash", body, err)
		}
	}
}

func TestInsertParamSplitsGroups(t *testing.T) {
	for _, tc := range []struct{ decl, typ, want string }{
		{"func f(a, t, b string) {}", "string", "func f(a, t, capsuleID, b string) {}"},
		{"func f(a, t, b string) {}", "CapsuleID", "func f(a, t string, capsuleID CapsuleID, b string) {}"},
		{"func f(a int, t string) {}", "CapsuleID", "func f(a int, t string, capsuleID CapsuleID) {}"},
	} {
		src := "package p\n" + ids + tc.decl + "\n"
		pass, _ := loadPass(t, src)
		b := NewBuilder(pass.Fset)
		ft := pass.Files[0].Decls[len(pass.Files[0].Decls)-1].(*ast.FuncDecl).Type
		if err := b.InsertParam(ft, 2, "capsuleID", tc.typ); err != nil {
			t.Fatal(err)
		}
		if got := applyFix(t, pass, b, src); !strings.Contains(got, tc.want) {
			t.Errorf("%s + %s: got\n%s\nwant %s", tc.decl, tc.typ, got, tc.want)
		}
	}
}
