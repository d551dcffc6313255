package fixes

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"
	"testing"

	"github.com/capsulelint/capsulelint/internal/scope"
)

// funcType returns the FuncType of the func or interface method called
// name ("f", or "R.Get" for an interface method) in mp's files.
func (mp *multiPass) funcType(t *testing.T, name string) *ast.FuncType {
	t.Helper()
	iface, method, isMethod := strings.Cut(name, ".")
	var ft *ast.FuncType
	for _, f := range mp.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if !isMethod && n.Name.Name == name && n.Recv == nil {
					ft = n.Type
				}
			case *ast.TypeSpec:
				if it, ok := n.Type.(*ast.InterfaceType); ok && isMethod && n.Name.Name == iface {
					for _, m := range it.Methods.List {
						if len(m.Names) == 1 && m.Names[0].Name == method {
							ft = m.Type.(*ast.FuncType)
						}
					}
				}
			}
			return true
		})
	}
	if ft == nil {
		t.Fatalf("no func %s", name)
	}
	return ft
}

func TestInsertParam(t *testing.T) {
	for _, tc := range []struct {
		name, decl string
		index      int
		typ        string
		want, err  string
	}{
		{"named, after", "func f(t TenantID, id string) {}", 1, "CapsuleID", "func f(t TenantID, capsuleID CapsuleID, id string) {}", ""},
		{"named, at the end", "func f(t TenantID) {}", 1, "CapsuleID", "func f(t TenantID, capsuleID CapsuleID) {}", ""},
		{"first position", "func f(id string) {}", 0, "TenantID", "func f(capsuleID TenantID, id string) {}", ""},
		{"unnamed", "type R interface{ Get(TenantID, string) }", 1, "CapsuleID", "Get(TenantID, CapsuleID, string)", ""},
		{"unnamed, first", "type R interface{ Get(string) }", 0, "TenantID", "Get(TenantID, string)", ""},
		{"empty list", "func f() {}", 0, "CapsuleID", "func f(capsuleID CapsuleID) {}", ""},
		{"empty interface method", "type R interface{ Get() }", 0, "CapsuleID", "Get(capsuleID CapsuleID)", ""},
		{"blank names count as named", "func f(_ TenantID) {}", 1, "CapsuleID", "func f(_ TenantID, capsuleID CapsuleID) {}", ""},
		{"group joined", "func f(t, u string) {}", 1, "string", "func f(t, capsuleID, u string) {}", ""},
		{"group split", "func f(t, u TenantID) {}", 1, "CapsuleID", "func f(t TenantID, capsuleID CapsuleID, u TenantID) {}", ""},
		{"after a group", "func f(t, u TenantID) {}", 2, "CapsuleID", "func f(t, u TenantID, capsuleID CapsuleID) {}", ""},
		{"before a variadic", "func f(t TenantID, rest ...string) {}", 1, "CapsuleID", "func f(t TenantID, capsuleID CapsuleID, rest ...string) {}", ""},
		{"after a variadic", "func f(t TenantID, rest ...string) {}", 2, "CapsuleID", "", "after a variadic"},
		{"out of range", "func f(t TenantID) {}", 3, "CapsuleID", "", "out of range"},
		{"multi-line with a trailing comma", "func f(\n\tt TenantID,\n\tid string,\n) {}", 2, "CapsuleID",
			"func f(\n\tt TenantID,\n\tid string, capsuleID CapsuleID,\n)", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "package p\n" + idTypes + tc.decl + "\n"
			mp := typecheck(t, map[string]string{"p.go": src})
			fname := "f"
			if strings.HasPrefix(tc.decl, "type R") {
				fname = "R.Get"
			}
			b := NewBuilder(mp.pass.Fset)
			err := b.InsertParam(mp.funcType(t, fname), tc.index, "capsuleID", tc.typ)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := mp.apply(t, mustFix(t, b))["p.go"]
			if !strings.Contains(got, tc.want) {
				t.Errorf("got\n%s\nwant %q", got, tc.want)
			}
		})
	}
}

const idTypes = `
type TenantID string
type CapsuleID string
`

// call returns the n-th call (in source order) of the function named fn.
func (mp *multiPass) call(t *testing.T, fn string, n int) *ast.CallExpr {
	t.Helper()
	var calls []*ast.CallExpr
	for _, f := range mp.pass.Files {
		ast.Inspect(f, func(node ast.Node) bool {
			if c, ok := node.(*ast.CallExpr); ok {
				var id *ast.Ident
				switch fun := ast.Unparen(c.Fun).(type) {
				case *ast.Ident:
					id = fun
				case *ast.SelectorExpr:
					id = fun.Sel
				case *ast.IndexExpr:
					id, _ = fun.X.(*ast.Ident)
				}
				if id != nil && id.Name == fn {
					calls = append(calls, c)
				}
			}
			return true
		})
	}
	if n >= len(calls) {
		t.Fatalf("no call %d of %s", n, fn)
	}
	return calls[n]
}

func TestInsertArg(t *testing.T) {
	decls := strings.Join([]string{
		"type T struct{}",
		"func (T) M(t TenantID, c CapsuleID, id string) {}",
		"func (*T) P(t TenantID, c CapsuleID) {}",
		"func f0(c CapsuleID) {}",
		"func f1(t TenantID, c CapsuleID) {}",
		"func ff(c CapsuleID, t TenantID) {}",
		"func f3(a string, t TenantID, c CapsuleID, id string) {}",
		"func fv(c CapsuleID, rest ...string) {}",
		"func fv2(t TenantID, c CapsuleID, rest ...string) {}",
		"func two() (TenantID, string) { return \"\", \"\" }",
		"func f2(t TenantID, c CapsuleID, id string) {}",
		"var c CapsuleID",
	}, "\n\n") + "\n" // blank lines: gofmt aligns nothing
	for _, tc := range []struct {
		name, call, fn string
		index          int
		want, err      string
	}{
		{"no args", "f0()", "f0", 0, "f0(c)", ""},
		{"first", `ff("t")`, "ff", 0, `ff(c, "t")`, ""},
		{"end", `f1("t")`, "f1", 1, `f1("t", c)`, ""},
		{"middle", `f3("a", "t", "id")`, "f3", 2, `f3("a", "t", c, "id")`, ""},
		{"multi-line, trailing comma", "f3(\n\t\t\"a\",\n\t\t\"t\",\n\t\t\"id\",\n\t)", "f3", 2, "\"t\", c,\n", ""},
		{"method", `T{}.M("t", "id")`, "M", 1, `T{}.M("t", c, "id")`, ""},
		{"method expression", `T.M(T{}, "t", "id")`, "M", 1, `T.M(T{}, "t", c, "id")`, ""},
		{"pointer method expression", `(*T).P(&T{}, "t")`, "P", 1, `(*T).P(&T{}, "t", c)`, ""},
		{"parenthesized method expression", `(T.M)(T{}, "t", "id")`, "M", 1, `(T.M)(T{}, "t", c, "id")`, ""},
		{"multi-value call", `f2(two())`, "f2", 1, "", "multi-value"},
		{"before a variadic spread", `fv2("t", []string{}...)`, "fv2", 1, `fv2("t", c, []string{}...)`, ""},
		{"variadic, no extra args", `fv()`, "fv", 0, `fv(c)`, ""},
		{"variadic with extras", `fv2("t", "a", "b")`, "fv2", 1, `fv2("t", c, "a", "b")`, ""},
		{"too few arguments", `fv()`, "fv", 1, "", "too few"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The source declares the functions without the capsule
			// parameter; after the edit, the fixed calls must type-check
			// against the declarations with it.
			old := strings.NewReplacer(
				"func f0(c CapsuleID)", "func f0()",
				"func f1(t TenantID, c CapsuleID)", "func f1(t TenantID)",
				"func ff(c CapsuleID, t TenantID)", "func ff(t TenantID)",
				"func f3(a string, t TenantID, c CapsuleID, id string)", "func f3(a string, t TenantID, id string)",
				"func fv(c CapsuleID, rest ...string)", "func fv(rest ...string)",
				"func fv2(t TenantID, c CapsuleID, rest ...string)", "func fv2(t TenantID, rest ...string)",
				"func (T) M(t TenantID, c CapsuleID, id string)", "func (T) M(t TenantID, id string)",
				"func (*T) P(t TenantID, c CapsuleID)", "func (*T) P(t TenantID)",
				"func f2(t TenantID, c CapsuleID, id string)", "func f2(t TenantID, id string)",
			).Replace(decls)
			src := "package p\n" + idTypes + old + "\nfunc use() {\n\t" + tc.call + "\n}\n"
			mp := typecheck(t, map[string]string{"p.go": src})
			b := NewBuilder(mp.pass.Fset)
			err := b.InsertArg(mp.pass.TypesInfo, mp.call(t, tc.fn, 0), tc.index, "c")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// Apply the argument and the new signatures together.
			out, err := applyEdits(mp.pass.Fset, mp.srcs, mustFix(t, b).TextEdits)
			if err != nil {
				t.Fatal(err)
			}
			got := out["p.go"]
			if !strings.Contains(got, tc.want) {
				t.Errorf("got\n%s\nwant %q", got, tc.want)
			}
			fixed := strings.Replace(got, old, decls, 1)
			if _, err := tryTypecheck(map[string]string{"p.go": fixed}); err != nil {
				t.Errorf("does not type-check with the new signatures: %v\n%s", err, fixed)
			}
		})
	}
}

func TestInsertArgSpreadRefused(t *testing.T) {
	src := "package p\n" + idTypes + "func fv(t TenantID, rest ...string) {}\nfunc use() { fv(\"t\", []string{}...) }\n"
	mp := typecheck(t, map[string]string{"p.go": src})
	err := NewBuilder(mp.pass.Fset).InsertArg(mp.pass.TypesInfo, mp.call(t, "fv", 0), 2, "c")
	if err == nil || !strings.Contains(err.Error(), "spreads a variadic") {
		t.Errorf("err = %v", err)
	}
}

const usesSrc = `package p

type TenantID string

type R interface{ Get(t TenantID) }

type impl struct{}

func (impl) Get(t TenantID) {}

func Get(t TenantID) {}

func G[T any](t TenantID, v T) {}

func apply(f func(TenantID)) {}

func use(r R, i impl) {
	Get("a")                 // call
	r.Get("b")               // call of the interface method
	i.Get("c")               // call of the method
	impl.Get(i, "d")         // method expression call
	(Get)("e")               // parenthesized call
	G[int]("f", 1)           // explicit instantiation
	G("g", "x")              // inferred instantiation
	defer Get("h")           // deferred call
	go Get("i")              // go statement
	apply(Get)               // value
	f := i.Get               // method value
	_ = impl.Get             // method expression value
	_ = f
	var g func(TenantID) = Get // value
	_ = g
}
`

func TestUses(t *testing.T) {
	mp := typecheck(t, map[string]string{"p.go": usesSrc})
	pkg := mp.pass.Pkg
	funcs := map[*types.Func]bool{}
	for _, name := range []string{"Get", "G"} {
		funcs[pkg.Scope().Lookup(name).(*types.Func)] = true
	}
	for _, name := range []string{"R", "impl"} {
		obj, _, _ := types.LookupFieldOrMethod(pkg.Scope().Lookup(name).Type(), true, pkg, "Get")
		funcs[obj.(*types.Func)] = true
	}
	var got []string
	for _, u := range Uses(mp.pass.TypesInfo, mp.insp, funcs) {
		line := mp.pass.Fset.Position(u.Ident.Pos()).Line
		kind := "value"
		if u.Call != nil {
			kind = "call"
			if !slices.Contains([]string{"Get", "G"}, u.Ident.Name) || u.Call.Pos() > u.Ident.Pos() {
				t.Errorf("line %d: call %v does not start at the callee", line, u.Call)
			}
		}
		if u.File != mp.pass.Files[0] || u.Func == nil || !funcs[u.Func] {
			t.Errorf("line %d: File %v Func %v", line, u.File.Name, u.Func)
		}
		got = append(got, kind+" "+strings.TrimSpace(strings.Split(strings.Split(usesSrc, "\n")[line-1], "//")[0]))
	}
	want := []string{
		`call Get("a")`,
		`call r.Get("b")`,
		`call i.Get("c")`,
		`call impl.Get(i, "d")`,
		`call (Get)("e")`,
		`call G[int]("f", 1)`,
		`call G("g", "x")`,
		`call defer Get("h")`,
		`call go Get("i")`,
		`value apply(Get)`,
		`value f := i.Get`,
		`value _ = impl.Get`,
		`value var g func(TenantID) = Get`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// (Get)(x) and G[int](x) were taken for uses of the function as a value,
// so a signature change refused them.
func TestRegressionUsesParenAndInstantiatedCalls(t *testing.T) {
	mp := typecheck(t, map[string]string{"p.go": usesSrc})
	get := mp.pass.Pkg.Scope().Lookup("Get").(*types.Func)
	g := mp.pass.Pkg.Scope().Lookup("G").(*types.Func)
	for _, u := range Uses(mp.pass.TypesInfo, mp.insp, map[*types.Func]bool{get: true, g: true}) {
		line := strings.Split(usesSrc, "\n")[mp.pass.Fset.Position(u.Ident.Pos()).Line-1]
		if (strings.Contains(line, `(Get)("e")`) || strings.Contains(line, `G[int]`)) && u.Call == nil {
			t.Errorf("%s: not a call", strings.TrimSpace(line))
		}
	}
}

func TestImplementations(t *testing.T) {
	src := `package p

import "example.com/other"

type TenantID string

type R interface{ Get(t TenantID) error }

type byValue struct{}

func (byValue) Get(t TenantID) error { return nil }

type byPointer struct{}

func (*byPointer) Get(t TenantID) error { return nil }

type embeds struct{ byValue }

type embedsPtr struct{ *byPointer }

type wrongSig struct{}

func (wrongSig) Get(t string) error { return nil }

type other2 struct{ other.Thing }

type Sub interface{ R }

type alias = byValue

var _ R = embeds{}
`
	mp := typecheck(t, map[string]string{"p.go": src})
	pkg := mp.pass.Pkg
	iface := pkg.Scope().Lookup("R").Type().Underlying().(*types.Interface)
	got := funcNamesOf(Implementations(pkg, iface, "Get"))
	// embeds and embedsPtr implement R through the promoted methods of
	// byValue and byPointer: listed once each.
	if want := []string{"byPointer.Get", "byValue.Get"}; !slices.Equal(got, want) {
		t.Errorf("Implementations = %q, want %q", got, want)
	}
	if got := Implementations(pkg, iface, "Missing"); len(got) != 0 {
		t.Errorf("Implementations(Missing) = %v", got)
	}
}

func funcNamesOf(fns []*types.Func) []string {
	var out []string
	for _, fn := range fns {
		out = append(out, FuncName(fn))
	}
	slices.Sort(out)
	return out
}

func TestTypeText(t *testing.T) {
	src := `package p

import (
	_ "example.com/ids"
)

type CapsuleID string

func f() {}

func g() {
	ids := 1
	_ = ids
}
`
	other := `package p

import "example.com/ids"

var _ ids.TenantID
`
	mp := typecheck(t, map[string]string{"p.go": src, "q.go": other})
	idsPkg := sharedImporter.pkgs["example.com/ids"]
	ref := scope.TypeRef{Path: "example.com/ids", PkgName: "ids", Name: "CapsuleID", Type: idsPkg.Scope().Lookup("CapsuleID").Type()}
	local := scope.TypeRef{Path: "example.com/p", PkgName: "p", Name: "CapsuleID"}
	str := scope.TypeRef{Name: "string"}
	p, q := mp.file("p.go"), mp.file("q.go")
	pos := func(f *ast.File, name string) ast.Node {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == name {
				return fd.Body
			}
		}
		return f
	}

	b := NewBuilder(mp.pass.Fset)
	if got := b.TypeText(mp.pass, p, pos(p, "f").Pos(), local); got != "CapsuleID" {
		t.Errorf("local type: %q", got)
	}
	if got := b.TypeText(mp.pass, p, pos(p, "f").Pos(), str); got != "string" {
		t.Errorf("string: %q", got)
	}
	if got := b.TypeText(mp.pass, q, q.Name.Pos(), ref); got != "ids.CapsuleID" {
		t.Errorf("imported: %q", got)
	}
	if b.Len() != 0 {
		t.Errorf("%d edits, want none so far", b.Len())
	}
	// p.go imports ids blank: the name ids is free in f, so a plain
	// import is added beside the blank one.
	fBody := pos(p, "f").(*ast.BlockStmt)
	text := b.TypeText(mp.pass, p, fBody.Lbrace+1, ref)
	if text != "ids.CapsuleID" {
		t.Errorf("beside a blank import: %q", text)
	}
	b.Insert(fBody.Lbrace+1, "var _ "+text+";")
	// In g, after ids := 1, the name ids is a local variable.
	gBody := pos(p, "g").(*ast.BlockStmt)
	at := gBody.List[1].Pos()
	text = b.TypeText(mp.pass, p, at, ref)
	if text != "idspkg.CapsuleID" {
		t.Errorf("name taken: %q, want idspkg.CapsuleID", text)
	}
	b.Insert(at, "var _ "+text+";")
	mp.apply(t, mustFix(t, b))
}

// TypeText fell back to the taken name (ids.CapsuleID where ids is a local
// int), and imported nothing beside a blank import: neither compiled.
func TestRegressionTypeTextNameTaken(t *testing.T) {
	src := "package p\n\nfunc g() {\n\tids := 1\n\t_ = ids\n}\n"
	mp := typecheck(t, map[string]string{"p.go": src})
	idsPkg := sharedImporter.pkgs["example.com/ids"]
	if idsPkg == nil {
		var err error
		if idsPkg, err = sharedImporter.Import("example.com/ids"); err != nil {
			t.Fatal(err)
		}
	}
	ref := scope.TypeRef{Path: "example.com/ids", PkgName: "ids", Name: "CapsuleID", Type: idsPkg.Scope().Lookup("CapsuleID").Type()}
	body := mp.pass.Files[0].Decls[0].(*ast.FuncDecl).Body
	b := NewBuilder(mp.pass.Fset)
	text := b.TypeText(mp.pass, mp.pass.Files[0], body.List[1].Pos(), ref)
	b.Insert(body.List[1].Pos(), "var _ "+text+";")
	mp.apply(t, mustFix(t, b))
}

// (T.M)(recv, ...) was not seen as a method expression, so the argument
// went one position too early (before the first real argument).
func TestRegressionInsertArgParenthesizedMethodExpression(t *testing.T) {
	src := "package p\n" + idTypes + "type T struct{}\n\nfunc (T) M(t TenantID) {}\n\nvar c CapsuleID\n\nfunc use() { (T.M)(T{}, \"t\") }\n"
	mp := typecheck(t, map[string]string{"p.go": src})
	b := NewBuilder(mp.pass.Fset)
	if err := b.InsertArg(mp.pass.TypesInfo, mp.call(t, "M", 0), 1, "c"); err != nil {
		t.Fatal(err)
	}
	out, err := applyEdits(mp.pass.Fset, mp.srcs, mustFix(t, b).TextEdits)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out["p.go"], `(T.M)(T{}, "t", c)`) {
		t.Errorf("got\n%s", out["p.go"])
	}
}

// A call with no arguments took the new argument whatever its index.
func TestRegressionInsertArgNoArgsAtLaterIndex(t *testing.T) {
	src := "package p\n\nfunc fv(rest ...string) {}\n\nfunc use() { fv() }\n"
	mp := typecheck(t, map[string]string{"p.go": src})
	if err := NewBuilder(mp.pass.Fset).InsertArg(mp.pass.TypesInfo, mp.call(t, "fv", 0), 1, "c"); err == nil {
		t.Error("inserted argument 1 into a call without arguments")
	}
}

// A method promoted from an embedded type of the package was listed once
// for that type and once for each type embedding it.
func TestRegressionImplementationsListedOnce(t *testing.T) {
	src := "package p\n\ntype R interface{ Get() }\n\ntype base struct{}\n\nfunc (base) Get() {}\n\ntype a struct{ base }\n\ntype b struct{ base }\n"
	mp := typecheck(t, map[string]string{"p.go": src})
	iface := mp.pass.Pkg.Scope().Lookup("R").Type().Underlying().(*types.Interface)
	if got := Implementations(mp.pass.Pkg, iface, "Get"); len(got) != 1 {
		t.Errorf("Implementations = %v, want base.Get once", got)
	}
}
