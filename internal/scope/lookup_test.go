package scope

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/capsulelint/capsulelint/internal/config"
)

const lookupSrc = `package p

import (
	"context"

	"example.com/ids"
	"example.com/orgs"
)

type Req struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
}

type Outer struct {
	ids.Scope
	Name string
}

type Wrapper struct {
	Inner ids.Scope
	CapsuleID ids.CapsuleID
}

type NoCapsule struct{ TenantID ids.TenantID }

type Svc struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
}

var pkgCapsule ids.CapsuleID

func use(args ...any) {}

func getReq() Req { return Req{} }

func rule1Param(t ids.TenantID, c ids.CapsuleID) {
	use(t /*@param*/)
}

func rule1Local(t ids.TenantID) {
	local := ids.CapsuleID("dev")
	use(t, local /*@local*/)
}

func rule1DeclaredAfter(t ids.TenantID) {
	use(t /*@after*/)
	later := ids.CapsuleID("dev")
	_ = later
}

func rule1SelfReference(t ids.TenantID) {
	x := ids.CapsuleID(string(t /*@selfref*/))
	_ = x
}

func rule1Shadowed(c ids.CapsuleID) {
	{
		c := "shadowed by a string"
		use(c /*@shadowed*/)
	}
	use(c /*@unshadowed*/)
}

func rule1Ambiguous(c1, c2 ids.CapsuleID) {
	use(c1 /*@ambiguous*/)
}

func rule1Nested(c1 ids.CapsuleID) {
	if true {
		c2 := ids.CapsuleID("x")
		use(c2 /*@nested*/)
	}
	use(c1 /*@outerOnly*/)
}

func rule1Closure(c ids.CapsuleID) {
	f := func() {
		use( /*@closure*/ )
	}
	f()
}

func rule1PackageVar() {
	use(pkgCapsule /*@pkgvar*/)
}

func rule1Want(p orgs.ProjectID) {
	use(p /*@want*/)
}

func rule1Blank(_ ids.CapsuleID) {
	use( /*@blank*/ )
}

func rule2(req Req) {
	use(req.TenantID /*@sibling*/)
}

func rule2Pointer(req *Req) {
	use(string(req.TenantID) /*@siblingConv*/)
}

func (s *Svc) rule2Receiver() {
	use(s.TenantID /*@receiver*/)
}

func rule2Promoted(o Outer) {
	use(o.TenantID /*@promoted*/)
}

func rule2Nested(w Wrapper) {
	use(w.Inner.TenantID /*@nestedField*/)
}

func rule2Call() {
	use(getReq().TenantID /*@siblingCall*/)
}

func rule2TwoReceivers(a, b Req) {
	use(a.TenantID, b.TenantID /*@siblingAmbiguous*/)
}

func rule2Same(a Req) {
	use(a.TenantID, string(a.TenantID) /*@siblingSame*/)
}

func rule2NoField(n NoCapsule) {
	use(n.TenantID /*@siblingNone*/)
}

func rule2Unexported(p ids.Private) {
	use(p.TenantID /*@siblingUnexported*/)
}

func rule2Index(reqs []Req, i int) {
	use(reqs[i].TenantID /*@siblingIndex*/)
}

func rule3(ctx context.Context) {
	use(ctx /*@accessor*/)
}

func rule3TwoContexts(ctx, other context.Context) {
	use(ctx /*@twoContexts*/)
}

func rule3NoContext() {
	use( /*@noContext*/ )
}

func rule1BeatsRule2(req Req, c ids.CapsuleID) {
	use(req.TenantID /*@order12*/)
}

func rule2BeatsRule3(ctx context.Context, req Req) {
	use(req.TenantID /*@order23*/)
}
`

func lookupWorld(t testing.TB, extra map[string]string) *checked {
	files := map[string]string{"p.go": lookupSrc}
	for k, v := range extra {
		files[k] = v
	}
	return newWorld(t).check(files)
}

func TestLookup(t *testing.T) {
	c := lookupWorld(t, nil)
	cl := classifier(t, func(cfg *config.Config) { cfg.CapsuleTypes = []string{"example.com/orgs.ProjectID"} })
	capsule := c.typeOf("ids.CapsuleID")
	for _, tc := range []struct {
		marker string
		want   string   // the expression; "" when an error is wanted
		cands  []string // the candidates of an ambiguity error
	}{
		{"param", "c", nil},
		{"local", "local", nil},
		{"after", "", nil},
		{"selfref", "", nil},
		{"shadowed", "", nil},
		{"unshadowed", "c", nil},
		{"ambiguous", "", []string{"c1", "c2"}},
		{"nested", "", []string{"c2", "c1"}}, // innermost first
		{"outerOnly", "c1", nil},
		{"closure", "c", nil},
		{"pkgvar", "", nil},
		{"want", "", nil}, // orgs.ProjectID is a capsule type, not assignable to ids.CapsuleID
		{"blank", "", nil},
		{"sibling", "req.CapsuleID", nil},
		{"siblingConv", "req.CapsuleID", nil},
		{"receiver", "s.CapsuleID", nil},
		{"promoted", "o.CapsuleID", nil},
		{"nestedField", "w.Inner.CapsuleID", nil},
		{"siblingCall", "", nil},
		{"siblingAmbiguous", "", []string{"a.CapsuleID", "b.CapsuleID"}},
		{"siblingSame", "a.CapsuleID", nil},
		{"siblingNone", "", nil},
		{"siblingUnexported", "", nil},
		{"siblingIndex", "reqs[i].CapsuleID", nil},
		{"accessor", "ids.CapsuleFromContext(ctx)", nil},
		{"twoContexts", "", nil},
		{"noContext", "", nil},
		{"order12", "c", nil},
		{"order23", "req.CapsuleID", nil},
	} {
		t.Run(tc.marker, func(t *testing.T) {
			v, err := cl.Lookup(c.site(tc.marker), Capsule, capsule)
			if tc.want != "" {
				if err != nil || v.Expr != tc.want || v.Import != "" {
					t.Errorf("Lookup = %+v, %v; want %s", v, err, tc.want)
				}
				return
			}
			var le *LookupError
			if !errors.As(err, &le) {
				t.Fatalf("Lookup = %+v, %v; want a *LookupError", v, err)
			}
			if le.Kind != Capsule || !slices.Equal(le.Candidates, tc.cands) {
				t.Errorf("error %+v, want candidates %q", le, tc.cands)
			}
			msg := err.Error()
			if tc.cands == nil && !strings.HasPrefix(msg, "no capsule ID value is in scope") {
				t.Errorf("error %q", msg)
			}
			if tc.cands != nil && !strings.Contains(msg, "more than one capsule ID value is in scope ("+strings.Join(tc.cands, ", ")+")") {
				t.Errorf("error %q", msg)
			}
		})
	}
}

func TestLookupWantNil(t *testing.T) {
	c := lookupWorld(t, nil)
	cl := classifier(t, func(cfg *config.Config) { cfg.CapsuleTypes = []string{"example.com/orgs.ProjectID"} })
	// Without a wanted type, any capsule var will do, and rule 3 (which
	// needs the type's package) does not apply.
	if v, err := cl.Lookup(c.site("want"), Capsule, nil); err != nil || v.Expr != "p" {
		t.Errorf("Lookup(want nil) = %+v, %v; want p", v, err)
	}
	if _, err := cl.Lookup(c.site("accessor"), Capsule, nil); err == nil {
		t.Errorf("rule 3 applied without a wanted type")
	}
}

func TestLookupTenant(t *testing.T) {
	c := lookupWorld(t, nil)
	cl := classifier(t, nil)
	tenant := c.typeOf("ids.TenantID")
	if v, err := cl.Lookup(c.site("param"), Tenant, tenant); err != nil || v.Expr != "t" {
		t.Errorf("tenant param: %+v, %v", v, err)
	}
	if v, err := cl.Lookup(c.site("accessor"), Tenant, tenant); err != nil || v.Expr != "ids.TenantFromContext(ctx)" {
		t.Errorf("tenant accessor: %+v, %v", v, err)
	}
	_, err := cl.Lookup(c.site("noContext"), Tenant, tenant)
	if err == nil || !strings.HasPrefix(err.Error(), "no tenant ID value is in scope") {
		t.Errorf("tenant none: %v", err)
	}
}

func TestLookupByName(t *testing.T) {
	c := newWorld(t).check(map[string]string{"p.go": `package p

func use(args ...any) {}

func f(orgSlug string, projectKey string) {
	use(orgSlug /*@byName*/)
}

func g(orgSlug string, ProjectKey []byte) {
	use(orgSlug /*@notString*/)
}

type Req struct{ OrgSlug, ProjectKey string }

func h(r Req) {
	use(r.OrgSlug /*@fieldByName*/)
}
`})
	cl := classifier(t, func(cfg *config.Config) {
		cfg.TenantNames = []string{"orgSlug", "OrgSlug"}
		cfg.CapsuleNames = []string{"projectKey", "ProjectKey"}
	})
	for marker, want := range map[string]string{"byName": "projectKey", "notString": "", "fieldByName": "r.ProjectKey"} {
		v, err := cl.Lookup(c.site(marker), Capsule, nil)
		if want == "" {
			if err == nil {
				t.Errorf("%s: Lookup = %+v, want an error", marker, v)
			}
			continue
		}
		if err != nil || v.Expr != want {
			t.Errorf("%s: Lookup = %+v, %v; want %s", marker, v, err, want)
		}
	}
}
