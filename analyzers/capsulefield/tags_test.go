package capsulefield

import "testing"

func TestMirrorName(t *testing.T) {
	for _, tc := range []struct {
		name, tenant, capsule, want string // want "" means dropped
	}{
		{"tenant_id", "TenantID", "CapsuleID", "capsule_id"},
		{"tenantId", "TenantID", "CapsuleID", "capsuleId"},
		{"TenantID", "TenantID", "CapsuleID", "CapsuleID"},
		{"TenantId", "TenantID", "CapsuleID", "CapsuleId"},
		{"TENANT_ID", "TenantID", "CapsuleID", "CAPSULE_ID"},
		{"tenant-id", "TenantID", "CapsuleID", "capsule-id"},
		{"tenant.id", "TenantID", "CapsuleID", "capsule.id"},
		{"tenantid", "TenantID", "CapsuleID", "capsuleid"},
		{"TENANTID", "TenantID", "CapsuleID", "CAPSULEID"},
		{"tenant", "TenantID", "CapsuleID", "capsule"},
		{"owner_tenant_id", "TenantID", "CapsuleID", "owner_capsule_id"},
		{"org_slug", "OrgSlug", "ProjectKey", "project_key"},
		{"orgSlug", "OrgSlug", "ProjectKey", "projectKey"},
		{"OrgSlug", "OrgSlug", "ProjectKey", "ProjectKey"},
		{"orgslug", "OrgSlug", "ProjectKey", "projectkey"},
		{"ORG_SLUG", "OrgSlug", "ProjectKey", "PROJECT_KEY"},
		{"org_id", "OrgID", "CapsuleID", "capsule_id"},
		{"tenant_ref", "Tenant", "CapsuleID", "capsule_id_ref"},
		// The style cannot be told, or the tenant is not named: dropped.
		{"tenant", "Tenant", "CapsuleID", ""},
		{"pk", "TenantID", "CapsuleID", ""},
		{"id", "TenantID", "CapsuleID", ""},
		{"tenant_of_tenant", "TenantID", "CapsuleID", ""},
		{"tenant_id-x", "TenantID", "CapsuleID", ""},
		{"tenant__id", "TenantID", "CapsuleID", ""},
		{"customer", "TenantID", "CapsuleID", ""},
		{"tenant_id", "ID", "ID", ""},
	} {
		got, ok := mirrorName(tc.name, tc.tenant, tc.capsule)
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("mirrorName(%q, %s → %s) = %q, want %q", tc.name, tc.tenant, tc.capsule, got, tc.want)
		}
	}
}

func TestMirrorTag(t *testing.T) {
	for _, tc := range []struct{ tag, want string }{
		{`json:"tenant_id" dynamodbav:"tenant_id"`, `json:"capsule_id" dynamodbav:"capsule_id"`},
		{`json:"tenantId,omitempty"`, `json:"capsuleId,omitempty"`},
		{`json:"-" yaml:",omitempty" xml:"tenant_id,attr"`, `json:"-" yaml:",omitempty" xml:"capsule_id,attr"`},
		{`validate:"required" json:"tenant_id"`, `json:"capsule_id"`},
		{`validate:"required"`, ``},
		{``, ``},
		{`json:tenant_id`, ``},
		{`json:"tenant_id`, ``},
		{`json:"tenant\"id"`, `json:"capsule\"id"`},
		{`  json:"tenant_id"   db:"tenant_id"  `, `json:"capsule_id" db:"capsule_id"`},
	} {
		if got := mirrorTag(tc.tag, "TenantID", "CapsuleID"); got != tc.want {
			t.Errorf("mirrorTag(%q) = %q, want %q", tc.tag, got, tc.want)
		}
	}
}

func TestWords(t *testing.T) {
	for in, want := range map[string]string{
		"TenantID": "Tenant ID", "tenantId": "tenant Id", "HTTPServer": "HTTP Server",
		"OrgSlug": "Org Slug", "ID": "ID", "x": "x", "gsi1PK": "gsi1 PK",
	} {
		got := ""
		for i, w := range words(in) {
			if i > 0 {
				got += " "
			}
			got += w
		}
		if got != want {
			t.Errorf("words(%q) = %q, want %q", in, got, want)
		}
	}
}
