package capsulefield_notests

import "ids"

// TestEntity would be reported with include-tests on.
type TestEntity struct {
	TenantID ids.TenantID
}

//capsule:tenant-scoped
type TestBare struct {
	TenantID ids.TenantID
}
