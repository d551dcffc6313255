// Package fixids is the ID package of the sigtest analysistest package.
package fixids

import "context"

type TenantID string

type CapsuleID string

func CapsuleFromContext(ctx context.Context) CapsuleID { return "" }

func TenantFromContext(ctx context.Context) TenantID { return "" }
