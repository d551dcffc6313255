// Package keys parses key templates — the strings capsulelint's analyzers
// inspect for capsule isolation — and rewrites them.
//
// A [Template] is a sequence of [Piece]s, each a literal text or a hole: an
// interpolated value with a reference back to its source. Templates are built
// from a fmt format string ([FromFormat]), a + concatenation ([FromConcat]),
// the elements of a strings.Join call ([FromJoin]) or a struct-tag template
// such as pk:"TENANT#{tenant_id}#INVOICE#{id}" ([FromTag]).
//
// [Template.Analyze] splits a template into LABEL<sep>value segments under a
// [Labels] configuration, decides whether it is a key at all, and reports
// the defects capsule isolation cares about ([Finding]): no tenant segment
// although a tenant value is interpolated, no capsule segment right after
// the tenant segment, capsule before tenant, tenant and capsule values
// swapped.
//
// The rewrites ([Template.InsertCapsule], [Template.Reorder],
// [Template.Swap], [Template.PrefixTenant]) return a new template; its
// emitters give the text to write back: [Template.FormatString] and
// [Template.Args] for formats, [Template.Edits] for concatenations and
// joins, [Template.TagString] for struct tags.
//
// The package depends on go/ast, go/constant and go/types only (no
// analysis.Pass), so that it can be fuzzed; it is on the hot path of every
// string literal of a code base, so [Labels.MayBeKey] and [MayBeConcatKey]
// are allocation-free pre-checks to run before building a template.
package keys
