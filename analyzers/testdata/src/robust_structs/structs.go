// Package robust_structs has struct shapes that stress capsulefield:
// cycles, blank fields, embedded generic pointers, anonymous structs,
// and field groups.
package robust_structs

import "ids"

type Node struct { // want `capsulefield: entity Node has a tenant ID but no capsule ID`
	TenantID ids.TenantID
	Next     *Node
	Kids     []Node
	Other    *Other
}

type Other struct {
	Back *Node
	Self *Other
}

type Generic[T any] struct { // want `capsulefield: entity Generic has a tenant ID but no capsule ID`
	TenantID ids.TenantID
	V        T
}

// EmbedsGeneric is covered by Generic's fix.
type EmbedsGeneric struct {
	*Generic[int]
	Name string
}

type Group struct { // want `capsulefield: entity Group has a tenant ID but no capsule ID: .*\(add "CapsuleID ids.CapsuleID" after TenantID\)$`
	TenantID, OtherTenant ids.TenantID
}

// Anon's tenant is two levels down, in an anonymous struct: not an entity.
type Anon struct {
	Meta struct {
		TenantID ids.TenantID
	}
}

type EmbedTenant struct { // want `capsulefield: entity EmbedTenant has a tenant ID but no capsule ID`
	ids.TenantID
}

// Pointers, maps and slices of tenant IDs are not tenant ID fields.
type EmbedPtrTenant struct {
	*ids.TenantID
}

type MapOf struct {
	ByTenant map[ids.TenantID]string
	Tenants  []ids.TenantID
	Ptr      *ids.TenantID
}

type Recursive struct { // want `capsulefield: entity Recursive has a tenant ID but no capsule ID`
	*Recursive
	TenantID ids.TenantID
}

var anon = struct {
	TenantID ids.TenantID
}{}

type Iface interface {
	TenantID() ids.TenantID
}

type FuncType func(ids.TenantID) ids.CapsuleID

type Alias = struct{ TenantID ids.TenantID }
