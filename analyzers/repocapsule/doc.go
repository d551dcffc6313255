// Package repocapsule defines an Analyzer that reports repository methods
// taking a tenant ID without a capsule ID right after it.
//
// # Analyzer repocapsule
//
// repocapsule: report repository methods that take a tenant but no capsule
//
// A repository is an interface or named type whose name matches
// repository-pattern ((Repository|Repo|Store)$ by default) or whose
// declaration has //capsule:repository. A method of a repository (an
// interface method, or a method of the type, generic receivers included)
// that takes a tenant ID must take a capsule ID right after it; otherwise
// it reads and writes rows of every capsule of the tenant:
//
//	Get(ctx context.Context, tenantID ids.TenantID, id ids.ContractID) (Contract, error)
//
// is reported at the method name, wanting
//
//	Get(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id ids.ContractID) (Contract, error)
//
// Tenant and capsule IDs are recognised by type (TenantID, CapsuleID, the
// configured tenant-types and capsule-types) or, for string parameters,
// by the configured tenant-names and capsule-names. A method whose capsule
// ID is elsewhere in the list is reported as misplaced; one with several
// tenant IDs or several capsule IDs is reported without a fix.
//
// A repository's methods include those it gets by embedding: the methods
// of the interfaces an interface embeds, the methods promoted from the
// embedded fields of a struct. A method declared in this package by a
// type that is not a repository by name (an interface lister embedded in
// InvoiceRepository) is a repository method too, and is reported once, at
// its declaration, where the defect is and where the fix changes it: its
// new signature covers every interface embedding it and every
// implementation. The message names the repositories that embed it:
//
//	repository method lister.List takes a tenant ID but no capsule ID: ...;
//	it is a repository method because InvoiceRepository embeds lister
//
// A method declared in another package has no fix here; it is reported at
// the embedded field of the first repository that embeds it, with the
// others as related information, unless a type of that package that
// is a repository by name declares it or embeds it (that package's
// analysis reports it then). A directive on the embedded field's line
// opts that embedding out; an embedded method is opted out when its own
// declaration or type is, or when every repository embedding it is.
//
// One defect, one diagnostic: a method that must change together with a
// repository interface method of the package (an implementation of it, or
// another interface it implements) is not reported again; the interface's
// diagnostic covers it and lists it as related information. The same
// holds across packages: a method (an implementation, or a test fake in a
// _test.go file) that implements a defective repository interface method
// of another package is not reported, since that package's analysis
// reports the interface method (or opts it out) and capsulelint migrate
// carries its fix to the implementations. This is judged from types: the
// interface method lacks the capsule ID and a type of its package that is
// a repository by name has it (an interface that is a repository only by
// a //capsule:repository directive is not seen from another package).
// Methods of a repository type that implement no such interface are
// reported themselves.
//
// The suggested fix adds the parameter "capsuleID <pkg>.CapsuleID" (the
// capsule type declared next to the tenant type; string for a string
// tenant known by name when capsule-names is configured; else the
// configured qualified one, else the one capsule type of string kind the
// package declares, imports or uses, else string for capsule-names;
// several candidates: no fix; named by the first
// unexported capsule-names entry; unnamed where the other parameters are
// unnamed) right after the tenant parameter, in the method and in every
// method of the package that must change with it, and passes a capsule
// value at every call of them in the package, found in this order: a
// capsule variable or parameter in scope (inside a method that gets the
// new parameter, that parameter); X.CapsuleID where the call passes
// X.TenantID; a func(context.Context) CapsuleID of the capsule type's
// package applied to the context in scope (ids.CapsuleFromContext(ctx));
// the configured capsule-source; in _test.go files, the configured
// test-capsule. Imports are added as needed. For a misplaced capsule ID
// the fix moves the parameter after the tenant ID, and the argument at
// every call.
//
// There is no fix, and the message says why, when a call has no capsule
// value or more than one, a method is used as a value, a method that must
// change with it is in a generated file, implements an interface of
// another package, or already uses the name capsuleID, or moving an
// argument would change the order in which the arguments' calls run.
// Implementations and calls in other packages are completed by
// capsulelint migrate.
// A driver that fixes one package at a time (go vet, go fix,
// golangci-lint, -json) gets no fix that changes an exported signature:
// the message says it is withheld and points to capsulelint migrate.
//
// Opt out with a reason, on the method or on the type:
//
//	//capsule:tenant-scoped billing totals are per tenant
//
// A method that must keep the signature of an opted-out method (an
// implementation of an opted-out interface method) is opted out with it.
// Declarations in generated files are not reported.
package repocapsule
