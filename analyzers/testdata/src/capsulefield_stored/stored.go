// Package capsulefield_stored is analysed with tenant-names: [tenantSlug,
// TenantSlug]: a struct whose tenant field is matched only by name is an
// entity only with evidence that it is stored.
package capsulefield_stored

import (
	"encoding/json"

	"ids"
)

// Tagged: storage tags.
type Application struct { // want `entity Application has a tenant ID but no capsule ID`
	ID         string `dynamo:"id" json:"id"`
	TenantSlug string `dynamo:"tenantSlug" json:"-"`
}

// Keyed: PK and SK fields.
type PendingLogin struct { // want `entity PendingLogin has a tenant ID but no capsule ID`
	PK         string
	SK         string
	TenantSlug string
}

// Returned by a repository method.
type Source struct { // want `entity Source has a tenant ID but no capsule ID`
	TenantSlug string `json:"tenantSlug"`
}

type SourceRepository interface {
	List(tenantSlug string) ([]*Source, error)
}

// Embedded in a stored struct: the embedded struct is reported, the item
// that gets its tenant field from it is covered by that fix.
type State struct { // want `entity State has a tenant ID but no capsule ID`
	TenantSlug string `json:"tenantSlug"`
}

type stateItem struct {
	PK string
	State
}

// Marshalled for storage (attributevalue.MarshalMap, matched by name).
type Usage struct { // want `entity Usage has a tenant ID but no capsule ID`
	TenantSlug string
}

func MarshalMap(v any) (map[string]any, error) { return nil, nil }

func putUsage(u *Usage) { _, _ = MarshalMap(u) }

// A typed tenant ID is evidence enough.
type Invoice struct { // want `entity Invoice has a tenant ID but no capsule ID`
	TenantID ids.TenantID
}

// No evidence: a cookie, a template's input, an API client's struct.

type flowState struct {
	FlowID     string `json:"fid"`
	TenantSlug string `json:"ts"`
}

type RendererInput struct {
	TenantSlug string
	Region     string
}

type ApplicationInfo struct {
	Name       string `json:"name"`
	TenantSlug string `json:"tenant_slug"`
}

func cookie(s flowState) ([]byte, error) { return json.Marshal(s) }
