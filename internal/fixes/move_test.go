package fixes

import (
	"go/types"
	"strings"
	"testing"
)

func TestMoveParam(t *testing.T) {
	for _, tc := range []struct {
		name, src   string
		from, after int
		want        []string
		err         string
	}{{
		name: "after the tenant, across a param",
		src: `type R interface{ Get(t TenantID, id string, c CapsuleID) }
type m struct{}
func (m) Get(t TenantID, id string, c CapsuleID) {}
func call(r R, m m, c CapsuleID) { r.Get("t", "id", c); m.Get("t", "id", c); (m).Get("t", "id", c) }`,
		from: 2, after: 0,
		want: []string{
			"Get(t TenantID, c CapsuleID, id string)",
			`func (m) Get(t TenantID, c CapsuleID, id string) {}`,
			`r.Get("t", c, "id")`, `m.Get("t", c, "id")`,
		},
	}, {
		name: "capsule first, unnamed",
		src: `type R interface{ Get(CapsuleID, TenantID, string) }
func call(r R, c CapsuleID, t TenantID) { r.Get(c, t, "id") }`,
		from: 0, after: 1,
		want: []string{"Get(TenantID, CapsuleID, string)", `r.Get(t, c, "id")`},
	}, {
		name: "groups of strings",
		src: `type R interface{ Get(c, t, id string) }
func call(r R) { r.Get("c", "t", "id") }`,
		from: 0, after: 1,
		want: []string{"Get(t, c, id string)", `r.Get("t", "c", "id")`},
	}, {
		name: "out of a group into another",
		src: `type R interface{ Get(t, id string, n int, c CapsuleID) }
func call(r R, c CapsuleID) { r.Get("t", "id", 1, c) }`,
		from: 3, after: 0,
		want: []string{"Get(t string, c CapsuleID, id string, n int)", `r.Get("t", c, "id", 1)`},
	}, {
		name: "method expression",
		src: `type m struct{}
func (m) Get(t TenantID, id string, c CapsuleID) {}
func call(c CapsuleID) { m.Get(m{}, "t", "id", c) }`,
		from: 2, after: 0,
		want: []string{`m.Get(m{}, "t", c, "id")`},
	}, {
		name: "calls would run in another order",
		src: `type R interface{ Get(t TenantID, id string, c CapsuleID) }
func id() string { return "" }
func cap() CapsuleID { return "" }
func call(r R) { r.Get("t", id(), cap()) }`,
		from: 2, after: 0,
		err: "order",
	}, {
		name: "pure arguments may be passed over by a call",
		src: `type R interface{ Get(t TenantID, id string, c CapsuleID) }
func cap() CapsuleID { return "" }
func call(r R) { r.Get("t", string("id")+string(rune(len("x"))), cap()) }`,
		from: 2, after: 0,
		want: []string{`r.Get("t", cap(), string("id")+string(rune(len("x"))))`},
	}, {
		name: "method value",
		src: `type R interface{ Get(t TenantID, id string, c CapsuleID) }
func call(r R) { _ = r.Get }`,
		from: 2, after: 0,
		err: "used as a value",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			src := "package p\n" + ids + tc.src + "\n"
			pass, insp := loadPass(t, src)
			var funcs []*types.Func
			for _, name := range []string{"R.Get", "m.Get"} {
				recv, _, _ := strings.Cut(name, ".")
				if pass.Pkg.Scope().Lookup(recv) != nil {
					funcs = append(funcs, lookupFunc(t, pass.Pkg, name))
				}
			}
			b := NewBuilder(pass.Fset)
			err := b.MoveParam(pass, insp, SignatureMove{Funcs: funcs, From: tc.from, After: tc.after})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := applyFix(t, pass, b, src)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in\n%s", w, got)
				}
			}
		})
	}
}
