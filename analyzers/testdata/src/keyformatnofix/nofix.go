package keyformatnofix

import (
	"fmt"

	"ids"
)

func ambiguous(t ids.TenantID, a, b ids.CapsuleID, id string) string {
	return fmt.Sprintf("TENANT#%s#INVOICE#%s", t, id) // want `key "TENANT#%s#INVOICE#%s" has no CAPSULE# segment: rows from every capsule of the tenant share it \(want "TENANT#%s#CAPSULE#%s#INVOICE#%s"\); no fix: more than one capsule ID value is in scope \(a, b\), so none is chosen`
}

// Store knows its tenant only.
type Store struct {
	tenant ids.TenantID
}

func (s *Store) key(id string) string {
	return fmt.Sprintf("TENANT#%s#INVOICE#%s", s.tenant, id) // want `no fix: no capsule ID value is in scope`
}

func lineKey(t ids.TenantID, id string) string {
	return fmt.Sprintf("TENANT#%s#LINE#%s", t, id) // want `no fix: no capsule ID value is in scope: .*, and a capsule parameter cannot be added: call at nofix.go:\d+: no capsule ID value is in scope`
}

func tenantLines(t ids.TenantID) string {
	return lineKey(t, "1")
}

func valueKey(t ids.TenantID, id string) string {
	return fmt.Sprintf("TENANT#%s#VALUE#%s", t, id) // want `and a capsule parameter cannot be added: valueKey is used as a value at nofix.go:\d+`
}

var keyFunc = valueKey

// InvoiceFormat is exported: other packages' uses cannot be followed.
const InvoiceFormat = "TENANT#%s#INVOICE#%s" // want `no fix: InvoiceFormat is exported`

func exported(t ids.TenantID, c ids.CapsuleID, id string) string {
	return fmt.Sprintf(InvoiceFormat, t, id)
}

const acmePrefix = "TENANT#acme#INVOICE#" // want `key "TENANT#acme#INVOICE#" has no CAPSULE# segment: .*; no fix: acmePrefix is used at nofix.go:\d+ other than as a fmt.Sprintf format`

func acme(c ids.CapsuleID, id string) string {
	return acmePrefix + id
}

func spread(t ids.TenantID, c ids.CapsuleID, args ...any) string {
	return fmt.Sprintf("TENANT#%s#INVOICE#%s", args...) // want `no fix: the call at nofix.go:\d+ spreads a slice of arguments`
}

func star(t ids.TenantID, c ids.CapsuleID, w int, id string) string {
	return fmt.Sprintf("TENANT#%*s#INVOICE#%s", w, t, id) // want `no fix: the format takes a width or precision from an argument`
}

func literal() func(ids.TenantID) string {
	return func(t ids.TenantID) string {
		return fmt.Sprintf("TENANT#%s#X", t) // want `no fix: no capsule ID value is in scope: .*, and a capsule parameter cannot be added: the function literal declaring the key takes the tenant ID, and its signature cannot change`
	}
}

// IntCapsule is a capsule ID that is not a string.
type IntCapsule struct {
	TenantID  ids.TenantID
	CapsuleId int64
}

func intCapsule(r IntCapsule) string {
	return "TENANT#" + string(r.TenantID) // want `no fix: .*`
}
