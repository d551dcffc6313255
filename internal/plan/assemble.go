package plan

import (
	"cmp"
	"fmt"
	"go/types"
	"slices"
)

// assemble attaches the structs without work to entities, computes the
// dependencies, the order and the template, and builds the Plan.
func (b *builder) assemble() *Plan {
	var work, rest []*entity
	for _, e := range b.entities {
		if e.work() {
			work = append(work, e)
		} else {
			rest = append(rest, e)
		}
	}
	b.idTypes(work)
	var sharedStructs []*entity
	for _, s := range rest {
		if owner := b.structOwner(s, work); owner != nil {
			owner.structs = append(owner.structs, s)
		} else {
			sharedStructs = append(sharedStructs, s)
		}
	}
	for _, e := range work {
		e.rank = count(b.rankCalls(e.methods, e.keys)).Total
	}
	b.dependencies(work)
	order, cycles := b.order(work)

	p := &Plan{
		Schema:   SchemaVersion,
		Dir:      b.dir,
		Patterns: slices.Clone(b.opts.Patterns),
		Order:    []string{},
		Cycles:   [][]string{},
		Entities: []*Entity{},
		Unplaced: b.unplaced,
	}
	names := b.displayNames(work)
	b.names = names
	for _, e := range order {
		if p.Template == "" && len(e.deps) == 0 {
			p.Template = names[e]
		}
	}
	for i, e := range order {
		out := &Entity{
			Name:       names[e],
			Package:    e.obj.Pkg().Path(),
			Pos:        b.position(e.obj.Pos(), false),
			Order:      i + 1,
			Template:   names[e] == p.Template,
			DependsOn:  []Dependency{},
			Dependents: []string{},
			InCycle:    e.cycle,
			Group:      b.group(e.structs, e.methods, e.keys, e.helpers),
		}
		for _, parent := range sortedBy(keysOf(e.deps), order) {
			out.DependsOn = append(out.DependsOn, Dependency{Entity: names[parent], Via: e.deps[parent]})
		}
		for _, child := range order {
			if _, ok := child.deps[e]; ok {
				out.Dependents = append(out.Dependents, names[child])
			}
		}
		p.Order = append(p.Order, out.Name)
		p.Entities = append(p.Entities, out)
	}
	for _, c := range cycles {
		var cn []string
		for _, e := range c {
			cn = append(cn, names[e])
		}
		p.Cycles = append(p.Cycles, cn)
	}
	var sm []*method
	var sk []*key
	var sh []*helper
	for _, m := range b.methods {
		if m.entity == nil {
			sm = append(sm, m)
		}
	}
	for _, x := range b.keys {
		if x.entity == nil {
			sk = append(sk, x)
		}
	}
	for _, h := range b.helpers {
		if h.entity == nil {
			sh = append(sh, h)
		}
	}
	p.Shared = b.group(sharedStructs, sm, sk, sh)
	if p.Unplaced == nil {
		p.Unplaced = []Finding{}
	}
	slices.SortStableFunc(p.Unplaced, func(x, y Finding) int {
		return cmp.Or(comparePos(x.Pos, y.Pos), cmp.Compare(x.Analyzer, y.Analyzer))
	})

	all := b.group(nil, b.methods, b.keys, b.helpers)
	everything := union(b.rankCalls(b.methods, b.keys), b.helperCalls(b.helpers))
	p.Totals = Totals{
		Entities:        len(work),
		Structs:         len(rest),
		Methods:         len(b.methods),
		KeyTemplates:    len(b.keys),
		GSIHelpers:      len(b.helpers),
		CallSites:       count(everything),
		MethodCallSites: all.MethodCallSites,
		KeyCallSites:    all.KeyCallSites,
		GSICallSites:    all.GSICallSites,
		Callers:         callerCount(everything),
		Tests:           testCount(everything),
		Findings:        len(b.diags),
	}
	funcs := map[*keyFunc]bool{}
	for _, m := range b.methods {
		p.Totals.Implementations += len(m.impls)
	}
	for _, x := range b.keys {
		for _, kf := range x.funcs {
			funcs[kf] = true
		}
	}
	p.Totals.KeyFunctions = len(funcs)
	return p
}

// methodCalls are the call sites of methods (and their implementations).
func (b *builder) methodCalls(ms []*method) calls {
	var sets []calls
	for _, m := range ms {
		sets = append(sets, m.calls)
	}
	return union(sets...)
}

// keyCalls are the call sites of the keys' functions that are not
// repository methods of the plan.
func (b *builder) keyCalls(xs []*key) calls {
	var sets []calls
	for _, x := range xs {
		for _, kf := range x.funcs {
			if !kf.method {
				sets = append(sets, kf.calls)
			}
		}
	}
	return union(sets...)
}

func (b *builder) helperCalls(hs []*helper) calls {
	var sets []calls
	for _, h := range hs {
		sets = append(sets, h.calls)
	}
	return union(sets...)
}

// rankCalls are the call sites an entity is ranked by: its methods' and
// its key functions'.
func (b *builder) rankCalls(ms []*method, xs []*key) calls {
	return union(b.methodCalls(ms), b.keyCalls(xs))
}

// group builds the output of one entity's (or the shared) items.
func (b *builder) group(structs []*entity, ms []*method, xs []*key, hs []*helper) Group {
	g := Group{Structs: []*Struct{}, Methods: []*Method{}, Keys: []*Key{}, GSIHelpers: []*Helper{}}
	for _, s := range structs {
		g.Structs = append(g.Structs, &Struct{Name: s.obj.Name(), Package: s.obj.Pkg().Path(),
			Pos: b.position(s.obj.Pos(), false), Findings: s.findings})
	}
	for _, m := range ms {
		out := &Method{
			Name:            m.recv.Name() + "." + m.fn.Name(),
			Package:         pkgPath(m.fn.Pkg()),
			Pos:             b.position(m.fn.Pos(), false),
			Interface:       m.iface,
			Implementations: []*Func{},
			CallSites:       count(m.calls),
			Sites:           sites(m.calls),
			Findings:        m.findings,
		}
		for _, impl := range m.impls {
			out.Implementations = append(out.Implementations, &Func{Name: recvTypeName(impl).Name() + "." + impl.Name(),
				Package: pkgPath(impl.Pkg()), Pos: b.position(impl.Pos(), false)})
		}
		slices.SortFunc(out.Implementations, func(x, y *Func) int { return comparePos(x.Pos, y.Pos) })
		g.Methods = append(g.Methods, out)
	}
	for _, x := range xs {
		out := &Key{
			Text:       x.text,
			Package:    x.pkg.PkgPath,
			Pos:        b.position(x.pos, false),
			In:         x.in,
			Labels:     x.labels,
			Functions:  []*KeyFunc{},
			CallSites:  count(b.keyCalls([]*key{x})),
			Sites:      sites(b.keyCalls([]*key{x})),
			Findings:   x.findings,
			Attributes: x.attrs,
		}
		if out.Labels == nil {
			out.Labels = []string{}
		}
		if out.Attributes == nil {
			out.Attributes = []string{}
		}
		for _, kf := range x.funcs {
			out.Functions = append(out.Functions, &KeyFunc{
				Func:      Func{Name: funcName(kf.fn), Package: pkgPath(kf.fn.Pkg()), Pos: b.position(kf.fn.Pos(), false)},
				Method:    kf.method,
				CallSites: count(kf.calls),
			})
		}
		g.Keys = append(g.Keys, out)
	}
	for _, h := range hs {
		out := &Helper{
			Name:       funcName(h.fn),
			Package:    pkgPath(h.fn.Pkg()),
			Pos:        b.position(h.fn.Pos(), false),
			UsedBy:     []string{},
			CallSites:  count(h.calls),
			Sites:      sites(h.calls),
			Findings:   h.findings,
			Attributes: h.attrs,
		}
		if out.Attributes == nil {
			out.Attributes = []string{}
		}
		for _, e := range slices.SortedStableFunc(slices.Values(h.usedBy), byOrder) {
			out.UsedBy = append(out.UsedBy, cmp.Or(b.names[e], e.obj.Name()))
		}
		g.GSIHelpers = append(g.GSIHelpers, out)
	}
	slices.SortStableFunc(g.Structs, func(x, y *Struct) int { return comparePos(x.Pos, y.Pos) })
	slices.SortStableFunc(g.Methods, func(x, y *Method) int { return comparePos(x.Pos, y.Pos) })
	slices.SortStableFunc(g.Keys, func(x, y *Key) int { return comparePos(x.Pos, y.Pos) })
	slices.SortStableFunc(g.GSIHelpers, func(x, y *Helper) int { return comparePos(x.Pos, y.Pos) })
	mc, kc, hc := b.methodCalls(ms), b.keyCalls(xs), b.helperCalls(hs)
	g.MethodCallSites, g.KeyCallSites, g.GSICallSites = count(mc), count(kc), count(hc)
	g.CallSites = count(union(mc, kc))
	g.Callers = callerCount(union(mc, kc, hc))
	return g
}

// byOrder orders entities by their position in the plan's order.
func byOrder(x, y *entity) int { return cmp.Compare(x.order, y.order) }

func pkgPath(p *types.Package) string {
	if p == nil {
		return ""
	}
	return p.Path()
}

// displayNames names the entities by their type names, qualified by
// package name where two entities share a name.
func (b *builder) displayNames(es []*entity) map[*entity]string {
	n := map[string]int{}
	for _, e := range es {
		n[e.obj.Name()]++
	}
	out := map[*entity]string{}
	for _, e := range es {
		out[e] = e.obj.Name()
		if n[e.obj.Name()] > 1 {
			out[e] = e.obj.Pkg().Name() + "." + e.obj.Name()
		}
	}
	return out
}

// idTypes records each entity's ID type: the named type of its field ID
// (or Id). A type that is the ID of two entities is nobody's.
func (b *builder) idTypes(work []*entity) {
	owners := map[string][]*entity{}
	for _, e := range work {
		if f := idField(e.obj); f != nil {
			if n := namedKey(b, f.Type()); n != "" {
				owners[n] = append(owners[n], e)
			}
		}
	}
	for k, es := range owners {
		if len(es) == 1 {
			es[0].idType = k
		}
	}
}

func idField(tn *types.TypeName) *types.Var {
	st, _ := tn.Type().Underlying().(*types.Struct)
	if st == nil {
		return nil
	}
	for f := range st.Fields() {
		if f.Name() == "ID" || f.Name() == "Id" {
			return f
		}
	}
	return nil
}

// namedKey returns the declaration key of t's named type, through
// pointers, or "" for other types.
func namedKey(b *builder, t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
		return b.posKey(n.Origin().Obj().Pos())
	}
	return ""
}

// structOwner returns the entity a struct without work goes with: the
// entity whose ID type is the struct's ID type, else the entity whose name
// is a word of the struct's name (FinancialConfigUpdated,
// CreateContractRequest).
func (b *builder) structOwner(s *entity, work []*entity) *entity {
	if f := idField(s.obj); f != nil {
		if k := namedKey(b, f.Type()); k != "" {
			for _, e := range work {
				if e.idType == k {
					return e
				}
			}
		}
	}
	return b.pick(b.wordMatches(s.obj.Name(), work), s.obj.Pkg(), nil)
}

// dependencies computes each entity's parents: the entities whose ID type
// is the type of one of its fields (ContractLineItem.ContractID
// ids.ContractID), or whose name with ID (Id) appended is the name of one
// of its fields; and the entities whose ID type is a parameter type of one
// of its key functions.
func (b *builder) dependencies(work []*entity) {
	owner := map[string]*entity{}
	for _, e := range work {
		if e.idType != "" {
			owner[e.idType] = e
		}
	}
	qual := func(p *types.Package) string { return p.Name() }
	for _, e := range work {
		e.deps = map[*entity][]string{}
		add := func(parent *entity, why string) {
			if parent != e && !slices.Contains(e.deps[parent], why) {
				e.deps[parent] = append(e.deps[parent], why)
			}
		}
		st := e.obj.Type().Underlying().(*types.Struct)
		self := idField(e.obj)
		for f := range st.Fields() {
			if f == self {
				continue
			}
			if parent := owner[namedKey(b, f.Type())]; parent != nil {
				add(parent, fmt.Sprintf("field %s %s", f.Name(), types.TypeString(f.Type(), qual)))
				continue
			}
			var named []*entity // entities the field is named after
			for _, parent := range work {
				for _, n := range parent.names {
					if (f.Name() == n+"ID" || f.Name() == n+"Id") && !slices.Contains(named, parent) {
						named = append(named, parent)
					}
				}
			}
			if parent := b.pick(named, e.obj.Pkg(), nil); parent != nil {
				add(parent, fmt.Sprintf("field %s %s", f.Name(), types.TypeString(f.Type(), qual)))
			}
		}
		for _, x := range e.keys {
			for _, kf := range x.funcs {
				sig := kf.fn.Type().(*types.Signature)
				for v := range sig.Params().Variables() {
					if parent := owner[namedKey(b, v.Type())]; parent != nil {
						add(parent, fmt.Sprintf("key %s param %s %s", funcName(kf.fn), v.Name(), types.TypeString(v.Type(), qual)))
					}
				}
			}
		}
	}
}

// order returns the entities parents first, ready entities by fewest call
// sites then name; an entity in a cycle comes when no other is ready, the
// one with the fewest unmet parents first. It also returns the cycles
// (strongly connected components of more than one entity), each in order.
func (b *builder) order(work []*entity) (order []*entity, cycles [][]*entity) {
	byRank := slices.Clone(work)
	slices.SortStableFunc(byRank, func(x, y *entity) int {
		return cmp.Or(cmp.Compare(x.rank, y.rank), cmp.Compare(x.obj.Name(), y.obj.Name()),
			cmp.Compare(x.obj.Pkg().Path(), y.obj.Pkg().Path()))
	})
	done := map[*entity]bool{}
	unmet := func(e *entity) int {
		n := 0
		for p := range e.deps {
			if !done[p] {
				n++
			}
		}
		return n
	}
	for len(order) < len(byRank) {
		var next *entity
		for _, e := range byRank {
			if !done[e] && (next == nil || unmet(e) < unmet(next)) {
				next = e
			}
		}
		done[next] = true
		order = append(order, next)
	}
	for i, e := range order {
		e.order = i + 1
	}
	for _, c := range sccs(order) {
		if len(c) > 1 {
			slices.SortFunc(c, func(x, y *entity) int { return cmp.Compare(x.order, y.order) })
			for _, e := range c {
				e.cycle = true
			}
			cycles = append(cycles, c)
		}
	}
	slices.SortFunc(cycles, func(x, y []*entity) int { return cmp.Compare(x[0].order, y[0].order) })
	return order, cycles
}

// sccs returns the strongly connected components of the dependency graph
// (Tarjan's algorithm).
func sccs(nodes []*entity) [][]*entity {
	index := map[*entity]int{}
	low := map[*entity]int{}
	on := map[*entity]bool{}
	var stack []*entity
	var out [][]*entity
	next := 0
	var visit func(v *entity)
	visit = func(v *entity) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		on[v] = true
		for _, w := range sortedBy(keysOf(v.deps), nodes) {
			if _, seen := index[w]; !seen {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if on[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var c []*entity
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				on[w] = false
				c = append(c, w)
				if w == v {
					break
				}
			}
			out = append(out, c)
		}
	}
	for _, v := range nodes {
		if _, seen := index[v]; !seen {
			visit(v)
		}
	}
	return out
}

func keysOf(m map[*entity][]string) []*entity {
	out := make([]*entity, 0, len(m))
	for e := range m {
		out = append(out, e)
	}
	return out
}

// sortedBy sorts es by their index in order.
func sortedBy(es, order []*entity) []*entity {
	slices.SortFunc(es, func(x, y *entity) int {
		return cmp.Compare(slices.Index(order, x), slices.Index(order, y))
	})
	return es
}
