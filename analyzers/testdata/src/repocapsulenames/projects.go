package repocapsulenames

import "context"

// With tenant-names [orgSlug, OrgSlug] and capsule-names [projectKey,
// ProjectKey], plain string parameters are tenant and capsule IDs.
type ProjectStore interface {
	Get(ctx context.Context, orgSlug, id string) (string, error)           // want `^repository method ProjectStore\.Get takes a tenant ID but no capsule ID: it reads rows of every capsule of the tenant \(want Get\(ctx context\.Context, orgSlug, projectKey, id string\)\)$`
	Find(ctx context.Context, orgSlug string, limit int) ([]string, error) // want `\(want Find\(ctx context\.Context, orgSlug string, projectKey string, limit int\)\)$`
	List(ctx context.Context, orgSlug, projectKey string, limit int) ([]string, error)
	// Strings with other names are not IDs.
	Search(ctx context.Context, org, query string) ([]string, error)
}

type memProjects struct{ rows map[string]string }

func (m *memProjects) Get(ctx context.Context, orgSlug, id string) (string, error) {
	return m.rows[orgSlug+"#"+id], nil
}

func (m *memProjects) Find(ctx context.Context, orgSlug string, limit int) ([]string, error) {
	return nil, nil
}

func (m *memProjects) List(ctx context.Context, orgSlug, projectKey string, limit int) ([]string, error) {
	return nil, nil
}

func (m *memProjects) Search(ctx context.Context, org, query string) ([]string, error) {
	return nil, nil
}

var _ ProjectStore = (*memProjects)(nil)

type Request struct {
	OrgSlug    string
	ProjectKey string
	ID         string
}

// get passes req.ProjectKey beside req.OrgSlug.
func get(ctx context.Context, s ProjectStore, req Request) (string, error) {
	return s.Get(ctx, req.OrgSlug, req.ID)
}

// find has a projectKey variable in scope.
func find(ctx context.Context, s ProjectStore, orgSlug, projectKey string) ([]string, error) {
	return s.Find(ctx, orgSlug, 10)
}
