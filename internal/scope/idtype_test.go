package scope

import (
	"errors"
	"go/types"
	"slices"
	"strings"
	"testing"

	"github.com/capsulelint/capsulelint/internal/config"
)

// TestIDTypeInReach checks rule c of IDType: with no type beside the
// other kind's value, the k-type is the one type of string kind the
// package declares, imports or uses; several are an error that names
// them, none is string when configured by name, else an error.
func TestIDTypeInReach(t *testing.T) {
	for _, tc := range []struct {
		name  string
		src   string
		cfg   func(*config.Config)
		k     Kind
		other string // "", "string" or a type name for typeOf
		want  TypeRef
		cands []string // of an ambiguity error
		err   string   // a substring of another error
	}{
		{name: "helper with string parameters, ids imported and used", k: Tenant, src: `package p
import "example.com/ids"
var _ ids.TenantID
func Gsi1pk(capsule, account string) string { return capsule + account }
`, want: TypeRef{Path: "example.com/ids", PkgName: "ids", Name: "TenantID"}},
		{name: "imported only", k: Tenant, src: `package p
import _ "example.com/ids"
`, want: TypeRef{Path: "example.com/ids", PkgName: "ids", Name: "TenantID"}},
		{name: "used through a field of another package's struct", k: Tenant, src: `package p
import "example.com/model"
func f() { _ = model.Load().TenantID }
`, want: TypeRef{Path: "example.com/ids", PkgName: "ids", Name: "TenantID"}},
		{name: "declared in the package", k: Capsule, other: "TenantID", src: `package p
type TenantID struct{ v string }
type CapsuleID string
`, want: TypeRef{Path: "example.com/p", PkgName: "p", Name: "CapsuleID"}},
		{name: "an internal package of another tree is out of reach", k: Tenant, src: `package p
import "example.com/x/box"
func f() { _ = box.Open().TenantID }
`, err: "no tenant ID type is known: none is declared in this package or its imports, or used in its files; configure tenant-types"},
		{name: "not of string kind", k: Tenant, src: `package p
import "example.com/intids"
var _ intids.TenantID
`, err: "no tenant ID type is known"},
		{name: "two in reach: none chosen", k: Tenant, src: `package p
import ("example.com/ids"; "example.com/tonly")
var _ ids.TenantID
var _ tonly.TenantID
`, cands: []string{"ids.TenantID", "tonly.TenantID"}},
		{name: "two in reach, one configured", k: Tenant, cfg: func(c *config.Config) { c.TenantTypes = []string{"example.com/tonly.TenantID"} }, src: `package p
import ("example.com/ids"; "example.com/tonly")
var _ ids.TenantID
var _ tonly.TenantID
`, want: TypeRef{Path: "example.com/tonly", PkgName: "tonly", Name: "TenantID"}},
		{name: "none in reach, configured by name: string", k: Tenant, cfg: func(c *config.Config) { c.TenantNames = []string{"tenantSlug"} }, src: `package p
`, want: TypeRef{Name: "string"}},
		{name: "in reach beats configured by name", k: Tenant, cfg: func(c *config.Config) { c.TenantNames = []string{"tenantSlug"} }, src: `package p
import "example.com/ids"
var _ ids.CapsuleID
`, want: TypeRef{Path: "example.com/ids", PkgName: "ids", Name: "TenantID"}},
		{name: "beside a string known by name: string, whatever is in reach", k: Capsule, other: "string", cfg: func(c *config.Config) {
			c.TenantNames, c.CapsuleNames = []string{"tenantSlug"}, []string{"capsuleID"}
		}, src: `package p
import "example.com/ids"
var _ ids.CapsuleID
`, want: TypeRef{Name: "string"}},
		{name: "beside a typed tenant whose package has no capsule type", k: Capsule, other: "tonly.TenantID", src: `package p
import ("example.com/ids"; "example.com/tonly")
var _ tonly.TenantID
var _ ids.CapsuleID
`, want: TypeRef{Path: "example.com/ids", PkgName: "ids", Name: "CapsuleID"}},
		{name: "two beside the tenant type: none chosen", k: Capsule, other: "both.TenantID", src: `package p
import "example.com/both"
var _ both.TenantID
`, cands: []string{"both.CapsuleID", "both.CapsuleId"}},
		{name: "string advice beside a string", k: Capsule, other: "string", src: `package p
`, err: "no capsule ID type is known for the string tenant ID: none is declared in this package or its imports, or used in its files; configure capsule-names for string IDs (or capsule-types with a qualified type such as example.com/ids.CapsuleID)"},
		{name: "named advice beside a type", k: Capsule, other: "tonly.TenantID", src: `package p
import "example.com/tonly"
var _ tonly.TenantID
`, err: "no capsule ID type is known: none is declared beside tonly.TenantID, in this package or its imports, or used in its files; configure capsule-types with a qualified type such as example.com/ids.CapsuleID (or capsule-names for string IDs)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newWorld(t).check(map[string]string{"p.go": tc.src})
			var other types.Type
			switch tc.other {
			case "":
			case "string":
				other = types.Typ[types.String]
			default:
				other = c.typeOf(tc.other)
			}
			got, err := classifier(t, tc.cfg).IDType(tc.k, other, c.pkg, c.info)
			var te *TypeError
			switch {
			case tc.cands != nil:
				if !errors.As(err, &te) || !slices.Equal(te.Candidates, tc.cands) {
					t.Fatalf("IDType = %+v, %v; want candidates %q", got, err, tc.cands)
				}
				if !strings.Contains(err.Error(), "more than one "+tc.k.String()+" ID type is in reach ("+strings.Join(tc.cands, ", ")+"), so none is chosen") {
					t.Errorf("message %q", err)
				}
			case tc.err != "":
				if !errors.As(err, &te) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("IDType = %+v, %v; want an error with %q", got, err, tc.err)
				}
			default:
				if err != nil || got.Type == nil {
					t.Fatalf("IDType = %+v, %v; want %+v, loaded", got, err, tc.want)
				}
				got.Type = nil
				if got != tc.want {
					t.Errorf("IDType = %+v, want %+v", got, tc.want)
				}
			}
		})
	}
}

func TestImportable(t *testing.T) {
	for _, tc := range []struct {
		from, path string
		ok         bool
	}{
		{"example.com/p", "example.com/ids", true},
		{"example.com/x/box", "example.com/x/internal/secret", true},
		{"example.com/x", "example.com/x/internal/secret", true},
		{"example.com/p", "example.com/x/internal/secret", false},
		{"example.com/xy", "example.com/x/internal", false},
		{"example.com/x/a", "example.com/x/internal", true},
		{"example.com/p", "internal/poll", false},
	} {
		if got := importable(tc.from, tc.path); got != tc.ok {
			t.Errorf("importable(%s, %s) = %v, want %v", tc.from, tc.path, got, tc.ok)
		}
	}
}
