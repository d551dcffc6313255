package migrate

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// change is a parameter a fix added to a function or method.
type change struct {
	key   string // funcKey
	index int    // flattened index of the new parameter
	name  string
	typ   types.Type // in the universe where the change was seen
	kind  scope.Kind
	iface bool // an interface method: implementations follow
	arity int  // number of parameters after the change
}

// sigIndex returns the index i such that removing parameter i of newSig
// gives oldSig's parameters, or -1.
func sigIndex(oldSig, newSig *types.Signature) int {
	op, np := oldSig.Params(), newSig.Params()
	if np.Len() != op.Len()+1 || oldSig.Variadic() != newSig.Variadic() {
		return -1
	}
	for i := range np.Len() {
		ok := true
		for j, k := 0, 0; j < op.Len(); j, k = j+1, k+1 {
			if k == i {
				k++
			}
			if types.TypeString(op.At(j).Type(), pathQualifier) != types.TypeString(np.At(k).Type(), pathQualifier) {
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

func pathQualifier(p *types.Package) string { return strings.TrimSuffix(p.Path(), "_test") }

// declaredFuncs indexes the functions, methods and interface methods
// declared in the module packages by funcKey.
func declaredFuncs(pkgs []*packages.Package) map[string]*types.Func {
	out := map[string]*types.Func{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.Types == nil || len(p.Syntax) == 0 {
			return
		}
		for _, obj := range p.TypesInfo.Defs {
			if fn, ok := obj.(*types.Func); ok {
				out[funcKey(fn)] = fn
			}
		}
	})
	return out
}

// signatureChanges compares the functions of two loads.
func signatureChanges(cl *scope.Classifier, before, after map[string]*types.Func) map[string]change {
	out := map[string]change{}
	for key, nf := range after {
		of, ok := before[key]
		if !ok {
			continue
		}
		osig, nsig := of.Type().(*types.Signature), nf.Type().(*types.Signature)
		i := sigIndex(osig, nsig)
		if i < 0 {
			continue
		}
		p := nsig.Params().At(i)
		k, ok := cl.KindOfVar(p)
		if !ok {
			continue
		}
		iface := nsig.Recv() != nil && types.IsInterface(nsig.Recv().Type())
		out[key] = change{key: key, index: i, name: p.Name(), typ: p.Type(), kind: k, iface: iface, arity: nsig.Params().Len()}
	}
	return out
}

// completion carries signature changes into the rest of the module: the
// edits are made in the load from before the round, into the same EditSet
// as the round's fixes, so that a call a fix already rewrote is seen as
// covered (an insertion at the same offset) and not rewritten again.
type completion struct {
	es       *fixes.EditSet
	sites    int               // call sites rewritten
	impls    int               // implementations given the new parameter
	failures map[string]string // change key → why it cannot be completed
}

func (c *completion) fail(key string, format string, args ...any) {
	if _, ok := c.failures[key]; !ok {
		c.failures[key] = fmt.Sprintf(format, args...)
	}
}

// complete adds to es the edits that pass the new argument at every call
// of a changed function and give every former implementation of a changed
// interface the new parameter, in the packages before (the load the
// round's fixes apply to).
func complete(cl *scope.Classifier, before []*packages.Package, changes map[string]change, implsOf map[string][]string, es *fixes.EditSet) *completion {
	c := &completion{es: es, failures: map[string]string{}}
	packages.Visit(before, nil, func(p *packages.Package) {
		if p.TypesInfo == nil || len(p.Syntax) == 0 {
			return
		}
		for _, file := range p.Syntax {
			c.completeImpls(p, file, changes, implsOf)
		}
		for id, obj := range p.TypesInfo.Uses {
			fn, ok := obj.(*types.Func)
			if !ok {
				continue
			}
			ch, ok := changes[funcKey(fn)]
			if !ok {
				continue
			}
			if file := fileOf(p, id.Pos()); file != nil {
				c.completeCall(cl, before, p, file, id, ch)
			}
		}
	})
	return c
}

func fileOf(p *packages.Package, pos token.Pos) *ast.File {
	for _, f := range p.Syntax {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// completeCall adds the missing argument to the call at id.
func (c *completion) completeCall(cl *scope.Classifier, all []*packages.Package, p *packages.Package, file *ast.File, id *ast.Ident, ch change) {
	call := calleeOf(file, id)
	pos := p.Fset.Position(id.Pos())
	where := fmt.Sprintf("%s:%d", pos.Filename[strings.LastIndex(pos.Filename, "/")+1:], pos.Line)
	if call == nil {
		if c.es.Replaces(pos.Filename, pos.Offset) {
			return // the fix deals with it
		}
		// A method value or func value: its type changes with it.
		c.fail(ch.key, "%s is used as a value at %s", id.Name, where)
		return
	}
	probe := fixes.NewBuilder(p.Fset)
	if err := probe.InsertArg(p.TypesInfo, call, ch.index, "_"); err != nil {
		c.fail(ch.key, "call at %s: %v", where, err)
		return
	}
	if c.covered(p, probe) {
		return // the round's fix already passes the argument
	}
	site := scope.Site{Pkg: p.Types, Info: p.TypesInfo, File: file, Pos: call.Pos(), Args: call.Args,
		IsTest: strings.HasSuffix(pos.Filename, "_test.go")}
	v, err := cl.Lookup(site, ch.kind, resolveType(all, ch.typ))
	if err != nil {
		c.fail(ch.key, "call at %s: %v", where, err)
		return
	}
	b := fixes.NewBuilder(p.Fset)
	if err := b.InsertArg(p.TypesInfo, call, ch.index, v.Expr); err != nil {
		c.fail(ch.key, "call at %s: %v", where, err)
		return
	}
	b.Import(file, v.Import, v.ImportName)
	if c.add(p.Fset, b) {
		c.sites++
	}
}

// covered reports whether es already inserts at the offset of the single
// insertion probe would make.
func (c *completion) covered(p *packages.Package, probe *fixes.Builder) bool {
	fix, err := probe.Fix("")
	if err != nil || len(fix.TextEdits) != 1 {
		return false
	}
	edits, err := fixes.FileEdits(p.Fset, fix.TextEdits)
	return err == nil && c.es.InsertsAt(edits[0].File, edits[0].Start)
}

// add merges b's edits into es, reporting whether any was new (the same
// file is seen again in a package's test variant).
func (c *completion) add(fset *token.FileSet, b *fixes.Builder) bool {
	fix, err := b.Fix("")
	if err != nil {
		return false
	}
	edits, err := fixes.FileEdits(fset, fix.TextEdits)
	if err != nil {
		return false
	}
	n, ok := c.es.Add(edits)
	return ok && n > 0
}

// resolveType finds the type t (from another load) in the load pkgs: a
// named type by package path and name; other types as they are.
func resolveType(pkgs []*packages.Package, t types.Type) types.Type {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return t
	}
	path, name := named.Obj().Pkg().Path(), named.Obj().Name()
	var found types.Type
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if found == nil && p.Types != nil && p.Types.Path() == path {
			if tn, ok := p.Types.Scope().Lookup(name).(*types.TypeName); ok {
				found = tn.Type()
			}
		}
	})
	return found
}

// calleeOf returns the call whose callee is id (f(...), x.f(...),
// (x.f)(...)), or nil when id is used otherwise.
func calleeOf(file *ast.File, id *ast.Ident) *ast.CallExpr {
	path, _ := astutil.PathEnclosingInterval(file, id.Pos(), id.End())
	var fun ast.Expr = id
	i := 1
	if i < len(path) {
		if sel, ok := path[i].(*ast.SelectorExpr); ok && sel.Sel == id {
			fun = sel
			i++
		}
	}
	for i < len(path) {
		if paren, ok := path[i].(*ast.ParenExpr); ok {
			fun = paren
			i++
			continue
		}
		break
	}
	if i < len(path) {
		if call, ok := path[i].(*ast.CallExpr); ok && call.Fun == fun {
			return call
		}
	}
	return nil
}

// completeImpls gives the methods of file that implemented a changed
// interface before the change the interface's new parameter.
func (c *completion) completeImpls(p *packages.Package, file *ast.File, changes map[string]change, implsOf map[string][]string) {
	for _, decl := range file.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Recv == nil {
			continue
		}
		fn, ok := p.TypesInfo.Defs[fd.Name].(*types.Func)
		if !ok {
			continue
		}
		key := funcKey(fn)
		for ifaceKey, impls := range implsOf {
			if !slices.Contains(impls, key) {
				continue
			}
			ch := changes[ifaceKey]
			probe := fixes.NewBuilder(p.Fset)
			if err := probe.InsertParam(fd.Type, ch.index, ch.name, "_"); err != nil {
				c.fail(ifaceKey, "implementation %s: %v", key, err)
				continue
			}
			if c.covered(p, probe) {
				continue
			}
			b := fixes.NewBuilder(p.Fset)
			if err := b.InsertParam(fd.Type, ch.index, ch.name, typeText(b, p, file, fd.Pos(), ch.typ)); err != nil {
				c.fail(ifaceKey, "implementation %s: %v", key, err)
				continue
			}
			if c.add(p.Fset, b) {
				c.impls++
			}
		}
	}
}

// typeText renders t in file, importing its package when needed.
func typeText(b *fixes.Builder, p *packages.Package, file *ast.File, pos token.Pos, t types.Type) string {
	return types.TypeString(t, func(other *types.Package) string {
		if other.Path() == p.Types.Path() {
			return ""
		}
		name, ok := scope.ImportName(p.Types, file, pos, other.Path(), other.Name())
		if !ok {
			name = other.Name()
		}
		b.Import(file, other.Path(), name)
		return name
	})
}

// implementations maps each changed interface method's key to the keys
// of the methods that implemented the interface before the change.
func implementations(before []*packages.Package, changes map[string]change) map[string][]string {
	out := map[string][]string{}
	for key, ch := range changes {
		if !ch.iface {
			continue
		}
		ifacePath, ifaceName, method := splitKey(key)
		packages.Visit(before, nil, func(p *packages.Package) {
			if p.Types == nil || len(p.Syntax) == 0 {
				return
			}
			iface := lookupIface(p.Types, ifacePath, ifaceName)
			if iface == nil {
				return
			}
			for _, n := range p.Types.Scope().Names() {
				tn, ok := p.Types.Scope().Lookup(n).(*types.TypeName)
				if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
					continue
				}
				if !types.Implements(tn.Type(), iface) && !types.Implements(types.NewPointer(tn.Type()), iface) {
					continue
				}
				obj, _, _ := types.LookupFieldOrMethod(tn.Type(), true, p.Types, method)
				if fn, ok := obj.(*types.Func); ok && fn.Pkg() == p.Types {
					if k := funcKey(fn); !slices.Contains(out[key], k) {
						out[key] = append(out[key], k)
					}
				}
			}
		})
	}
	return out
}

func splitKey(key string) (path, typ, method string) {
	i := strings.LastIndex(key, ".")
	method, rest := key[i+1:], key[:i]
	j := strings.LastIndex(rest, ".")
	return rest[:j], rest[j+1:], method
}

// lookupIface finds the interface path.name as seen from pkg.
func lookupIface(pkg *types.Package, path, name string) *types.Interface {
	candidates := append([]*types.Package{pkg}, pkg.Imports()...)
	for _, c := range candidates {
		if strings.TrimSuffix(c.Path(), "_test") != path {
			continue
		}
		if tn, ok := c.Scope().Lookup(name).(*types.TypeName); ok {
			if iface, ok := tn.Type().Underlying().(*types.Interface); ok {
				return iface
			}
		}
	}
	return nil
}
