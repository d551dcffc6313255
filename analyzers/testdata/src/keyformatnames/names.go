package keyformatnames

import "fmt"

// Tenants and capsules are plain strings, known by configured names.
func swapped(orgSlug, projectKey, id string) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s#ITEM#%s", projectKey, orgSlug, id) // want `key "TENANT#%s#CAPSULE#%s#ITEM#%s" has capsule value projectKey in its TENANT# segment and tenant value orgSlug in its CAPSULE# segment`
}

func missing(orgSlug, projectKey, id string) string {
	return "TENANT#" + orgSlug + "#ITEM#" + id // want `key "TENANT#{orgSlug}#ITEM#{id}" has no CAPSULE# segment`
}

func param(orgSlug, id string) string {
	return fmt.Sprintf("TENANT#%s#ITEM#%s", orgSlug, id) // want `key "TENANT#%s#ITEM#%s" has no CAPSULE# segment`
}

func caller(orgSlug, projectKey string) string {
	return param(orgSlug, "1")
}

// Both strings but neither configured: not judged.
func unknown(a, b string) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s", b, a)
}
