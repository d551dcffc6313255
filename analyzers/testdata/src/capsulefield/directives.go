package capsulefield

import "ids"

// Plan is billed per tenant.
//
//capsule:tenant-scoped billing is per tenant, not per capsule
type Plan struct {
	TenantID ids.TenantID
}

//capsule:global reference data shared by all capsules
type CurrencyTable struct {
	TenantID ids.TenantID
}

type Quota struct { //capsule:tenant-scoped quotas are per tenant
	TenantID ids.TenantID
}

type (
	//capsule:tenant-scoped the tenant's own settings
	TenantSettings struct {
		TenantID ids.TenantID
	}
)

//capsule:ignore capsulefield migrated in the next release
type Ignored struct {
	TenantID ids.TenantID
}

// A bare opt-out is reported and opts nothing out, but no fix touches
// the declaration it means to opt out.
//
// want +1 `//capsule:tenant-scoped needs a reason saying why`
//capsule:tenant-scoped
type Bare struct { // want `entity Bare has a tenant ID but no capsule ID.*; no fix: the declaration carries a malformed //capsule:tenant-scoped opt-out: give it a reason to opt out, or delete it to let the fix apply`
	TenantID ids.TenantID
}

// want +1 `//capsule:global needs a reason`
//capsule:global
type BareGlobal struct { // want `entity BareGlobal has a tenant ID but no capsule ID.*; no fix: the declaration carries a malformed //capsule:global opt-out:`
	TenantID ids.TenantID
}

// want +1 `unknown directive //capsule:tenantscoped; want one of`
//capsule:tenantscoped misspelt
type Misspelt struct { // want `entity Misspelt has a tenant ID but no capsule ID.*; no fix: the declaration carries a malformed //capsule:tenantscoped opt-out:`
	TenantID ids.TenantID
}

// want +1 `//capsule:ignore names unknown analyzer capsulefeld`
//capsule:ignore capsulefeld misspelt analyzer
type MisspeltIgnore struct { // want `entity MisspeltIgnore has a tenant ID but no capsule ID`
	TenantID ids.TenantID
}

// want +1 `//capsule:ignore capsulefield needs a reason`
//capsule:ignore capsulefield
type IgnoreNoReason struct { // want `entity IgnoreNoReason has a tenant ID but no capsule ID`
	TenantID ids.TenantID
}

// An ignore for another analyzer does not hide a capsulefield finding,
// and is not capsulefield's to call stale.
//
//capsule:ignore keyformat legacy key format
type OtherIgnore struct { // want `entity OtherIgnore has a tenant ID but no capsule ID`
	TenantID ids.TenantID
}

// want +1 `stale //capsule:ignore capsulefield directive: capsulefield reports nothing here; remove it`
//capsule:ignore capsulefield nothing to hide
type Compliant struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
}

// A directive on a type group covers the group.
//
//capsule:tenant-scoped tenant-level reference tables
type (
	TenantLimits struct {
		TenantID ids.TenantID
	}
	TenantFlags struct {
		TenantID ids.TenantID
	}
)
