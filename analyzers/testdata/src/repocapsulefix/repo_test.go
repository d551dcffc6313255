package repocapsulefix

import (
	"context"
	"testing"
)

// No context variable in scope: the configured test-capsule is used.
func TestSaveGet(t *testing.T) {
	r := NewContractRepository()
	if err := r.Save(context.Background(), "t1", Contract{ID: "c1", TenantID: "t1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Get(context.Background(), "t1", "c1"); err != nil {
		t.Fatal(err)
	}
}

// A context in scope: the accessor comes first.
func TestWithContext(t *testing.T) {
	ctx := context.Background()
	r := NewContractRepository()
	if _, err := r.Get(ctx, "t1", "c1"); err == nil {
		t.Fatal("found a missing contract")
	}
}
