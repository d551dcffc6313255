package repocapsulefix

import "context"

// reindex does not import ids yet: the fix adds the import.
func reindex(ctx context.Context, r ContractRepository, c Contract) error {
	return r.Save(ctx, c.TenantID, c)
}
