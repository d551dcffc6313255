// Package robust_dotimport dot-imports the ids package.
package robust_dotimport

import (
	"context"
	"fmt"

	. "ids"
)

// Ticket is an entity with dot-imported types.
type Ticket struct { // want `capsulefield: entity Ticket has a tenant ID but no capsule ID`
	TenantID TenantID `json:"tenant_id"`
	ID       string   `json:"id"`
}

// Note is compliant.
type Note struct {
	TenantID  TenantID
	CapsuleID CapsuleID
}

// TicketRepository takes dot-imported tenant IDs.
type TicketRepository interface {
	Get(ctx context.Context, tenantID TenantID, id string) (Ticket, error) // want `repocapsule: repository method TicketRepository.Get takes a tenant ID but no capsule ID`
}

func ticketKey(tenantID TenantID, id string) string {
	return fmt.Sprintf("TENANT#%s#TICKET#%s", tenantID, id) // want `keyformat: key "TENANT#%s#TICKET#%s" has no CAPSULE# segment`
}

func gsi1pkTicket(capsuleID CapsuleID, id string) string { // want `gsitenant: GSI key helper gsi1pkTicket has no tenant ID parameter`
	return "CAPSULE#" + string(capsuleID) + "#TICKET#" + id
}

func handle(ctx context.Context, r TicketRepository, tenantID TenantID) {
	_, _ = r.Get(ctx, tenantID, "t")
	_ = ticketKey(tenantID, "t")
	_ = gsi1pkTicket(CapsuleFromContext(ctx), "t")
}
