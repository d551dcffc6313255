package gsitenant

import (
	"testing"

	"ids"
)

// Helpers in tests are analysed too.
func gsi9pk(capsuleID ids.CapsuleID) string { // want `GSI key helper gsi9pk has no tenant ID parameter`
	return "CAPSULE#" + string(capsuleID)
}

func TestKeys(t *testing.T) {
	tenantID := ids.TenantID("t1")
	_ = tenantID
	_ = Gsi1pkForContract("", "c1", "k1") // want `Gsi1pkForContract is passed an empty tenant ID.*\(pass the caller's tenant, e\.g\. Gsi1pkForContract\(tenantID, \.\.\.\)\)$`
}
