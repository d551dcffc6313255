package keys

import "strings"

// A Finding is a capsule-isolation defect of a key template.
type Finding uint8

const (
	// MissingTenant: a tenant value is interpolated into the key, but the
	// key has no tenant segment.
	MissingTenant Finding = 1 << iota
	// MissingCapsule: the key has a tenant segment but no capsule segment.
	MissingCapsule
	// Misordered: the capsule segment comes before the tenant segment,
	// or not right after it.
	Misordered
	// Swapped: the tenant segment holds a capsule value and the capsule
	// segment a tenant value.
	Swapped
)

// Has reports whether f includes g.
func (f Finding) Has(g Finding) bool { return f&g != 0 }

func (f Finding) String() string {
	var names []string
	for _, x := range []struct {
		f    Finding
		name string
	}{{MissingTenant, "missing-tenant"}, {MissingCapsule, "missing-capsule"}, {Misordered, "misordered"}, {Swapped, "swapped"}} {
		if f.Has(x.f) {
			names = append(names, x.name)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, "|")
}

// A Classifier says whether a hole of a template holds a tenant value, a
// capsule value, or neither. The analyzer supplies it: by the type of a
// Sprintf argument or concatenation operand, by configured names, by the
// struct field a tag placeholder names.
type Classifier func(p *Piece) (isTenant, isCapsule bool)

// A Segment is a LABEL<sep>value part of a key, or a field between two
// separators that has no label.
type Segment struct {
	// Label is the label as written, "" for a field without one.
	Label string
	// HasValue reports whether the segment has a non-empty value.
	HasValue bool
	// Holes are the indices in Template.Pieces of the holes of the
	// segment's value (for an unlabeled field, of the field).
	Holes []int

	first, last int // atoms [first, last) of the segment
}

// An Analysis is a template split into segments under a Labels
// configuration, with its findings.
type Analysis struct {
	// Key reports whether the template is a key at all: it has a segment
	// with the tenant or capsule label (or a global label) and a value, or
	// it starts with a label and interpolates a tenant value. A literal
	// with whitespace is never a key, nor is a bare label ("TENANT#").
	Key bool
	// Global reports whether the key's first segment has a global label:
	// global reference data, never reported.
	Global bool
	// Prefix reports whether the template ends with the separator (a scan
	// or parse prefix such as "TENANT#%s#").
	Prefix bool
	// Segments in order; Tenant and Capsule index the tenant and capsule
	// segments, -1 when there is none.
	Segments        []Segment
	Tenant, Capsule int
	// TenantHoles are the holes (indices in Template.Pieces) classified as
	// tenant values, anywhere in the template (not computed for a literal
	// with whitespace, never a key).
	TenantHoles []int
	// Findings are the defects; none unless Key and not Global.
	Findings Finding
	// CapsuleValue is, with MissingCapsule, the index in Segments of an
	// unlabelled segment right after the tenant segment that holds a
	// capsule value and no tenant value ("TENANT#%s#%s#INVOICE#%s" with a
	// capsule ID second): the key lacks only the capsule label, which
	// [Template.LabelCapsule] inserts. -1 otherwise.
	CapsuleValue int

	t        *Template
	labels   *Labels
	classify Classifier
	atoms    []atom
	seps     []int // seps[i]: the separator atom between Segments[i] and Segments[i+1]
	// Swapped: the atoms of the capsule values in the tenant segment and
	// of the tenant values in the capsule segment.
	swapT, swapC []int
}

const (
	aLit = iota
	aSep
	aHole
)

// An atom is a literal fragment, a separator or a hole: a template cut at
// its separators.
type atom struct {
	kind   uint8
	piece  int    // index in Template.Pieces; -1 for text or a hole a rewrite adds
	lo, hi int    // byte range of a literal or separator in the piece's Text
	text   string // added text
	hole   *Piece // added hole
}

// atoms cuts t into atoms. A separator split across two pieces is not
// seen (with the one-byte default separator this cannot happen).
func (t *Template) atoms(sep string, buf []atom) (atoms []atom, space bool) {
	atoms = buf[:0]
	for i := range t.Pieces {
		p := &t.Pieces[i]
		if p.Hole {
			atoms = append(atoms, atom{kind: aHole, piece: i})
			continue
		}
		if !space && strings.ContainsAny(p.Text, " \t\r\n") && !p.JoinSep {
			space = true
		}
		if p.Text == "" {
			atoms = append(atoms, atom{kind: aLit, piece: i})
			continue
		}
		for off := 0; off < len(p.Text); {
			j := strings.Index(p.Text[off:], sep)
			if j < 0 {
				atoms = append(atoms, atom{kind: aLit, piece: i, lo: off, hi: len(p.Text)})
				break
			}
			if j > 0 {
				atoms = append(atoms, atom{kind: aLit, piece: i, lo: off, hi: off + j})
			}
			atoms = append(atoms, atom{kind: aSep, piece: i, lo: off + j, hi: off + j + len(sep)})
			off += j + len(sep)
		}
	}
	return atoms, space
}

// A field is the atoms between two separators.
type field struct {
	first, last int    // atoms [first, last)
	text        string // the literal text when the field has no hole
	hole        bool
}

func (f *field) empty() bool { return !f.hole && f.text == "" }

func (t *Template) fieldText(atoms []atom, first, last int) (string, bool) {
	if last-first == 1 {
		a := &atoms[first]
		if a.kind == aHole {
			return "", true
		}
		return t.atomText(a), false
	}
	var b strings.Builder
	for i := range atoms[first:last] {
		a := &atoms[first+i]
		if a.kind == aHole {
			return "", true
		}
		b.WriteString(t.atomText(a))
	}
	return b.String(), false
}

// atomText is the text of a literal or separator atom.
func (t *Template) atomText(a *atom) string {
	if a.piece < 0 {
		return a.text
	}
	return t.Pieces[a.piece].Text[a.lo:a.hi]
}

// atomPiece is the piece of a hole atom: the template's, or the one a
// rewrite adds.
func (t *Template) atomPiece(a *atom) *Piece {
	if a.hole != nil {
		return a.hole
	}
	return &t.Pieces[a.piece]
}

// Analyze splits t into segments under l, decides whether it is a key and
// reports its findings. classify may be nil (no hole is a tenant or
// capsule value).
func (t *Template) Analyze(l *Labels, classify Classifier) *Analysis {
	a := &Analysis{t: t, labels: l, classify: classify, Tenant: -1, Capsule: -1, CapsuleValue: -1}
	var space bool
	a.atoms, space = t.atoms(l.sep(), make([]atom, 0, 2*len(t.Pieces)+4))
	a.Segments, a.Prefix = t.segment(l, a.atoms)
	if len(a.Segments) > 1 {
		a.seps = make([]int, 0, len(a.Segments)-1)
		for _, s := range a.Segments[1:] {
			a.seps = append(a.seps, s.first-1)
		}
	}

	// Key or not.
	if space || len(a.Segments) == 0 {
		return a
	}
	if classify != nil {
		for i := range t.Pieces {
			if p := &t.Pieces[i]; p.Hole {
				if isT, _ := classify(p); isT {
					a.TenantHoles = append(a.TenantHoles, i)
				}
			}
		}
	}
	first := &a.Segments[0]
	for i := range a.Segments {
		s := &a.Segments[i]
		if l.is(s.Label, l.Tenant) || l.is(s.Label, l.Capsule) || l.isGlobal(s.Label) {
			a.Key = a.Key || s.HasValue
		}
	}
	a.Tenant, a.Capsule = l.pick(a.Segments)
	if !a.Key && first.Label != "" && len(a.TenantHoles) > 0 {
		a.Key = true // a tenant value in a chain of LABEL<sep>value segments
	}
	if !a.Key {
		return a
	}
	if first.Label != "" && l.isGlobal(first.Label) {
		a.Global = true
		return a
	}

	// Findings.
	switch {
	case a.Tenant < 0:
		if len(a.TenantHoles) > 0 {
			a.Findings |= MissingTenant
		}
		return a
	case a.Capsule < 0:
		a.Findings |= MissingCapsule
		if next := a.Tenant + 1; classify != nil && next < len(a.Segments) && a.Segments[next].Label == "" &&
			len(a.valueHoles(a.atoms, &a.Segments[next], false)) > 0 && !a.anyHole(a.atoms, &a.Segments[next], true) {
			a.CapsuleValue = next
		}
		return a
	case a.Capsule != a.Tenant+1:
		a.Findings |= Misordered
	}
	if classify != nil {
		a.swapT = a.valueHoles(a.atoms, &a.Segments[a.Tenant], false)
		a.swapC = a.valueHoles(a.atoms, &a.Segments[a.Capsule], true)
		if len(a.swapT) > 0 && len(a.swapC) > 0 {
			a.Findings |= Swapped
		}
	}
	return a
}

// SwappedValues returns, for a swapped key, the holes (indices in
// Template.Pieces) of the capsule values in the tenant segment and of the
// tenant values in the capsule segment.
func (a *Analysis) SwappedValues() (capsules, tenants []int) {
	if !a.Findings.Has(Swapped) {
		return nil, nil
	}
	for _, i := range a.swapT {
		capsules = append(capsules, a.atoms[i].piece)
	}
	for _, i := range a.swapC {
		tenants = append(tenants, a.atoms[i].piece)
	}
	return capsules, tenants
}

// segment splits atoms into segments under l; prefix reports whether they
// end with a separator.
func (t *Template) segment(l *Labels, atoms []atom) (segs []Segment, prefix bool) {
	// Fields.
	fields := make([]field, 0, 8)
	start := 0
	for i := 0; i <= len(atoms); i++ {
		if i < len(atoms) && atoms[i].kind != aSep {
			continue
		}
		f := field{first: start, last: i}
		if i > start {
			f.text, f.hole = t.fieldText(atoms, start, i)
		}
		fields = append(fields, f)
		start = i + 1
	}
	prefix = len(fields) > 1 && fields[len(fields)-1].empty()

	// Segments: a configured label takes the field after it as its value
	// unless that is a configured label itself; another label word does
	// the same; any other field stands alone.
	lower := l.lower()
	configured := func(f *field) bool {
		return !f.hole && (l.is(f.text, l.Tenant) || l.is(f.text, l.Capsule) || l.isGlobal(f.text))
	}
	segs = make([]Segment, 0, len(fields))
	for i := 0; i < len(fields); {
		f := &fields[i]
		labeled := !f.hole && (configured(f) || isWord(f.text, lower))
		if !labeled {
			segs = appendSegment(segs, atoms, fields, "", i, i)
			i++
			continue
		}
		if i+1 < len(fields) && !configured(&fields[i+1]) {
			segs = appendSegment(segs, atoms, fields, f.text, i, i+1)
			i += 2
			continue
		}
		segs = appendSegment(segs, atoms, fields, f.text, i, -1)
		i++
	}
	return segs, prefix
}

// pick returns the tenant and capsule segments of segs, -1 for none: the
// first of each, but a capsule segment after the tenant segment rather
// than one before it.
func (l *Labels) pick(segs []Segment) (tenant, capsule int) {
	tenant, capsule = -1, -1
	for i := range segs {
		switch {
		case l.is(segs[i].Label, l.Tenant):
			if tenant < 0 {
				tenant = i
			}
		case l.is(segs[i].Label, l.Capsule):
			if capsule < 0 {
				capsule = i
			}
		}
	}
	if capsule >= 0 && tenant >= 0 && capsule < tenant {
		for i := tenant + 1; i < len(segs); i++ {
			if l.is(segs[i].Label, l.Capsule) {
				capsule = i
				break
			}
		}
	}
	return tenant, capsule
}

func appendSegment(segs []Segment, atoms []atom, fields []field, label string, labelField, valueField int) []Segment {
	f := &fields[labelField]
	s := Segment{Label: label, first: f.first, last: f.last}
	v := f
	if valueField >= 0 {
		v = &fields[valueField]
		s.last = v.last
	}
	if label == "" || valueField >= 0 {
		s.HasValue = !v.empty()
		for _, at := range atoms[v.first:v.last] {
			if at.kind == aHole {
				s.Holes = append(s.Holes, at.piece)
			}
		}
	}
	return append(segs, s)
}

// valueHoles returns the atoms (indices in atoms) of the holes of segment
// s holding only a capsule value (tenant false) or only a tenant value
// (tenant true).
func (a *Analysis) valueHoles(atoms []atom, s *Segment, tenant bool) []int {
	var out []int
	for i := s.first; i < s.last; i++ {
		at := &atoms[i]
		if at.kind != aHole {
			continue
		}
		isT, isC := a.classify(a.t.atomPiece(at))
		if tenant && isT && !isC || !tenant && isC && !isT {
			out = append(out, i)
		}
	}
	return out
}

// anyHole reports whether a hole of segment s may hold a tenant value
// (tenant true) or a capsule value (tenant false).
func (a *Analysis) anyHole(atoms []atom, s *Segment, tenant bool) bool {
	for i := s.first; i < s.last; i++ {
		if at := &atoms[i]; at.kind == aHole {
			isT, isC := a.classify(a.t.atomPiece(at))
			if tenant && isT || !tenant && isC {
				return true
			}
		}
	}
	return false
}
