package robust_tests_test

import (
	"context"
	"fmt"
	"testing"

	"ids"
	"robust_tests"
)

// ExtFixture is an exported entity of the external test package.
type ExtFixture struct { // want `capsulefield: entity ExtFixture has a tenant ID but no capsule ID`
	TenantID ids.TenantID
}

type memStore struct{}

// Get is a method of a test repository type (memStore matches
// repository-pattern), reported with include-tests.
func (memStore) Get(ctx context.Context, tenantID ids.TenantID, id string) (robust_tests.Invoice, error) { // want `repocapsule: repository method memStore.Get takes a tenant ID but no capsule ID`
	return robust_tests.Invoice{}, nil
}

func extKey(tenantID ids.TenantID) string {
	return fmt.Sprintf("TENANT#%s#EXT", tenantID) // want `keyformat: key "TENANT#%s#EXT" has no CAPSULE# segment`
}

func TestExternal(t *testing.T) {
	ctx := context.Background()
	_, _ = memStore{}.Get(ctx, "t", "i")
	_ = extKey("t")
	_ = robust_tests.Key("t", "c", "i")
}
