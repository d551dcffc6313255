// Package capsulefield_names is analysed with tenant-names: [OrgSlug,
// orgSlug] and capsule-names: [projectKey, ProjectKey].
package capsulefield_names

type Org struct { // want `entity Org has a tenant ID but no capsule ID: .* \(add "ProjectKey string" after OrgSlug\)`
	OrgSlug string `json:"org_slug" dynamodbav:"orgSlug,omitempty" csv:"ORG_SLUG"`
	Name    string
}

type Member struct { // want `entity Member has a tenant ID but no capsule ID`
	orgSlug string
	email   string
}

// MemberStore is the evidence that Member is stored (tenant fields
// matched by name need one).
type MemberStore interface {
	Put(m *Member) error
}

type Project struct {
	OrgSlug    string
	ProjectKey string
}

// Only string fields count by name.
type Counter struct {
	OrgSlug int
}

// A named string type counts too.
type Slug string

type Team struct { // want `entity Team has a tenant ID but no capsule ID: .* \(add "ProjectKey string" after OrgSlug\)`
	OrgSlug Slug `json:"orgslug"`
}

// MarshalMap stands for attributevalue.MarshalMap: matched by name, it is
// the evidence that Team is stored.
func MarshalMap(v any) (map[string]any, error) { return nil, nil }

func saveTeam(t Team) { _, _ = MarshalMap(t) }
