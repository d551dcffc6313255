// Package robust_tests has _test.go files, internal and external.
package robust_tests

import (
	"context"
	"fmt"

	"ids"
)

type Invoice struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	ID        string
}

// InvoiceRepository is compliant.
type InvoiceRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) (Invoice, error)
}

// Key is compliant.
func Key(tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s#INVOICE#%s", tenantID, capsuleID, id)
}
