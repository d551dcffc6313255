package repocapsulepattern

import (
	"context"

	"ids"
)

// With repository-pattern "(DAO|Gateway)$", these are repositories.
type OrderDAO struct{}

func (OrderDAO) Get(ctx context.Context, tenantID ids.TenantID, id string) error { return nil } // want `^repository method OrderDAO\.Get takes a tenant ID but no capsule ID`

type PaymentGateway interface {
	Charge(ctx context.Context, tenantID ids.TenantID, amount int) error // want `^repository method PaymentGateway\.Charge takes a tenant ID but no capsule ID`
}

// ... and these are not.
type OrderRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID, id string) error
}

type OrderStore struct{}

func (OrderStore) Get(ctx context.Context, tenantID ids.TenantID, id string) error { return nil }

// The directive still marks a repository.
//
//capsule:repository
type Ledger struct{}

func (Ledger) Post(ctx context.Context, tenantID ids.TenantID, amount int) error { return nil } // want `^repository method Ledger\.Post takes a tenant ID but no capsule ID`
