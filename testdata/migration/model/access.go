package model

import (
	"time"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
)

// AccessEntity grants an account a role on a resource.
type AccessEntity struct {
	TenantID  ids.TenantID  `json:"tenant_id,omitempty" dynamodbav:"tenant_id"`
	ID        ids.AccessID  `json:"id" dynamodbav:"id"`
	AccountID ids.AccountID `json:"account_id" dynamodbav:"account_id"`
	Resource  string        `json:"resource" dynamodbav:"resource"`
	Role      string        `json:"role" dynamodbav:"role"`
	GrantedAt time.Time     `json:"granted_at" dynamodbav:"granted_at"`
}

// Account is a customer account. It was added after capsules were
// introduced and is already capsule-scoped.
type Account struct {
	TenantID  ids.TenantID  `json:"tenant_id" dynamodbav:"tenant_id"`
	CapsuleID ids.CapsuleID `json:"capsule_id" dynamodbav:"capsule_id"`
	ID        ids.AccountID `json:"id" dynamodbav:"id"`
	Name      string        `json:"name" dynamodbav:"name"`
}

// IndexKey is the account's GSI1 partition key: every entity that belongs to
// the account is indexed under it.
func (a Account) IndexKey() string {
	return keys.Gsi1pkForAccount(a.CapsuleID, a.ID)
}

// TenantProfile is the tenant's billing identity.
//
//capsule:tenant-scoped the billing identity is shared by all capsules of a tenant
type TenantProfile struct {
	TenantID     ids.TenantID `json:"tenant_id" dynamodbav:"tenant_id"`
	LegalName    string       `json:"legal_name" dynamodbav:"legal_name"`
	BillingEmail string       `json:"billing_email" dynamodbav:"billing_email"`
}
