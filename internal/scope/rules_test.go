package scope

import (
	"errors"
	"slices"
	"testing"

	"github.com/capsulelint/capsulelint/internal/config"
)

// Files beside lookupSrc for rules 3 to 5.
var ruleFiles = map[string]string{
	"noimport.go": `package p

import "context"

func accessorNoImport(ctx context.Context) {
	use(ctx /*@accessorNoImport*/)
}

func accessorClash(ctx context.Context) {
	ids := 1
	use(ids, ctx /*@accessorClash*/)
}

func sourceNoImport(ctx context.Context) {
	use(ctx /*@source*/)
}

func sourceClash(ctx context.Context) {
	reqctx := 1
	use(reqctx /*@sourceClash*/)
}

func sourceNoContext() {
	use( /*@sourceNoContext*/ )
}
`,
	"alias.go": `package p

import (
	"context"

	myids "example.com/ids"
	rc "example.com/internal/reqctx"
	rc2 "example.com/reqctx/v2"
)

var _ = rc.Capsule
var _ = rc2.Capsule
var _ myids.TenantID

func accessorAlias(ctx context.Context) {
	use(ctx /*@accessorAlias*/)
}

func sourceAlias(ctx context.Context) {
	use(ctx /*@sourceAlias*/)
}
`,
	"blank.go": `package p

import (
	"context"

	_ "example.com/ids"
)

func accessorBlank(ctx context.Context) {
	use(ctx /*@accessorBlank*/)
}
`,
	"two.go": `package p

import (
	"context"

	"example.com/two"
)

var _ two.TenantID

func twoAccessors(ctx context.Context) {
	use(ctx /*@twoAccessors*/)
}
`,
	"p_test.go": `package p

import "context"

func inTest() {
	use( /*@test*/ )
}

func inTestCtx(ctx context.Context) {
	use(ctx /*@testCtx*/)
}
`,
}

func TestLookupAccessor(t *testing.T) {
	c := lookupWorld(t, ruleFiles)
	cl := classifier(t, nil)
	capsule := c.typeOf("ids.CapsuleID")
	for _, tc := range []struct {
		marker, want, imp, impName string
		cands                      []string
	}{
		{marker: "accessor", want: "ids.CapsuleFromContext(ctx)"},
		{marker: "accessorNoImport", want: "ids.CapsuleFromContext(ctx)", imp: "example.com/ids", impName: "ids"},
		{marker: "accessorAlias", want: "myids.CapsuleFromContext(ctx)"},
		{marker: "accessorClash"},
		{marker: "accessorBlank", want: "ids.CapsuleFromContext(ctx)", imp: "example.com/ids", impName: "ids"}, // beside the blank import
	} {
		v, err := cl.Lookup(c.site(tc.marker), Capsule, capsule)
		if tc.want == "" {
			if err == nil {
				t.Errorf("%s: Lookup = %+v, want an error", tc.marker, v)
			}
			continue
		}
		if err != nil || v != (Value{Expr: tc.want, Import: tc.imp, ImportName: tc.impName}) {
			t.Errorf("%s: Lookup = %+v, %v; want %s %s %s", tc.marker, v, err, tc.want, tc.imp, tc.impName)
		}
	}
	_, err := cl.Lookup(c.site("twoAccessors"), Capsule, c.typeOf("two.CapsuleID"))
	var le *LookupError
	if !errors.As(err, &le) || !slices.Equal(le.Candidates, []string{"two.A(ctx)", "two.B(ctx)"}) {
		t.Errorf("two accessors: %v", err)
	}
}

func TestLookupAccessorInSamePackage(t *testing.T) {
	c := newWorld(t).check(map[string]string{"p.go": `package p

import "context"

type CapsuleID string

func capsuleOf(ctx context.Context) CapsuleID { return "" }

func use(args ...any) {}

func f(ctx context.Context) {
	use(ctx /*@same*/)
}
`})
	v, err := classifier(t, nil).Lookup(c.site("same"), Capsule, c.typeOf("CapsuleID"))
	if err != nil || v != (Value{Expr: "capsuleOf(ctx)"}) {
		t.Errorf("Lookup = %+v, %v", v, err)
	}
}

func TestLookupCapsuleSource(t *testing.T) {
	c := lookupWorld(t, ruleFiles)
	src := func(path, expr string) func(*config.Config) {
		return func(cfg *config.Config) { cfg.CapsuleSource = config.Source{Import: path, Expr: expr} }
	}
	for _, tc := range []struct {
		name, marker string
		cfg          func(*config.Config)
		want         Value // zero: an error
	}{
		{"not imported", "source", src("example.com/internal/reqctx", "reqctx.Capsule({ctx})"),
			Value{Expr: "reqctx.Capsule(ctx)", Import: "example.com/internal/reqctx", ImportName: "reqctx"}},
		{"imported under an alias", "sourceAlias", src("example.com/internal/reqctx", "reqctx.Capsule({ctx})"),
			Value{Expr: "rc.Capsule(ctx)"}},
		{"major version path", "source", src("example.com/reqctx/v2", "reqctx.Capsule({ctx})"),
			Value{Expr: "reqctx.Capsule(ctx)", Import: "example.com/reqctx/v2", ImportName: "reqctx"}},
		{"major version path imported under an alias", "sourceAlias", src("example.com/reqctx/v2", "reqctx.Capsule({ctx})"),
			Value{Expr: "rc2.Capsule(ctx)"}},
		{"no import needed", "source", src("", "capsuleOf({ctx}, {ctx})"), Value{Expr: "capsuleOf(ctx, ctx)"}},
		{"name taken", "sourceClash", src("example.com/internal/reqctx", "reqctx.Capsule({ctx})"), Value{}},
		{"no context", "sourceNoContext", src("example.com/internal/reqctx", "reqctx.Capsule({ctx})"), Value{}},
		{"two contexts", "twoContexts", src("example.com/internal/reqctx", "reqctx.Capsule({ctx})"), Value{}},
		{"rule 1 first", "param", src("example.com/internal/reqctx", "reqctx.Capsule({ctx})"), Value{Expr: "c"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := classifier(t, tc.cfg).Lookup(c.site(tc.marker), Capsule, nil)
			if tc.want == (Value{}) {
				if err == nil {
					t.Errorf("Lookup = %+v, want an error", v)
				}
				return
			}
			if err != nil || v != tc.want {
				t.Errorf("Lookup = %+v, %v; want %+v", v, err, tc.want)
			}
		})
	}
	// Rule 3 comes before rule 4.
	cl := classifier(t, src("example.com/internal/reqctx", "reqctx.Capsule({ctx})"))
	if v, err := cl.Lookup(c.site("accessor"), Capsule, c.typeOf("ids.CapsuleID")); err != nil || v.Expr != "ids.CapsuleFromContext(ctx)" {
		t.Errorf("rule 3 before 4: %+v, %v", v, err)
	}
	// Rule 4 is for capsules only.
	if _, err := cl.Lookup(c.site("source"), Tenant, nil); err == nil {
		t.Errorf("capsule-source used for a tenant")
	}
}

func TestLookupTestCapsule(t *testing.T) {
	c := lookupWorld(t, ruleFiles)
	test := func(path, expr string) func(*config.Config) {
		return func(cfg *config.Config) { cfg.TestCapsule = config.Source{Import: path, Expr: expr} }
	}
	for _, tc := range []struct {
		name, marker string
		cfg          func(*config.Config)
		want         Value
	}{
		{"in a test", "test", test("example.com/testids", "testids.Capsule()"),
			Value{Expr: "testids.Capsule()", Import: "example.com/testids", ImportName: "testids"}},
		{"not in a non-test file", "sourceNoContext", test("example.com/testids", "testids.Capsule()"), Value{}},
		{"with a context", "testCtx", test("example.com/testids", "testids.FromCtx({ctx})"),
			Value{Expr: "testids.FromCtx(ctx)", Import: "example.com/testids", ImportName: "testids"}},
		{"needs a context there is not", "test", test("example.com/testids", "testids.FromCtx({ctx})"), Value{}},
		{"capsule-source first", "testCtx", func(cfg *config.Config) {
			test("example.com/testids", "testids.Capsule()")(cfg)
			cfg.CapsuleSource = config.Source{Import: "example.com/internal/reqctx", Expr: "reqctx.Capsule({ctx})"}
		}, Value{Expr: "reqctx.Capsule(ctx)", Import: "example.com/internal/reqctx", ImportName: "reqctx"}},
		{"capsule-source without a context falls to test-capsule", "test", func(cfg *config.Config) {
			test("example.com/testids", "testids.Capsule()")(cfg)
			cfg.CapsuleSource = config.Source{Import: "example.com/internal/reqctx", Expr: "reqctx.Capsule({ctx})"}
		}, Value{Expr: "testids.Capsule()", Import: "example.com/testids", ImportName: "testids"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := classifier(t, tc.cfg).Lookup(c.site(tc.marker), Capsule, nil)
			if tc.want == (Value{}) {
				if err == nil {
					t.Errorf("Lookup = %+v, want an error", v)
				}
				return
			}
			if err != nil || v != tc.want {
				t.Errorf("Lookup = %+v, %v; want %+v", v, err, tc.want)
			}
		})
	}
}

func TestImportNameAndImports(t *testing.T) {
	c := lookupWorld(t, ruleFiles)
	alias := c.files["alias.go"]
	site := c.site("accessorAlias")
	for _, tc := range []struct {
		path, def, want string
		ok              bool
	}{
		{"example.com/ids", "ids", "myids", true},     // imported under a name
		{"context", "context", "context", true},       // imported plainly
		{"example.com/orgs", "orgs", "orgs", true},    // not imported, name free
		{"example.com/x/use", "use", "", false},       // not imported, name taken by a package func
		{"example.com/x/ctx", "ctx", "", false},       // not imported, name taken by a param
		{"example.com/x/string", "string", "", false}, // the universe counts
	} {
		got, ok := ImportName(c.pkg, alias, site.Pos, tc.path, tc.def)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ImportName(%s, %s) = %q, %v; want %q, %v", tc.path, tc.def, got, ok, tc.want, tc.ok)
		}
	}
	if name, ok := ImportName(c.pkg, c.files["blank.go"], c.site("accessorBlank").Pos, "example.com/ids", "ids"); !ok || name != "ids" {
		t.Errorf("blank import: %q, %v; want a new import as ids", name, ok)
	}
	if !Imports(alias, "example.com/ids") || Imports(alias, "example.com/orgs") || !Imports(c.files["blank.go"], "example.com/ids") {
		t.Error("Imports")
	}
}

// Rule 2 wrote getReq().CapsuleID beside getReq().TenantID, calling
// getReq twice.
func TestRegressionSiblingFieldOfCallNotDuplicated(t *testing.T) {
	c := lookupWorld(t, nil)
	if v, err := classifier(t, nil).Lookup(c.site("siblingCall"), Capsule, c.typeOf("ids.CapsuleID")); err == nil {
		t.Errorf("Lookup = %+v; want no value", v)
	}
}

// Rule 2 with two different receivers (a.TenantID, b.TenantID) silently
// fell through to the next rules instead of reporting the ambiguity.
func TestRegressionSiblingFieldAmbiguity(t *testing.T) {
	c := lookupWorld(t, nil)
	_, err := classifier(t, nil).Lookup(c.site("siblingAmbiguous"), Capsule, c.typeOf("ids.CapsuleID"))
	var le *LookupError
	if !errors.As(err, &le) || len(le.Candidates) != 2 {
		t.Errorf("Lookup error = %v; want an ambiguity", err)
	}
}

// Rule 2 found only fields declared directly in X's struct: not a capsule
// field promoted from an embedded struct, and not through string(X.T).
func TestRegressionSiblingFieldPromotedAndConverted(t *testing.T) {
	c := lookupWorld(t, nil)
	cl := classifier(t, nil)
	for marker, want := range map[string]string{"promoted": "o.CapsuleID", "siblingConv": "req.CapsuleID"} {
		if v, err := cl.Lookup(c.site(marker), Capsule, c.typeOf("ids.CapsuleID")); err != nil || v.Expr != want {
			t.Errorf("%s: Lookup = %+v, %v; want %s", marker, v, err, want)
		}
	}
}

// A capsule-source at a /v2 path imported under an alias kept the
// unqualified reqctx.Capsule, which does not compile.
func TestRegressionCapsuleSourceMajorVersionAlias(t *testing.T) {
	c := lookupWorld(t, ruleFiles)
	cl := classifier(t, func(cfg *config.Config) {
		cfg.CapsuleSource = config.Source{Import: "example.com/reqctx/v2", Expr: "reqctx.Capsule({ctx})"}
	})
	if v, err := cl.Lookup(c.site("sourceAlias"), Capsule, nil); err != nil || v.Expr != "rc2.Capsule(ctx)" {
		t.Errorf("Lookup = %+v, %v; want rc2.Capsule(ctx)", v, err)
	}
}

// ImportName returned the file's import name even where a local variable
// shadows it, so rule 3 wrote ids.CapsuleFromContext(ctx) with ids a
// []string parameter.
func TestRegressionImportNameShadowed(t *testing.T) {
	c := newWorld(t).check(map[string]string{"p.go": `package p

import (
	"context"

	"example.com/ids"
	myids "example.com/orgs"
)

var _ ids.TenantID
var _ myids.OrgID

func use(args ...any) {}

func shadowed(ctx context.Context, ids []string) {
	use(ctx, ids /*@shadowed*/)
}

func aliasShadowed(myids int) {
	use(myids /*@aliasShadowed*/)
}
`})
	cl := classifier(t, nil)
	if v, err := cl.Lookup(c.site("shadowed"), Capsule, c.typeOf("ids.CapsuleID")); err == nil {
		t.Errorf("Lookup = %+v; want no value (ids is a parameter there)", v)
	}
	// The alias is shadowed, the default name is free: a second import.
	name, ok, needs := importName(c.pkg, c.files["p.go"], c.site("aliasShadowed").Pos, "example.com/orgs", "orgs")
	if name != "orgs" || !ok || !needs {
		t.Errorf("importName = %q, %v, %v; want orgs, a new import", name, ok, needs)
	}
	name, ok, needs = importName(c.pkg, c.files["p.go"], c.site("shadowed").Pos, "example.com/orgs", "orgs")
	if name != "myids" || !ok || needs {
		t.Errorf("importName = %q, %v, %v; want the existing myids", name, ok, needs)
	}
}

// An unnamed import was assumed to be called def, the path's last
// element, though the package may be called otherwise.
func TestImportNameUsesThePackageName(t *testing.T) {
	c := newWorld(t).check(map[string]string{"p.go": `package p

import "example.com/reqctx/v2"

var _ = reqctx.Capsule

func f() {
	_ = 1 /*@here*/
}
`})
	name, ok := ImportName(c.pkg, c.files["p.go"], c.site("here").Pos, "example.com/reqctx/v2", "v2")
	if name != "reqctx" || !ok {
		t.Errorf("ImportName = %q, %v; want reqctx", name, ok)
	}
}
