// Package repocapsuleslugs keeps tenants and capsules as strings known by
// name (tenant-names: [tenantSlug, TenantSlug, AccountSlug], capsule-names:
// [capsuleID, CapsuleID, EnvKey]), with capsule-source and test-capsule
// configured: every lookup rule under configured names.
package repocapsuleslugs

import "context"

type App struct {
	TenantSlug string
	CapsuleID  string
	ID         string
}

type AppRepository interface {
	Get(ctx context.Context, tenantSlug, appID string) (App, error) // want `^repository method AppRepository\.Get takes a tenant ID but no capsule ID: it reads rows of every capsule of the tenant \(want Get\(ctx context\.Context, tenantSlug, capsuleID, appID string\)\)$`
}

type appStore struct{ rows map[string]App }

func (s *appStore) Get(ctx context.Context, tenantSlug, appID string) (App, error) {
	return s.rows[tenantSlug+"/"+appID], nil
}

// Request carries the slugs: lookup rule 2 with configured field names.
type Request struct {
	AccountSlug string
	EnvKey      string
	AppID       string
}

func handle(ctx context.Context, r AppRepository, req *Request) (App, error) {
	return r.Get(ctx, req.AccountSlug, req.AppID)
}

// Rule 1: a parameter by configured name.
func byParam(ctx context.Context, r AppRepository, tenantSlug, capsuleID, appID string) (App, error) {
	return r.Get(ctx, tenantSlug, appID)
}

// Rule 4: capsule-source with the context in scope.
func byContext(ctx context.Context, r AppRepository, tenantSlug, appID string) (App, error) {
	return r.Get(ctx, tenantSlug, appID)
}
