package repocapsuleslugs

import (
	"context"
	"testing"
)

// Tests call the repository with literal tenants.
func TestGet(t *testing.T) {
	s := &appStore{rows: map[string]App{}}
	// No context.Context variable: rule 5, test-capsule.
	if _, err := s.Get(context.Background(), "acme", "a1"); err != nil {
		t.Fatal(err)
	}
	// A context in scope: rule 4, capsule-source, comes first.
	ctx := context.Background()
	if _, err := s.Get(ctx, "acme", "a1"); err != nil {
		t.Fatal(err)
	}
}
