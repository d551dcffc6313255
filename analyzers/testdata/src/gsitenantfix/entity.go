package gsitenantfix

import "ids"

// Contract is an entity that carries its tenant.
type Contract struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
	ID        ids.ContractID
}

// GSI1PK leaves the tenant out of the key.
func (c *Contract) GSI1PK() string { // want `GSI key helper Contract.GSI1PK has no tenant ID parameter and leaves c.TenantID out`
	return "CAPSULE#" + string(c.CapsuleID) + "#CONTRACT#" + string(c.ID)
}
