package robust_tests

import (
	"context"
	"fmt"
	"testing"

	"ids"
)

// Fixture is an exported entity in a test file: reported.
type Fixture struct { // want `capsulefield: entity Fixture has a tenant ID but no capsule ID`
	TenantID ids.TenantID
}

// row is an unexported test type: not an entity.
type row struct {
	TenantID ids.TenantID
}

type fakeRepo struct{}

func (fakeRepo) Get(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) (Invoice, error) {
	return Invoice{}, nil
}

var _ InvoiceRepository = fakeRepo{}

func TestKey(t *testing.T) {
	cases := []struct {
		TenantID ids.TenantID
		want     string
	}{{"t1", "TENANT#t1#CAPSULE#c1#INVOICE#i"}}
	for _, c := range cases {
		if got := Key(c.TenantID, "c1", "i"); got != c.want {
			t.Errorf("got %s", got)
		}
	}
	tenantID := ids.TenantID("t1")
	_ = fmt.Sprintf("TENANT#%s#INVOICE#%s", tenantID, "i") // want `keyformat: key "TENANT#%s#INVOICE#%s" has no CAPSULE# segment`
	_ = row{}
}
