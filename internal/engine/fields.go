package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// fieldChange is a capsule ID field a trial added to a struct that has a
// tenant ID field of its own: composite literals of the struct that set
// the tenant set the capsule too, or rows written from them would carry
// an empty capsule.
type fieldChange struct {
	key    string // "path.Type"
	name   string // the struct's name, for messages
	field  *types.Var
	index  int    // of the new field
	tenant string // the tenant field's name
	origin []int
}

// findFieldChanges compares the structs the trial's edited files declare
// with the base's.
func (t *trial) findFieldChanges() {
	files := map[string]bool{}
	for f := range t.shifts {
		files[f] = true
	}
	cl := t.w.opts.Classifier
	for _, u := range t.dirty {
		if u.pkg == nil || !slices.ContainsFunc(u.meta.CompiledGoFiles, func(f string) bool { return files[f] }) {
			continue
		}
		before, after := structsDeclared(u.pkg, files), structsDeclared(t.state.pkgs[u], files)
		for _, key := range slices.Sorted(maps.Keys(after)) {
			if _, done := t.fields[key]; done {
				continue
			}
			ob, nb := before[key], after[key]
			if ob == nil {
				continue
			}
			os, ns := ob.Type().Underlying().(*types.Struct), nb.Type().Underlying().(*types.Struct)
			i := addedField(os, ns)
			if i < 0 {
				continue
			}
			if k, ok := cl.KindOfVar(ns.Field(i)); !ok || k != scope.Capsule {
				continue
			}
			tenant := ""
			for f := range os.Fields() {
				if !f.Embedded() && cl.IsVar(scope.Tenant, f) {
					tenant = f.Name()
				}
			}
			if tenant == "" {
				continue // the tenant comes through an embedded struct, which carries its capsule
			}
			tf := t.w.fset.File(ob.Pos())
			t.fields[key] = &fieldChange{key: key, name: ob.Name(), field: ns.Field(i), index: i, tenant: tenant,
				origin: t.edits.ownersIn(tf.Name())}
		}
	}
}

// structsDeclared indexes the struct types that files of p declare.
func structsDeclared(p *packages.Package, files map[string]bool) map[string]*types.TypeName {
	out := map[string]*types.TypeName{}
	for id, obj := range p.TypesInfo.Defs {
		tn, ok := obj.(*types.TypeName)
		if !ok || tn.IsAlias() || tn.Parent() != p.Types.Scope() || !files[p.Fset.File(id.Pos()).Name()] {
			continue
		}
		if _, ok := tn.Type().Underlying().(*types.Struct); ok {
			out[p.Types.Path()+"."+tn.Name()] = tn
		}
	}
	return out
}

// addedField returns the index of the one field ns has beyond os's, or
// -1.
func addedField(os, ns *types.Struct) int {
	if ns.NumFields() != os.NumFields()+1 {
		return -1
	}
	for i := range ns.NumFields() {
		ok := true
		for j, k := 0, 0; j < os.NumFields(); j, k = j+1, k+1 {
			if k == i {
				k++
			}
			if os.Field(j).Name() != ns.Field(k).Name() || typeString(os.Field(j).Type()) != typeString(ns.Field(k).Type()) {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// completeLiterals sets the new capsule field in the composite literals
// of the changed structs: a keyed literal that sets the tenant gets the
// capsule after it, an unkeyed one gets the value at the field's place.
func (t *trial) completeLiterals() int {
	if len(t.fields) == 0 {
		return 0
	}
	n := 0
	done := map[token.Pos]bool{}
	for _, u := range t.dirty {
		p := u.pkg
		if p == nil || p.TypesInfo == nil {
			continue
		}
		for _, file := range p.Syntax {
			ast.Inspect(file, func(node ast.Node) bool {
				lit, ok := node.(*ast.CompositeLit)
				if !ok || done[lit.Lbrace] {
					return true
				}
				if ch := t.fields[structKey(p.TypesInfo.TypeOf(lit))]; ch != nil {
					done[lit.Lbrace] = true
					n += t.completeLiteral(p, file, lit, ch)
				}
				return true
			})
		}
	}
	return n
}

// structKey names the struct type t (or *t) as findFieldChanges does.
func structKey(t types.Type) string {
	if t == nil {
		return ""
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name()
}

func (t *trial) completeLiteral(p *packages.Package, file *ast.File, lit *ast.CompositeLit, ch *fieldChange) int {
	if len(lit.Elts) == 0 {
		return 0
	}
	fset := t.w.fset
	tf := fset.File(lit.Pos())
	where := fixes.Where(fset, lit.Pos())
	keyed := false
	var tenantKV *ast.KeyValueExpr
	var args []ast.Expr
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			args = append(args, e)
			continue
		}
		keyed = true
		args = append(args, kv.Value)
		if id, ok := kv.Key.(*ast.Ident); ok {
			switch id.Name {
			case ch.field.Name():
				return 0 // it sets the capsule already
			case ch.tenant:
				tenantKV = kv
			}
		}
	}
	if keyed && tenantKV == nil {
		return 0 // no tenant: nothing to pair the capsule with
	}
	var at token.Pos
	if keyed {
		at = tenantKV.End()
		if t.onOwnLine(lit, tenantKV) {
			at = t.commaAfter(tenantKV)
		}
	} else if ch.index < len(lit.Elts) {
		at = lit.Elts[ch.index].Pos()
	} else {
		at = lit.Elts[len(lit.Elts)-1].End()
	}
	if t.edits.es.InsertsAt(tf.Name(), tf.Offset(at)) || keyed && t.edits.es.InsertsAt(tf.Name(), tf.Offset(at)+1) {
		return 0 // a fix sets it
	}
	path, _ := astutil.PathEnclosingInterval(file, lit.Pos(), lit.End())
	site := scope.Site{Pkg: p.Types, Info: p.TypesInfo, File: file, Pos: lit.Pos(), Args: args,
		IsTest: strings.HasSuffix(tf.Name(), "_test.go")}
	v, err := t.literalValue(p, path, site, ch)
	if err != nil {
		msg := fmt.Sprintf("the %s literal at %s sets %s but not %s, which %s now has: %v; set it by hand", ch.name, where, ch.tenant, ch.field.Name(), ch.name, err)
		if keyed {
			t.notes = append(t.notes, Finding{Analyzer: "capsulefield", Posn: fset.Position(lit.Pos()), Message: msg})
			return 0
		}
		t.failAll(ch.origin, msg)
		return 0
	}
	b := fixes.NewBuilder(fset)
	switch {
	case keyed && t.onOwnLine(lit, tenantKV):
		// A literal written one element per line gets a line of its own,
		// after the tenant's comma.
		b.Insert(at+1, "\n"+ch.field.Name()+": "+v.Expr+",")
	case keyed:
		b.Insert(at, ", "+ch.field.Name()+": "+v.Expr)
	case ch.index < len(lit.Elts):
		b.Insert(at, v.Expr+", ")
	default:
		b.Insert(at, ", "+v.Expr)
	}
	b.Import(file, v.Import, v.ImportName)
	edits, err := builderEdits(b)
	if err != nil {
		return 0
	}
	added, ok := t.edits.add(edits, ch.origin)
	if !ok {
		t.failAll(ch.origin, fmt.Sprintf("setting %s in the %s literal at %s conflicts with another fix's edits", ch.field.Name(), ch.name, where))
		return 0
	}
	if added > 0 {
		t.sites++
	}
	return added
}

// literalValue finds the capsule value for a literal: the new parameter
// of the function around it when the trial gives it one, else the scope
// lookup's value.
func (t *trial) literalValue(p *packages.Package, path []ast.Node, site scope.Site, ch *fieldChange) (scope.Value, error) {
	for i := len(path) - 1; i >= 0; i-- {
		if fd, ok := path[i].(*ast.FuncDecl); ok {
			if name := t.forwards[t.declKeyOf(fd)][int(scope.Capsule)]; name != "" {
				return scope.Value{Expr: name}, nil
			}
			break
		}
	}
	if v, ok := t.siblingInTrial(p, site); ok {
		return v, nil
	}
	return t.w.opts.Classifier.Lookup(site, scope.Capsule, resolveType(p.Types, ch.field.Type()))
}

// siblingInTrial is lookup rule 2 for a struct the trial gives a capsule
// field: the literal sets X.TenantID, and X's struct gets a CapsuleID
// beside its TenantID in this trial, so the value is X.CapsuleID (the
// base, which the lookup sees, does not have the field yet).
func (t *trial) siblingInTrial(p *packages.Package, site scope.Site) (scope.Value, bool) {
	var found []string
	for _, arg := range site.Args {
		sel, ok := ast.Unparen(arg).(*ast.SelectorExpr)
		if !ok || !pureExpr(sel.X) {
			continue
		}
		ch := t.fields[structKey(p.TypesInfo.TypeOf(sel.X))]
		if ch == nil || ch.tenant != sel.Sel.Name {
			continue
		}
		if expr := types.ExprString(sel.X) + "." + ch.field.Name(); !slices.Contains(found, expr) {
			found = append(found, expr)
		}
	}
	if len(found) == 1 {
		return scope.Value{Expr: found[0]}, true
	}
	return scope.Value{}, false
}

// pureExpr reports whether e is names and selections only: writing it
// twice evaluates nothing twice.
func pureExpr(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return pureExpr(e.X)
	case *ast.StarExpr:
		return pureExpr(e.X)
	}
	return false
}

// onOwnLine reports whether kv, an element of lit, ends its line with
// its comma: the literal is written one element per line.
func (t *trial) onOwnLine(lit *ast.CompositeLit, kv *ast.KeyValueExpr) bool {
	line := t.w.fset.Position(kv.End()).Line
	next := lit.Rbrace
	for i, e := range lit.Elts {
		if e == ast.Expr(kv) && i+1 < len(lit.Elts) {
			next = lit.Elts[i+1].Pos()
		}
	}
	return t.w.fset.Position(next).Line > line && t.commaAfter(kv).IsValid()
}

// commaAfter returns the position of the comma right after kv, or
// NoPos when something else follows it.
func (t *trial) commaAfter(kv *ast.KeyValueExpr) token.Pos {
	tf := t.w.fset.File(kv.End())
	src, err := t.w.current(tf.Name())
	if err != nil {
		return token.NoPos
	}
	for off := tf.Offset(kv.End()); off < len(src); off++ {
		switch src[off] {
		case ' ', '\t':
			continue
		case ',':
			return tf.Pos(off)
		}
		break
	}
	return token.NoPos
}
