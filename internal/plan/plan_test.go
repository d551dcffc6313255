package plan

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/txtar"

	"github.com/capsulelint/capsulelint/internal/txtartest"
)

// extract writes the archive's files into a temp dir.
func extract(t *testing.T, name string) string {
	t.Helper()
	dir, _ := txtartest.Extract(t, filepath.Join("testdata", name))
	return dir
}

func build(t *testing.T, archive string) (*Plan, string) {
	t.Helper()
	dir := extract(t, archive)
	p, err := Build(Options{Dir: dir, Patterns: []string{"./..."}, Analyzers: stubAnalyzers()})
	if err != nil {
		t.Fatal(err)
	}
	return p, dir
}

func entityNamed(t *testing.T, p *Plan, name string) *Entity {
	t.Helper()
	for _, e := range p.Entities {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("no entity %s in the plan; order %v", name, p.Order)
	return nil
}

// billing is what the billing fixture's plan must say, written from the
// fixture by hand: which declaration goes with which entity.
var billing = struct {
	methods map[string][]string // entity → interface methods
	impls   map[string][]string // interface method → implementations
	keys    map[string][]string // entity → functions/constants holding key templates
	keyFns  map[string]string   // key function → entity
	helpers map[string]string   // GSI helper → entity
	structs map[string][]string // entity → structs that only gain a field
}{
	methods: map[string][]string{
		"FinancialConfig":   {"FinancialConfigRepository.Get", "FinancialConfigRepository.Save"},
		"Contract":          {"ContractRepository.Get", "ContractRepository.Save", "ContractRepository.Delete", "memContractRepository.load"},
		"ContractLineItem":  {"ContractLineItemRepository.Save", "ContractLineItemRepository.Delete"},
		"ContractAmendment": {"ContractAmendmentRepository.Save"},
		"RevenueSchedule":   {"RevenueScheduleRepository.Save"},
		"AccessEntity":      {"AccessRepository.Get", "AccessRepository.Revoke", "AccessRepository.QueryByResource"},
	},
	impls: map[string][]string{
		"FinancialConfigRepository.Get":  {"memFinancialConfigRepository.Get", "failingConfigs.Get"},
		"FinancialConfigRepository.Save": {"memFinancialConfigRepository.Save", "failingConfigs.Save"},
	},
	keys: map[string][]string{
		"FinancialConfig":   {"keys.FinancialConfigPK"},
		"Contract":          {"keys.ContractPK"},
		"ContractAmendment": {"keys.AmendmentPK"},
		"RevenueSchedule":   {"keys.RevenueSchedulePK"},
		"AccessEntity":      {"keys.accessKeyFormat", "repository.memAccessRepository.QueryByResource"},
		"":                  {"keys.StreamKey"},
	},
	keyFns: map[string]string{
		"FinancialConfigPK": "FinancialConfig", "ContractPK": "Contract", "AmendmentPK": "ContractAmendment",
		"RevenueSchedulePK": "RevenueSchedule", "AccessPK": "AccessEntity", "AccessPKs": "AccessEntity", "StreamKey": "",
	},
	helpers: map[string]string{"Gsi1pkForIndustry": "FinancialConfig", "Gsi1pkForAccount": ""},
	structs: map[string][]string{"Contract": {"ContractCreated", "CreateContractRequest"}},
}

func TestBillingPlan(t *testing.T) {
	p, _ := build(t, "billing.txtar")
	if p.Schema != 1 {
		t.Errorf("schema = %d, want 1", p.Schema)
	}
	if p.Template != "FinancialConfig" {
		t.Errorf("template = %q, want FinancialConfig; order %v", p.Template, p.Order)
	}
	pos := map[string]int{}
	for i, n := range p.Order {
		pos[n] = i
	}
	if len(pos) != 6 {
		t.Fatalf("order = %v, want the six entities", p.Order)
	}
	for _, child := range []string{"ContractLineItem", "ContractAmendment", "RevenueSchedule"} {
		if pos["Contract"] > pos[child] {
			t.Errorf("Contract comes after %s: %v", child, p.Order)
		}
	}
	for _, child := range []string{"ContractAmendment", "RevenueSchedule"} {
		if pos["ContractLineItem"] > pos[child] {
			t.Errorf("ContractLineItem comes after %s: %v", child, p.Order)
		}
	}
	// Ties among ready entities by call sites: FinancialConfig (5) and
	// AccessEntity (9) before Contract (17); ContractAmendment (3) before
	// RevenueSchedule (5).
	want := []string{"FinancialConfig", "AccessEntity", "Contract", "ContractLineItem", "ContractAmendment", "RevenueSchedule"}
	if !slices.Equal(p.Order, want) {
		t.Errorf("order = %v, want %v", p.Order, want)
	}
	if len(p.Cycles) != 0 {
		t.Errorf("cycles = %v, want none", p.Cycles)
	}

	deps := map[string][]string{}
	for _, e := range p.Entities {
		for _, d := range e.DependsOn {
			deps[e.Name] = append(deps[e.Name], d.Entity)
		}
		if e.Order != pos[e.Name]+1 {
			t.Errorf("%s: order %d, want %d", e.Name, e.Order, pos[e.Name]+1)
		}
		if e.Template != (e.Name == "FinancialConfig") {
			t.Errorf("%s: template = %v", e.Name, e.Template)
		}
	}
	wantDeps := map[string][]string{
		"ContractLineItem":  {"Contract"},
		"ContractAmendment": {"Contract", "ContractLineItem"},
		"RevenueSchedule":   {"Contract", "ContractLineItem"},
	}
	if !reflect.DeepEqual(deps, wantDeps) {
		t.Errorf("dependencies = %v, want %v", deps, wantDeps)
	}
	if via := entityNamed(t, p, "ContractLineItem").DependsOn[0].Via; !slices.Contains(via, "field ContractID ids.ContractID") {
		t.Errorf("ContractLineItem depends on Contract via %q, want the field ContractID", via)
	}
	if got := entityNamed(t, p, "Contract").Dependents; !slices.Equal(got, []string{"ContractLineItem", "ContractAmendment", "RevenueSchedule"}) {
		t.Errorf("Contract's dependents = %v", got)
	}

	groups := map[string]*Group{"": &p.Shared}
	for _, e := range p.Entities {
		groups[e.Name] = &e.Group
	}
	for name, g := range groups {
		var methods, keys, helpers, structs []string
		for _, m := range g.Methods {
			methods = append(methods, m.Name)
			var impls []string
			for _, f := range m.Implementations {
				impls = append(impls, f.Name)
			}
			if w, ok := billing.impls[m.Name]; ok && !sameSet(impls, w) {
				t.Errorf("%s: implementations %v, want %v", m.Name, impls, w)
			}
			if strings.HasPrefix(m.Name, "mem") == m.Interface {
				t.Errorf("%s: interface = %v", m.Name, m.Interface)
			}
		}
		for _, k := range g.Keys {
			keys = append(keys, k.In)
		}
		for _, h := range g.GSIHelpers {
			helpers = append(helpers, strings.TrimPrefix(h.Name, "keys."))
		}
		for _, s := range g.Structs {
			structs = append(structs, s.Name)
		}
		if !sameSet(methods, billing.methods[name]) {
			t.Errorf("%q: methods %v, want %v", name, methods, billing.methods[name])
		}
		if !sameSet(keys, billing.keys[name]) {
			t.Errorf("%q: keys in %v, want %v", name, keys, billing.keys[name])
		}
		var wantHelpers []string
		for h, e := range billing.helpers {
			if e == name {
				wantHelpers = append(wantHelpers, h)
			}
		}
		if !sameSet(helpers, wantHelpers) {
			t.Errorf("%q: GSI helpers %v, want %v", name, helpers, wantHelpers)
		}
		if !sameSet(structs, billing.structs[name]) {
			t.Errorf("%q: structs %v, want %v", name, structs, billing.structs[name])
		}
	}
	if h := p.Shared.GSIHelpers; len(h) != 1 || !slices.Equal(h[0].UsedBy, []string{"Contract", "RevenueSchedule"}) {
		t.Errorf("shared GSI helpers = %+v, want Gsi1pkForAccount used by Contract and RevenueSchedule", h)
	}
	for _, e := range p.Entities {
		for _, k := range e.Keys {
			if k.Text == "" || !strings.Contains(k.Text, "TENANT#") {
				t.Errorf("%s: key text %q", k.In, k.Text)
			}
		}
	}
	if k := entityNamed(t, p, "AccessEntity").Keys; len(k) == 2 {
		if k[0].In != "keys.accessKeyFormat" || k[0].Text != `"TENANT#%s#ACCESS#%s"` || !slices.Equal(k[0].Labels, []string{"ACCESS"}) {
			t.Errorf("constant key = %+v", k[0])
		}
		var fns []string
		for _, f := range k[0].Functions {
			fns = append(fns, f.Name)
		}
		if !sameSet(fns, []string{"keys.AccessPK", "keys.AccessPKs"}) {
			t.Errorf("the constant's key functions = %v, want AccessPK and AccessPKs", fns)
		}
		if len(k[1].Functions) != 1 || !k[1].Functions[0].Method || k[1].CallSites.Total != 0 {
			t.Errorf("the key in a repository method: %+v", k[1])
		}
	}
	if t.Failed() {
		var buf bytes.Buffer
		p.WriteMarkdown(&buf)
		t.Log(buf.String())
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// countCalls counts, independently of plan, the call expressions whose
// callee classify names, per name, in production and test files: each
// call once, however many test variants type-check its file.
func countCalls(t *testing.T, dir string, classify func(fn *types.Func) string) map[string]Count {
	t.Helper()
	cfg := &packages.Config{Mode: packages.LoadSyntax, Dir: dir, Tests: true}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Count{}
	seen := map[string]bool{}
	for _, p := range pkgs {
		for _, f := range p.Syntax {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				var id *ast.Ident
				switch fun := ast.Unparen(call.Fun).(type) {
				case *ast.Ident:
					id = fun
				case *ast.SelectorExpr:
					id = fun.Sel
				}
				fn, ok := p.TypesInfo.Uses[id].(*types.Func)
				if !ok {
					return true
				}
				label := classify(fn)
				at := p.Fset.Position(call.Pos())
				if label == "" || seen[at.String()] {
					return true
				}
				seen[at.String()] = true
				c := out[label]
				if strings.HasSuffix(at.Filename, "_test.go") {
					c.Test++
				} else {
					c.Prod++
				}
				c.Total++
				out[label] = c
				return true
			})
		}
	}
	return out
}

// qualified names fn as the fixture spells it: Recv.Method or Func.
func qualified(fn *types.Func) string {
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil {
		return fn.Name()
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := t.(*types.Named); ok {
		return n.Obj().Name() + "." + fn.Name()
	}
	return fn.Name()
}

func TestBillingCounts(t *testing.T) {
	p, dir := build(t, "billing.txtar")
	methodEntity := map[string]string{}
	for entity, ms := range billing.methods {
		for _, m := range ms {
			methodEntity[m] = entity
			for _, impl := range billing.impls[m] {
				methodEntity[impl] = entity
			}
			if iface, name, ok := strings.Cut(m, "."); ok && !strings.HasPrefix(iface, "mem") {
				methodEntity["mem"+iface+"."+name] = entity
			}
		}
	}
	counts := countCalls(t, dir, func(fn *types.Func) string {
		q := qualified(fn)
		if e, ok := methodEntity[q]; ok {
			return e + "/method"
		}
		if e, ok := billing.keyFns[q]; ok {
			return e + "/key"
		}
		if e, ok := billing.helpers[q]; ok {
			return e + "/gsi"
		}
		return ""
	})
	check := func(name string, g *Group) {
		t.Helper()
		if g.MethodCallSites != counts[name+"/method"] {
			t.Errorf("%q: repository method call sites %+v, want %+v", name, g.MethodCallSites, counts[name+"/method"])
		}
		if g.KeyCallSites != counts[name+"/key"] {
			t.Errorf("%q: key function call sites %+v, want %+v", name, g.KeyCallSites, counts[name+"/key"])
		}
		if g.GSICallSites != counts[name+"/gsi"] {
			t.Errorf("%q: GSI helper call sites %+v, want %+v", name, g.GSICallSites, counts[name+"/gsi"])
		}
		m, k := counts[name+"/method"], counts[name+"/key"]
		if want := (Count{m.Prod + k.Prod, m.Test + k.Test, m.Total + k.Total}); g.CallSites != want {
			t.Errorf("%q: call sites %+v, want %+v", name, g.CallSites, want)
		}
	}
	var total, methods, keys, gsi Count
	add := func(c *Count, d Count) { c.Prod += d.Prod; c.Test += d.Test; c.Total += d.Total }
	for label, c := range counts {
		add(&total, c)
		switch {
		case strings.HasSuffix(label, "/method"):
			add(&methods, c)
		case strings.HasSuffix(label, "/key"):
			add(&keys, c)
		default:
			add(&gsi, c)
		}
	}
	for _, e := range p.Entities {
		check(e.Name, &e.Group)
	}
	check("", &p.Shared)
	if p.Totals.CallSites != total || p.Totals.MethodCallSites != methods || p.Totals.KeyCallSites != keys || p.Totals.GSICallSites != gsi {
		t.Errorf("totals %+v, want call sites %+v (methods %+v, keys %+v, GSI %+v)", p.Totals, total, methods, keys, gsi)
	}
	// The template has the fewest call sites among the entities without
	// dependencies.
	for _, e := range p.Entities {
		if len(e.DependsOn) == 0 && e.CallSites.Total < entityNamed(t, p, p.Template).CallSites.Total {
			t.Errorf("%s has fewer call sites (%d) than the template %s", e.Name, e.CallSites.Total, p.Template)
		}
	}
	want := Totals{Entities: 6, Structs: 2, Methods: 13, Implementations: 14, KeyTemplates: 7, KeyFunctions: 8, GSIHelpers: 2}
	got := p.Totals
	got.CallSites, got.MethodCallSites, got.KeyCallSites, got.GSICallSites, got.Callers, got.Tests, got.Findings = Count{}, Count{}, Count{}, Count{}, Count{}, 0, 0
	if got != want {
		t.Errorf("totals = %+v, want %+v", got, want)
	}
	// Sites are listed per item, each once.
	for _, e := range p.Entities {
		for _, m := range e.Methods {
			if len(m.Sites) != m.CallSites.Total {
				t.Errorf("%s: %d sites listed, %d counted", m.Name, len(m.Sites), m.CallSites.Total)
			}
		}
	}
}

// TestBillingJSONConsumer decodes the -json output as a consumer would,
// into its own types, and checks the documented fields.
func TestBillingJSONConsumer(t *testing.T) {
	p, _ := build(t, "billing.txtar")
	var buf bytes.Buffer
	if err := p.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	type count struct{ Prod, Test, Total int }
	type site struct {
		Pos  string `json:"pos"`
		Test bool   `json:"test"`
		Func string `json:"func"`
	}
	type item struct {
		Name      string   `json:"name"`
		Text      string   `json:"text"`
		In        string   `json:"in"`
		Pos       string   `json:"pos"`
		UsedBy    []string `json:"used_by"`
		CallSites count    `json:"call_sites"`
		Sites     []site   `json:"sites"`
		Impls     []struct {
			Name string `json:"name"`
			Pos  string `json:"pos"`
		} `json:"implementations"`
		Functions []struct {
			Name      string `json:"name"`
			Method    bool   `json:"method"`
			CallSites count  `json:"call_sites"`
		} `json:"functions"`
	}
	type group struct {
		Structs    []item `json:"structs"`
		Methods    []item `json:"methods"`
		Keys       []item `json:"keys"`
		GSIHelpers []item `json:"gsi_helpers"`
		CallSites  count  `json:"call_sites"`
		GSI        count  `json:"gsi_call_sites"`
	}
	var got struct {
		Schema   int        `json:"schema"`
		Template string     `json:"template"`
		Order    []string   `json:"order"`
		Cycles   [][]string `json:"cycles"`
		Totals   struct {
			Entities     int   `json:"entities"`
			Methods      int   `json:"methods"`
			KeyTemplates int   `json:"key_templates"`
			GSIHelpers   int   `json:"gsi_helpers"`
			CallSites    count `json:"call_sites"`
		} `json:"totals"`
		Entities []struct {
			Name      string `json:"name"`
			Order     int    `json:"order"`
			Template  bool   `json:"template"`
			DependsOn []struct {
				Entity string   `json:"entity"`
				Via    []string `json:"via"`
			} `json:"depends_on"`
			group
		} `json:"entities"`
		Shared   group             `json:"shared"`
		Unplaced []json.RawMessage `json:"unplaced"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Schema != 1 || got.Template != "FinancialConfig" || len(got.Order) != 6 || got.Cycles == nil || got.Unplaced == nil {
		t.Errorf("schema %d, template %q, order %v, cycles %v, unplaced %v", got.Schema, got.Template, got.Order, got.Cycles, got.Unplaced)
	}
	if got.Totals.Entities != 6 || got.Totals.Methods != 13 || got.Totals.KeyTemplates != 7 || got.Totals.GSIHelpers != 2 {
		t.Errorf("totals = %+v", got.Totals)
	}
	if got.Totals.CallSites.Total != got.Totals.CallSites.Prod+got.Totals.CallSites.Test || got.Totals.CallSites != count(p.Totals.CallSites) {
		t.Errorf("call sites = %+v, want %+v", got.Totals.CallSites, p.Totals.CallSites)
	}
	for i, e := range got.Entities {
		if e.Name != got.Order[i] || e.Order != i+1 {
			t.Errorf("entity %d is %s (order %d), want %s", i, e.Name, e.Order, got.Order[i])
		}
		if e.DependsOn == nil || e.Structs == nil || e.Methods == nil || e.Keys == nil || e.GSIHelpers == nil {
			t.Errorf("%s: a list is null, want []", e.Name)
		}
		for _, m := range e.Methods {
			if len(m.Sites) != m.CallSites.Total || m.Pos == "" {
				t.Errorf("%s: %d sites for %d call sites", m.Name, len(m.Sites), m.CallSites.Total)
			}
			for _, s := range m.Sites {
				if s.Test != strings.Contains(s.Pos, "_test.go:") || strings.Count(s.Pos, ":") != 2 {
					t.Errorf("%s: site %+v", m.Name, s)
				}
			}
		}
	}
	if len(got.Entities) > 0 && got.Entities[0].Name == "FinancialConfig" {
		fc := got.Entities[0]
		if !fc.Template || len(fc.GSIHelpers) != 1 || fc.GSIHelpers[0].Name != "keys.Gsi1pkForIndustry" {
			t.Errorf("FinancialConfig = %+v", fc)
		}
		if len(fc.Methods) != 2 || len(fc.Methods[0].Impls) != 2 || fc.Methods[0].Impls[0].Pos == "" {
			t.Errorf("FinancialConfig methods = %+v", fc.Methods)
		}
	}
	if len(got.Shared.Keys) != 1 || got.Shared.Keys[0].In != "keys.StreamKey" || got.Shared.Keys[0].CallSites.Total != 4 ||
		len(got.Shared.Keys[0].Functions) != 1 || got.Shared.Keys[0].Functions[0].Name != "keys.StreamKey" {
		t.Errorf("shared keys = %+v", got.Shared.Keys)
	}
}

func TestCycle(t *testing.T) {
	p, _ := build(t, "cycle.txtar")
	if want := []string{"Solo", "Order", "Shipment", "A", "B"}; !slices.Equal(p.Order, want) {
		t.Errorf("order = %v, want %v", p.Order, want)
	}
	if want := [][]string{{"A", "B"}}; !reflect.DeepEqual(p.Cycles, want) {
		t.Errorf("cycles = %v, want %v", p.Cycles, want)
	}
	if p.Template != "Solo" {
		t.Errorf("template = %q, want Solo", p.Template)
	}
	for _, e := range p.Entities {
		if e.InCycle != (e.Name == "A" || e.Name == "B") {
			t.Errorf("%s: in cycle = %v", e.Name, e.InCycle)
		}
	}
	ship := entityNamed(t, p, "Shipment")
	if len(ship.DependsOn) != 1 || ship.DependsOn[0].Entity != "Order" || ship.DependsOn[0].Via[0] != "field OrderID string" {
		t.Errorf("Shipment depends on %+v, want Order via its field OrderID", ship.DependsOn)
	}
	if len(ship.Methods) != 2 || ship.CallSites.Total != 3 {
		t.Errorf("Shipment: methods %d, call sites %d; want Count by the repository's name, 3 call sites", len(ship.Methods), ship.CallSites.Total)
	}
	if b := entityNamed(t, p, "B"); len(b.DependsOn) != 1 || b.DependsOn[0].Via[0] != "field Owner *model.AID" {
		t.Errorf("B depends on %+v", b.DependsOn)
	}
	var buf bytes.Buffer
	if err := p.WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "**Dependency cycle**: A → B → A.") {
		t.Errorf("the markdown does not report the cycle:\n%s", buf.String())
	}
}

func TestCollidingNames(t *testing.T) {
	p, _ := build(t, "collide.txtar")
	got := map[string][]string{}
	for _, e := range p.Entities {
		for _, m := range e.Methods {
			got[e.Name] = append(got[e.Name], m.Name)
		}
		for _, k := range e.Keys {
			got[e.Name] = append(got[e.Name], k.In)
		}
		for _, d := range e.DependsOn {
			got[e.Name] = append(got[e.Name], "depends on "+d.Entity)
		}
	}
	want := map[string][]string{
		"billing.Order": {"OrderRepository.Get", "OrderRepository.Delete"},
		"shop.Order":    {"OrderRepository.Get", "OrderRepository.Save", "OrderRepository.Delete", "shop.Order", "shop.orderPK"},
		"OrderLine":     {"shop.lineKey", "depends on shop.Order"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("plan = %v, want %v", got, want)
	}
	if len(p.Shared.Methods)+len(p.Shared.Keys) != 0 {
		t.Errorf("shared = %+v, want nothing", p.Shared)
	}
	if m := entityNamed(t, p, "billing.Order").Methods; len(m) != 2 || m[0].Package != "example.com/collide/billing" {
		t.Errorf("billing.Order's methods = %+v", m)
	}
	if k := entityNamed(t, p, "shop.Order").Keys[0]; k.Text != "`pk:\"TENANT#{tenant_id}#ORDER#{id}\"`" ||
		!slices.Equal(k.Labels, []string{"ORDER"}) || len(k.Functions) != 0 {
		t.Errorf("struct tag key = %+v", k)
	}
	var buf bytes.Buffer
	p.WriteMarkdown(&buf)
	if want := "| key ``" + " `pk:\"TENANT#{tenant_id}#ORDER#{id}\"` " + "`` in `shop.Order` |"; !strings.Contains(buf.String(), want) {
		t.Errorf("the markdown lacks %s:\n%s", want, buf.String())
	}
}

func TestMarkdown(t *testing.T) {
	p, _ := build(t, "billing.txtar")
	var buf bytes.Buffer
	if err := p.WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"# Capsule migration plan\n",
		"6 entities, 13 repository methods, 7 key templates, 2 GSI helpers: **",
		"**Template entity: FinancialConfig**",
		"| 1 | FinancialConfig (template) | — |",
		"| 4 | ContractLineItem | Contract |",
		"| 5 | ContractAmendment | Contract, ContractLineItem |",
		"## 1. FinancialConfig (template)\n",
		"## 3. Contract\n",
		"Depends on Contract (field ContractID ids.ContractID).",
		"| method `FinancialConfigRepository.Get` + 2 implementations | repository/repository.go:15 | 2 | 1 | 1 |",
		"| key `\"TENANT#%s#CONFIG#FINANCIAL\"` in `keys.FinancialConfigPK` | keys/keys.go:11 | 2 | 2 | 0 |",
		"| key `\"TENANT#%s#ACCESS#%s\"` in `keys.accessKeyFormat`, built by `keys.AccessPK`, `keys.AccessPKs` |",
		"in `repository.memAccessRepository.QueryByResource` | repository/repository.go:130 | with the method | | |",
		"| GSI helper `keys.Gsi1pkForIndustry` | keys/keys.go:48 | 2 | 2 | 0 |",
		"Also gain a capsule ID field: `CreateContractRequest` (handlers/handlers.go:19), `ContractCreated` (model/model.go:51).",
		"## Shared\n",
		"| GSI helper `keys.Gsi1pkForAccount` (used by Contract, RevenueSchedule) |",
		"No dependency cycles.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the markdown lacks %q", want)
		}
	}
	if strings.Contains(out, "%!") {
		t.Errorf("formatting error in the markdown")
	}
	if t.Failed() {
		t.Log(out)
	}
}

// TestSchemaDocumented checks that docs/plan-schema.md names every JSON
// field of the plan.
func TestSchemaDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "plan-schema.md"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[reflect.Type]bool{}
	var walk func(typ reflect.Type, path string)
	walk = func(typ reflect.Type, path string) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Anonymous {
				walk(f.Type, path)
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				t.Errorf("%s.%s has no json name", typ.Name(), f.Name)
				continue
			}
			if !bytes.Contains(doc, []byte("`"+name+"`")) {
				t.Errorf("docs/plan-schema.md does not document %s%s", path, name)
			}
			walk(f.Type, path+name+".")
		}
	}
	walk(reflect.TypeFor[Plan](), "")
	if !bytes.Contains(doc, []byte(`"schema": 1`)) {
		t.Errorf(`docs/plan-schema.md does not show "schema": 1`)
	}
}

func TestLoadError(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/broken\n\ngo 1.26\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "x.go"), []byte("package x\n\nvar _ int = \"not an int\"\n"), 0o644)
	_, err := Build(Options{Dir: dir, Patterns: []string{"./..."}, Analyzers: stubAnalyzers()})
	if err == nil || !strings.Contains(err.Error(), "do not load") {
		t.Errorf("err = %v, want the packages do not load", err)
	}
	if _, err := Build(Options{Dir: dir, Analyzers: stubAnalyzers()}); err == nil {
		t.Errorf("no patterns: want an error")
	}
}

func TestEmptyPlan(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/clean\n\ngo 1.26\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "x.go"), []byte("package x\n\ntype T struct{ Name string }\n"), 0o644)
	p, err := Build(Options{Dir: dir, Patterns: []string{"./..."}, Analyzers: stubAnalyzers()})
	if err != nil {
		t.Fatal(err)
	}
	if p.Template != "" || len(p.Entities) != 0 || p.Totals.CallSites.Total != 0 {
		t.Errorf("plan of clean code = %+v", p)
	}
	var buf bytes.Buffer
	p.WriteMarkdown(&buf)
	if !strings.Contains(buf.String(), "Nothing to migrate: the analyzers report nothing in ./...") {
		t.Errorf("markdown:\n%s", buf.String())
	}
}

// TestUnplacedFindings: a diagnostic that names no item of the plan (an
// empty tenant passed to a helper that is not in the plan, another
// analyzer's) is listed, not lost; a helper without entities is shared.
func TestUnplacedFindings(t *testing.T) {
	dir := t.TempDir()
	ar := txtar.Parse([]byte(`
-- go.mod --
module example.com/gsi

go 1.26
-- k/k.go --
package k

type TenantID string
type CapsuleID string

func GsiPKForThing(tenantID TenantID, thing string) string { return string(tenantID) + thing }

func Gsi1pkForIndustry(capsuleID CapsuleID, industry string) string { return string(capsuleID) + industry }

func Use() string {
	return GsiPKForThing("", "x") + Gsi1pkForIndustry("c", "i")
}
`))
	for _, f := range ar.Files {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(f.Name)), 0o755)
		os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644)
	}
	p, err := Build(Options{Dir: dir, Patterns: []string{"./..."}, Analyzers: append(stubAnalyzers(), stubOther)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range p.Unplaced {
		got = append(got, f.Analyzer+" "+f.Pos)
	}
	if want := []string{"other k/k.go:1:9", "gsitenant k/k.go:11:23"}; !slices.Equal(got, want) {
		t.Errorf("unplaced = %q, want %q", got, want)
	}
	if len(p.Entities) != 0 || len(p.Shared.GSIHelpers) != 1 || p.Shared.GSIHelpers[0].CallSites.Total != 1 {
		t.Errorf("entities %v, shared helpers %+v: want Gsi1pkForIndustry shared", p.Order, p.Shared.GSIHelpers)
	}
	var buf bytes.Buffer
	p.WriteMarkdown(&buf)
	for _, want := range []string{"No entity lacks a capsule ID", "## Shared", "## Other findings\n\n- k/k.go:1:9: other: package k\n- k/k.go:11:23: gsitenant: empty tenant passed to GsiPKForThing\n"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the markdown lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestWordAt(t *testing.T) {
	for _, c := range []struct {
		s, word string
		i       int
		want    bool
	}{
		{"ContractPK", "Contract", 0, true},
		{"ContractorPK", "Contract", 0, false},
		{"ContractsRepository", "Contract", 0, true},
		{"ContractLineItemRepository", "Contract", 0, true},
		{"CreateContractRequest", "Contract", 6, true},
		{"Gsi1pkForContract", "Contract", 9, true},
		{"Contract", "Contract", 0, true},
		{"AccessKeyFormat", "Access", 0, true},
	} {
		if got := wordAt(c.s, c.i, c.word); got != c.want {
			t.Errorf("wordAt(%q, %d, %q) = %v, want %v", c.s, c.i, c.word, got, c.want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1003: "1,003", 127000: "127,000", 1234567: "1,234,567", -1003: "-1,003"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestIsTestFunc(t *testing.T) {
	for name, want := range map[string]bool{
		"Test": true, "TestX": true, "Test_x": true, "Testify": false, "BenchmarkX": true,
		"FuzzX": true, "Example": true, "ExampleT_m": true, "helper": false,
	} {
		if got := isTestFunc(name); got != want {
			t.Errorf("isTestFunc(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestLabels(t *testing.T) {
	l := labelSet{sep: "#", reserved: []string{"TENANT", "CAPSULE"}}
	for text, want := range map[string][]string{
		`"TENANT#%s#CONTRACT#%s#LINEITEM#%s#SCHEDULE"`:             {"CONTRACT", "LINEITEM", "SCHEDULE"},
		`"TENANT#" + string(t) + "#AMENDMENT#" + id`:               {"AMENDMENT"},
		"[]string{\"TENANT\", string(t), `ACCESS`}":                {"ACCESS"},
		`fmt.Sprintf("tenant#%s#order#%s", t, id)`:                 nil,
		`"TENANT#%s#CONFIG#FINANCIAL"`:                             {"CONFIG", "FINANCIAL"},
		`"TENANT#%s#ACCESS#" + "\"quoted\"" + "#X"`:                {"ACCESS", "X"},
		`"no separator here"`:                                      nil,
		`"` + strings.Repeat("A#", 3) + `"`:                        {"A", "A", "A"},
		`"TENANT#%s#` + "CAPSULE" + `#%s#INVOICE"`:                 {"INVOICE"},
		`"TENANT#%s#CONTRACT#%s" // a comment with "QUOTED#LABEL"`: {"CONTRACT", "QUOTED", "LABEL"},
	} {
		if got := l.extract(text); !slices.Equal(got, want) {
			t.Errorf("labels of %s = %q, want %q", text, got, want)
		}
	}
	fold := labelSet{sep: "#", fold: true, reserved: []string{"tenant", "capsule"}}
	if got := fold.extract(`"tenant#%s#order#%s"`); !slices.Equal(got, []string{"ORDER"}) {
		t.Errorf("case-insensitive labels = %q, want [ORDER]", got)
	}
}
