// Package handlers normalises and mints org IDs, builds real keys, wraps
// org values in calls, and implements domain's repository.
package handlers

import (
	"context"
	"fmt"
	"strings"

	"precision/domain"
)

func newID() string { return "x" }

func normalizeToken(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// getUser normalises orgID: silent. The key after it is real.
func getUser(orgID, userID string) string {
	if !strings.HasPrefix(orgID, "org#") {
		orgID = fmt.Sprintf("org#%s", orgID)
	}
	return fmt.Sprintf("org#%s#user#%s", orgID, userID) // want `keyformat: key "org#%s#user#%s" has no project# segment: rows from every project of the org share it`
}

// createOrg mints the org's own ID: silent.
func createOrg(name string) *domain.Organization {
	return &domain.Organization{ID: fmt.Sprintf("org#%s", newID()), Name: name}
}

// recoveryKey wraps the org value in calls.
func recoveryKey(orgID, kind string) string {
	return fmt.Sprintf("RECOVERY#%s#%s", normalizeToken(orgID), kind) // want `keyformat: key "RECOVERY#%s#%s" has org value normalizeToken\(orgID\) but no org# segment: rows of every org share its key space`
}

// UserStore implements domain.UserRepository, reported there: silent.
type UserStore struct{}

func (s *UserStore) Get(ctx context.Context, orgID, id string) (*domain.User, error) {
	return nil, nil
}

// Count implements no reported interface: reported here.
func (s *UserStore) Count(ctx context.Context, orgID string) (int, error) { // want `repocapsule: repository method UserStore.Count takes an org ID but no project ID`
	return 0, nil
}

var _ domain.UserRepository = (*UserStore)(nil)

// userKey has no project value to take: the reason is in the configured
// words too.
func userKey(u *domain.User) string {
	return fmt.Sprintf("org#%s#user#%s", u.OrgID, u.ID) // want `keyformat: key "org#%s#user#%s" has no project# segment: .*; no fix: no project ID value is in scope: tried a project variable or parameter`
}
