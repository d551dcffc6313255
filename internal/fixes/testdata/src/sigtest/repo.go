package sigtest

import (
	"context"

	"fixids"
)

type Invoice struct{ ID string }

type Repo interface {
	Get(ctx context.Context, t fixids.TenantID, id string) (Invoice, error) // want `Get takes a tenant ID without a capsule ID`
}

type store struct{}

func (s *store) Get(ctx context.Context, t fixids.TenantID, id string) (Invoice, error) {
	return Invoice{ID: id}, nil
}

// logging forwards its arguments: it passes the new parameter on.
type logging struct{ next Repo }

func (l logging) Get(ctx context.Context, t fixids.TenantID, id string) (Invoice, error) {
	return l.next.Get(ctx, t, id)
}

type Request struct {
	TenantID  fixids.TenantID
	CapsuleID fixids.CapsuleID
}

func tenantOf(ctx context.Context) fixids.TenantID { return fixids.TenantFromContext(ctx) }

// key is compliant.
func key(t fixids.TenantID, c fixids.CapsuleID) string { return string(t) + "#" + string(c) }

func load(t fixids.TenantID, id string) string { return string(t) + id } // want `load takes a tenant ID without a capsule ID`

func legacy(t fixids.TenantID) {} // want `legacy takes a tenant ID without a capsule ID \(no fix: call at plain.go:\d+: no capsule ID value is in scope`

func hook(t fixids.TenantID) {} // want `hook takes a tenant ID without a capsule ID \(no fix: hook is used as a value at repo.go:\d+`

var hooks = []func(fixids.TenantID){hook}
