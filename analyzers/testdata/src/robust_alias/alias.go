// Package robust_alias uses type aliases for IDs and entities.
package robust_alias

import (
	"context"
	"fmt"

	"ids"
)

// TID and CID are aliases of the ID types.
type (
	TID = ids.TenantID
	CID = ids.CapsuleID
)

// Order is an entity whose tenant field has an alias type.
type Order struct { // want `capsulefield: entity Order has a tenant ID but no capsule ID`
	TenantID TID
	ID       string
}

// Line is compliant through aliases.
type Line struct {
	TenantID  TID
	CapsuleID CID
}

// OrderAlias is an alias of a struct: not a second entity.
type OrderAlias = Order

// Pair is a generic alias.
type Pair[T any] = struct {
	A, B T
}

type pairs = Pair[TID]

// OrderRepository takes the tenant by alias.
type OrderRepository interface {
	Get(ctx context.Context, t TID, id string) (OrderAlias, error) // want `repocapsule: repository method OrderRepository.Get takes a tenant ID but no capsule ID`
}

func orderKey(t TID, id string) string {
	return fmt.Sprintf("TENANT#%s#ORDER#%s", t, id) // want `keyformat: key "TENANT#%s#ORDER#%s" has no CAPSULE# segment`
}

func lineKey(t TID, c CID, id string) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s#LINE#%s", t, c, id)
}

func use(ctx context.Context, r OrderRepository, t TID, p pairs) {
	_, _ = r.Get(ctx, t, "o")
	_ = orderKey(t, "o")
	_ = lineKey(t, "c", "l")
	_ = p.A
}
