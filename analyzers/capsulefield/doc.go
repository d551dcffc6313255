// Package capsulefield defines an Analyzer that reports entities without a
// capsule ID.
//
// # Analyzer capsulefield
//
// capsulefield: report entities that carry a tenant ID but no capsule ID
//
// An entity is a named struct type with a tenant ID field: a field of a
// TenantID type (or a configured tenant-types type), a string field with a
// configured tenant-names name, an embedded TenantID, or such a field
// promoted from an embedded struct. Event structs (FinancialConfigUpdated)
// are entities too. Stored entities must be keyed by tenant and capsule, or
// rows of a test capsule (DEVUS) show up in production (PRODUS) queries:
//
//	type Invoice struct { // entity Invoice has a tenant ID but no capsule ID
//		TenantID ids.TenantID `json:"tenant_id"`
//	}
//
// A typed tenant ID field is evidence enough that a struct is an entity.
// A struct whose tenant field is matched only by a configured tenant-names
// name (TenantSlug string) is an entity only with evidence that it is
// stored; otherwise it is a cookie, a template's input or an API client's
// struct, and is not reported. Evidence is any of: a field (its own or
// promoted) with a storage tag (dynamodbav, dynamo, dynamodb, dynamorm,
// theorydb); a field named like a key attribute (PK, SK, GSI1PK,
// PartitionKey, SortKey, ...); a call in the package passing it to a
// function named MarshalMap, MarshalMapWithOptions, MarshalList or
// MarshalItem, or to Marshal of a package named attributevalue,
// dynamodbattribute, dynamo, dynamorm or theorydb (json.Marshal is no
// evidence; functions are matched by name, no AWS package is needed); a
// parameter or result of a method of a repository type of the package
// (repository-pattern), through pointers, slices and maps; or being
// embedded in a struct of the package that has evidence.
//
// A blank field (_ ids.TenantID, _ ids.CapsuleID) holds no value: it is
// neither a tenant nor a capsule ID field, and a struct whose only tenant
// ID field is blank is not an entity.
//
// The capsule ID may be a direct field, an embedded (promoted) field, or
// a field of a struct field up to nested-depth levels deep (default 1, so
// the seeds' "Context EntityContext" holding a CapsuleID counts; embedding
// does not add a level, pointers are followed).
//
// The diagnostic is at the type name. An entity whose tenant ID is promoted
// from an embedded struct of the same package that is itself reported, or
// from an embedded entity without a capsule ID declared in another package
// of the same module, is not reported again: the fix of the embedded
// struct covers it, and a capsule field in both would be two attributes of
// one name in one item. The tenant
// and capsule ID types themselves, types declared in the standard library,
// anonymous struct types, and in _test.go files unexported types and types
// declared inside functions (test helpers, fixtures, table cases) are not
// entities. Generated files are not reported; _test.go files are unless
// include-tests is false.
//
// The suggested fix adds a field on a new line after the tenant field (for
// a group "TenantID, Other ids.TenantID", after the group; for a promoted
// tenant ID, after the embedded field that carries it):
//
//	TenantID  ids.TenantID  `json:"tenant_id"`
//	CapsuleID ids.CapsuleID `json:"capsule_id"`
//
// The field is named by the first exported capsule-names entry (else
// CapsuleID); its type is the capsule type declared next to the tenant
// type; for a string tenant known by name, string when capsule-names is
// configured; else the qualified capsule-types entry when there is one
// (its import added); else the one capsule type of string kind that the
// package declares, imports or uses; else string when capsule-names is
// configured (several candidates: no fix, the message names them). The tenant field's tags are
// mirrored in their own case style (tenant_id → capsule_id, tenantId →
// capsuleId, TENANT_ID → CAPSULE_ID, org_slug → project_key), options after
// the comma kept; a tag value that names no field ("-", ",omitempty") is
// copied, and a key whose value does not name the tenant in a style that
// can be told is dropped, never invented. When the type cannot be told,
// the new field would not be recognised as a capsule ID, or the struct
// already has a field or method of that name, the diagnostic says why and
// carries no fix. The fix inserts one line (drivers gofmt the file).
//
// Opt out with a reason in the type's doc comment or on its line:
// //capsule:tenant-scoped <reason> or //capsule:global <reason>, or
// //capsule:ignore capsulefield <reason>. The opt-out applies to that type
// only, not to the types embedding it. capsulefield also reports every
// malformed //capsule: directive (missing reason, unknown directive or
// analyzer) and stale //capsule:ignore capsulefield directives.
package capsulefield
