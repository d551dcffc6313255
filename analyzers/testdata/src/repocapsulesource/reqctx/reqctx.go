// Package reqctx carries request values; configured as capsule-source.
package reqctx

import (
	"context"

	"repocapsulesource/rids"
)

type key struct{}

// Capsule returns the request's capsule.
func Capsule(ctx context.Context) rids.CapsuleID {
	c, _ := ctx.Value(key{}).(rids.CapsuleID)
	return c
}
