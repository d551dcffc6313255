// Package repocapsuleabroadimpl implements repocapsuleabroad's
// interfaces: the implementations of reported interface methods are not
// reported again; a method that implements no reported interface is.
package repocapsuleabroadimpl

import (
	"context"

	"ids"
	domain "repocapsuleabroad"
)

type ItemStore struct{}

func (s *ItemStore) Get(ctx context.Context, tenantID ids.TenantID, id string) (domain.Item, error) {
	return domain.Item{}, nil
}

func (s *ItemStore) Put(ctx context.Context, tenantID ids.TenantID, it domain.Item) error { return nil }

// Ping implements Pinger, which is no repository's there.
func (s *ItemStore) Ping(ctx context.Context, tenantID ids.TenantID) error { // want `repository method ItemStore.Ping takes a tenant ID but no capsule ID: .*; no fix: ItemStore.Ping implements repocapsuleabroad.Pinger.Ping`
	return nil
}

// Count implements nothing.
func (s *ItemStore) Count(ctx context.Context, tenantID ids.TenantID) (int, error) { // want `repository method ItemStore.Count takes a tenant ID but no capsule ID`
	return 0, nil
}

var (
	_ domain.ItemRepository = (*ItemStore)(nil)
	_ domain.Pinger         = (*ItemStore)(nil)
)
