// Package scope tells which types, variables and expressions hold tenant
// and capsule IDs, and finds a tenant or capsule value at a position of the
// code (DESIGN.md's lookup order), for the analyzers' fixes.
package scope

import (
	"go/ast"
	"go/types"
	"runtime"
	"strings"
	"sync"
	"unicode"
	"weak"

	"github.com/capsulelint/capsulelint/internal/config"
)

// Kind is what an ID identifies.
type Kind int

const (
	Tenant Kind = iota
	Capsule
)

func (k Kind) String() string {
	if k == Tenant {
		return "tenant"
	}
	return "capsule"
}

// Other returns the other kind.
func (k Kind) Other() Kind { return 1 - k }

// Classifier recognises tenant and capsule IDs under one configuration.
type Classifier struct {
	Config    *config.Resolved
	bare      [2]map[string]bool // type names matched in any package (shared: read-only)
	qualified [2]map[string]bool // "path.Name" (shared: read-only)
	names     [2]map[string]bool // string-kind identifiers (shared: read-only)
	nameList  [2][]string

	mu    sync.Mutex
	reach [2]map[*types.Package][]*types.TypeName // IDType's types in reach of a package
}

// New returns a classifier for cfg.
func New(cfg *config.Resolved) *Classifier {
	t := tablesFor(cfg)
	return &Classifier{Config: cfg, bare: t.bare, qualified: t.qualified, names: t.names,
		nameList: [2][]string{cfg.TenantNames, cfg.CapsuleNames}}
}

// tables are a configuration's sets of names, read-only once built.
type tables struct {
	bare, qualified, names [2]map[string]bool
}

// tablesOf holds the tables of each configuration: the four analyzers
// make a Classifier on every package, and building the sets was their
// largest source of allocations. Keys are weak: an entry goes with its
// configuration.
var tablesOf sync.Map // weak.Pointer[config.Resolved] → *tables

func tablesFor(cfg *config.Resolved) *tables {
	key := weak.Make(cfg)
	if t, ok := tablesOf.Load(key); ok {
		return t.(*tables)
	}
	t := &tables{}
	defaults := [2][]string{{"TenantID", "TenantId"}, {"CapsuleID", "CapsuleId"}}
	types := [2][]string{cfg.TenantTypes, cfg.CapsuleTypes}
	nameList := [2][]string{cfg.TenantNames, cfg.CapsuleNames}
	for k := range 2 {
		t.bare[k], t.qualified[k], t.names[k] = map[string]bool{}, map[string]bool{}, map[string]bool{}
		for _, n := range append(defaults[k], types[k]...) {
			if strings.Contains(n, ".") {
				t.qualified[k][n] = true
			} else {
				t.bare[k][n] = true
			}
		}
		for _, n := range nameList[k] {
			t.names[k][n] = true
		}
	}
	if _, loaded := tablesOf.LoadOrStore(key, t); !loaded {
		runtime.AddCleanup(cfg, func(k weak.Pointer[config.Resolved]) { tablesOf.Delete(k) }, key)
	}
	return t
}

// IsType reports whether t is a tenant (capsule) ID type.
func (c *Classifier) IsType(k Kind, t types.Type) bool {
	tn := typeName(t)
	if tn == nil {
		return false
	}
	if c.bare[k][tn.Name()] {
		return true
	}
	return tn.Pkg() != nil && c.qualified[k][tn.Pkg().Path()+"."+tn.Name()]
}

// IsName reports whether name is a configured tenant (capsule) identifier
// and t is of string kind.
func (c *Classifier) IsName(k Kind, name string, t types.Type) bool {
	if !c.names[k][name] || t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// IsVar reports whether v (a variable, parameter or field) holds a tenant
// (capsule) ID, by type or by configured name.
func (c *Classifier) IsVar(k Kind, v *types.Var) bool {
	return v != nil && (c.IsType(k, v.Type()) || c.IsName(k, v.Name(), v.Type()))
}

// KindOfVar reports the kind of v, if any.
func (c *Classifier) KindOfVar(v *types.Var) (Kind, bool) {
	for _, k := range []Kind{Tenant, Capsule} {
		if c.IsVar(k, v) {
			return k, true
		}
	}
	return 0, false
}

// KindOfExpr reports whether e holds a tenant or capsule ID: by its type,
// or, for an identifier or selector of string kind, by configured name.
// Conversions such as string(t) are looked through; a conversion of a
// value that is no ID, such as ids.TenantID("acme"), has its type's kind.
func (c *Classifier) KindOfExpr(info *types.Info, e ast.Expr) (Kind, bool) {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
		if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
			if k, ok := c.KindOfExpr(info, call.Args[0]); ok {
				return k, true
			}
		}
	}
	t := info.TypeOf(e)
	for _, k := range []Kind{Tenant, Capsule} {
		if c.IsType(k, t) {
			return k, true
		}
	}
	var name string
	switch e := e.(type) {
	case *ast.Ident:
		name = e.Name
	case *ast.SelectorExpr:
		name = e.Sel.Name
	default:
		return 0, false
	}
	for _, k := range []Kind{Tenant, Capsule} {
		if c.IsName(k, name, t) {
			return k, true
		}
	}
	return 0, false
}

// typeName returns the declared name of a named (or aliased) type.
func typeName(t types.Type) *types.TypeName {
	if t == nil {
		return nil
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		return t.Obj()
	}
	if a, ok := t.(*types.Alias); ok {
		return a.Obj()
	}
	return nil
}

// ParamName is the name of a new k parameter: the first unexported
// configured name, else tenantID / capsuleID.
func (c *Classifier) ParamName(k Kind) string {
	for _, n := range c.nameList[k] {
		if r := []rune(n); len(r) > 0 && !unicode.IsUpper(r[0]) {
			return n
		}
	}
	return k.String() + "ID"
}

// FieldName is the name of a new k field: the first exported configured
// name, else TenantID / CapsuleID.
func (c *Classifier) FieldName(k Kind) string {
	for _, n := range c.nameList[k] {
		if r := []rune(n); len(r) > 0 && unicode.IsUpper(r[0]) {
			return n
		}
	}
	if k == Tenant {
		return "TenantID"
	}
	return "CapsuleID"
}

// AssumedName is the package name to assume for the import path when the
// package is not loaded, as goimports does: the last path element without
// a major version suffix (example.com/ids/v2 is ids), a "go-" prefix or
// anything from the first character that cannot be in an identifier
// (gopkg.in/yaml.v3 is yaml).
func AssumedName(path string) string {
	base := path[strings.LastIndex(path, "/")+1:]
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" {
		if i := strings.LastIndex(path, "/"); i > 0 {
			dir := path[:i]
			base = dir[strings.LastIndex(dir, "/")+1:]
		}
	}
	base = strings.TrimPrefix(base, "go-")
	if i := strings.IndexFunc(base, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' }); i >= 0 {
		base = base[:i]
	}
	return base
}
