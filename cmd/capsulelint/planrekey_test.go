package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/capsulelint/capsulelint/internal/plan"
	"github.com/capsulelint/capsulelint/internal/rekey"
)

// attrFixture stores key templates the ways code does: a struct field
// with a dynamodbav tag, a map of attribute values, a local variable
// assigned to a field, and a key stored nowhere the code shows.
var attrFixture = map[string]string{
	"go.mod": "module example.com/shop\n\ngo 1.26\n",
	"ids/ids.go": `package ids

type TenantID string
type CapsuleID string
`,
	"types/types.go": `package types

type AttributeValue interface{ isAV() }
type AttributeValueMemberS struct{ Value string }

func (*AttributeValueMemberS) isAV() {}
`,
	"keys/keys.go": `package keys

import (
	"fmt"

	"example.com/shop/ids"
)

func InvoicePK(t ids.TenantID, id string) string { return fmt.Sprintf("TENANT#%s#INVOICE#%s", t, id) }

func OrderSK(t ids.TenantID, id string) string { return "TENANT#" + string(t) + "#ORDER#" + id }

func NotePK(t ids.TenantID, id string) string { return fmt.Sprintf("TENANT#%s#NOTE#%s", t, id) }

func LostPK(t ids.TenantID, id string) string { return fmt.Sprintf("TENANT#%s#LOST#%s", t, id) }
`,
	"store/store.go": `package store

import (
	"example.com/shop/ids"
	"example.com/shop/keys"
	"example.com/shop/types"
)

type invoiceItem struct {
	PK     string ` + "`dynamodbav:\"pk,omitempty\"`" + `
	Amount int
}

type noteItem struct {
	PK string
}

func Invoice(t ids.TenantID, id string) any { return invoiceItem{PK: keys.InvoicePK(t, id)} }

func Order(t ids.TenantID, id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"SK": &types.AttributeValueMemberS{Value: keys.OrderSK(t, id)}}
}

func Note(t ids.TenantID, id string) *noteItem {
	n := &noteItem{}
	pk := keys.NotePK(t, id)
	n.PK = pk
	return n
}

func Lost(t ids.TenantID, id string) int { return len(keys.LostPK(t, id)) }
`,
}

func TestPlanRekeyMap(t *testing.T) {
	dir := t.TempDir()
	for name, src := range attrFixture {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "rekey.json")
	code, _, stderr := runPlanIn(t, dir, "-rekey-map", out, "./...")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var m plan.RekeyMap
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	got := map[string]plan.RekeyRule{}
	for _, r := range m.Rules {
		r.Note = strings.Split(r.Note, " (")[0]
		got[r.From] = r
	}
	want := map[string]plan.RekeyRule{
		"TENANT#{tenant}#INVOICE#{invoice}": {Attribute: "pk", From: "TENANT#{tenant}#INVOICE#{invoice}", To: "TENANT#{tenant}#CAPSULE#{capsule}#INVOICE#{invoice}"},
		"TENANT#{tenant}#ORDER#{id}":        {Attribute: "SK", From: "TENANT#{tenant}#ORDER#{id}", To: "TENANT#{tenant}#CAPSULE#{capsule}#ORDER#{id}"},
		"TENANT#{tenant}#NOTE#{note}":       {Attribute: "PK", From: "TENANT#{tenant}#NOTE#{note}", To: "TENANT#{tenant}#CAPSULE#{capsule}#NOTE#{note}"},
		"TENANT#{tenant}#LOST#{lost}": {Attribute: "", From: "TENANT#{tenant}#LOST#{lost}", To: "TENANT#{tenant}#CAPSULE#{capsule}#LOST#{lost}",
			Note: "fill in the attribute: the code does not show where keys.LostPK"},
	}
	for k, w := range want {
		g := got[k]
		g.Entity = ""
		if !reflect.DeepEqual(g, w) {
			t.Errorf("rule %s:\n got %+v\nwant %+v", k, g, w)
		}
	}
	if len(m.Rules) != len(want) {
		t.Errorf("%d rules, want %d:\n%s", len(m.Rules), len(want), data)
	}

	// rekey refuses the map until the empty attribute is filled in.
	if _, err := rekey.ParseMap(data); err == nil || !strings.Contains(err.Error(), "empty attribute") {
		t.Errorf("map with an empty attribute: %v", err)
	}
	for i := range m.Rules {
		if m.Rules[i].Attribute == "" {
			m.Rules[i].Attribute = "PK"
		}
	}
	filled, _ := json.Marshal(m)
	if _, err := rekey.ParseMap(filled); err != nil {
		t.Errorf("filled-in map rejected: %v", err)
	}
}

// TestPlanRekeyMapBundledExample: the GSI helper's rule binds {tenant}
// from its entity's PK rule, and the map, with the query prefixes
// deleted as their notes say, is one rekey accepts.
func TestPlanRekeyMapBundledExample(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/migration")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "rekey.json")
	if code, _, stderr := runPlanIn(t, dir, "-rekey-map", out, "./..."); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(out)
	var m plan.RekeyMap
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	want := []plan.RekeyRule{
		{Entity: "FinancialConfig", Attribute: "PK", From: "TENANT#{tenant}#CONFIG#FINANCIAL", To: "TENANT#{tenant}#CAPSULE#{capsule}#CONFIG#FINANCIAL"},
		{Entity: "FinancialConfig", Attribute: "GSI1PK", From: "CAPSULE#{capsule}#INDUSTRY#{industry}", To: "TENANT#{tenant}#CAPSULE#{capsule}#INDUSTRY#{industry}"},
		{Entity: "Contract", Attribute: "PK", From: "TENANT#{tenant}#CONTRACT#{id}", To: "TENANT#{tenant}#CAPSULE#{capsule}#CONTRACT#{id}"},
	}
	for _, w := range want {
		if !slices.Contains(m.Rules, w) {
			t.Errorf("no rule %+v in\n%s", w, data)
		}
	}
	var kept []plan.RekeyRule
	for _, r := range m.Rules {
		if r.Attribute != "" {
			kept = append(kept, r)
		} else if !strings.Contains(r.Note, "prefix for queries") {
			t.Errorf("rule without attribute and without the prefix note: %+v", r)
		}
	}
	m.Rules = kept
	reviewed, _ := json.Marshal(m)
	if _, err := rekey.ParseMap(reviewed); err != nil {
		t.Errorf("reviewed map rejected: %v", err)
	}
}
