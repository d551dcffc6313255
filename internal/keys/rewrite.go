package keys

import (
	"errors"
	"fmt"
)

// ErrStar is returned by rewrites of a format whose width or precision
// comes from an argument ('*'): its arguments cannot be renumbered safely.
var ErrStar = errors.New("the format takes a width or precision from an argument ('*'); rewrite it by hand")

// ErrAmbiguousSwap is returned by Swap and Reorder when the tenant segment
// holds several capsule values or the capsule segment several tenant
// values: which value goes where cannot be told.
var ErrAmbiguousSwap = errors.New("the tenant and capsule segments hold several swapped values, and which goes where cannot be told; swap them by hand")

func (a *Analysis) of(t *Template) error {
	if a == nil || a.t != t {
		return errors.New("keys: analysis of another template")
	}
	if t.Kind == Format && t.star {
		return ErrStar
	}
	return nil
}

// InsertCapsule returns t with a capsule segment inserted right after the
// tenant segment: "TENANT#%s#INVOICE#%s" becomes
// "TENANT#%s#CAPSULE#%s#INVOICE#%s". value is the capsule value: a Go
// expression for a concatenation or a join (string(c) for a named string
// type), the placeholder name for a tag, the argument expression for a
// format (see Args for where it goes).
//
// The insertion is separator, label, separator, value right after the
// tenant value, so exactly one separator stands between segments whether
// the next separator sits at the start of the next literal, at the end of
// the previous one, or the key ends after the tenant value.
func (t *Template) InsertCapsule(a *Analysis, value string) (*Template, error) {
	if err := a.of(t); err != nil {
		return nil, err
	}
	if a.Tenant < 0 {
		return nil, errors.New("the key has no tenant segment to put the capsule segment after")
	}
	if value == "" {
		return nil, errors.New("keys: empty capsule value")
	}
	if a.CapsuleValue >= 0 {
		return nil, errors.New("keys: the key has a capsule value without its label after the tenant segment; LabelCapsule labels it")
	}
	l := a.labels
	seg := &a.Segments[a.Tenant]
	hole := a.newHole(value, seg)
	sep := l.sep()
	added := []atom{
		{kind: aSep, piece: -1, text: sep},
		{kind: aLit, piece: -1, text: l.styleLike(l.Capsule, seg.Label)},
		{kind: aSep, piece: -1, text: sep},
		{kind: aHole, piece: -1, hole: hole},
	}
	return t.rebuild(splice(a.atoms, seg.last, added)), nil
}

// LabelCapsule returns t with the capsule label inserted before the
// unlabelled capsule value that follows its tenant segment
// (Analysis.CapsuleValue): "TENANT#%s#%s#INVOICE#%s" becomes
// "TENANT#%s#CAPSULE#%s#INVOICE#%s", with the same arguments. A key
// gsitenant's fix left as "TENANT#{t}#{c}#..." gets its label and no
// second capsule value.
func (t *Template) LabelCapsule(a *Analysis) (*Template, error) {
	if a == nil || a.t != t {
		return nil, errors.New("keys: analysis of another template")
	}
	if a.CapsuleValue < 0 {
		return nil, errors.New("keys: no unlabelled capsule value follows the tenant segment")
	}
	l := a.labels
	added := []atom{
		{kind: aLit, piece: -1, text: l.styleLike(l.Capsule, a.Segments[a.Tenant].Label)},
		{kind: aSep, piece: -1, text: l.sep()},
	}
	return t.rebuild(splice(a.atoms, a.Segments[a.CapsuleValue].first, added)), nil
}

// PrefixTenant returns t with a tenant segment inserted before the capsule
// segment (at the start of the key when it has none):
// "CAPSULE#%s#ACCOUNT#%s" becomes "TENANT#%s#CAPSULE#%s#ACCOUNT#%s", the
// new argument first. value is as for InsertCapsule.
func (t *Template) PrefixTenant(a *Analysis, value string) (*Template, error) {
	if err := a.of(t); err != nil {
		return nil, err
	}
	if a.Tenant >= 0 {
		return nil, errors.New("the key already has a tenant segment")
	}
	if value == "" {
		return nil, errors.New("keys: empty tenant value")
	}
	l := a.labels
	at, like := 0, ""
	var seg *Segment
	if a.Capsule >= 0 {
		seg = &a.Segments[a.Capsule]
		at, like = seg.first, seg.Label
	}
	sep := l.sep()
	added := []atom{
		{kind: aLit, piece: -1, text: l.styleLike(l.Tenant, like)},
		{kind: aSep, piece: -1, text: sep},
		{kind: aHole, piece: -1, hole: a.newHole(value, seg)},
		{kind: aSep, piece: -1, text: sep},
	}
	return t.rebuild(splice(a.atoms, at, added)), nil
}

// Reorder returns a misordered t with its tenant and capsule segments
// (and their arguments or operands) moved into tenant, capsule order, at
// the place of the first of them; the other segments keep their order:
// "CAPSULE#%s#TENANT#%s#INVOICE#%s" becomes "TENANT#%s#CAPSULE#%s#INVOICE#%s"
// with the first two arguments swapped.
//
// The values end where their labels say: when, moved, the tenant segment
// holds a capsule value and the capsule segment a tenant value (they were
// swapped too, or a label without a value took the field after it, as in
// "TENANT#{c}#{t}#CAPSULE"), they are exchanged in the same rewrite
// (ErrAmbiguousSwap when there are several). A label without a value of
// its own is only moved in front of a value of its kind; the rewrite is
// refused when it would label something else, or when the result would
// still not have the capsule segment right after the tenant segment.
func (t *Template) Reorder(a *Analysis) (*Template, error) {
	if err := a.of(t); err != nil {
		return nil, err
	}
	if !a.Findings.Has(Misordered) {
		return nil, errors.New("keys: the key is not misordered")
	}
	T, C := a.Tenant, a.Capsule
	lo := min(T, C)
	order := make([]int, 0, len(a.Segments))
	for i := range lo {
		order = append(order, i)
	}
	order = append(order, T, C)
	for i := lo; i < len(a.Segments); i++ {
		if i != T && i != C {
			order = append(order, i)
		}
	}
	atoms := make([]atom, 0, len(a.atoms))
	for j, s := range order {
		if j > 0 {
			atoms = append(atoms, a.atoms[a.seps[j-1]])
		}
		seg := &a.Segments[s]
		atoms = append(atoms, a.atoms[seg.first:seg.last]...)
	}

	// The moved key, segmented again.
	l := a.labels
	segs, _ := t.segment(l, atoms)
	nT, nC := l.pick(segs)
	if nT < 0 || nC != nT+1 {
		return nil, fmt.Errorf("moving the %s and %s segments would not put them next to each other; rewrite the key by hand", l.Tenant, l.Capsule)
	}
	if a.classify != nil {
		cs, ts := a.valueHoles(atoms, &segs[nT], false), a.valueHoles(atoms, &segs[nC], true)
		if len(cs) > 0 && len(ts) > 0 {
			if len(cs) > 1 || len(ts) > 1 {
				return nil, ErrAmbiguousSwap
			}
			atoms[cs[0]], atoms[ts[0]] = atoms[ts[0]], atoms[cs[0]]
		}
	}
	for _, x := range []struct {
		old, new    int
		label, kind string
		tenant      bool
	}{{T, nT, l.Tenant, "tenant", true}, {C, nC, l.Capsule, "capsule", false}} {
		if a.Segments[x.old].HasValue {
			continue
		}
		if a.classify == nil || len(a.valueHoles(atoms, &segs[x.new], x.tenant)) == 0 || a.anyHole(atoms, &segs[x.new], !x.tenant) {
			return nil, fmt.Errorf("the %s label has no value of its own, and moved, it would label a field that is not a %s value; rewrite the key by hand", x.label, x.kind)
		}
	}
	return t.rebuild(atoms), nil
}

// Swap returns t with the capsule value of its tenant segment and the
// tenant value of its capsule segment exchanged (for a format: the two
// arguments). When either segment holds several such values, which goes
// where cannot be told: ErrAmbiguousSwap.
func (t *Template) Swap(a *Analysis) (*Template, error) {
	if err := a.of(t); err != nil {
		return nil, err
	}
	if !a.Findings.Has(Swapped) {
		return nil, errors.New("keys: the tenant and capsule values are not swapped")
	}
	if len(a.swapT) != 1 || len(a.swapC) != 1 {
		return nil, ErrAmbiguousSwap
	}
	atoms := append([]atom(nil), a.atoms...)
	i, j := a.swapT[0], a.swapC[0]
	atoms[i], atoms[j] = atoms[j], atoms[i]
	return t.rebuild(atoms), nil
}

// newHole returns the hole a rewrite adds, with the verb of the first hole
// of like (a format's capsule takes the tenant's verb), else %s.
func (a *Analysis) newHole(value string, like *Segment) *Piece {
	p := &Piece{Hole: true, New: value, Operand: -1, Verb: 's', Name: value}
	if a.t.Kind == Format && like != nil && len(like.Holes) > 0 {
		h := &a.t.Pieces[like.Holes[0]]
		p.Verb, p.Explicit = h.Verb, h.Explicit
	}
	if a.t.Kind == Format {
		p.Text = "%" + string(p.Verb)
	} else {
		p.Text = "{" + value + "}"
	}
	return p
}

func splice(atoms []atom, at int, added []atom) []atom {
	out := make([]atom, 0, len(atoms)+len(added))
	out = append(out, atoms[:at]...)
	out = append(out, added...)
	return append(out, atoms[at:]...)
}

// rebuild makes the template of a rewritten atom sequence.
func (t *Template) rebuild(atoms []atom) *Template {
	nt := &Template{
		Kind: t.Kind, Operands: t.Operands, JoinSep: t.JoinSep, Root: t.Root,
		sequential: t.sequential, star: t.star, parens: t.parens,
		Pieces: make([]Piece, 0, len(t.Pieces)+4),
	}
	for _, at := range atoms {
		switch {
		case at.hole != nil:
			nt.Pieces = append(nt.Pieces, *at.hole)
		case at.kind == aHole:
			nt.Pieces = append(nt.Pieces, t.Pieces[at.piece])
		case at.piece < 0:
			if at.kind == aSep && t.Kind == Join && at.text == t.JoinSep {
				nt.Pieces = append(nt.Pieces, Piece{Text: at.text, Operand: -1, JoinSep: true})
			} else {
				nt.addFragment(Piece{Text: at.text, Operand: -1})
			}
		default:
			p := &t.Pieces[at.piece]
			if p.JoinSep && at.lo == 0 && at.hi == len(p.Text) {
				nt.Pieces = append(nt.Pieces, *p)
				continue
			}
			nt.addFragment(Piece{Text: p.Text[at.lo:at.hi], Operand: p.Operand, Off: p.Off + at.lo})
		}
	}
	if t.Kind == Format {
		nt.renumber(t)
	}
	return nt
}

// addFragment appends a literal, merged with the previous literal when
// both are new text or contiguous text of one operand.
func (t *Template) addFragment(p Piece) {
	if n := len(t.Pieces); n > 0 {
		last := &t.Pieces[n-1]
		if !last.Hole && !last.JoinSep && last.Operand == p.Operand &&
			(p.Operand < 0 || last.Off+len(last.Text) == p.Off) {
			last.Text += p.Text
			return
		}
	}
	t.Pieces = append(t.Pieces, p)
}

// renumber sets the argument list and the verbs' argument indexes of a
// rewritten format whose original is old. A sequential format takes its
// arguments in the new order of its verbs. Otherwise the arguments keep
// their order, a new argument goes right after the one of the last verb
// before it, and the indexes after it shift by one.
func (t *Template) renumber(old *Template) {
	if old.sequential {
		t.Args = make([]Item, 0, len(old.Args)+1)
		for i := range t.Pieces {
			p := &t.Pieces[i]
			if !p.Hole {
				continue
			}
			if p.New != "" {
				t.Args = append(t.Args, Item{Old: -1, New: p.New})
			} else {
				t.Args = append(t.Args, old.Args[p.Arg])
			}
			p.Arg = len(t.Args) - 1
		}
		t.NumArgs = len(t.Args)
		return
	}
	k, last, value := -1, -1, ""
	for i := range t.Pieces {
		p := &t.Pieces[i]
		if p.Hole && p.New == "" {
			last = p.Arg
		} else if p.IsNew() {
			k, value = last+1, p.New
			p.Arg = k
			break
		}
	}
	t.Args = append([]Item(nil), old.Args...)
	if k >= 0 {
		for i := range t.Pieces {
			if p := &t.Pieces[i]; p.Hole && p.New == "" && p.Arg >= k {
				p.Arg++
			}
		}
		t.Args = append(t.Args[:k], append([]Item{{Old: -1, New: value}}, t.Args[k:]...)...)
	}
	t.NumArgs = len(t.Args)
}
