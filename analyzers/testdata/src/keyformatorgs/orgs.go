// Package keyformatorgs is the dynamorm multi-tenant example's shape,
// under labels org / project and string IDs by name: handlers normalise
// orgID to its labelled form and mint organisations' IDs.
package keyformatorgs

import (
	"fmt"
	"strings"
)

type Organization struct {
	ID   string
	Name string
}

type User struct {
	ID    string
	OrgID string
}

type Request struct {
	OrgID     string
	ProjectID string
}

const orgFormat = "org#%s"

func newID() string { return "x" }

func handler(orgID, projectID string) string {
	if !strings.HasPrefix(orgID, "org#") {
		orgID = fmt.Sprintf("org#%s", orgID)
	}
	if !strings.HasPrefix(projectID, "project#") {
		projectID = fmt.Sprintf("project#%s", projectID)
	}
	return fmt.Sprintf("org#%s#item#%s", orgID, newID()) // want `key "org#%s#item#%s" has no project# segment: rows from every project of the org share it`
}

func normaliseField(req *Request) {
	req.OrgID = fmt.Sprintf("org#%s", req.OrgID)
	req.OrgID = orgFormat2(req.OrgID)
}

func orgFormat2(orgID string) string {
	orgID = fmt.Sprintf(orgFormat, orgID)
	return orgID
}

func create(orgID string) (*Organization, *User) {
	org := &Organization{ID: fmt.Sprintf("org#%s", newID())}
	org2 := Organization{ID: "org#" + newID()}
	_ = org2
	u := &User{
		ID:    fmt.Sprintf("org#%s#user#%s", orgID, newID()), // want `key "org#%s#user#%s" has no project# segment`
		OrgID: orgID,
	}
	return org, u
}

// projectKey's orgID carries its org# segment once normalised: silent.
func projectKey(orgID, projectID string) string {
	if !strings.HasPrefix(orgID, "org#") {
		orgID = fmt.Sprintf("org#%s", orgID)
	}
	return fmt.Sprintf("%s#project#%s", orgID, projectID)
}

// Without the normalisation the key has no org# segment.
func projectKeyRaw(orgID, projectID string) string {
	return fmt.Sprintf("%s#project#%s", orgID, projectID) // want `key "%s#project#%s" has org value orgID but no org# segment`
}
