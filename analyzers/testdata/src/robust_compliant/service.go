// Package robust_compliant is a compliant capsule-scoped service: nothing
// to report.
package robust_compliant

import (
	"context"
	"fmt"
	"strings"

	"ids"
)

// EntityContext scopes an entity.
type EntityContext struct {
	TenantID  ids.TenantID  `json:"tenant_id"`
	CapsuleID ids.CapsuleID `json:"capsule_id"`
}

// Contract is scoped through its context field.
type Contract struct {
	Context EntityContext `json:"context"`
	ID      ids.ContractID
}

// Account is scoped directly.
type Account struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	ID        ids.AccountID
}

// Audit embeds the scope.
type Audit struct {
	EntityContext
	What string
}

// Rate is global reference data.
//
//capsule:global exchange rates are shared by every tenant
type Rate struct {
	TenantID ids.TenantID
	Currency string
}

// ContractRepository is capsule-scoped.
type ContractRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id ids.ContractID) (Contract, error)
	Put(ctx context.Context, c Contract) error
}

type contractStore struct{ rows map[string]Contract }

func (s *contractStore) Get(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id ids.ContractID) (Contract, error) {
	return s.rows[contractKey(tenantID, capsuleID, id)], nil
}

func (s *contractStore) Put(ctx context.Context, c Contract) error {
	s.rows[contractKey(c.Context.TenantID, c.Context.CapsuleID, c.ID)] = c
	return nil
}

var _ ContractRepository = (*contractStore)(nil)

func contractKey(t ids.TenantID, c ids.CapsuleID, id ids.ContractID) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s#CONTRACT#%s", t, c, id)
}

func accountKey(t ids.TenantID, c ids.CapsuleID, id ids.AccountID) string {
	return "TENANT#" + string(t) + "#CAPSULE#" + string(c) + "#ACCOUNT#" + string(id)
}

func joinKey(t ids.TenantID, c ids.CapsuleID, id ids.AccountID) string {
	return strings.Join([]string{"TENANT", string(t), "CAPSULE", string(c), "ACCOUNT", string(id)}, "#")
}

// Gsi1pkForAccount is a compliant GSI key helper.
func Gsi1pkForAccount(tenantID ids.TenantID, capsuleID ids.CapsuleID, id ids.AccountID) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s#ACCOUNT#%s", tenantID, capsuleID, id)
}

// GSI1PK is the attribute name.
func GSI1PK() string { return "GSI1PK" }

func handle(ctx context.Context, r ContractRepository, tenantID ids.TenantID, capsuleID ids.CapsuleID) error {
	c, err := r.Get(ctx, tenantID, capsuleID, "c1")
	if err != nil {
		return err
	}
	_ = accountKey(tenantID, capsuleID, "a")
	_ = joinKey(c.Context.TenantID, c.Context.CapsuleID, "a")
	_ = Gsi1pkForAccount(tenantID, ids.CapsuleFromContext(ctx), "a")
	_ = GSI1PK()
	return r.Put(ctx, c)
}
