package repocapsule

import (
	"context"
	"testing"

	"ids"
)

// fakeContracts implements ContractRepository in a test: covered by the
// interface's diagnostic.
type fakeContractsStore struct{ memContracts }

func (f *fakeContractsStore) Save(ctx context.Context, tenantID ids.TenantID, c Contract) error {
	return nil
}

// A test-only repository is reported like any other.
type fixtureStore struct{}

func (fixtureStore) Seed(tenantID ids.TenantID) {} // want `fixtureStore\.Seed takes a tenant ID but no capsule ID`

func TestRepo(t *testing.T) {
	var r ContractRepository = &fakeContractsStore{}
	ctx := context.Background()
	if _, err := r.Get(ctx, "t1", "c1"); err != nil {
		t.Fatal(err)
	}
}
