package capsulefield

import "capsulefield_base"

// Shipment promotes the tenant ID of an entity of another package of the
// module: that package reports Owned, and the capsule ID its fix adds is
// promoted here. A field here too would be a second attribute of the same
// name in one item.
type Shipment struct {
	capsulefield_base.Owned
	Weight int
}

type Parcel struct {
	capsulefield_base.Scoped
}
