package config

import "testing"

func TestVocabularySay(t *testing.T) {
	def := Default()
	if got := def.Vocabulary().Say("a tenant ID but no capsule ID"); got != "a tenant ID but no capsule ID" {
		t.Errorf("default: %q", got)
	}
	c := Default()
	c.Labels = Labels{Tenant: "org", Capsule: "project"}
	v := c.Vocabulary()
	for in, want := range map[string]string{
		"entity %s has a tenant ID but no capsule ID":                        "entity %s has an org ID but no project ID",
		"rows from every capsule of the tenant share it":                     "rows from every project of the org share it",
		"rows of every tenant share its key space; capsules nest in tenants": "rows of every org share its key space; projects nest in orgs",
		"tried tenantID, X.CapsuleID, capsule-names, test-capsule, TENANT#":  "tried tenantID, X.CapsuleID, capsule-names, test-capsule, TENANT#",
		"key \"tenant#%s\" in capsulelint":                                   "key \"tenant#%s\" in capsulelint",
	} {
		if got := v.Say(in); got != want {
			t.Errorf("Say(%q) = %q, want %q", in, got, want)
		}
	}
	if c.Vocabulary().Default {
		t.Error("org/project is not the default vocabulary")
	}
	c.Labels = Labels{Tenant: "t", Capsule: "c"}
	if v := c.Vocabulary(); v.Tenant != "tenant" { // too short to be a word
		t.Errorf("%+v", v)
	}
}
