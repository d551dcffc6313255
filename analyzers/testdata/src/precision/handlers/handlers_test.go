package handlers

import (
	"context"

	"precision/domain"
)

// fakeRepo fakes domain.UserRepository in another package's tests: silent.
type fakeRepo struct{}

func (fakeRepo) Get(ctx context.Context, orgID, id string) (*domain.User, error) { return nil, nil }

var _ domain.UserRepository = fakeRepo{}
