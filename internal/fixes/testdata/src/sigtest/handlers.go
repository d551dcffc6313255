package sigtest

import "context"

func handle(ctx context.Context, r Repo, req Request) error {
	_, err := r.Get(ctx, req.TenantID, "inv-1")
	return err
}

func byContext(ctx context.Context, r Repo) {
	_, _ = r.Get(ctx, tenantOf(ctx), "inv-2")
	_ = load(tenantOf(ctx), "x")
}
