package keyformattests

import (
	"fmt"
	"testing"

	"ids"
)

func TestInvoiceKey(t *testing.T) {
	tenant := ids.TenantID("t1")
	want := fmt.Sprintf("TENANT#%s#INVOICE#%s", tenant, "1") // want `key "TENANT#%s#INVOICE#%s" has no CAPSULE# segment`
	got := "TENANT#" + string(tenant) + "#INVOICE#1"          // want `key "TENANT#{tenant}#INVOICE#1" has no CAPSULE# segment: .* \(want "TENANT#{tenant}#CAPSULE#{ids.CapsuleID\(\\"test-capsule\\"\)}#INVOICE#1"\)`
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
