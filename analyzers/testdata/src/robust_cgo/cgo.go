// Package robust_cgo is a cgo package: the analyzers see cmd/cgo's
// translation of this file (marked generated, with //line directives back
// to it). Its code is reported; fixes that would edit it are dropped, as
// their edits would land in the build cache's copy.
package robust_cgo

/*
#include <stdlib.h>
static int twice(int x) { return 2 * x; }
*/
import "C"

import (
	"context"
	"fmt"

	"ids"
)

// Twice calls C.
func Twice(x int) int { return int(C.twice(C.int(x))) }

// Blob is an entity declared in a cgo file.
type Blob struct { // want `^capsulefield: entity Blob has a tenant ID but no capsule ID: .*; no fix: it would edit cgo.go, which uses cgo and is analysed through cmd/cgo's translation; change it by hand$`
	TenantID ids.TenantID
	Size     C.size_t
}

// Compliant is not reported.
type Compliant struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
}

// TenantOnly is opted out in a cgo file.
//
//capsule:tenant-scoped billing totals are per tenant
type TenantOnly struct {
	TenantID ids.TenantID
}

func blobKey(tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) string {
	return fmt.Sprintf("TENANT#%s#BLOB#%s", tenantID, id) // want `^keyformat: key "TENANT#%s#BLOB#%s" has no CAPSULE# segment: .*; no fix: it would edit cgo.go`
}

// load calls a repository method declared in plain.go.
func load(ctx context.Context, s *PlainStore, tenantID ids.TenantID) {
	_ = s.Load(ctx, tenantID, "b")
	_ = blobKey(tenantID, "", "b")
}
