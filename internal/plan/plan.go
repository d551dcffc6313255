// Package plan computes the migration plan of a code base that is not
// capsule-scoped yet: the entities to migrate in dependency order (parents
// first), the template entity to migrate first, and per entity the
// repository methods, key templates and GSI helpers that must change, with
// their call sites.
//
// The analyzers are the source of truth for what must change: plan runs
// them (the caller passes them in, see [Options.Analyzers]) and reads their
// diagnostics' positions — capsulefield names the entities, repocapsule the
// repository methods, keyformat the key templates, gsitenant the GSI
// helpers. Everything else (which entity an item belongs to, call sites,
// dependencies, order) is computed with go/types. The rules are documented
// in docs/plan-schema.md, with the JSON schema of [Plan].
package plan

// SchemaVersion is the version of the JSON schema of [Plan]. It changes
// only when a field is removed or changes meaning; fields may be added.
const SchemaVersion = 1

// Plan is a migration plan. Its JSON form is a public contract, documented
// in docs/plan-schema.md.
type Plan struct {
	Schema   int      `json:"schema"`
	Dir      string   `json:"dir"` // positions are relative to it
	Patterns []string `json:"patterns"`
	// Template is the recommended template entity: no dependencies, the
	// fewest call sites. Empty when every entity has a dependency.
	Template string `json:"template"`
	// Order lists the entities in migration order (parents first).
	Order []string `json:"order"`
	// Cycles are the dependency cycles, each as entity names in order.
	Cycles   [][]string `json:"cycles"`
	Totals   Totals     `json:"totals"`
	Entities []*Entity  `json:"entities"` // in Order
	// Shared holds what belongs to no single entity or to several.
	Shared Group `json:"shared"`
	// Unplaced are diagnostics that name none of the items above.
	Unplaced []Finding `json:"unplaced"`
}

// Totals size the whole migration.
type Totals struct {
	Entities        int   `json:"entities"`
	Structs         int   `json:"structs"` // other structs that only gain a capsule field
	Methods         int   `json:"methods"`
	Implementations int   `json:"implementations"`
	KeyTemplates    int   `json:"key_templates"`
	KeyFunctions    int   `json:"key_functions"`
	GSIHelpers      int   `json:"gsi_helpers"`
	CallSites       Count `json:"call_sites"` // union of the three below
	MethodCallSites Count `json:"method_call_sites"`
	KeyCallSites    Count `json:"key_call_sites"`
	GSICallSites    Count `json:"gsi_call_sites"`
	// Callers are the distinct functions that contain a call site.
	Callers Count `json:"callers"`
	// Tests are the distinct Test, Benchmark, Fuzz and Example functions
	// that contain a call site.
	Tests    int `json:"tests"`
	Findings int `json:"findings"` // diagnostics, deduplicated across test variants
}

// Count is a number of call sites (or callers) in production files,
// in _test.go files, and both.
type Count struct {
	Prod  int `json:"prod"`
	Test  int `json:"test"`
	Total int `json:"total"`
}

// Entity is a struct type that carries a tenant ID but no capsule ID and
// has repository methods, key templates or GSI helpers to change.
type Entity struct {
	Name      string       `json:"name"`
	Package   string       `json:"package"`
	Pos       string       `json:"pos"`
	Order     int          `json:"order"` // 1-based position in Plan.Order
	Template  bool         `json:"template"`
	DependsOn []Dependency `json:"depends_on"`
	// Dependents are the entities that depend on this one.
	Dependents []string `json:"dependents"`
	InCycle    bool     `json:"in_cycle"`
	Group
}

// Dependency is an edge of the entity graph: the entity depends on Entity
// (its parent), for the reasons in Via.
type Dependency struct {
	Entity string   `json:"entity"`
	Via    []string `json:"via"` // e.g. "field ContractID ids.ContractID"
}

// Group is what one entity (or the shared group) must change.
type Group struct {
	Structs    []*Struct `json:"structs"`
	Methods    []*Method `json:"methods"`
	Keys       []*Key    `json:"keys"`
	GSIHelpers []*Helper `json:"gsi_helpers"`
	// CallSites is the union of MethodCallSites and KeyCallSites: the
	// number the order and the template are ranked by.
	CallSites       Count `json:"call_sites"`
	MethodCallSites Count `json:"method_call_sites"`
	KeyCallSites    Count `json:"key_call_sites"`
	GSICallSites    Count `json:"gsi_call_sites"`
	// Callers are the distinct functions containing a call site of the
	// group's methods, key functions or GSI helpers.
	Callers Count `json:"callers"`
}

// Struct is a struct that only gains a capsule ID field (an event, a
// request body): it has no methods, keys or helpers of its own.
type Struct struct {
	Name     string    `json:"name"`
	Package  string    `json:"package"`
	Pos      string    `json:"pos"`
	Findings []Finding `json:"findings"`
}

// Method is a repository method that takes a tenant but no capsule: an
// interface method with its implementations, or a method of a concrete
// repository type.
type Method struct {
	Name            string    `json:"name"` // Type.Method
	Package         string    `json:"package"`
	Pos             string    `json:"pos"`
	Interface       bool      `json:"interface"`
	Implementations []*Func   `json:"implementations"`
	CallSites       Count     `json:"call_sites"`
	Sites           []Site    `json:"sites"`
	Findings        []Finding `json:"findings"`
}

// Func names a function or method declaration.
type Func struct {
	Name    string `json:"name"`
	Package string `json:"package"`
	Pos     string `json:"pos"`
}

// Key is a key template: a string literal, a concatenation, a join or a
// constant. Its call sites are the calls of its key functions.
type Key struct {
	Text    string `json:"text"`
	Package string `json:"package"`
	Pos     string `json:"pos"`
	// In is the function or constant that holds the template.
	In     string   `json:"in"`
	Labels []string `json:"labels"`
	// Functions are the functions whose calls build this key: the
	// enclosing function, or the functions that use the constant.
	Functions []*KeyFunc `json:"functions"`
	// CallSites counts the calls of Functions that are not repository
	// methods of the plan (those are counted with the method).
	CallSites Count     `json:"call_sites"`
	Sites     []Site    `json:"sites"`
	Findings  []Finding `json:"findings"`
	// Attributes are the item attributes its values are stored in, where
	// the code shows it: RekeyMap writes a rule per attribute.
	Attributes []string `json:"attributes"`
}

// KeyFunc is a function that builds a key.
type KeyFunc struct {
	Func
	Method    bool  `json:"method"` // a repository method of the plan
	CallSites Count `json:"call_sites"`
}

// Helper is a GSI key helper that takes no tenant.
type Helper struct {
	Name      string    `json:"name"`
	Package   string    `json:"package"`
	Pos       string    `json:"pos"`
	UsedBy    []string  `json:"used_by"` // entities whose code calls it
	CallSites Count     `json:"call_sites"`
	Sites     []Site    `json:"sites"`
	Findings  []Finding `json:"findings"`
	// Attributes are the item attributes its keys are stored in, as for
	// Key.Attributes.
	Attributes []string `json:"attributes"`
}

// Site is one call expression.
type Site struct {
	Pos  string `json:"pos"` // file:line:col
	Test bool   `json:"test"`
	Func string `json:"func"` // the enclosing function, "" at package level
}

// Finding is an analyzer diagnostic.
type Finding struct {
	Analyzer string `json:"analyzer"`
	Pos      string `json:"pos"`
	Message  string `json:"message"`
}
