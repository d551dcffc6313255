// Package rids has ID types and no context accessor.
package rids

type TenantID string
type CapsuleID string
