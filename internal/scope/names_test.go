package scope

import (
	"errors"
	"go/types"
	"strings"
	"testing"

	"github.com/capsulelint/capsulelint/internal/config"
)

// A service whose tenants and capsules are strings known by name
// (tenant-names, capsule-names), with capsule-source and test-capsule
// configured: the acceptance configuration of issue 13.
var namesFiles = map[string]string{
	"store.go": `package p

import (
	"context"

	"example.com/api"
	"example.com/ids"
)

func use(args ...any) {}

type Request struct {
	AccountSlug string
	EnvKey      string
}

func rule1(ctx context.Context, tenantSlug, capsuleID, id string) {
	use(ctx, tenantSlug /*@rule1*/, id)
}

func rule1Typed(c ids.CapsuleID, tenantSlug string) {
	use(tenantSlug /*@rule1Typed*/)
}

func rule2(req *Request, id string) {
	use(req.AccountSlug /*@rule2*/, id)
}

func rule2OtherPackage(ctx context.Context, req api.Request) {
	use(ctx, req.AccountSlug /*@rule2OtherPackage*/, req.Name)
}

func rule2NoField(req api.Legacy) {
	use(req.AccountSlug /*@rule2NoField*/)
}

func rule4(ctx context.Context, tenantSlug, id string) {
	use(ctx, tenantSlug /*@rule4*/, id)
}

func noValue(tenantSlug, id string) {
	use(tenantSlug /*@noValue*/, id)
}

func twoContexts(ctx, bg context.Context, tenantSlug string) {
	use(ctx, bg, tenantSlug /*@twoContexts*/)
}
`,
	"store_test.go": `package p

import "context"

type repo struct{}

func (repo) Get(ctx context.Context, tenantSlug, id string) {}

func literalTenant() {
	var r repo
	r.Get(context.Background(), "acme" /*@literalTenant*/, "id")
}

func literalTenantCtx(ctx context.Context) {
	var r repo
	r.Get(ctx, "acme" /*@literalTenantCtx*/, "id")
}

func literalTenantTwoContexts(ctx, bg context.Context) {
	var r repo
	r.Get(ctx, "acme" /*@literalTenantTwoContexts*/, "id")
}
`,
}

func namesConfig(cfg *config.Config) {
	cfg.TenantNames = []string{"tenantSlug", "TenantSlug", "slug", "AccountSlug"}
	cfg.CapsuleNames = []string{"capsuleID", "CapsuleID", "EnvKey"}
	cfg.CapsuleSource = config.Source{Import: "example.com/capsule", Expr: "capsule.FromContext({ctx})"}
	cfg.TestCapsule = config.Source{Import: "example.com/capsule", Expr: "capsule.Test()"}
}

// TestLookupByConfiguredNames checks every rule with string IDs known by
// name, the wanted type being string (the new parameter's type).
func TestLookupByConfiguredNames(t *testing.T) {
	c := newWorld(t).check(namesFiles)
	cl := classifier(t, namesConfig)
	str := types.Typ[types.String]
	fromContext := func(ctx string) Value {
		return Value{Expr: "capsule.FromContext(" + ctx + ")", Import: "example.com/capsule", ImportName: "capsule"}
	}
	test := Value{Expr: "capsule.Test()", Import: "example.com/capsule", ImportName: "capsule"}
	for _, tc := range []struct {
		marker string
		want   Value
	}{
		{"rule1", Value{Expr: "capsuleID"}},
		{"rule2", Value{Expr: "req.EnvKey"}},
		{"rule2OtherPackage", Value{Expr: "req.EnvKey"}},
		{"rule4", fromContext("ctx")},
		{"literalTenant", test},
		{"literalTenantCtx", fromContext("ctx")}, // rule 4 comes before rule 5
		{"literalTenantTwoContexts", test},
	} {
		v, err := cl.Lookup(c.site(tc.marker), Capsule, str)
		if err != nil || v != tc.want {
			t.Errorf("%s: Lookup = %+v, %v; want %+v", tc.marker, v, err, tc.want)
		}
	}
}

// TestLookupErrorNamesEveryRule checks that a failed lookup names the
// value it needed and every rule it tried, configured ones included,
// with why each gave nothing, on one line.
func TestLookupErrorNamesEveryRule(t *testing.T) {
	c := newWorld(t).check(namesFiles)
	str := types.Typ[types.String]
	for _, tc := range []struct {
		name, marker string
		cfg          func(*config.Config)
		k            Kind
		want         types.Type
		msg          string
	}{
		{"configured names, nothing in scope", "noValue", namesConfig, Capsule, str,
			"no capsule ID value is in scope: tried a capsule variable or parameter of type string named capsuleID or CapsuleID or EnvKey (none in scope); " +
				"X.CapsuleID beside X.TenantSlug (no argument of the call is a tenant field); " +
				"a func(context.Context) CapsuleID accessor (needs a capsule ID type, and string is none: an accessor is told by its result type); " +
				"capsule-source (needs one context.Context in scope, found none); " +
				"test-capsule (not a _test.go file)"},
		{"a typed capsule where a string one is wanted", "rule1Typed", namesConfig, Capsule, str,
			"tried a capsule variable or parameter of type string named capsuleID or CapsuleID or EnvKey (c is ids.CapsuleID, not string); "},
		{"no sibling field", "rule2NoField", namesConfig, Capsule, str,
			"X.CapsuleID beside X.TenantSlug (req (api.Legacy) has no capsule field beside AccountSlug); "},
		{"two contexts", "twoContexts", namesConfig, Capsule, str,
			"capsule-source (needs one context.Context in scope, found 2 (bg, ctx)); test-capsule (not a _test.go file)"},
		{"nothing configured", "noValue", nil, Capsule, nil,
			"no capsule ID value is in scope: tried a capsule variable or parameter of type CapsuleID or CapsuleId (none in scope); " +
				"X.CapsuleID beside X.TenantID (no argument of the call is a tenant field); " +
				"a func(context.Context) CapsuleID accessor (needs the capsule ID type, which is not known here); " +
				"capsule-source (not configured); test-capsule (not configured)"},
		{"typed, no context", "noValue", nil, Capsule, c.typeOf("ids.CapsuleID"),
			"a func(context.Context) ids.CapsuleID accessor in package ids (needs one context.Context in scope, found none); "},
		{"a tenant: rules 4 and 5 are for capsules", "noValue", namesConfig, Tenant, c.typeOf("ids.TenantID"),
			"no tenant ID value is in scope: tried a tenant variable or parameter of type ids.TenantID (tenantSlug is string, not ids.TenantID); " +
				"X.TenantSlug beside X.CapsuleID (no argument of the call is a capsule field); " +
				"a func(context.Context) ids.TenantID accessor in package ids (needs one context.Context in scope, found none)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := classifier(t, tc.cfg).Lookup(c.site(tc.marker), tc.k, tc.want)
			var le *LookupError
			if !errors.As(err, &le) {
				t.Fatalf("Lookup error = %v, want a *LookupError", err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.msg) || strings.Contains(msg, "\n") {
				t.Errorf("message\n%s\nwant it to contain\n%s", msg, tc.msg)
			}
			if tc.k == Capsule && len(le.Tried) != 5 || tc.k == Tenant && len(le.Tried) != 3 {
				t.Errorf("Tried = %+v, want every rule", le.Tried)
			}
			for i, a := range le.Tried {
				if a.Rule != i+1 || a.What == "" || a.Why == "" {
					t.Errorf("attempt %d = %+v", i, a)
				}
			}
		})
	}
}

// TestLookupHTTPRequestContext: in an HTTP handler with no
// context.Context variable, the request's context is r.Context(), for
// rule 3 and for {ctx}; a context.Context variable comes first.
func TestLookupHTTPRequestContext(t *testing.T) {
	c := newWorld(t).check(map[string]string{"p.go": `package p

import (
	"context"
	"net/http"

	"example.com/ids"
)

var _ ids.TenantID

func use(args ...any) {}

func serve(w any, r *http.Request, tenantSlug string) {
	use(r.Context(), tenantSlug /*@handler*/)
}

func serveCtx(ctx context.Context, r *http.Request, tenantSlug string) {
	use(ctx, tenantSlug /*@handlerCtx*/)
}

func proxy(a, b *http.Request, tenantSlug string) {
	use(a, b, tenantSlug /*@twoRequests*/)
}
`})
	cl := classifier(t, namesConfig)
	str := types.Typ[types.String]
	for marker, want := range map[string]Value{
		"handler":    {Expr: "capsule.FromContext(r.Context())", Import: "example.com/capsule", ImportName: "capsule"},
		"handlerCtx": {Expr: "capsule.FromContext(ctx)", Import: "example.com/capsule", ImportName: "capsule"},
	} {
		if v, err := cl.Lookup(c.site(marker), Capsule, str); err != nil || v != want {
			t.Errorf("%s: Lookup = %+v, %v; want %+v", marker, v, err, want)
		}
	}
	if v, err := cl.Lookup(c.site("handler"), Capsule, c.typeOf("ids.CapsuleID")); err != nil || v.Expr != "ids.CapsuleFromContext(r.Context())" {
		t.Errorf("rule 3 in a handler: Lookup = %+v, %v", v, err)
	}
	_, err := cl.Lookup(c.site("twoRequests"), Capsule, str)
	if err == nil || !strings.Contains(err.Error(), "capsule-source (needs one context.Context in scope, found 2 (a.Context(), b.Context()))") {
		t.Errorf("two requests: %v", err)
	}
}

// TestLookupTemplateTypeChecked: a capsule-source whose function's
// result is not assignable to the wanted type is not used (the fix would
// not compile), and the message says so.
func TestLookupTemplateTypeChecked(t *testing.T) {
	c := newWorld(t).check(map[string]string{"p.go": `package p

import (
	"context"

	"example.com/capsule"
)

var _ = capsule.Test

type CapsuleID string

func use(args ...any) {}

func f(ctx context.Context, tenantSlug string) {
	use(ctx, tenantSlug /*@typed*/)
}
`})
	cl := classifier(t, namesConfig)
	_, err := cl.Lookup(c.site("typed"), Capsule, c.typeOf("CapsuleID"))
	want := "a func(context.Context) CapsuleID accessor in package p (package p declares none); capsule-source (capsule.FromContext(ctx) is string, not CapsuleID); test-capsule (not a _test.go file)"
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("Lookup error = %v; want it to end with %s", err, want)
	}
	v, err := cl.Lookup(c.site("typed"), Capsule, types.Typ[types.String])
	if err != nil || v != (Value{Expr: "capsule.FromContext(ctx)"}) {
		t.Errorf("Lookup(string) = %+v, %v; want capsule.FromContext(ctx), imported already", v, err)
	}
}
