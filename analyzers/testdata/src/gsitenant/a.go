package gsitenant

import (
	"context"
	"fmt"
	"strings"

	"gsitenantlib"
	"ids"
)

// Gsi1pkForAccount is the seeds' defect: a GSI partition key without the
// tenant.
func Gsi1pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `^GSI key helper Gsi1pkForAccount has no tenant ID parameter: its key "CAPSULE#%s#ACCOUNT#%s" lets an index query see every tenant's rows \(want Gsi1pkForAccount\(tenantID ids\.TenantID, capsuleID ids\.CapsuleID, accountID ids\.AccountID\) building "TENANT#%s#CAPSULE#%s#ACCOUNT#%s"\)$`
	return fmt.Sprintf("CAPSULE#%s#ACCOUNT#%s", capsuleID, accountID)
}

// gsi1PK builds its key with +.
func gsi1PK(capsuleID ids.CapsuleID, industry string) string { // want `^GSI key helper gsi1PK has no tenant ID parameter: its key "CAPSULE#\{capsuleID\}#INDUSTRY#\{industry\}" lets an index query see every tenant's rows \(want gsi1PK\(tenantID ids\.TenantID, capsuleID ids\.CapsuleID, industry string\) building "TENANT#\{tenantID\}#CAPSULE#\{capsuleID\}#INDUSTRY#\{industry\}"\)$`
	return "CAPSULE#" + string(capsuleID) + "#INDUSTRY#" + industry
}

// GSI2SK builds its key with strings.Join, through a local variable.
func GSI2SK(capsuleID ids.CapsuleID, id ids.ContractID) string { // want `GSI key helper GSI2SK has no tenant ID parameter: its key "CAPSULE#\{capsuleID\}#CONTRACT#\{id\}"`
	key := strings.Join([]string{"CAPSULE", string(capsuleID), "CONTRACT", string(id)}, "#")
	return key
}

// IndexKeyForAccount is a helper by directive.
//
//capsule:keyhelper
func IndexKeyForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `GSI key helper IndexKeyForAccount has no tenant ID parameter`
	return fmt.Sprintf("CAPSULE#%s#ACCOUNT#%s", capsuleID, accountID)
}

// GSI1SKForAccount returns "" on bad input: only the key counts.
func GSI1SKForAccount(accountID ids.AccountID) string { // want `its key "ACCOUNT#%s" lets .* building "TENANT#%s#ACCOUNT#%s"`
	if accountID == "" {
		return ""
	}
	return fmt.Sprintf("ACCOUNT#%s", accountID)
}

// Gsi4pkForAccount builds its key with a function the fix cannot rewrite.
func Gsi4pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `^GSI key helper Gsi4pkForAccount has no tenant ID parameter: an index query through its key sees every tenant's rows \(want Gsi4pkForAccount\(tenantID ids\.TenantID, capsuleID ids\.CapsuleID, accountID ids\.AccountID\) building a key that starts with "TENANT#"\); no fix: its key is built by build\(capsuleID, accountID\), which the fix cannot rewrite`
	return build(capsuleID, accountID)
}

func build(capsuleID ids.CapsuleID, accountID ids.AccountID) string {
	return "CAPSULE#" + string(capsuleID) + "#ACCOUNT#" + string(accountID)
}

// Gsi5pkForAccount has a bare //capsule:global: the directive is malformed
// (capsulefield reports it), so it opts nothing out, but its intent keeps
// the fix away.
//
//capsule:global
func Gsi5pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `GSI key helper Gsi5pkForAccount has no tenant ID parameter.*; no fix: the declaration carries a malformed //capsule:global opt-out`
	return fmt.Sprintf("CAPSULE#%s#ACCOUNT#%s", capsuleID, accountID)
}

// Account is an entity that carries its tenant.
type Account struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	ID        ids.AccountID
}

// GSI1PK leaves the receiver's tenant out of its key.
func (a Account) GSI1PK() string { // want `^GSI key helper Account\.GSI1PK has no tenant ID parameter and leaves a\.TenantID out of its key "CAPSULE#\{a\.CapsuleID\}#ACCOUNT#\{a\.ID\}": an index query sees every tenant's rows \(want "TENANT#\{a\.TenantID\}#CAPSULE#\{a\.CapsuleID\}#ACCOUNT#\{a\.ID\}" with a\.TenantID\)$`
	return "CAPSULE#" + string(a.CapsuleID) + "#ACCOUNT#" + string(a.ID)
}

// GSI1SK has the tenant: compliant.
func (a Account) GSI1SK() string {
	return "TENANT#" + string(a.TenantID) + "#ACCOUNT#" + string(a.ID)
}

// Repo is a repository without a tenant field.
type Repo struct{ table string }

// Gsi1pk is a method helper; the fix adds the parameter.
func (r *Repo) Gsi1pk(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `GSI key helper Repo\.Gsi1pk has no tenant ID parameter: its key "CAPSULE#%s#ACCOUNT#%s"`
	return fmt.Sprintf("CAPSULE#%s#ACCOUNT#%s", capsuleID, accountID)
}

// Compliant and unrelated declarations: no diagnostics.

// Gsi1pkForContract has a tenant parameter.
func Gsi1pkForContract(tenantID ids.TenantID, capsuleID ids.CapsuleID, id ids.ContractID) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s#CONTRACT#%s", tenantID, capsuleID, id)
}

// AccountPK is not a GSI key helper (keyformat's business).
func AccountPK(capsuleID ids.CapsuleID, accountID ids.AccountID) string {
	return fmt.Sprintf("CAPSULE#%s#ACCOUNT#%s", capsuleID, accountID)
}

// Gsi3pkForCurrency indexes global reference data.
//
//capsule:global currencies are shared by every tenant
func Gsi3pkForCurrency(code string) string {
	return "CURRENCY#" + code
}

// Gsi6pkForAccount is an accepted exception.
//
//capsule:ignore gsitenant legacy index, dropped with the v1 API
func Gsi6pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string {
	return fmt.Sprintf("CAPSULE#%s#ACCOUNT#%s", capsuleID, accountID)
}

// GSI1PKAttribute is the index's attribute name, not a key.
func GSI1PKAttribute() string { return "GSI1PK" }

// Gsi1pkFromContext takes its tenant from the context.
func Gsi1pkFromContext(ctx context.Context, capsuleID ids.CapsuleID) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s", ids.TenantFromContext(ctx), capsuleID)
}

// Gsi7pk has no body.
func Gsi7pk(capsuleID ids.CapsuleID) string

// Calls passing an empty tenant.

const noTenant = ""

func handler(capsuleID ids.CapsuleID, id ids.ContractID, accountID ids.AccountID) []string {
	return []string{
		Gsi1pkForContract("", capsuleID, id),                                    // want `^GSI key helper Gsi1pkForContract is passed an empty tenant ID: the key's TENANT# segment is blank, so the index rows it addresses are shared by every tenant \(pass the caller's tenant, e\.g\. Gsi1pkForContract\(tenantID, \.\.\.\)\); no fix: no tenant ID value is in scope`
		Gsi1pkForContract(ids.TenantID(""), capsuleID, id),                      // want `Gsi1pkForContract is passed an empty tenant ID`
		Gsi1pkForContract(noTenant, capsuleID, id),                              // want `Gsi1pkForContract is passed an empty tenant ID`
		gsitenantlib.GSI1PKForAccount("", capsuleID, accountID),                 // want `GSI key helper GSI1PKForAccount is passed an empty tenant ID`
		Gsi1pkForContract("t1", capsuleID, id),                                  // a literal tenant is not empty
		gsitenantlib.GSI1PKForAccount(ids.TenantID("t1"), "", accountID),        // an empty capsule is keyformat's business
		tenantPK("", capsuleID),                                                 // not a GSI key helper
		Gsi1pkForContract(ids.TenantFromContext(context.TODO()), capsuleID, id), // not a constant
	}
}

func tenantPK(tenantID ids.TenantID, capsuleID ids.CapsuleID) string {
	return "TENANT#" + string(tenantID) + "#CAPSULE#" + string(capsuleID)
}

// reindex scans every tenant's rows on purpose.
//
//capsule:global the reindex job walks the whole index
func reindex(capsuleID ids.CapsuleID, id ids.ContractID) string {
	return Gsi1pkForContract("", capsuleID, id)
}

func legacy(capsuleID ids.CapsuleID, id ids.ContractID) string {
	//capsule:ignore gsitenant rows written before tenants existed
	return Gsi1pkForContract("", capsuleID, id)
}

func rekey(capsuleID ids.CapsuleID, id ids.ContractID) string {
	//capsule:global rows written before tenants existed are re-keyed here
	return Gsi1pkForContract("", capsuleID, id)
}

// TenantId is a tenant type by default; its zero value is an empty
// composite literal.
type TenantId struct{ Slug string }

func Gsi1pkForOrg(org TenantId, capsuleID ids.CapsuleID) string {
	return "TENANT#" + org.Slug + "#CAPSULE#" + string(capsuleID)
}

func orgKey(capsuleID ids.CapsuleID) string {
	return Gsi1pkForOrg(TenantId{}, capsuleID) // want `GSI key helper Gsi1pkForOrg is passed an empty tenant ID`
}
