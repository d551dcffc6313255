package gsitenantfix

import "ids"

const capsulePrefix = "CAPSULE#"

// Gsi1pkForIndustry builds its key with +.
func Gsi1pkForIndustry(capsuleID ids.CapsuleID, industry string) string { // want `GSI key helper Gsi1pkForIndustry has no tenant ID parameter: its key "CAPSULE#\{capsuleID\}#INDUSTRY#\{industry\}"`
	return "CAPSULE#" + string(capsuleID) + "#INDUSTRY#" + industry
}

// gsi2PK starts with a named constant.
func gsi2PK(capsuleID ids.CapsuleID) string { // want `building "TENANT#\{tenantID\}#CAPSULE#\{capsuleID\}"`
	return capsulePrefix + string(capsuleID)
}

// gsi3PK starts with a value.
func gsi3PK(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `building "TENANT#\{tenantID\}#\{capsuleID\}#ACCOUNT#\{accountID\}"`
	return string(capsuleID) + "#ACCOUNT#" + string(accountID)
}
