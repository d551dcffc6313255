// Package rekey moves DynamoDB rows from the key templates code used
// before "capsulelint migrate" to the capsule templates it uses after,
// while the service keeps writing: every move is one conditional
// transaction, so a row changed by a writer between the read and the
// write is re-read and moved again, never lost or duplicated.
//
// It is the only package that links the AWS SDK; only the capsulelint
// command imports it, so the analyzers, the vet tool and the
// golangci-lint plugin stay free of it.
package rekey
