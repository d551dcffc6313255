package gsitenantfix

import (
	"testing"

	"ids"
)

func TestKeys(t *testing.T) {
	tenantID := ids.TenantID("t1")
	if got := Gsi1pkForAccount("c1", "a1"); got == "" {
		t.Fatal("empty key")
	}
	if got := Gsi2skForAccount("c1", "a1"); got == "" {
		t.Fatal("empty key")
	}
	_ = tenantID
}
