package keyformatslugs

import "testing"

// A test calls the helper with a literal tenant and no context.
func TestAppKey(t *testing.T) {
	if appKey("acme", "a1") == "" {
		t.Fatal("empty key")
	}
}
