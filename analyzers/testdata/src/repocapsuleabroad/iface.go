// Package repocapsuleabroad declares repository interfaces whose
// implementations and fakes live here, in its tests and in another
// package (repocapsuleabroadimpl): each defect is reported once, at the
// interface method.
package repocapsuleabroad

import (
	"context"

	"ids"
)

type Item struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	ID        string
}

// ItemReader is a repository's by embedding.
type ItemReader interface {
	Get(ctx context.Context, tenantID ids.TenantID, id string) (Item, error) // want `repository method ItemReader.Get takes a tenant ID but no capsule ID: .*; it is a repository method because ItemRepository embeds ItemReader`
}

type ItemRepository interface {
	ItemReader
	Put(ctx context.Context, tenantID ids.TenantID, it Item) error // want `repository method ItemRepository.Put takes a tenant ID but no capsule ID`
}

// Pinger is no repository's: implementations of it are reported where
// they are.
type Pinger interface {
	Ping(ctx context.Context, tenantID ids.TenantID) error
}

// memItems implements ItemRepository here: related information of the
// interface's diagnostics, not reported itself.
type memItems struct{}

func (memItems) Get(ctx context.Context, tenantID ids.TenantID, id string) (Item, error) {
	return Item{}, nil
}

func (memItems) Put(ctx context.Context, tenantID ids.TenantID, it Item) error { return nil }

var _ ItemRepository = memItems{}
