package rekey

import (
	"context"
	"maps"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// One rule of every form: a partition key, a sort key, a GSI key using a
// name the PK rule binds, a non-key attribute rewritten in place, a
// template without placeholders, a separator other than '#'.
const formsMap = `{"rules": [
 {"entity": "Invoice", "attribute": "PK", "from": "TENANT#{tenant}#INVOICE#{id}", "to": "TENANT#{tenant}#CAPSULE#{capsule}#INVOICE#{id}"},
 {"entity": "Invoice", "attribute": "GSI1PK", "from": "STATUS#{status}", "to": "TENANT#{tenant}#CAPSULE#{capsule}#STATUS#{status}"},
 {"entity": "Order", "attribute": "SK", "from": "ORDER#{id}", "to": "CAPSULE#{capsule}#ORDER#{id}"},
 {"entity": "Profile", "attribute": "GSI1PK", "from": "TENANT#{tenant}#EMAIL#{email}", "to": "TENANT#{tenant}#CAPSULE#{capsule}#EMAIL#{email}"},
 {"entity": "Config", "attribute": "SK", "from": "GLOBAL", "to": "GLOBAL#CAPSULE#{capsule}"},
 {"entity": "Ticket", "attribute": "GSI1SK", "from": "T-{n}", "to": "C-{capsule}-T-{n}"}
]}`

func mustMap(t testing.TB, src string) *Map {
	t.Helper()
	m, err := ParseMap([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// formsItems are the rows before the run, by name.
func formsItems() map[string]Item {
	return map[string]Item{
		"inv1": {"PK": S("TENANT#t1#INVOICE#i1"), "SK": S("META"), "GSI1PK": S("STATUS#open"), "GSI1SK": S("2024-01-01"),
			"capsule_id": S("c1"), "amount": N("10"), "tags": &types.AttributeValueMemberSS{Value: []string{"a", "b"}}},
		"inv2":    {"PK": S("TENANT#t2#INVOICE#i2"), "SK": S("META"), "GSI1PK": S("STATUS#paid"), "GSI1SK": S("2024-02-02"), "amount": N("7.5")},
		"order1":  {"PK": S("TENANT#t1"), "SK": S("ORDER#o1"), "capsule_id": S("c2"), "lines": &types.AttributeValueMemberL{Value: []types.AttributeValue{N("1"), S("x")}}},
		"profile": {"PK": S("USER#u1"), "SK": S("PROFILE"), "GSI1PK": S("TENANT#t1#EMAIL#a@b.c"), "GSI1SK": S("u1"), "capsule_id": S("c1")},
		"config":  {"PK": S("CONFIG"), "SK": S("GLOBAL"), "capsule_id": N("3")},
		"ticket":  {"PK": S("TICKET#9"), "SK": S("META"), "GSI1PK": S("QUEUE"), "GSI1SK": S("T-42"), "capsule_id": S("c1")},
		"unrelated": {"PK": S("AUDIT#1"), "SK": S("2024"), "blob": &types.AttributeValueMemberB{Value: []byte{0, 1, 2}},
			"nested": &types.AttributeValueMemberM{Value: Item{"PK": S("TENANT#t1#INVOICE#i1"), "n": N("1")}},
			"ns":     &types.AttributeValueMemberNS{Value: []string{"1", "2"}}, "ok": &types.AttributeValueMemberBOOL{Value: true},
			"none": &types.AttributeValueMemberNULL{Value: true}},
		"migrated": {"PK": S("TENANT#t1#CAPSULE#c1#INVOICE#i9"), "SK": S("META"), "GSI1PK": S("TENANT#t1#CAPSULE#c1#STATUS#open"),
			"GSI1SK": S("2024-03-03"), "capsule_id": S("c1")},
	}
}

// formsExpected is the table after a complete run with default capsule
// c0, written out by hand from the map.
func formsExpected() map[string]Item {
	it := formsItems()
	with := func(name string, kv ...string) {
		x := maps.Clone(it[name])
		for i := 0; i < len(kv); i += 2 {
			x[kv[i]] = S(kv[i+1])
		}
		it[name] = x
	}
	with("inv1", "PK", "TENANT#t1#CAPSULE#c1#INVOICE#i1", "GSI1PK", "TENANT#t1#CAPSULE#c1#STATUS#open")
	with("inv2", "PK", "TENANT#t2#CAPSULE#c0#INVOICE#i2", "GSI1PK", "TENANT#t2#CAPSULE#c0#STATUS#paid") // no capsule_id: default
	with("order1", "SK", "CAPSULE#c2#ORDER#o1")
	with("profile", "GSI1PK", "TENANT#t1#CAPSULE#c1#EMAIL#a@b.c")
	with("config", "SK", "GLOBAL#CAPSULE#3")
	with("ticket", "GSI1SK", "C-c1-T-42")
	return it
}

func dumpOf(items map[string]Item) map[string]string {
	out := map[string]string{}
	for _, it := range items {
		out[canonKey(it)] = canon(&types.AttributeValueMemberM{Value: it})
	}
	return out
}

func sameDump(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for k, w := range want {
		if g, ok := got[k]; !ok {
			t.Errorf("%s: row %s missing", what, k)
		} else if g != w {
			t.Errorf("%s: row %s\n got %s\nwant %s", what, k, g, w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: unexpected row %s: %s", what, k, got[k])
		}
	}
}

func loadForms(t *testing.T) (*dynamodb.Client, string) {
	c := motoClient(t)
	table := newTable(t, c)
	for _, it := range formsItems() {
		put(t, c, table, it)
	}
	return c, table
}

func run(t *testing.T, c API, o Options) *Stats {
	t.Helper()
	st, err := Run(context.Background(), c, o)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestRuleForms(t *testing.T) {
	c, table := loadForms(t)
	m := mustMap(t, formsMap)
	st := run(t, c, Options{Table: table, Map: m, DefaultCapsule: "c0", Segments: 3})
	if st.Moved() != 4 || st.Updated() != 2 || st.Skipped() != 0 || st.Conflicts() != 0 {
		t.Errorf("moved %d updated %d skipped %d conflicts %d, want 4 2 0 0", st.Moved(), st.Updated(), st.Skipped(), st.Conflicts())
	}
	want := dumpOf(formsExpected())
	sameDump(t, "after run", dump(t, c, table), want)

	// The GSI serves the rewritten value.
	q, err := c.Query(context.Background(), &dynamodb.QueryInput{
		TableName: aws.String(table), IndexName: aws.String("GSI1"),
		KeyConditionExpression:    aws.String("GSI1PK = :v"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": S("TENANT#t1#CAPSULE#c1#STATUS#open")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if q.Count != 2 { // inv1, moved, and the already-migrated row
		t.Errorf("GSI1 query found %d rows, want 2", q.Count)
	}

	again := run(t, c, Options{Table: table, Map: m, DefaultCapsule: "c0"})
	if again.Writes() != 0 || again.Matched() != 0 {
		t.Errorf("second run wrote %d rows, matched %d; want none", again.Writes(), again.Matched())
	}
	sameDump(t, "after second run", dump(t, c, table), want)
	if v := run(t, c, Options{Table: table, Map: m, Verify: true}); v.Remaining() != 0 {
		t.Errorf("verify after run: %d rows left", v.Remaining())
	}
}

func TestNoCapsuleIsSkipped(t *testing.T) {
	c, table := loadForms(t)
	before := dump(t, c, table)
	st := run(t, c, Options{Table: table, Map: mustMap(t, formsMap)}) // no -default-capsule
	if st.Skipped() != 1 || st.Moved() != 3 {
		t.Errorf("skipped %d moved %d, want 1 3", st.Skipped(), st.Moved())
	}
	want := dumpOf(formsExpected())
	inv2 := canonKey(formsItems()["inv2"])
	delete(want, canonKey(formsExpected()["inv2"]))
	want[inv2] = before[inv2] // never written or deleted
	sameDump(t, "after run", dump(t, c, table), want)
	if len(st.skips) != 1 || st.skips[0] != `PK="TENANT#t2#INVOICE#i2",SK="META": no capsule_id attribute and no -default-capsule` {
		t.Errorf("skip report %q", st.skips)
	}
}

func TestDryRunAndVerifyWriteNothing(t *testing.T) {
	c, table := loadForms(t)
	m := mustMap(t, formsMap)
	before := dump(t, c, table)
	v := run(t, c, Options{Table: table, Map: m, Verify: true, Segments: 2})
	if v.Remaining() != 6 {
		t.Errorf("verify: %d rows match a from template, want 6", v.Remaining())
	}
	d := run(t, c, Options{Table: table, Map: m, DryRun: true, DefaultCapsule: "c0"})
	want := map[string]int{"Invoice.PK": 2, "Invoice.GSI1PK": 2, "Order.SK": 1, "Profile.GSI1PK": 1, "Config.SK": 1, "Ticket.GSI1SK": 1}
	if got := d.PerRule(); !maps.Equal(got, want) {
		t.Errorf("dry run per rule %v, want %v", got, want)
	}
	if d.Writes() != 0 {
		t.Errorf("dry run counted %d writes", d.Writes())
	}
	sameDump(t, "after verify and dry run", dump(t, c, table), before)
}

func TestKeepOldThenDelete(t *testing.T) {
	c, table := loadForms(t)
	m := mustMap(t, formsMap)
	opt := Options{Table: table, Map: m, DefaultCapsule: "c0", KeepOld: true}
	st := run(t, c, opt)
	if st.Copied() != 4 || st.Moved() != 0 || st.Updated() != 0 {
		t.Errorf("-keep-old: copied %d moved %d updated %d, want 4 0 0", st.Copied(), st.Moved(), st.Updated())
	}
	// Both generations are readable: old rows as they were, plus copies.
	want := dumpOf(formsItems())
	exp := formsExpected()
	for _, n := range []string{"inv1", "inv2", "order1", "config"} {
		want[canonKey(exp[n])] = canon(&types.AttributeValueMemberM{Value: exp[n]})
	}
	sameDump(t, "after -keep-old", dump(t, c, table), want)
	if again := run(t, c, opt); again.Writes() != 0 {
		t.Errorf("second -keep-old run wrote %d rows", again.Writes())
	}
	if v := run(t, c, Options{Table: table, Map: m, Verify: true}); v.Remaining() != 6 {
		t.Errorf("verify after -keep-old: %d rows left, want 6", v.Remaining())
	}

	opt.KeepOld = false
	st = run(t, c, opt)
	if st.OldDeleted() != 4 || st.Updated() != 2 || st.Moved() != 0 {
		t.Errorf("run after -keep-old: old deleted %d updated %d moved %d, want 4 2 0", st.OldDeleted(), st.Updated(), st.Moved())
	}
	sameDump(t, "after the deleting run", dump(t, c, table), dumpOf(formsExpected()))
}

func TestNewKeyTakenIsReported(t *testing.T) {
	c, table := loadForms(t)
	// A dual-writing service already wrote inv1 under its new key, with
	// a later amount: the move must neither overwrite it nor delete inv1.
	taken := maps.Clone(formsExpected()["inv1"])
	taken["amount"] = N("11")
	put(t, c, table, taken)
	st := run(t, c, Options{Table: table, Map: mustMap(t, formsMap), DefaultCapsule: "c0"})
	if st.Conflicts() != 1 || st.Moved() != 3 {
		t.Errorf("conflicts %d moved %d, want 1 3", st.Conflicts(), st.Moved())
	}
	want := dumpOf(formsExpected())
	want[canonKey(taken)] = canon(&types.AttributeValueMemberM{Value: taken})
	old := formsItems()["inv1"]
	want[canonKey(old)] = canon(&types.AttributeValueMemberM{Value: old})
	sameDump(t, "after run", dump(t, c, table), want)
}
