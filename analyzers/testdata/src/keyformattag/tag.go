package keyformattag

import "ids"

// FinancialConfig is the seeds' entity: its keys leave the capsule out.
type FinancialConfig struct {
	TenantID  ids.TenantID  `dynamodbav:"tenant_id"`
	CapsuleID ids.CapsuleID `dynamodbav:"capsule_id"`
	Industry  string        `dynamodbav:"industry"`

	PK string `pk:"TENANT#{tenant_id}#CONFIG#FINANCIAL" sk:"TENANT#{tenant_id}#INDUSTRY#{industry}"` // want `key "TENANT#{tenant_id}#CONFIG#FINANCIAL" has no CAPSULE# segment: rows from every capsule of the tenant share it \(want "TENANT#{tenant_id}#CAPSULE#{capsule_id}#CONFIG#FINANCIAL"\)` `key "TENANT#{tenant_id}#INDUSTRY#{industry}" has no CAPSULE# segment`
}

// Contract names fields by their Go names.
type Contract struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	ID        string

	Key string `pk:"CAPSULE#{CapsuleID}#TENANT#{TenantID}#CONTRACT#{ID}"` // want `key "CAPSULE#{CapsuleID}#TENANT#{TenantID}#CONTRACT#{ID}" has its CAPSULE# segment before its TENANT# segment`
}

// Access swaps its placeholders.
type Access struct {
	TenantID  ids.TenantID  `json:"tenant_id"`
	CapsuleID ids.CapsuleID `json:"capsule_id"`

	Key string `pk:"TENANT#{capsule_id}#CAPSULE#{tenant_id}#ACCESS"` // want `key "TENANT#{capsule_id}#CAPSULE#{tenant_id}#ACCESS" has capsule value {capsule_id} in its TENANT# segment and tenant value {tenant_id} in its CAPSULE# segment`
}

// Role has no capsule field yet: capsulefield's fix comes first.
type Role struct {
	TenantID ids.TenantID `dynamodbav:"tenant_id"`

	Key string `pk:"TENANT#{tenant_id}#ROLE"` // want `key "TENANT#{tenant_id}#ROLE" has no CAPSULE# segment: .*; no fix: the struct has no capsule ID field to name in the key; add one after TenantID first \(capsulefield reports it\)`
}

// Good is capsule-scoped.
type Good struct {
	TenantID  ids.TenantID  `dynamodbav:"tenant_id"`
	CapsuleID ids.CapsuleID `dynamodbav:"capsule_id"`

	Key  string `pk:"TENANT#{tenant_id}#CAPSULE#{capsule_id}#GOOD"`
	Meta string `sk:"METADATA#v{version}" json:"meta,omitempty"`
}
