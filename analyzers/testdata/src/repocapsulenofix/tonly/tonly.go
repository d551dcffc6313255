// Package tonly has a tenant type and no capsule type.
package tonly

type TenantID string
