package capsulefield

import "capsulefield_base"

// Shipment promotes the tenant ID of a struct of another package; this
// file does not import ids yet.
type Shipment struct { // want `entity Shipment has a tenant ID but no capsule ID: .* \(add "CapsuleID ids.CapsuleID" after Owned \(which carries TenantID\)\)`
	capsulefield_base.Owned
	Weight int
}

type Parcel struct {
	capsulefield_base.Scoped
}
