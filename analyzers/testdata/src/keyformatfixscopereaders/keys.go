// Package keyformatfixscopereaders is the regression for a per-package
// fix that broke the code reading its keys: go fix -fixtool inserted the
// capsule into a template whose keys a function of the same package cut
// at a fixed offset, so the reader took "acme#CAPSULE#PRODUS" for the
// tenant. Only capsulelint's fix engine rewrites readers with their
// writer; a driver fixing one package at a time withholds such a fix.
package keyformatfixscopereaders

import (
	"fmt"
	"strings"

	"ids"
)

func tenantSK(tenantID ids.TenantID, capsuleID ids.CapsuleID) string {
	return fmt.Sprintf("TENANT#%s", tenantID) // want `^key "TENANT#%s" has no CAPSULE# segment: rows from every capsule of the tenant share it \(want "TENANT#%s#CAPSULE#%s"\) \(fix withheld: keys\.go:25 takes its keys apart, and this driver cannot change that reader with it; run capsulelint migrate \(or capsulelint -fix\), which rewrites readers with their writer\)$`
}

// tenantOf reads keys of tenantSK.
func tenantOf(sk string) string {
	if !strings.HasPrefix(sk, "TENANT#") {
		return ""
	}
	return sk[7:]
}
