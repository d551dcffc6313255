package gsitenantfix

import (
	"fmt"

	"ids"
)

// Gsi1pkForAccount indexes every entity of an account.
func Gsi1pkForAccount(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `GSI key helper Gsi1pkForAccount has no tenant ID parameter`
	return fmt.Sprintf("CAPSULE#%s#ACCOUNT#%s", capsuleID, accountID)
}

// gsi1SKRaw uses a raw format.
func gsi1SKRaw(accountID ids.AccountID, n int) string { // want `GSI key helper gsi1SKRaw has no tenant ID parameter: its key "ACCOUNT#%s#N#%03d"`
	return fmt.Sprintf(`ACCOUNT#%s#N#%03d`, accountID, n)
}

// gsi2SK names its arguments.
func gsi2SK(capsuleID ids.CapsuleID, accountID ids.AccountID) string { // want `its key "CAPSULE#%\[1\]s#ACCOUNT#%\[2\]s#%\[1\]s" .* building "TENANT#%\[1\]s#CAPSULE#%\[2\]s#ACCOUNT#%\[3\]s#%\[2\]s"`
	return fmt.Sprintf("CAPSULE#%[1]s#ACCOUNT#%[2]s#%[1]s", capsuleID, accountID)
}
