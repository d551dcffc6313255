// Package capsulefield_depth holds capsule IDs at nested depths 0 to 3;
// the test runs it with nested-depth 0, 1 and 2.
package capsulefield_depth

import "ids"

type Level1 struct {
	CapsuleID ids.CapsuleID
}

type Level2 struct {
	Inner Level1
}

type Level3 struct {
	Inner *Level2
}

// Embedded structs do not count as a level.
type EmbeddedLevel2 struct {
	Level2
}

type Depth0 struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
}

type Depth1 struct {
	TenantID ids.TenantID
	Context  Level1
}

type Depth2 struct {
	TenantID ids.TenantID
	Context  Level2
}

type Depth2Embedded struct {
	TenantID ids.TenantID
	Context  EmbeddedLevel2
}

type Depth3 struct {
	TenantID ids.TenantID
	Context  Level3
}
