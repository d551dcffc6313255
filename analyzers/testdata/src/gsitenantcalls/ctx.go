package gsitenantcalls

import (
	"context"

	"gsitenantlib"
)

func withContext(ctx context.Context) string {
	return gsitenantlib.GSI1PKForAccount("", "c1", "a1") // want `e\.g\. GSI1PKForAccount\(ids\.TenantFromContext\(ctx\), \.\.\.\)\)$`
}
