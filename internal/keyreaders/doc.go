// Package keyreaders finds the code that takes keys of a changed key
// template apart, so that readers follow their writers.
//
// When a fix changes what a writer builds — fmt.Sprintf("TENANT#%s", t)
// becomes fmt.Sprintf("TENANT#%s#CAPSULE#%s", t, c) — the code that reads
// such keys back still expects the old shape: it strips "TENANT#" and takes
// the rest as the tenant, splits on "#" and picks segment 3, scans the key
// with the old format, or compares it with a key built in place. The build
// cannot see the mismatch; every lookup by such a key would miss.
//
// [Find] looks through type-checked packages for those readers of each
// [Change] and returns every [Place] found: rewritten mechanically where
// the rewrite gets the reader the same values back from keys of the new
// template, checked and left as is where the reader still works, and
// otherwise reported with the writer it must follow. A reader is only
// recognised by evidence tying it to the old template (a constant prefix
// made of the template's leading labels, a segment compared with one of
// its labels, its format), never by a separator alone.
package keyreaders
