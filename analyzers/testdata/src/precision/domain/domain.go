// Package domain is issue 14's shapes under labels org / project and
// string IDs by name (orgID, projectID): entities, a repository interface
// with implementations here, in tests and in package handlers.
package domain

import "context"

// Organization is the tenant's own record: its ID is the org ID.
type Organization struct {
	ID   string `dynamorm:"pk"`
	Name string
}

// User is stored (storage tags) and org-scoped only.
type User struct { // want `capsulefield: entity User has an org ID but no project ID: its rows from every project of the org mix, so one project's test data shows up in another's queries \(add "ProjectID string" after OrgID\)`
	ID    string `dynamorm:"pk"`
	OrgID string `dynamorm:"org_id"`
}

// Project is compliant.
type Project struct {
	ID        string `dynamorm:"pk"`
	OrgID     string
	ProjectID string
}

// session is a cookie, Invite a template's input: matched by name only,
// with no sign of being stored.
type session struct {
	OrgID string `json:"o"`
}

type Invite struct {
	OrgID string
	Email string
}

type UserRepository interface {
	Get(ctx context.Context, orgID, id string) (*User, error) // want `repocapsule: repository method UserRepository.Get takes an org ID but no project ID: it reads rows of every project of the org`
}

// memUsers implements UserRepository here: related information of the
// interface's finding.
type memUsers struct{}

func (memUsers) Get(ctx context.Context, orgID, id string) (*User, error) { return nil, nil }

var _ UserRepository = memUsers{}
