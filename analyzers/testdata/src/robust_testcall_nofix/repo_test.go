package robust_testcall_nofix

import (
	"context"
	"testing"
)

// No capsule ID, context or tenant ID is in scope at these calls.
func TestCalls(t *testing.T) {
	var r ItemRepository = itemStore{}
	if _, err := r.Get(context.TODO(), "t1", "i1"); err != nil {
		t.Fatal(err)
	}
	if itemKey("t1", "i1") == "" {
		t.Fatal("empty key")
	}
	if gsi1pkItem("c1", "i1") == "" {
		t.Fatal("empty key")
	}
}
