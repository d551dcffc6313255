package dirproblems

// want +2 `//capsule:tenant-scoped needs a reason saying why, e.g. //capsule:tenant-scoped billing is per tenant, not per capsule`
//
//capsule:tenant-scoped
type BareTenantScoped struct{} // want "type BareTenantScoped"

// want +2 `//capsule:global needs a reason`
//
//capsule:global
type BareGlobal struct{} // want "type BareGlobal"

// want +2 `unknown directive //capsule:tenantscoped; want one of tenant-scoped, global, repository, keyhelper, ignore`
//
//capsule:tenantscoped typo
type Typo struct{} // want "type Typo"

// want +2 `//capsule:ignore needs an analyzer and a reason`
//
//capsule:ignore
type IgnoreNothing struct{} // want "type IgnoreNothing"

// want +2 `//capsule:ignore names unknown analyzer keyformt; want one of capsulefield, keyformat, repocapsule, gsitenant`
//
//capsule:ignore keyformt typo in the analyzer
type IgnoreTypo struct{} // want "type IgnoreTypo"

// want +2 `//capsule:ignore capsulefield needs a reason`
//
//capsule:ignore capsulefield
type IgnoreNoReason struct{} // want "type IgnoreNoReason"

func empty() {
	// want +1 `empty //capsule: directive`
	//capsule:
	_ = 0
}

//capsule:ignore capsulefield a valid ignore for this analyzer
type Fine struct{}
