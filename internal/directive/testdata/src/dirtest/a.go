package dirtest

type Plain struct{} // want "type Plain"

//capsule:ignore keyformat tenant-level by design
type Ignored struct{}

// Documented is documented over several lines.
//
// The last line of the doc.
//
//capsule:ignore keyformat a directive inside a multi-line doc comment
type Documented struct{}

// want +2 `stale //capsule:ignore keyformat directive: keyformat reports nothing here; remove it`
//
//capsule:ignore keyformat nothing to ignore here
func notReported() {}

//capsule:ignore capsulefield another analyzer's ignore: not stale for keyformat
type OtherAnalyzer struct{} // want "type OtherAnalyzer"

//capsule:tenant-scoped billing is per tenant
type OptedOut struct{}

//capsule:global currency table
type Global struct{}

//capsule:tenant-scoped
type BareOptOut struct{} // want "type BareOptOut"

//capsule:ignore keyformat suppressed at the enclosing declaration
func withBody() {
	type Inner struct{}
	_ = Inner{}
}

func withoutDirective() {
	type Inner struct{} // want "type Inner"
	_ = Inner{}
}

type Trailing struct{} //capsule:ignore keyformat a same-line ignore
type Next struct{}     // want "type Next"

//capsule:ignore keyformat detached by a blank line: stale // want `stale //capsule:ignore keyformat`

type Detached struct{} // want "type Detached"
