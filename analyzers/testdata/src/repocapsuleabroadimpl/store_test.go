package repocapsuleabroadimpl

import (
	"context"

	"ids"
	domain "repocapsuleabroad"
)

// fakeRepo fakes domain.ItemRepository in another package's tests: not
// reported.
type fakeRepo struct{}

func (fakeRepo) Get(ctx context.Context, tenantID ids.TenantID, id string) (domain.Item, error) {
	return domain.Item{}, nil
}

func (fakeRepo) Put(ctx context.Context, tenantID ids.TenantID, it domain.Item) error { return nil }

var _ domain.ItemRepository = fakeRepo{}
