package keys

import (
	"fmt"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
)

// Gsi1pkForAccount is the GSI1 partition key under which every entity that
// belongs to an account is indexed.
func Gsi1pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string {
	return "CAPSULE#" + string(capsuleID) + "#ACCOUNT#" + string(accountID)
}

// Gsi1pkForIndustry is the GSI1 partition key under which financial configs
// are indexed by industry.
func Gsi1pkForIndustry(capsuleID ids.CapsuleID, industry string) string {
	return fmt.Sprintf("CAPSULE#%s#INDUSTRY#%s", capsuleID, industry)
}

// Index sort keys: the entity type first, so that one account's index
// partition can be read one entity type at a time.

// ContractIndexSK is the GSI1 sort key of a contract.
func ContractIndexSK(id ids.ContractID) string {
	return "CONTRACT#" + string(id)
}

// ScheduleIndexSK is the GSI1 sort key of a revenue schedule entry.
func ScheduleIndexSK(period string, id ids.ScheduleID) string {
	return "SCHEDULE#" + period + "#" + string(id)
}

// AccessIndexSK is the GSI1 sort key of an access grant.
func AccessIndexSK(id ids.AccessID) string {
	return "ACCESS#" + string(id)
}
