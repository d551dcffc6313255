package scope

import (
	"go/ast"
	"go/types"
	"testing"

	"github.com/capsulelint/capsulelint/internal/config"
)

const classifySrc = `package p

import (
	"example.com/ids"
	"example.com/orgs"
	"example.com/tonly"
)

type TenantID string
type TenantId string
type CapsuleId int
type ProjectID string
type Slug string

type AliasTenant = ids.TenantID
type TenantAlias = string
type Pointer = *ids.TenantID

var (
	vIDs      ids.TenantID
	vCapsule  ids.CapsuleID
	vLocal    TenantID
	vLocalId  TenantId
	vCapsId   CapsuleId
	vOrg      orgs.OrgID
	vProject  orgs.ProjectID
	vProjLoc  ProjectID
	vOrgsId   orgs.TenantId
	vTonly    tonly.TenantID
	vAlias    AliasTenant
	vAliasStr TenantAlias
	vPtr      *ids.TenantID
	vPtrAlias Pointer
	vSlice    []ids.TenantID
	vString   string
	orgSlug   string
	OrgSlug   Slug
	projKey   string
	intSlug   int
)

type Req struct {
	orgSlug string
	TenantID ids.TenantID
}

var req Req

var exprs = []any{
	vIDs,                    // tenant
	string(vIDs),            // tenant: conversions are looked through
	(string)(vCapsule),      // capsule
	ids.TenantID("acme"),    // tenant: a conversion to an ID type
	ids.CapsuleID(vString),  // capsule
	ids.CapsuleID(vIDs),     // tenant: the converted value's kind wins
	orgSlug,                 // tenant, by name
	req.orgSlug,             // tenant, by field name
	req.TenantID,            // tenant
	"acme",                  // none
	vString,                 // none
	intSlug,                 // none: not a string
	ids.TenantFromContext(nil), // tenant: a call of ID type
	vPtr,                    // none: pointers do not count
}
`

func TestIsType(t *testing.T) {
	w := newWorld(t)
	c := w.check(map[string]string{"p.go": classifySrc})
	cl := classifier(t, func(cfg *config.Config) {
		cfg.TenantTypes = []string{"OrgID"}
		cfg.CapsuleTypes = []string{"example.com/orgs.ProjectID"}
	})
	for _, tc := range []struct {
		v      string
		kind   Kind
		ok     bool
		reason string
	}{
		{"vIDs", Tenant, true, "default name, any package"},
		{"vCapsule", Capsule, true, "default name"},
		{"vLocal", Tenant, true, "default name in the package itself"},
		{"vLocalId", Tenant, true, "TenantId spelling"},
		{"vCapsId", Capsule, true, "CapsuleId of int kind: types count whatever their kind"},
		{"vOrgsId", Tenant, true, "TenantId in another package"},
		{"vTonly", Tenant, true, "TenantID in another package"},
		{"vOrg", Tenant, true, "configured bare name"},
		{"vProject", Capsule, true, "configured qualified name"},
		{"vProjLoc", Capsule, false, "a qualified name matches its package only"},
		{"vAlias", Tenant, true, "alias of an ID type"},
		{"vAliasStr", Tenant, false, "an alias of string called TenantAlias"},
		{"vPtr", Tenant, false, "pointers do not count"},
		{"vPtrAlias", Tenant, false, "alias of a pointer"},
		{"vSlice", Tenant, false, "slices do not count"},
		{"vString", Tenant, false, "string"},
		{"orgSlug", Tenant, false, "a name is not a type"},
	} {
		v := c.pkg.Scope().Lookup(tc.v).(*types.Var)
		want := tc.ok
		if got := cl.IsType(tc.kind, v.Type()); got != want {
			t.Errorf("IsType(%s, %s %s) = %v, want %v (%s)", tc.kind, tc.v, v.Type(), got, want, tc.reason)
		}
		if want {
			if got := cl.IsType(tc.kind.Other(), v.Type()); got {
				t.Errorf("IsType(%s, %s) = true as well", tc.kind.Other(), tc.v)
			}
		}
	}
	if cl.IsType(Tenant, nil) {
		t.Error("IsType(nil)")
	}
}

// An alias named like an ID type counts: type TenantID = string.
func TestIsTypeAliasNamedTenantID(t *testing.T) {
	w := newWorld(t)
	c := w.check(map[string]string{"p.go": "package p\n\ntype TenantID = string\n\nvar v TenantID\nvar s string\n"})
	cl := classifier(t, nil)
	if !cl.IsType(Tenant, c.pkg.Scope().Lookup("v").Type()) {
		t.Error("var of alias TenantID = string: want tenant")
	}
	if cl.IsType(Tenant, c.pkg.Scope().Lookup("s").Type()) {
		t.Error("plain string: want no kind")
	}
}

func TestIsNameAndIsVar(t *testing.T) {
	w := newWorld(t)
	c := w.check(map[string]string{"p.go": classifySrc})
	cl := classifier(t, func(cfg *config.Config) {
		cfg.TenantNames = []string{"orgSlug", "OrgSlug", "intSlug"}
		cfg.CapsuleNames = []string{"projKey"}
	})
	lookup := func(n string) *types.Var { return c.pkg.Scope().Lookup(n).(*types.Var) }
	for _, tc := range []struct {
		v    string
		kind Kind
		ok   bool
	}{
		{"orgSlug", Tenant, true},
		{"OrgSlug", Tenant, true}, // named string type: string kind
		{"projKey", Capsule, true},
		{"intSlug", Tenant, false}, // configured, but not of string kind
		{"vString", Tenant, false}, // string, not configured
		{"vIDs", Tenant, true},     // by type
		{"vPtr", Tenant, false},
	} {
		v := lookup(tc.v)
		if got := cl.IsVar(tc.kind, v); got != tc.ok {
			t.Errorf("IsVar(%s, %s) = %v, want %v", tc.kind, tc.v, got, tc.ok)
		}
		k, ok := cl.KindOfVar(v)
		if ok != tc.ok || ok && k != tc.kind {
			t.Errorf("KindOfVar(%s) = %v, %v", tc.v, k, ok)
		}
	}
	if cl.IsVar(Tenant, nil) || cl.IsName(Tenant, "orgSlug", nil) {
		t.Error("nil var or type")
	}
	if !cl.IsName(Tenant, "orgSlug", types.Typ[types.String]) || cl.IsName(Capsule, "orgSlug", types.Typ[types.String]) {
		t.Error("IsName")
	}
	if cl.IsName(Tenant, "orgSlug", types.NewPointer(types.Typ[types.String])) {
		t.Error("IsName of *string")
	}
	// A struct field by name.
	st := lookup("req").Type().Underlying().(*types.Struct)
	if k, ok := cl.KindOfVar(st.Field(0)); !ok || k != Tenant {
		t.Errorf("field orgSlug: %v %v", k, ok)
	}
}

func TestKindOfExpr(t *testing.T) {
	w := newWorld(t)
	c := w.check(map[string]string{"p.go": classifySrc})
	cl := classifier(t, func(cfg *config.Config) { cfg.TenantNames = []string{"orgSlug"} })
	var elts []ast.Expr
	ast.Inspect(c.files["p.go"], func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok && vs.Names[0].Name == "exprs" {
			elts = vs.Values[0].(*ast.CompositeLit).Elts
		}
		return true
	})
	type want struct {
		kind Kind
		ok   bool
	}
	wants := []want{
		{Tenant, true}, {Tenant, true}, {Capsule, true}, {Tenant, true}, {Capsule, true}, {Tenant, true},
		{Tenant, true}, {Tenant, true}, {Tenant, true}, {0, false}, {0, false}, {0, false}, {Tenant, true}, {0, false},
	}
	if len(elts) != len(wants) {
		t.Fatalf("%d exprs, %d wants", len(elts), len(wants))
	}
	for i, e := range elts {
		k, ok := cl.KindOfExpr(c.info, e)
		if ok != wants[i].ok || ok && k != wants[i].kind {
			t.Errorf("KindOfExpr(%s) = %v, %v; want %v, %v", types.ExprString(e), k, ok, wants[i].kind, wants[i].ok)
		}
	}
}

// ids.TenantID("acme") was looked through to "acme" and had no kind.
func TestRegressionKindOfConversionToIDType(t *testing.T) {
	w := newWorld(t)
	c := w.check(map[string]string{"p.go": "package p\n\nimport \"example.com/ids\"\n\nvar s string\nvar v = ids.CapsuleID(s)\n"})
	cl := classifier(t, nil)
	var conv ast.Expr
	ast.Inspect(c.files["p.go"], func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			conv = call
		}
		return true
	})
	if k, ok := cl.KindOfExpr(c.info, conv); !ok || k != Capsule {
		t.Errorf("KindOfExpr(ids.CapsuleID(s)) = %v, %v; want capsule", k, ok)
	}
}

func TestIDType(t *testing.T) {
	w := newWorld(t)
	c := w.check(map[string]string{"p.go": `package p

import (
	"example.com/both"
	"example.com/ids"
	"example.com/orgs"
	"example.com/tonly"
)

var (
	_ ids.TenantID
	_ orgs.OrgID
	_ tonly.TenantID
	_ both.TenantID
)
`})
	for _, tc := range []struct {
		name  string
		cfg   func(*config.Config)
		k     Kind
		other types.Type
		want  TypeRef // Type compared by presence
		typed bool
		ok    bool
	}{
		{"capsule next to the tenant type", nil, Capsule, c.typeOf("ids.TenantID"),
			TypeRef{Path: "example.com/ids", PkgName: "ids", Name: "CapsuleID"}, true, true},
		{"tenant next to the capsule type", nil, Tenant, c.typeOf("ids.CapsuleID"),
			TypeRef{Path: "example.com/ids", PkgName: "ids", Name: "TenantID"}, true, true},
		{"configured types in one package", func(cfg *config.Config) {
			cfg.TenantTypes, cfg.CapsuleTypes = []string{"example.com/orgs.OrgID"}, []string{"example.com/orgs.ProjectID"}
		}, Capsule, c.typeOf("orgs.OrgID"), TypeRef{Path: "example.com/orgs", PkgName: "orgs", Name: "ProjectID"}, true, true},
		{"no capsule type next to the tenant type: the configured one", func(cfg *config.Config) {
			cfg.CapsuleTypes = []string{"example.com/orgs.ProjectID"}
		}, Capsule, c.typeOf("tonly.TenantID"), TypeRef{Path: "example.com/orgs", PkgName: "orgs", Name: "ProjectID"}, false, true},
		{"two configured qualified types, neither beside the tenant type: none chosen", func(cfg *config.Config) {
			cfg.CapsuleTypes = []string{"example.com/z.Z", "example.com/ids/v2.CapsuleKey"}
		}, Capsule, c.typeOf("tonly.TenantID"), TypeRef{}, false, false},
		{"two capsule types next to the tenant type: none chosen", nil, Capsule, c.typeOf("both.TenantID"), TypeRef{}, false, false},
		{"nothing configured", nil, Capsule, c.typeOf("tonly.TenantID"), TypeRef{}, false, false},
		{"string tenant, capsule configured by name", func(cfg *config.Config) {
			cfg.TenantNames, cfg.CapsuleNames = []string{"orgSlug"}, []string{"projKey"}
		}, Capsule, types.Typ[types.String], TypeRef{Name: "string"}, true, true},
		{"string tenant beats a configured type", func(cfg *config.Config) {
			cfg.CapsuleNames, cfg.CapsuleTypes = []string{"projKey"}, []string{"example.com/orgs.ProjectID"}
		}, Capsule, types.Typ[types.String], TypeRef{Name: "string"}, true, true},
		{"typed tenant with no capsule type: string when named", func(cfg *config.Config) {
			cfg.CapsuleNames = []string{"projKey"}
		}, Capsule, c.typeOf("tonly.TenantID"), TypeRef{Name: "string"}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cl := classifier(t, tc.cfg)
			got, err := cl.IDType(tc.k, tc.other, nil, nil)
			if ok := err == nil; ok != tc.ok {
				t.Fatalf("IDType = %+v, %v; want ok %v", got, ok, tc.ok)
			}
			if (got.Type != nil) != tc.typed {
				t.Errorf("Type = %v, want loaded %v", got.Type, tc.typed)
			}
			got.Type = nil
			if got != tc.want {
				t.Errorf("IDType = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestParamAndFieldNames(t *testing.T) {
	for _, tc := range []struct {
		names                    []string
		param, field             string
		tenantParam, tenantField string
	}{
		{nil, "capsuleID", "CapsuleID", "tenantID", "TenantID"},
		{[]string{"projectKey", "ProjectKey"}, "projectKey", "ProjectKey", "tenantID", "TenantID"},
		{[]string{"ProjectKey", "projectKey"}, "projectKey", "ProjectKey", "tenantID", "TenantID"},
		{[]string{"ProjectKey"}, "capsuleID", "ProjectKey", "tenantID", "TenantID"},
		{[]string{"projectKey"}, "projectKey", "CapsuleID", "tenantID", "TenantID"},
		{[]string{"_proj", "Proj"}, "_proj", "Proj", "tenantID", "TenantID"},
	} {
		cl := classifier(t, func(cfg *config.Config) { cfg.CapsuleNames = tc.names })
		if got := cl.ParamName(Capsule); got != tc.param {
			t.Errorf("%q: ParamName = %q, want %q", tc.names, got, tc.param)
		}
		if got := cl.FieldName(Capsule); got != tc.field {
			t.Errorf("%q: FieldName = %q, want %q", tc.names, got, tc.field)
		}
		if cl.ParamName(Tenant) != tc.tenantParam || cl.FieldName(Tenant) != tc.tenantField {
			t.Errorf("%q: tenant names %q %q", tc.names, cl.ParamName(Tenant), cl.FieldName(Tenant))
		}
	}
	cl := classifier(t, func(cfg *config.Config) { cfg.TenantNames = []string{"OrgSlug", "orgSlug"} })
	if cl.ParamName(Tenant) != "orgSlug" || cl.FieldName(Tenant) != "OrgSlug" {
		t.Errorf("tenant: %q %q", cl.ParamName(Tenant), cl.FieldName(Tenant))
	}
}

func TestAssumedName(t *testing.T) {
	for path, want := range map[string]string{
		"example.com/ids":             "ids",
		"example.com/ids/v2":          "ids",
		"gopkg.in/yaml.v3":            "yaml",
		"github.com/x/go-ids":         "ids",
		"github.com/x/ids-go":         "ids",
		"ids":                         "ids",
		"v2":                          "v2",
		"example.com/internal/reqctx": "reqctx",
	} {
		if got := AssumedName(path); got != want {
			t.Errorf("AssumedName(%q) = %q, want %q", path, got, want)
		}
	}
}

// The configured qualified type example.com/ids/v2.CapsuleKey was given
// PkgName "v2", so fixes wrote v2.CapsuleKey, which does not compile.
func TestRegressionIDTypeMajorVersionPath(t *testing.T) {
	cl := classifier(t, func(cfg *config.Config) { cfg.CapsuleTypes = []string{"example.com/ids/v2.CapsuleKey"} })
	ref, err := cl.IDType(Capsule, types.Typ[types.Int], nil, nil)
	if err != nil || ref.PkgName != "ids" || ref.Path != "example.com/ids/v2" {
		t.Errorf("IDType = %+v, %v", ref, err)
	}
}
