// Package gsitenantchain has GSI key helpers whose keys extend another
// helper's key. The helper that starts the key gets the tenant segment;
// a helper extending it gets the tenant parameter only, from its own fix
// and from the first helper's fix, which passes the parameter on.
package gsitenantchain

import "ids"

// Gsi2pkBase lacks the tenant; Gsi2pkChild's key extends it.
func Gsi2pkBase(capsuleID ids.CapsuleID) string { // want `GSI key helper Gsi2pkBase has no tenant ID parameter: its key "CAPSULE#\{capsuleID\}"`
	return "CAPSULE#" + string(capsuleID)
}

// Gsi2pkChild gets the parameter only: the tenant segment is Gsi2pkBase's,
// which it passes the new parameter to.
func Gsi2pkChild(capsuleID ids.CapsuleID) string { // want `GSI key helper Gsi2pkChild has no tenant ID parameter: its key "\{Gsi2pkBase\(capsuleID\)\}#CHILD" extends the key of Gsi2pkBase, which has no tenant either: an index query sees every tenant's rows \(want Gsi2pkChild\(tenantID ids\.TenantID, capsuleID ids\.CapsuleID\), passing tenantID to Gsi2pkBase once it takes one\)`
	return Gsi2pkBase(capsuleID) + "#CHILD"
}

// Gsi5pkOuter's key only contains a helper's key further on: it is its own
// key, and gets the tenant segment; Gsi2pkBase's fix cannot pass the tenant
// at its call here until this one is applied (migrate's next round).
func Gsi5pkOuter(capsuleID ids.CapsuleID) string { // want `GSI key helper Gsi5pkOuter has no tenant ID parameter: its key "PARENT#\{Gsi2pkBase\(capsuleID\)\}"`
	return "PARENT#" + Gsi2pkBase(capsuleID)
}

func useChain(tenantID ids.TenantID, capsuleID ids.CapsuleID) []string {
	return []string{Gsi2pkChild(capsuleID), Gsi5pkOuter(capsuleID)}
}

// Gsi6pkA and Gsi6pkB extend each other's keys: each fix gives both the
// parameter, which the calls pass on.
func Gsi6pkA(capsuleID ids.CapsuleID, n int) string { // want `GSI key helper Gsi6pkA has no tenant ID parameter: its key "CAPSULE#\{capsuleID\}" .*\)$`
	if n == 0 {
		return "CAPSULE#" + string(capsuleID)
	}
	return Gsi6pkB(capsuleID, n-1) + "#A"
}

func Gsi6pkB(capsuleID ids.CapsuleID, n int) string { // want `GSI key helper Gsi6pkB has no tenant ID parameter: its key "\{Gsi6pkA\(capsuleID, n\)\}#B" extends the key of Gsi6pkA, .*\)$`
	return Gsi6pkA(capsuleID, n) + "#B"
}
