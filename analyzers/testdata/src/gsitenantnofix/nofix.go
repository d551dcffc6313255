package gsitenantnofix

import (
	"fmt"
	"strings"

	"ids"
)

// Gsi1pkForAccount has a caller without a tenant in scope.
func Gsi1pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `GSI key helper Gsi1pkForAccount has no tenant ID parameter: .*; no fix: call at nofix.go:\d+: no tenant ID value is in scope`
	return fmt.Sprintf("CAPSULE#%s#ACCOUNT#%s", capsuleID, accountID)
}

func lookup(capsuleID ids.CapsuleID) string {
	return Gsi1pkForAccount(capsuleID, "a1")
}

// Gsi2pkForAccount is used as a value.
func Gsi2pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `no fix: Gsi2pkForAccount is used as a value at nofix.go:\d+, so its signature cannot change safely`
	return fmt.Sprintf("CAPSULE#%s#ACCOUNT#%s", capsuleID, accountID)
}

var keyFunc = Gsi2pkForAccount

// Gsi3pkForAccount pads from an argument.
func Gsi3pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `no fix: the format takes a width or precision from an argument \('\*'\); rewrite it by hand`
	return fmt.Sprintf("CAPSULE#%s#ACCOUNT#%*s", capsuleID, 12, accountID)
}

// Gsi4pkForAccount already uses the name of the new parameter.
func Gsi4pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `no fix: tenantID is already declared where its key is built \(nofix.go:33\)`
	tenantID := "legacy"
	_ = tenantID
	return fmt.Sprintf("CAPSULE#%s#ACCOUNT#%s", capsuleID, accountID)
}

// Gsi5pk has unnamed parameters.
func Gsi5pk(ids.CapsuleID) string { // want `no fix: its parameters are unnamed, so the key cannot refer to a new one`
	return "CAPSULE#ALL"
}

// Gsi6pkForAccount reassigns its key.
func Gsi6pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `no fix: the key variable key is assigned more than once`
	key := "CAPSULE#" + string(capsuleID)
	key += "#ACCOUNT#" + string(accountID)
	return key
}

// Key is a typed key.
type Key string

// Gsi7pk builds a Key.
func Gsi7pk(capsuleID ids.CapsuleID) Key { // want `no fix: its key is of type Key, which a string tenant segment cannot be added to`
	return Key("CAPSULE#") + Key(capsuleID)
}

// Gsi8pk joins with another separator.
func Gsi8pk(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `no fix: its strings.Join separator ":" is not the key separator "#"`
	return strings.Join([]string{"CAPSULE", string(capsuleID), "ACCOUNT", string(accountID)}, ":")
}

// Gsi9pk returns more than a string.
func Gsi9pk(capsuleID ids.CapsuleID) (string, error) { // want `no fix: the return at nofix.go:\d+ does not spell out its results`
	return split(capsuleID)
}

func split(capsuleID ids.CapsuleID) (string, error) { return "CAPSULE#" + string(capsuleID), nil }

// Shared carries two tenants.
type Shared struct {
	Owner     ids.TenantID
	Guest     ids.TenantID
	CapsuleID ids.CapsuleID
}

// GSI1PK cannot tell which tenant its key wants.
func (s Shared) GSI1PK() string { // want `leaves the receiver's tenant ID out of its key "CAPSULE#\{s.CapsuleID\}".*; no fix: the receiver has more than one tenant ID field \(Owner, Guest\)`
	return "CAPSULE#" + string(s.CapsuleID)
}

// Keyer is implemented by the index keys of every entity.
type Keyer interface {
	Gsi1pk(capsuleID ids.CapsuleID) string
}

// Index implements Keyer.
type Index struct{}

// Gsi1pk must keep Keyer's signature.
func (Index) Gsi1pk(capsuleID ids.CapsuleID) string { // want `GSI key helper Index.Gsi1pk has no tenant ID parameter: .*; no fix: its signature must stay that of Keyer.Gsi1pk, which would have to change with it \(with every other implementation\); change them together by hand`
	return "CAPSULE#" + string(capsuleID)
}
