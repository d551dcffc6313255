// Package repocapsule defines an Analyzer that reports repository methods
// taking a tenant ID without a capsule ID.
//
// # Analyzer repocapsule
//
// repocapsule: report repository methods that take a tenant but no capsule
//
// A repository is an interface or named type whose name matches
// repository-pattern ((Repository|Repo|Store)$ by default) or whose
// declaration has //capsule:repository. A method that takes a tenant ID
// must take a capsule ID right after it; otherwise it reads and writes
// rows of every capsule of the tenant.
//
// The suggested fix adds "capsuleID <pkg>.CapsuleID" after the tenant
// parameter in the interface and every implementation, and inserts a
// capsule value at every call site, found in scope (a capsule variable,
// X.CapsuleID beside X.TenantID, a func(context.Context) CapsuleID
// accessor, the configured capsule-source or test-capsule).
//
// Opt out with a reason: //capsule:tenant-scoped <reason>.
package repocapsule
