// Package capsulefield defines an Analyzer that reports entities without a
// capsule ID.
//
// # Analyzer capsulefield
//
// capsulefield: report entities that carry a tenant ID but no capsule ID
//
// An entity is a struct type with a tenant ID field (a TenantID type, or a
// configured type or name). Stored entities must be keyed by tenant and
// capsule, or rows of a test capsule (DEVUS) show up in production (PRODUS)
// queries. The capsule ID may be a direct field, an embedded (promoted)
// field, or a field of a named struct field up to nested-depth levels deep.
// Event structs count as entities.
//
// The suggested fix adds a CapsuleID field of the capsule type declared
// next to the tenant type, right after the tenant field, mirroring its tags
// (json:"tenant_id" becomes json:"capsule_id").
//
// Opt out with a reason: //capsule:tenant-scoped <reason>.
package capsulefield
