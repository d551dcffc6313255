// Package keys builds the partition and sort keys of the platform_data table.
//
// Every item lives in one table; keys are made of LABEL#value segments.
package keys

import (
	"fmt"
	"strings"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
)

// MetadataSK is the sort key of an entity's main item.
const MetadataSK = "METADATA"

// FinancialConfigPK is the partition key of a tenant's financial config.
func FinancialConfigPK(tenantID ids.TenantID) string {
	return fmt.Sprintf("TENANT#%s#CONFIG#FINANCIAL", tenantID)
}

// ContractPK is the partition key of a contract and of its line items.
func ContractPK(tenantID ids.TenantID, id ids.ContractID) string {
	return "TENANT#" + string(tenantID) + "#CONTRACT#" + string(id)
}

// ContractPrefix is the prefix shared by the partition keys of all contracts
// of a tenant.
func ContractPrefix(tenantID ids.TenantID) string {
	return "TENANT#" + string(tenantID) + "#CONTRACT#"
}

// LineItemSK is the sort key of a line item in its contract's partition.
func LineItemSK(id ids.LineItemID) string {
	return "LINEITEM#" + string(id)
}

// LineItemPrefix is the sort key prefix of all line items of a contract.
const LineItemPrefix = "LINEITEM#"

// AmendmentPK is the partition key of the amendments of a contract.
func AmendmentPK(t ids.TenantID, contractID ids.ContractID) string {
	return strings.Join([]string{"TENANT", string(t), "AMENDMENT", string(contractID)}, "#")
}

// AmendmentSK is the sort key of an amendment.
func AmendmentSK(id ids.AmendmentID) string {
	return "AMD#" + string(id)
}

// RevenueSchedulePK is the partition key of the revenue schedule of a line item.
func RevenueSchedulePK(tenantID ids.TenantID, contractID ids.ContractID, lineItemID ids.LineItemID) string {
	return fmt.Sprintf("TENANT#%s#CONTRACT#%s#LINEITEM#%s#SCHEDULE", tenantID, contractID, lineItemID)
}

// RevenueScheduleSK is the sort key of a schedule entry: periods sort in time order.
func RevenueScheduleSK(period string, id ids.ScheduleID) string {
	return fmt.Sprintf("PERIOD#%s#%s", period, id)
}

const accessKeyFormat = "TENANT#%s#ACCESS#%s"

// AccessPK is the partition key of an access grant.
func AccessPK(tenantID ids.TenantID, id ids.AccessID) string {
	return fmt.Sprintf(accessKeyFormat, tenantID, id)
}

// AccessPKs returns the partition keys of several access grants.
func AccessPKs(tenantID ids.TenantID, accessIDs ...ids.AccessID) []string {
	pks := make([]string, 0, len(accessIDs))
	for _, id := range accessIDs {
		pks = append(pks, fmt.Sprintf(accessKeyFormat, tenantID, id))
	}
	return pks
}

// AccountPK is the partition key of an account.
func AccountPK(tenantID ids.TenantID, capsuleID ids.CapsuleID, id ids.AccountID) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s#ACCOUNT#%s", tenantID, capsuleID, id)
}

// TenantProfilePK is the partition key of a tenant's billing profile.
//
//capsule:tenant-scoped the billing identity is shared by all capsules of a tenant
func TenantProfilePK(tenantID ids.TenantID) string {
	return fmt.Sprintf("TENANT#%s#PROFILE", tenantID)
}
