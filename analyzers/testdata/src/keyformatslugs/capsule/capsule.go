// Package capsule carries the request's capsule, as a string.
package capsule

import "context"

type key struct{}

// FromContext returns the capsule of the request.
func FromContext(ctx context.Context) string {
	c, _ := ctx.Value(key{}).(string)
	return c
}

// Test is the capsule tests use.
func Test() string { return "DEVUS" }
