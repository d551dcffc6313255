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
// at every call in the package. A key held in a named constant is
// reported at the constant; its fix edits the constant and passes the new
// argument at every use: the capsule value in scope there or, where there
// is none, a capsuleID parameter added to the function around the use as
// above; when any use can have neither, there is no fix. A misordered key is fixed by moving the segments
// with their arguments; swapped values are swapped back. Where no value or
// more than one is available, the message says so and there is no fix.
package keyformat
