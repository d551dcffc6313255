// Package gsitenant defines an Analyzer that reports GSI key helpers and
// calls that drop the tenant ID.
//
// # Analyzer gsitenant
//
// gsitenant: report GSI key helpers without a tenant parameter, and calls passing an empty tenant
//
// A GSI key helper is a func or method whose name matches
// keyhelper-pattern ((?i)^gsi\d*(pk|sk) by default: Gsi1pkForAccount,
// gsi1PK, GSI2SK) or whose doc comment has //capsule:keyhelper. A global
// secondary index key such as CAPSULE#{c}#ACCOUNT#{a} without a TENANT#
// segment lets a query through the index see every tenant's rows.
//
// Two defects are reported:
//
//   - A helper with no tenant ID parameter (by type, or by tenant-names for
//     plain strings) whose key carries no tenant either, reported at the
//     helper's name:
//
//     GSI key helper Gsi1pkForAccount has no tenant ID parameter: its key
//     "CAPSULE#%s#ACCOUNT#%s" lets an index query see every tenant's rows
//     (want Gsi1pkForAccount(tenantID ids.TenantID, capsuleID ids.CapsuleID,
//     accountID ids.AccountID) building "TENANT#%s#CAPSULE#%s#ACCOUNT#%s")
//
//     The related positions are the key and the helper's call sites. A key
//     that already has a tenant segment or interpolates a tenant value (from
//     a context accessor, a field, a package variable, also wrapped in calls
//     that only reshape it, such as strings.ToLower(t)), and a key that starts
//     with one of global-labels, are not reported; nor is a helper with
//     neither parameters nor receiver (it returns a constant such as the
//     attribute name "GSI1PK") or without a body. A method whose receiver
//     has one tenant ID field is reported when its key leaves that field out.
//
//   - A call of a helper that has a tenant parameter (declared in this
//     package, or in another package and named by keyhelper-pattern) passing
//     an empty tenant: "", a constant empty string, a conversion such as
//     ids.TenantID(""), or an empty composite literal. It is reported at the
//     argument.
//
// The helper's key is the string result of its return statements (returns
// of "" are error paths): a fmt.Sprintf call with a literal format, a +
// concatenation or string constant, or a strings.Join of a slice literal
// with the key separator, directly or through a local variable assigned
// once. Labels and separator are the configured ones (labels, separator,
// case-insensitive-labels).
//
// A key that starts with the result of a GSI key helper call (the first
// operand of a +, the first element of a join, the argument of a leading
// %s or %v, or the whole result, as in a recursive helper's
// return Gsi1pkPath(capsuleID, depth-1) + "#CHILD") extends that
// helper's key, whose tenant segment is the called helper's: it carries
// the tenant when that helper has a tenant parameter or is a helper of
// this package without a defect (the helper is then not reported), and
// is never prefixed by the fix, which would give TENANT#t#TENANT#t#...
// A helper all of whose keys extend a helper that lacks the tenant is
// reported with a fix that adds the parameter only.
//
// The suggested fix for a helper adds "tenantID <pkg>.TenantID" as its
// first parameter (the tenant type declared beside the capsule type, else
// the configured qualified one, else the one tenant type of string kind
// that the package declares, imports or uses, else string for
// tenant-names; several candidates: no fix; the name follows the
// configuration), inserts the tenant segment in front of the capsule
// segment (at the start of the key when it has none), and passes a tenant
// value at every call in the package: the tenant variable or parameter in
// scope, X.TenantID beside X.CapsuleID, or the func(context.Context)
// TenantID accessor of the tenant type's package applied to the context in
// scope. Calls inside the helper itself (recursion), and inside the
// reported helpers whose keys extend its key (which the fix gives the same
// parameter), pass the new parameter on. For a format, "TENANT#%s#" goes into the format and tenantID into
// the arguments; for a concatenation, "TENANT#" + string(tenantID) + "#";
// for a join, the elements "TENANT", string(tenantID). For a method whose
// receiver carries the tenant, the fix only adds the receiver's field to
// the key. There is no fix, and the message says why, when the key cannot
// be found or rewritten, no tenant type is known, a call site has no
// tenant value or more than one, the helper is used as a value or must
// keep the signature of an interface, or the new name would clash. Callers
// in other packages are left to capsulelint migrate.
// A driver that fixes one package at a time (go vet, go fix,
// golangci-lint, -json) gets no fix that changes an exported signature:
// the message says it is withheld and points to capsulelint migrate.
//
// The fix for an empty tenant replaces it with the tenant value found the
// same way; there is none when no value or more than one is in scope.
//
// A //capsule:global <reason> directive on a helper opts it out; on a
// function (or the line of a call) it allows that function's calls to pass
// an empty tenant. //capsule:ignore gsitenant <reason> suppresses one
// diagnostic. Generated files are not reported, and _test.go files only
// when include-tests is set. Directives of helpers in other packages are
// not visible (the analyzer uses no facts), so calls into another package
// recognise helpers by keyhelper-pattern only.
package gsitenant
