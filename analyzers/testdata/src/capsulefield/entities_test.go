package capsulefield

import (
	"testing"

	"ids"
)

// TestEntity is an exported entity of a test file: reported.
type TestEntity struct { // want `entity TestEntity has a tenant ID but no capsule ID`
	TenantID ids.TenantID `json:"tenant_id"`
}

// fixture is an unexported test helper: not reported.
type fixture struct {
	tenant ids.TenantID
}

func TestInvoice(t *testing.T) {
	type testCase struct {
		TenantID ids.TenantID
	}
	_ = testCase{}
	_ = fixture{}
}
