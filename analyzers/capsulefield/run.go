package capsulefield

import (
	"go/ast"
	"go/build"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/directive"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// checker holds the state of one pass.
type checker struct {
	pass  *analysis.Pass
	rep   *directive.Reporter
	cl    *scope.Classifier
	depth int
	// decls are the named struct types of the package that capsulefield
	// looks at, by object, in source order in list.
	decls map[*types.TypeName]*decl
	list  []*decl
	// sources caches file contents for the fixes' indentation.
	sources map[*token.File][]byte
	cfg     *config.Resolved
	ev      *evidence
}

// decl is a named struct type declaration.
type decl struct {
	obj  *types.TypeName
	spec *ast.TypeSpec
	gen  *ast.GenDecl
	file *ast.File
	st   *types.Struct
	ast  *ast.StructType

	state    int // 0 not yet judged, 1 being judged, 2 judged
	reported bool
	tenant   tenantField
}

// tenantField is where an entity's tenant ID comes from.
type tenantField struct {
	v   *types.Var // the tenant field (possibly promoted)
	tag string     // its struct tag
	top int        // index in the entity's struct of the field that is, or carries, v
}

func run(pass *analysis.Pass, cfg *config.Resolved, rep *directive.Reporter) error {
	if len(pass.Files) == 0 || inGOROOT(pass.Fset, pass.Files[0].Pos()) {
		return nil // the standard library has no entities
	}
	c := &checker{
		pass:    pass,
		rep:     rep,
		cl:      scope.New(cfg),
		depth:   cfg.NestedDepth,
		decls:   map[*types.TypeName]*decl{},
		sources: map[*token.File][]byte{},
		cfg:     cfg,
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for fileCur := range insp.Root().Children() {
		file := fileCur.Node().(*ast.File)
		if rep.Skip(file) {
			continue
		}
		isTest := strings.HasSuffix(pass.Fset.File(file.Pos()).Name(), "_test.go")
		for cur := range fileCur.Preorder((*ast.TypeSpec)(nil)) {
			spec := cur.Node().(*ast.TypeSpec)
			st, ok := spec.Type.(*ast.StructType)
			if !ok || spec.Assign.IsValid() {
				continue
			}
			gen, _ := cur.Parent().Node().(*ast.GenDecl)
			_, topLevel := cur.Parent().Parent().Node().(*ast.File)
			if isTest && (!topLevel || !spec.Name.IsExported()) {
				continue // a test's own helper, fixture or table type
			}
			obj, _ := pass.TypesInfo.Defs[spec.Name].(*types.TypeName)
			if obj == nil || gen == nil {
				continue
			}
			typ, ok := obj.Type().Underlying().(*types.Struct)
			if !ok {
				continue
			}
			d := &decl{obj: obj, spec: spec, gen: gen, file: file, st: typ, ast: st}
			c.decls[obj] = d
			c.list = append(c.list, d)
		}
	}
	if len(cfg.TenantNames) > 0 {
		c.collectEvidence(insp) // only tenant fields matched by name need it
	}
	for _, d := range c.list {
		if c.judge(d) {
			c.report(d)
		}
	}
	return nil
}

// judge reports whether d is an entity without a capsule ID that
// capsulefield reports. An entity whose tenant ID is promoted from an
// embedded struct of this package that is itself reported is not: adding
// the capsule ID there fixes both.
func (c *checker) judge(d *decl) bool {
	switch d.state {
	case 1:
		return false // an embedding cycle through pointers
	case 2:
		return d.reported
	}
	d.state = 1
	d.reported = c.defect(d)
	d.state = 2
	return d.reported
}

func (c *checker) defect(d *decl) bool {
	if c.cl.IsType(scope.Tenant, d.obj.Type()) || c.cl.IsType(scope.Capsule, d.obj.Type()) {
		return false
	}
	tf, ok := c.findTenant(d.st)
	if !ok {
		return false
	}
	d.tenant = tf
	if !c.cl.IsType(scope.Tenant, tf.v.Type()) && !c.stored(d) {
		// A tenant field matched only by name (TenantSlug string) in a
		// struct with no sign of being stored: a cookie, a template's
		// input, an API client's struct.
		return false
	}
	if c.hasCapsule(d.st, c.depth, map[*types.Struct]bool{}) {
		return false
	}
	positions := c.positions(d)
	if c.rep.OptedOut(positions...) {
		return false
	}
	for i := range d.st.NumFields() {
		f := d.st.Field(i)
		if !f.Embedded() || c.cl.IsVar(scope.Tenant, f) {
			continue
		}
		if e := c.decls[named(f.Type())]; e != nil {
			if c.judge(e) {
				return false
			}
		} else if c.foreignEntity(f.Type()) {
			return false
		}
	}
	return !c.rep.Ignored(positions...)
}

// foreignEntity reports whether t, embedded in an entity, is an entity
// without a capsule ID declared in another package of the same module:
// that package reports it, and the capsule field its fix adds is promoted
// here. A second field here would be a second attribute of the same name
// in one item.
func (c *checker) foreignEntity(t types.Type) bool {
	tn := named(t)
	if tn == nil || tn.Pkg() == nil || tn.Pkg() == c.pass.Pkg || !c.sameModule(tn.Pkg().Path()) {
		return false
	}
	st := c.structOf(t)
	if st == nil {
		return false
	}
	tf, ok := c.findTenant(st)
	if !ok || c.hasCapsule(st, c.depth, map[*types.Struct]bool{}) {
		return false
	}
	// Its package judges a name-matched tenant by the evidence that the
	// struct is stored; what this package can see of that evidence is the
	// struct's own fields. Without it, the embedder is the entity.
	return c.cl.IsType(scope.Tenant, tf.v.Type()) || c.storageFields(st, map[*types.Struct]bool{})
}

// sameModule reports whether the package path is in the pass's module:
// a struct of a dependency module is not fixed, so its embedders are.
// Drivers that give no module (GOPATH mode) count every package.
func (c *checker) sameModule(path string) bool {
	m := c.pass.Module
	if m == nil || m.Path == "" {
		return true
	}
	return path == m.Path || strings.HasPrefix(path, m.Path+"/")
}

// positions are where a directive on d's declaration is looked for: the
// type name's line (and so the doc comment above it) and the type
// keyword's line.
func (c *checker) positions(d *decl) []token.Pos {
	return []token.Pos{d.spec.Name.Pos(), d.gen.Pos()}
}

// findTenant returns the first tenant ID field of st: a direct (or
// embedded) field in declaration order, else the shallowest field promoted
// through embedded structs. Blank fields (_ ids.TenantID) hold no value
// and are not tenant ID fields.
func (c *checker) findTenant(st *types.Struct) (tenantField, bool) {
	type item struct {
		st  *types.Struct
		top int
	}
	level := []item{{st, -1}}
	seen := map[*types.Struct]bool{st: true}
	for len(level) > 0 {
		var next []item
		for _, it := range level {
			for i := range it.st.NumFields() {
				f := it.st.Field(i)
				top := it.top
				if top < 0 {
					top = i
				}
				if f.Name() == "_" {
					continue // a blank field holds no value
				}
				if c.cl.IsVar(scope.Tenant, f) {
					return tenantField{v: f, tag: it.st.Tag(i), top: top}, true
				}
				if f.Embedded() {
					if est := c.structOf(f.Type()); est != nil && !seen[est] {
						seen[est] = true
						next = append(next, item{est, top})
					}
				}
			}
		}
		level = next
	}
	return tenantField{}, false
}

// hasCapsule reports whether st has a capsule ID field, direct or promoted,
// or, depth > 0, one in a (non-embedded) struct field, depth levels deep.
// Blank fields hold no value and do not count.
func (c *checker) hasCapsule(st *types.Struct, depth int, seen map[*types.Struct]bool) bool {
	var nested []*types.Struct
	level := []*types.Struct{st}
	embedded := map[*types.Struct]bool{st: true}
	for len(level) > 0 {
		var next []*types.Struct
		for _, s := range level {
			for i := range s.NumFields() {
				f := s.Field(i)
				if f.Name() == "_" {
					continue // a blank field holds no value
				}
				if c.cl.IsVar(scope.Capsule, f) {
					return true
				}
				fst := c.structOf(f.Type())
				switch {
				case fst == nil:
				case f.Embedded():
					if !embedded[fst] {
						embedded[fst] = true
						next = append(next, fst)
					}
				case depth > 0 && !seen[fst]:
					nested = append(nested, fst)
				}
			}
		}
		level = next
	}
	for _, n := range nested {
		seen[n] = true
		found := c.hasCapsule(n, depth-1, seen)
		delete(seen, n)
		if found {
			return true
		}
	}
	return false
}

// structOf returns the struct type of t or *t, unless it is declared in
// the standard library or is itself a tenant or capsule ID type.
func (c *checker) structOf(t types.Type) *types.Struct {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n := named(t); n != nil {
		if n.Pkg() != nil && inGOROOT(c.pass.Fset, n.Pos()) {
			return nil
		}
		if c.cl.IsType(scope.Tenant, t) || c.cl.IsType(scope.Capsule, t) {
			return nil
		}
	}
	st, _ := t.Underlying().(*types.Struct)
	return st
}

// named returns the type name of t or *t, if any.
func named(t types.Type) *types.TypeName {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		return t.Origin().Obj()
	}
	return nil
}

// goroot is the standard library's source directory.
var goroot = filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)

// inGOROOT reports whether pos lies in a file of the standard library.
func inGOROOT(fset *token.FileSet, pos token.Pos) bool {
	tf := fset.File(pos)
	if tf == nil {
		return false
	}
	name := tf.Name()
	return build.Default.GOROOT != "" && strings.HasPrefix(name, goroot) || strings.HasPrefix(name, "$GOROOT/src/")
}
