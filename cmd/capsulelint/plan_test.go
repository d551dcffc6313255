package main

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// The bundled example's migration, as testdata/migration/README.md
// describes it: which declaration belongs to which entity. The counts are
// not copied from anywhere: the test counts the call expressions itself.
var migrationPlan = struct {
	order   []string
	methods map[string][]string // entity → repository methods (interface methods, and load)
	stubs   map[string][]string // interface → test stubs implementing it
	keyFns  map[string]string   // key function → entity ("" = shared)
	helpers map[string]string   // GSI helper → entity ("" = shared)
	structs map[string][]string // entity → structs that only gain a field
	deps    map[string][]string
}{
	methods: map[string][]string{
		"FinancialConfig":   {"FinancialConfigRepository.Get", "FinancialConfigRepository.Save", "FinancialConfigRepository.Delete", "FinancialConfigRepository.QueryByIndustry"},
		"Contract":          {"ContractRepository.Get", "ContractRepository.Save", "ContractRepository.Delete", "ContractRepository.List", "memContractRepository.load"},
		"ContractLineItem":  {"ContractLineItemRepository.Get", "ContractLineItemRepository.Save", "ContractLineItemRepository.ListByContract", "ContractLineItemRepository.Delete"},
		"ContractAmendment": {"ContractAmendmentRepository.Get", "ContractAmendmentRepository.Save", "ContractAmendmentRepository.ListByContract"},
		"RevenueSchedule":   {"RevenueScheduleRepository.Save", "RevenueScheduleRepository.ListByLineItem", "RevenueScheduleRepository.DeleteByLineItem"},
		"AccessEntity":      {"AccessRepository.Get", "AccessRepository.Save", "AccessRepository.Revoke", "AccessRepository.QueryByResource"},
	},
	stubs: map[string][]string{"FinancialConfigRepository": {"failingConfigs"}},
	keyFns: map[string]string{
		"FinancialConfigPK": "FinancialConfig", "ContractPK": "Contract", "ContractPrefix": "Contract",
		"AmendmentPK": "ContractAmendment", "RevenueSchedulePK": "RevenueSchedule",
		"AccessPK": "AccessEntity", "AccessPKs": "AccessEntity", "StreamKey": "",
	},
	helpers: map[string]string{"Gsi1pkForIndustry": "FinancialConfig", "Gsi1pkForAccount": ""},
	structs: map[string][]string{
		"FinancialConfig":   {"FinancialConfigUpdated"},
		"Contract":          {"ContractCreated", "CreateContractRequest"},
		"ContractLineItem":  {"AddLineItemRequest"},
		"ContractAmendment": {"AmendLineItemRequest"},
	},
	deps: map[string][]string{
		"ContractLineItem":  {"Contract"},
		"ContractAmendment": {"Contract", "ContractLineItem"},
		"RevenueSchedule":   {"Contract", "ContractLineItem"},
	},
}

// planJSON is what a consumer of "capsulelint plan -json" reads.
type planJSON struct {
	Schema   int        `json:"schema"`
	Template string     `json:"template"`
	Order    []string   `json:"order"`
	Cycles   [][]string `json:"cycles"`
	Totals   struct {
		Entities, Methods, Implementations int
		KeyTemplates                       int       `json:"key_templates"`
		GSIHelpers                         int       `json:"gsi_helpers"`
		CallSites                          planCount `json:"call_sites"`
	} `json:"totals"`
	Entities []planEntity `json:"entities"`
	Shared   planGroup    `json:"shared"`
	Unplaced []struct {
		Analyzer, Pos, Message string
	} `json:"unplaced"`
}

type planCount struct{ Prod, Test, Total int }

type planEntity struct {
	Name      string `json:"name"`
	Order     int    `json:"order"`
	Template  bool   `json:"template"`
	DependsOn []struct {
		Entity string   `json:"entity"`
		Via    []string `json:"via"`
	} `json:"depends_on"`
	planGroup
}

type planGroup struct {
	Structs []struct{ Name string } `json:"structs"`
	Methods []struct {
		Name            string
		Implementations []struct{ Name string }
		CallSites       planCount `json:"call_sites"`
	} `json:"methods"`
	Keys []struct {
		Text, In  string
		Functions []struct{ Name string }
	} `json:"keys"`
	GSIHelpers []struct {
		Name   string
		UsedBy []string `json:"used_by"`
	} `json:"gsi_helpers"`
	CallSites       planCount `json:"call_sites"`
	MethodCallSites planCount `json:"method_call_sites"`
	KeyCallSites    planCount `json:"key_call_sites"`
	GSICallSites    planCount `json:"gsi_call_sites"`
}

// runPlanIn runs "capsulelint plan args..." in dir.
func runPlanIn(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	code = runPlan(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// migrationCalls counts the call expressions of the bundled example per
// label that classify gives their callee, each call once across test
// variants, in production and test files.
func migrationCalls(t *testing.T, dir string, classify func(recv, name string) string) map[string]planCount {
	t.Helper()
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadSyntax, Dir: dir, Tests: true}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]planCount{}
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
				case *ast.IndexExpr: // decodeAll[model.Contract](...)
					return true
				}
				fn, ok := p.TypesInfo.Uses[id].(*types.Func)
				if !ok {
					return true
				}
				recv := ""
				if sig := fn.Type().(*types.Signature); sig.Recv() != nil {
					rt := sig.Recv().Type()
					if ptr, ok := rt.(*types.Pointer); ok {
						rt = ptr.Elem()
					}
					if n, ok := rt.(*types.Named); ok {
						recv = n.Obj().Name()
					}
				}
				label := classify(recv, fn.Name())
				at := p.Fset.Position(call.Pos()).String()
				if label == "" || seen[at] {
					return true
				}
				seen[at] = true
				c := out[label]
				if strings.Contains(at, "_test.go:") {
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

func sameNames(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestPlanBundledExample runs "capsulelint plan -json" on the seeds'
// six-entity service with the real analyzers and checks the plan a
// consumer decodes: the template, an order compatible with the seeds'
// dependency order, the assignment of every change, and call-site counts
// equal to what this test counts in the fixture.
func TestPlanBundledExample(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/migration")
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runPlanIn(t, dir, "-json", "./...")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var p planJSON
	if err := json.Unmarshal([]byte(stdout), &p); err != nil {
		t.Fatalf("decoding the plan: %v\n%s", err, stdout)
	}
	if p.Schema != 1 {
		t.Errorf("schema = %d, want 1", p.Schema)
	}
	if p.Template != "FinancialConfig" {
		t.Errorf("template = %q, want FinancialConfig (order %v)", p.Template, p.Order)
	}
	pos := map[string]int{}
	for i, n := range p.Order {
		pos[n] = i
	}
	if !sameNames(p.Order, []string{"FinancialConfig", "Contract", "ContractLineItem", "ContractAmendment", "RevenueSchedule", "AccessEntity"}) {
		t.Fatalf("order = %v, want the six entities", p.Order)
	}
	for _, child := range []string{"ContractLineItem", "ContractAmendment", "RevenueSchedule"} {
		if pos["Contract"] > pos[child] {
			t.Errorf("Contract comes after %s: %v", child, p.Order)
		}
	}
	for _, grandchild := range []string{"ContractAmendment", "RevenueSchedule"} {
		if pos["ContractLineItem"] > pos[grandchild] {
			t.Errorf("ContractLineItem comes after %s: %v", grandchild, p.Order)
		}
	}
	if len(p.Cycles) != 0 || len(p.Unplaced) != 0 {
		t.Errorf("cycles %v, unplaced findings %v: want none", p.Cycles, p.Unplaced)
	}

	if p.Totals.KeyTemplates == 0 {
		t.Errorf("no key template in the plan: keyformat reports none")
	}
	groups := map[string]*planGroup{"": &p.Shared}
	for i := range p.Entities {
		e := &p.Entities[i]
		groups[e.Name] = &e.planGroup
		var deps []string
		for _, d := range e.DependsOn {
			deps = append(deps, d.Entity)
		}
		if !sameNames(deps, migrationPlan.deps[e.Name]) {
			t.Errorf("%s depends on %v, want %v", e.Name, deps, migrationPlan.deps[e.Name])
		}
		if e.Template != (e.Name == "FinancialConfig") || e.Order != pos[e.Name]+1 {
			t.Errorf("%s: template %v, order %d", e.Name, e.Template, e.Order)
		}
	}
	for name, g := range groups {
		var methods, structs, keyFns, helpers []string
		for _, m := range g.Methods {
			methods = append(methods, m.Name)
			iface, method, _ := strings.Cut(m.Name, ".")
			if strings.HasPrefix(iface, "mem") {
				continue
			}
			var impls, want []string
			for _, impl := range m.Implementations {
				impls = append(impls, impl.Name)
			}
			for _, typ := range append([]string{"mem" + iface}, migrationPlan.stubs[iface]...) {
				want = append(want, typ+"."+method)
			}
			if !sameNames(impls, want) {
				t.Errorf("%s: implementations %v, want %v", m.Name, impls, want)
			}
		}
		for _, s := range g.Structs {
			structs = append(structs, s.Name)
		}
		for _, k := range g.Keys {
			for _, f := range k.Functions {
				_, fn, _ := strings.Cut(f.Name, ".") // without the package name
				keyFns = append(keyFns, fn)
			}
		}
		for _, h := range g.GSIHelpers {
			helpers = append(helpers, strings.TrimPrefix(h.Name, "keys."))
		}
		if !sameNames(methods, migrationPlan.methods[name]) {
			t.Errorf("%q: methods %v, want %v", name, methods, migrationPlan.methods[name])
		}
		if !sameNames(structs, migrationPlan.structs[name]) {
			t.Errorf("%q: structs %v, want %v", name, structs, migrationPlan.structs[name])
		}
		var wantHelpers, wantKeyFns []string
		for h, e := range migrationPlan.helpers {
			if e == name {
				wantHelpers = append(wantHelpers, h)
			}
		}
		for fn, e := range migrationPlan.keyFns {
			if e == name {
				wantKeyFns = append(wantKeyFns, fn)
			}
		}
		if name == "AccessEntity" {
			wantKeyFns = append(wantKeyFns, "memAccessRepository.QueryByResource") // the inline key
		}
		if !sameNames(helpers, wantHelpers) {
			t.Errorf("%q: GSI helpers %v, want %v", name, helpers, wantHelpers)
		}
		if !sameNames(keyFns, wantKeyFns) {
			t.Errorf("%q: key functions %v, want %v", name, keyFns, wantKeyFns)
		}
	}
	if h := p.Shared.GSIHelpers; len(h) != 1 || !sameNames(h[0].UsedBy, []string{"Contract", "RevenueSchedule", "AccessEntity"}) {
		t.Errorf("shared GSI helpers %+v, want Gsi1pkForAccount used by Contract, RevenueSchedule and AccessEntity", h)
	}

	// Count the call sites independently.
	entityOf := map[string]string{} // Recv.Method → entity
	for entity, ms := range migrationPlan.methods {
		for _, m := range ms {
			entityOf[m] = entity
			iface, method, _ := strings.Cut(m, ".")
			for _, typ := range append([]string{"mem" + iface}, migrationPlan.stubs[iface]...) {
				entityOf[typ+"."+method] = entity
			}
		}
	}
	counts := migrationCalls(t, dir, func(recv, name string) string {
		if recv != "" {
			if e, ok := entityOf[recv+"."+name]; ok {
				return e + "/method"
			}
			return ""
		}
		if e, ok := migrationPlan.keyFns[name]; ok {
			return e + "/key"
		}
		if e, ok := migrationPlan.helpers[name]; ok {
			return e + "/gsi"
		}
		return ""
	})
	var total planCount
	for _, c := range counts {
		total.Prod, total.Test, total.Total = total.Prod+c.Prod, total.Test+c.Test, total.Total+c.Total
	}
	for name, g := range groups {
		if g.MethodCallSites != counts[name+"/method"] {
			t.Errorf("%q: repository method call sites %+v, want %+v", name, g.MethodCallSites, counts[name+"/method"])
		}
		if g.GSICallSites != counts[name+"/gsi"] {
			t.Errorf("%q: GSI helper call sites %+v, want %+v", name, g.GSICallSites, counts[name+"/gsi"])
		}
		if g.KeyCallSites != counts[name+"/key"] {
			t.Errorf("%q: key function call sites %+v, want %+v", name, g.KeyCallSites, counts[name+"/key"])
		}
	}
	if p.Totals.CallSites != total {
		t.Errorf("total call sites %+v, want %+v", p.Totals.CallSites, total)
	}
	// The template has the fewest call sites among the entities without
	// dependencies, counted here.
	rank := func(e string) int { return counts[e+"/method"].Total + counts[e+"/key"].Total }
	for _, e := range p.Order {
		if len(migrationPlan.deps[e]) == 0 && rank(e) < rank("FinancialConfig") {
			t.Errorf("%s has fewer call sites (%d) than FinancialConfig (%d)", e, rank(e), rank("FinancialConfig"))
		}
	}
	if t.Failed() {
		_, md, _ := runPlanIn(t, dir, "./...")
		t.Log(md)
	}
}

func TestPlanMarkdown(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/migration")
	if err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runPlanIn(t, dir, "./...")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"# Capsule migration plan\n",
		"**Template entity: FinancialConfig**",
		"| 1 | FinancialConfig (template) | — |",
		"## 1. FinancialConfig (template)\n",
		"Depends on Contract (field ContractID ids.ContractID).",
		"| method `FinancialConfigRepository.Get` + 2 implementations | repository/financial_config.go:14 |",
		"| GSI helper `keys.Gsi1pkForIndustry` | keys/gsi.go:17 | 6 | 5 | 1 |",
		"## Shared\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the markdown lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}

func TestPlanErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/x\n\ngo 1.26\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "x.go"), []byte("package x\n\nvar _ int = \"no\"\n"), 0o644)
	if code, _, stderr := runPlanIn(t, dir, "./..."); code != 1 || !strings.Contains(stderr, "do not load") {
		t.Errorf("packages that do not type-check: exit %d, stderr %q; want 1", code, stderr)
	}
	if code, _, _ := runPlanIn(t, dir); code != 1 {
		t.Errorf("no packages: exit %d, want 1", code)
	}
	if code, _, _ := runPlanIn(t, dir, "-nosuchflag", "./..."); code != 1 {
		t.Errorf("bad flag: exit %d, want 1", code)
	}
	os.WriteFile(filepath.Join(dir, "x.go"), []byte("package x\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "capsulelint.yaml"), []byte("no-such-key: 1\n"), 0o644)
	if code, _, stderr := runPlanIn(t, dir, "./..."); code != 1 || !strings.Contains(stderr, "no-such-key") {
		t.Errorf("bad config: exit %d, stderr %q; want 1 naming the key", code, stderr)
	}
	os.Remove(filepath.Join(dir, "capsulelint.yaml"))
	if code, out, stderr := runPlanIn(t, dir, "./..."); code != 0 || !strings.Contains(out, "Nothing to migrate") {
		t.Errorf("clean code: exit %d, out %q, stderr %q; want 0", code, out, stderr)
	}
}
