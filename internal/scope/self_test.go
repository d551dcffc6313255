package scope

import (
	"go/types"
	"testing"

	"github.com/capsulelint/capsulelint/internal/config"
)

func TestIsTenantEntity(t *testing.T) {
	cfg := config.Default()
	cfg.TenantNames = []string{"orgID", "OrgID"}
	cfg.Labels.Tenant = "org"
	cl := New(&config.Resolved{Config: cfg})
	pkg := types.NewPackage("example.com/m", "m")
	named := func(name string, under types.Type) types.Type {
		return types.NewNamed(types.NewTypeName(0, pkg, name, nil), under, nil)
	}
	st := types.NewStruct(nil, nil)
	for _, tc := range []struct {
		t    types.Type
		want bool
	}{
		{named("Organization", st), true},
		{types.NewPointer(named("Org", st)), true},
		{named("Tenant", st), true},
		{named("User", st), false},
		{named("OrganizationID", types.Typ[types.String]), false}, // not a record
		{st, false},
	} {
		if got := cl.IsTenantEntity(tc.t); got != tc.want {
			t.Errorf("IsTenantEntity(%v) = %v, want %v", tc.t, got, tc.want)
		}
	}
}
