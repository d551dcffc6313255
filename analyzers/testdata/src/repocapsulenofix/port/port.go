// Package port declares an interface that repositories of another
// package implement.
package port

import (
	"context"

	"ids"
)

type Getter interface {
	Get(ctx context.Context, tenantID ids.TenantID, id string) error
}
