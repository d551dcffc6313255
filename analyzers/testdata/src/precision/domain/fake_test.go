package domain

import "context"

type fakeUsers struct{}

func (*fakeUsers) Get(ctx context.Context, orgID, id string) (*User, error) { return nil, nil }

var _ UserRepository = (*fakeUsers)(nil)
