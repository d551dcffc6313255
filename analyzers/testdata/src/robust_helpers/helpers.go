// Package robust_helpers has GSI key helpers in unusual shapes.
package robust_helpers

import (
	"fmt"

	"ids"
)

// Unnamed parameters: the body cannot use them.
func Gsi1pkUnnamed(ids.CapsuleID, string) string { // want `gsitenant: GSI key helper Gsi1pkUnnamed has no tenant ID parameter: .*; no fix: its parameters are unnamed, so the key cannot refer to a new one$`
	return "CAPSULE#X#UNNAMED#Y"
}

// Blank parameter.
func Gsi2pkBlank(_ ids.CapsuleID, id string) string { // want `gsitenant: GSI key helper Gsi2pkBlank has no tenant ID parameter: .* building "TENANT#%s#CAPSULE#%s#ID#%s"\)$`
	return fmt.Sprintf("CAPSULE#%s#ID#%s", "c", id)
}

// Variadic.
func Gsi3pkVariadic(capsuleID ids.CapsuleID, parts ...string) string { // want `gsitenant: GSI key helper Gsi3pkVariadic has no tenant ID parameter: .*parts \.\.\.string\) building "TENANT#%s#CAPSULE#%s#PARTS#%v"\)$`
	return fmt.Sprintf("CAPSULE#%s#PARTS#%v", capsuleID, parts)
}

// Named result, bare return.
func Gsi4pkNamed(capsuleID ids.CapsuleID) (key string) { // want `gsitenant: GSI key helper Gsi4pkNamed has no tenant ID parameter: .*; no fix: the return at helpers.go:\d+ does not spell out its results$`
	key = fmt.Sprintf("CAPSULE#%s#NAMED", capsuleID)
	return
}

// Panics only.
func Gsi5pkPanics(capsuleID ids.CapsuleID) string { // want `gsitenant: GSI key helper Gsi5pkPanics has no tenant ID parameter: .*; no fix: it returns no key$`
	panic("not implemented")
}

// (A recursive helper: see robust_gsitenant_recursive.)

// Generic receiver; the tenant type is the one the package uses.
type Index[T any] struct{ capsuleID ids.CapsuleID }

func (x Index[T]) Gsi7pk(v T) string { // want `gsitenant: GSI key helper Index.Gsi7pk has no tenant ID parameter: .* \(want Gsi7pk\(tenantID ids\.TenantID, v T\) building "TENANT#%s#CAPSULE#%s#V#%v"\)$`
	return fmt.Sprintf("CAPSULE#%s#V#%v", x.capsuleID, v)
}

// Several returns with different keys.
func Gsi8pkBranches(capsuleID ids.CapsuleID, a bool) string { // want `gsitenant: GSI key helper Gsi8pkBranches has no tenant ID parameter: .* building "TENANT#%s#CAPSULE#%s#A"\)$`
	if a {
		return fmt.Sprintf("CAPSULE#%s#A", capsuleID)
	}
	return "CAPSULE#" + string(capsuleID) + "#B"
}

// A func literal in a variable is not a helper.
var Gsi9pk = func(capsuleID ids.CapsuleID) string { return "CAPSULE#" + string(capsuleID) }

// A method expression and a method value of a helper.
type Keys struct{}

func (Keys) Gsi10pk(capsuleID ids.CapsuleID) string { return "CAPSULE#" + string(capsuleID) } // want `gsitenant: GSI key helper Keys.Gsi10pk has no tenant ID parameter: .*; no fix: Gsi10pk is used as a value at helpers.go:\d+, so its signature cannot change safely`

func use(tenantID ids.TenantID, capsuleID ids.CapsuleID) {
	_ = Gsi1pkUnnamed(capsuleID, "x")
	_ = Gsi2pkBlank(capsuleID, "x")
	_ = Gsi3pkVariadic(capsuleID, []string{"a"}...)
	_ = Gsi3pkVariadic(capsuleID)
	_ = Gsi4pkNamed(capsuleID)
	_ = Gsi5pkPanics
	_ = Index[string]{}.Gsi7pk("v")
	_ = Gsi8pkBranches(capsuleID, true)
	_ = Gsi9pk(capsuleID)
	f := Keys.Gsi10pk
	_ = f(Keys{}, capsuleID)
	defer Gsi4pkNamed(capsuleID)
}
