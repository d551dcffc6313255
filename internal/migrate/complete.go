package migrate

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
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

// completion is the edits that carry signature changes into the rest of
// the module, and what could not be carried.
type completion struct {
	edits    *EditSet
	sites    int               // call sites rewritten
	impls    int               // implementations given the new parameter
	failures map[string]string // change key → why it cannot be completed
}

// complete finds, in the load pkgs (where the changes are already
// applied to their declarations), the calls still passing the old
// number of arguments and the implementations of changed interfaces that
// still have the old signature, and builds their edits.
func complete(cl *scope.Classifier, pkgs []*packages.Package, changes map[string]change, implsOf map[string][]string) *completion {
	c := &completion{edits: NewEditSet(), failures: map[string]string{}}
	fail := func(key string, format string, args ...any) {
		if _, ok := c.failures[key]; !ok {
			c.failures[key] = fmt.Sprintf(format, args...)
		}
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.TypesInfo == nil || len(p.Syntax) == 0 {
			return
		}
		for _, file := range p.Syntax {
			c.completeImpls(p, file, changes, implsOf, fail)
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
			file := fileOf(p, id.Pos())
			if file == nil {
				continue
			}
			c.completeCall(cl, p, file, id, fn, ch, fail)
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

// completeCall adds the missing argument to the call of fn at id.
func (c *completion) completeCall(cl *scope.Classifier, p *packages.Package, file *ast.File, id *ast.Ident, fn *types.Func, ch change, fail func(string, string, ...any)) {
	call := calleeOf(file, id)
	pos := p.Fset.Position(id.Pos())
	where := fmt.Sprintf("%s:%d", pos.Filename[strings.LastIndex(pos.Filename, "/")+1:], pos.Line)
	if call == nil {
		// A method value or func value: its type changed with it.
		fail(ch.key, "%s is used as a value at %s", id.Name, where)
		return
	}
	sig := fn.Type().(*types.Signature)
	nargs := len(call.Args)
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		if s := p.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.MethodExpr {
			nargs--
		}
	}
	if nargs != sig.Params().Len()-1 || call.Ellipsis.IsValid() && nargs < ch.index {
		return // already passes the new argument
	}
	site := scope.Site{Pkg: p.Types, Info: p.TypesInfo, File: file, Pos: call.Pos(), Args: call.Args,
		IsTest: strings.HasSuffix(pos.Filename, "_test.go")}
	v, err := cl.Lookup(site, ch.kind, sig.Params().At(ch.index).Type())
	if err != nil {
		fail(ch.key, "call at %s: %v", where, err)
		return
	}
	b := fixes.NewBuilder(p.Fset)
	if err := b.InsertArg(p.TypesInfo, call, ch.index, v.Expr); err != nil {
		fail(ch.key, "call at %s: %v", where, err)
		return
	}
	b.Import(file, v.Import, v.ImportName)
	if c.addBuilder(p.Fset, b) {
		c.sites++
	}
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

func (c *completion) addBuilder(fset *token.FileSet, b *fixes.Builder) bool {
	fix, err := b.Fix("")
	if err != nil {
		return false
	}
	edits, err := convert(fset, fix.TextEdits)
	if err != nil {
		return false
	}
	// The same file is seen again in a package's test variant: count
	// only edits that are new.
	n := c.edits.Len()
	return c.edits.Add(edits) && c.edits.Len() > n
}

// completeImpls gives the methods of file that implemented a changed
// interface before the change the interface's new parameter.
func (c *completion) completeImpls(p *packages.Package, file *ast.File, changes map[string]change, implsOf map[string][]string, fail func(string, string, ...any)) {
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
			ch := changes[ifaceKey]
			if !contains(impls, key) || fn.Type().(*types.Signature).Params().Len() != ch.arity-1 {
				continue
			}
			b := fixes.NewBuilder(p.Fset)
			if err := b.InsertParam(fd.Type, ch.index, ch.name, typeText(b, p, file, fd.Pos(), ch.typ)); err != nil {
				fail(ifaceKey, "implementation %s: %v", key, err)
				continue
			}
			if c.addBuilder(p.Fset, b) {
				c.impls++
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
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
					if k := funcKey(fn); !contains(out[key], k) {
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
