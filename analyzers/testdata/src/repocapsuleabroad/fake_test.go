package repocapsuleabroad

import (
	"context"

	"ids"
)

// fakeItemRepo is a test fake of ItemRepository: not reported.
type fakeItemRepo struct{}

func (*fakeItemRepo) Get(ctx context.Context, tenantID ids.TenantID, id string) (Item, error) {
	return Item{}, nil
}

func (*fakeItemRepo) Put(ctx context.Context, tenantID ids.TenantID, it Item) error { return nil }

var _ ItemRepository = (*fakeItemRepo)(nil)
