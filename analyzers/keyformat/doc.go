// Package keyformat defines an Analyzer that reports storage key templates
// that break capsule isolation: no tenant segment, no capsule segment right
// after the tenant segment, or tenant and capsule values swapped.
//
// # Analyzer keyformat
//
// keyformat: report key templates without TENANT# and CAPSULE# segments in order
//
// A key template is a string built from LABEL#value segments: a
// fmt.Sprintf format (argument indexes such as %[2]s included), a +
// concatenation, a strings.Join(..., "#"), a named constant, or a struct
// tag template such as pk:"TENANT#{tenant_id}#INVOICE#{id}". A string is
// a key when it has a segment with the tenant or capsule label, or when it
// starts with an upper-case label and interpolates a tenant value. Strings
// such as "#%06x", "C# SDK", "issue #42", "## Totals", URLs with fragments,
// and bare labels used for parsing ("TENANT#") are not keys.
//
// Every stored key must start TENANT#{tenant}#CAPSULE#{capsule}#. The
// analyzer reports:
//
//   - a key that interpolates a tenant value but has no TENANT# segment;
//   - a key with a TENANT# segment but no CAPSULE# segment: rows from every
//     capsule of the tenant share it, so test data shows up in production;
//   - a CAPSULE# segment before the TENANT# segment, or not right after it;
//   - a tenant value in the CAPSULE# segment and a capsule value in the
//     TENANT# segment (judged by type, or by configured name when both are
//     strings).
//
// A tenant or capsule value wrapped in calls that only reshape it is still
// that value, in every key form: a call of string kind whose one
// non-constant argument is the value (normalizeToken(tenantID),
// strings.ToUpper(strings.TrimSpace(tenantID)), strings.TrimPrefix(t,
// "org#")), or a method of the value with constant arguments (t.String()).
// A function named after the other kind (capsuleFor(tenantID)) derives a
// value of that kind and is not seen through.
//
// A template whose result is the tenant ID itself is not a storage key and
// is never reported or fixed: one assigned to a tenant variable or field
// (normalising it, orgID = fmt.Sprintf("org#%s", orgID), through
// conversions such as ids.TenantID(...)), and a lone tenant segment that is
// the ID field of the tenant's own record (minting it,
// Organization{ID: fmt.Sprintf("org#%s", uuid.New())}, where the type's
// name starts with the tenant label or a configured tenant name or type
// without its ID suffix). A capsule segment added there would make every
// lookup by that ID miss.
//
// A key that starts with a tenant variable which the function normalised
// earlier to carry its own tenant segment (orgID = fmt.Sprintf("org#%s",
// orgID), then fmt.Sprintf("%s#project#%s", orgID, projectID)) starts
// with that segment and is not reported as missing it.
//
// Keys whose first label is one of global-labels (global reference data)
// are not reported, nor keys under //capsule:global <reason>; keys under
// //capsule:tenant-scoped <reason> may lack the capsule segment.
//
// The suggested fix for a missing capsule segment inserts CAPSULE#%s (or
// "#CAPSULE#" + string(c)) right after the tenant value, with a capsule
// value in scope: a capsule variable or parameter, X.CapsuleID beside
// X.TenantID, a func(context.Context) CapsuleID accessor, or the
// configured capsule-source or test-capsule. When the function building
// the key takes a tenant ID but has no capsule value, the fix adds a
// capsuleID parameter after the tenant parameter and passes a capsule ID
// at every call in the package (callers in other packages are left to
// capsulelint migrate; a driver that fixes one package at a time gets
// no such fix when the function is exported, and the message says so).
// A key held in a named constant is reported at the constant; its fix
// edits the constant and passes the new argument at every use: the
// capsule value in scope there or, where there is none, a capsuleID
// parameter added to the function around the use as above; when any use
// can have neither, there is no fix. A constant
// used as string(k) (a named string type) is used as a format too.
//
// When the value right after the TENANT# segment is a capsule value
// without its label (TENANT#%s#%s#ACCOUNT#%s with the capsule ID second,
// as gsitenant's fix can leave a key), the fix inserts only the CAPSULE#
// label: TENANT#%s#CAPSULE#%s#ACCOUNT#%s, with the same arguments.
//
// A misordered key is fixed by moving the segments with their arguments,
// and the values end where their labels say: a capsule value left in the
// TENANT# segment and a tenant value in the CAPSULE# segment are swapped
// back in the same fix (TENANT#{c}#{t}#CAPSULE becomes
// TENANT#{t}#CAPSULE#{c}). A label without a value of its own is only
// moved in front of a value of its kind. Swapped values are swapped back
// when there is one of each; with several capsule values in the TENANT#
// segment or several tenant values in the CAPSULE# segment, which goes
// where cannot be told, and there is no fix. Where no value or more than
// one is available, the message says so and there is no fix.
package keyformat
