package plan

import (
	"go/types"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// assignMethods gives each method group its entity:
//  1. the entity types in its signature (through pointers, slices, arrays,
//     maps, channels and type arguments): the only one, or the
//     repository's entity (rule 2) when it is among several, else the first;
//  2. the repository's entity: the entity whose name starts the repository
//     type's name (longest match), else the entity that most of the
//     repository's methods mention (a strict majority of mentions).
func (b *builder) assignMethods() {
	memo := map[*types.TypeName]*entity{}
	for _, m := range b.methods {
		repo, ok := memo[m.recv]
		if !ok {
			repo = b.repoEntity(m.recv)
			memo[m.recv] = repo
		}
		in := b.entitiesIn(m.fn.Type())
		switch {
		case len(in) == 1:
			m.entity = in[0]
		case len(in) > 1 && slices.Contains(in, repo):
			m.entity = repo
		case len(in) > 1:
			m.entity = in[0]
		default:
			m.entity = repo
		}
		if m.entity != nil {
			m.entity.methods = append(m.entity.methods, m)
		}
	}
}

// entitiesIn returns the entities whose types occur in t, in order.
func (b *builder) entitiesIn(t types.Type) []*entity {
	var out []*entity
	seen := map[types.Type]bool{}
	var walk func(t types.Type)
	walk = func(t types.Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Signature:
			walk(t.Params())
			walk(t.Results())
		case *types.Tuple:
			for v := range t.Variables() {
				walk(v.Type())
			}
		case *types.Pointer:
			walk(t.Elem())
		case *types.Slice:
			walk(t.Elem())
		case *types.Array:
			walk(t.Elem())
		case *types.Chan:
			walk(t.Elem())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case *types.Alias:
			walk(types.Unalias(t))
		case *types.Named:
			if e := b.entityOf[b.posKey(t.Origin().Obj().Pos())]; e != nil && !slices.Contains(out, e) {
				out = append(out, e)
			}
			for a := range t.TypeArgs().Types() {
				walk(a)
			}
		}
	}
	walk(t)
	return out
}

// repoEntity returns the entity a repository type serves, or nil: the
// entity whose name starts the type's name, else the entity that a strict
// majority of the mentions in its methods' signatures name.
func (b *builder) repoEntity(tn *types.TypeName) *entity {
	var sigs []types.Type
	switch t := tn.Type().Underlying().(type) {
	case *types.Interface:
		for m := range t.Methods() {
			sigs = append(sigs, m.Type())
		}
	default:
		if n, ok := tn.Type().(*types.Named); ok {
			for m := range n.Methods() {
				sigs = append(sigs, m.Type())
			}
		}
	}
	votes := map[*entity]int{}
	total := 0
	for _, s := range sigs {
		for _, e := range b.entitiesIn(s) {
			votes[e]++
			total++
		}
	}
	var majority []*entity
	for e, n := range votes {
		if 2*n > total {
			majority = append(majority, e)
		}
	}
	if e := b.pick(b.prefixMatches(tn.Name()), tn.Pkg(), majority); e != nil {
		return e
	}
	if len(majority) == 1 {
		return majority[0]
	}
	return nil
}

// prefixMatches returns the entities one of whose names starts name at a
// word boundary, with the longest such name; a leading lower-case word is
// skipped (memContractRepository is matched as ContractRepository).
func (b *builder) prefixMatches(name string) []*entity {
	cands := []string{upperFirst(name)}
	if i := strings.IndexFunc(name, unicode.IsUpper); i > 0 {
		cands = append(cands, name[i:])
	}
	var best []*entity
	bestLen := 0
	for _, e := range b.entities {
		for _, n := range e.names {
			for _, c := range cands {
				if len(n) < bestLen || !wordAt(c, 0, n) {
					continue
				}
				if len(n) > bestLen {
					best, bestLen = nil, len(n)
				}
				if !slices.Contains(best, e) {
					best = append(best, e)
				}
			}
		}
	}
	return best
}

// wordMatches returns the entities among among one of whose names occurs
// in name as whole camel-case words, with the longest such name.
func (b *builder) wordMatches(name string, among []*entity) []*entity {
	name = upperFirst(name)
	var best []*entity
	bestLen := 0
	for _, e := range among {
		for _, n := range e.names {
			if len(n) < bestLen {
				continue
			}
			for i := 0; i+len(n) <= len(name); i++ {
				if !wordAt(name, i, n) {
					continue
				}
				if len(n) > bestLen {
					best, bestLen = nil, len(n)
				}
				if !slices.Contains(best, e) {
					best = append(best, e)
				}
				break
			}
		}
	}
	return best
}

// pick chooses among entities matched by name the one an item belongs to,
// so that a same-named entity of an unrelated package does not win: a
// preferred entity (one whose code uses the item, or the repository's
// majority entity) first; else, unless the item has preferred entities
// and the candidate is not visible from the item's package (declared in
// it or in a package it imports), the only visible one, or the only one.
func (b *builder) pick(cands []*entity, from *types.Package, preferred []*entity) *entity {
	var in, visible []*entity
	for _, c := range cands {
		if slices.Contains(preferred, c) {
			in = append(in, c)
		}
		if b.visible(c, from) {
			visible = append(visible, c)
		}
	}
	switch {
	case len(in) > 0:
		if len(in) == 1 {
			return in[0]
		}
		return nil
	case len(visible) == 1:
		return visible[0]
	case len(visible) > 1, len(preferred) > 0:
		return nil
	case len(cands) == 1:
		return cands[0]
	}
	return nil
}

// visible reports whether e is declared in from's package or in a package
// from imports.
func (b *builder) visible(e *entity, from *types.Package) bool {
	if from == nil {
		return false
	}
	path := e.obj.Pkg().Path()
	if path == strings.TrimSuffix(from.Path(), "_test") {
		return true
	}
	for _, imp := range from.Imports() {
		if imp.Path() == path {
			return true
		}
	}
	return false
}

// wordAt reports whether word occurs in s at i as whole camel-case words:
// it starts s or a new word, and ends s or is followed by a new word (a
// plural "s" is allowed: ContractsRepository).
func wordAt(s string, i int, word string) bool {
	if !strings.HasPrefix(s[i:], word) {
		return false
	}
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		first, _ := utf8.DecodeRuneInString(word)
		if unicode.IsLetter(prev) && !unicode.IsUpper(first) {
			return false
		}
	}
	rest := s[i+len(word):]
	rest = strings.TrimPrefix(rest, "s")
	if len(rest) == 0 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return !unicode.IsLower(r)
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// entityCode records which functions are an entity's own code: its
// repository methods and their implementations, every method of the
// repository types that implement them, and the methods of the entity
// type itself. A function may be the code of several entities.
func (b *builder) entityCode() {
	add := func(k string, e *entity) {
		if !slices.Contains(b.codeOf[k], e) {
			b.codeOf[k] = append(b.codeOf[k], e)
		}
	}
	addType := func(tn *types.TypeName, e *entity) {
		if n, ok := tn.Type().(*types.Named); ok {
			if _, iface := n.Underlying().(*types.Interface); iface {
				return
			}
			for m := range n.Methods() {
				add(b.posKey(m.Pos()), e)
			}
		}
	}
	for _, m := range b.methods {
		if m.entity == nil {
			continue
		}
		add(m.key, m.entity)
		addType(m.recv, m.entity)
		for _, impl := range m.impls {
			add(b.posKey(impl.Pos()), m.entity)
			if tn := recvTypeName(impl); tn != nil {
				addType(tn, m.entity)
			}
		}
	}
	for _, e := range b.entities {
		addType(e.obj, e)
	}
}

// assignKeys gives each key template its entity, first match wins:
//  1. the key is in an entity's code (a repository method of the entity,
//     a method of its repository types or of the entity type), or in a
//     struct tag of the entity;
//  2. the name of the function or constant holding it (for a method, its
//     receiver type's name) starts with an entity's name;
//  3. its last label that is an entity's name upper-cased (CONTRACT is
//     Contract's, ACCESS is AccessEntity's);
//  4. the functions that build it are called from the code of exactly one
//     entity.
func (b *builder) assignKeys() {
	for _, x := range b.keys {
		x.entity = b.keyEntity(x)
		if x.entity != nil {
			x.entity.keys = append(x.entity.keys, x)
		}
	}
}

func (b *builder) keyEntity(x *key) *entity {
	name := ""
	switch c := x.container.(type) {
	case *types.Func:
		if es := b.codeOf[b.posKey(c.Pos())]; len(es) == 1 {
			return es[0]
		}
		name = c.Name()
		if tn := recvTypeName(c); tn != nil {
			name = tn.Name()
		}
	case *types.TypeName:
		if e := b.entityOf[b.posKey(c.Pos())]; e != nil {
			return e
		}
		name = c.Name()
	case nil:
	default:
		name = c.Name()
	}
	var users []*entity // the entities whose code calls the key's functions
	for _, e := range b.entities {
	search:
		for _, kf := range x.funcs {
			for _, s := range kf.calls {
				if slices.Contains(b.codeOf[s.caller], e) {
					users = append(users, e)
					break search
				}
			}
		}
	}
	if name != "" {
		if e := b.pick(b.prefixMatches(name), x.pkg.Types, users); e != nil {
			return e
		}
	}
	for i := len(x.labels) - 1; i >= 0; i-- {
		var cands []*entity
		for _, e := range b.entities {
			for _, n := range e.names {
				if strings.ToUpper(n) == x.labels[i] && !slices.Contains(cands, e) {
					cands = append(cands, e)
				}
			}
		}
		if e := b.pick(cands, x.pkg.Types, users); e != nil {
			return e
		}
	}
	if len(users) == 1 {
		return users[0]
	}
	return nil
}

// assignHelpers gives each GSI helper its entity: the only entity whose
// code calls it; with no such caller, the entity whose name is a word of
// the helper's name (Gsi1pkForContract); otherwise none (shared).
func (b *builder) assignHelpers() {
	for _, h := range b.helpers {
		for _, e := range b.entities {
			for _, s := range h.calls {
				if slices.Contains(b.codeOf[s.caller], e) {
					h.usedBy = append(h.usedBy, e)
					break
				}
			}
		}
		switch len(h.usedBy) {
		case 0:
			h.entity = b.pick(b.wordMatches(h.fn.Name(), b.entities), h.fn.Pkg(), nil)
		case 1:
			h.entity = h.usedBy[0]
		}
		if h.entity != nil {
			h.entity.helpers = append(h.entity.helpers, h)
		}
	}
}
