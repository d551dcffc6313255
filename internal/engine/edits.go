package engine

import (
	"cmp"
	"slices"

	"github.com/capsulelint/capsulelint/internal/fixes"
)

// ownedEdits is a set of edits that remembers which fixes (indexes into
// a trial's fixes) each edit is made for: the fix's own edits, and the
// edits completing its signature changes elsewhere.
type ownedEdits struct {
	es     *fixes.EditSet
	owners map[fixes.FileEdit][]int
}

func newOwnedEdits() *ownedEdits {
	es := fixes.NewEditSet()
	// Two different insertions at one offset from different fixes
	// conflict (their order would be a guess), except new imports.
	es.DistinctInsertions = true
	return &ownedEdits{es: es, owners: map[fixes.FileEdit][]int{}}
}

// add adds edits for owners, all or none; it returns how many edits
// were new and whether they were accepted.
func (o *ownedEdits) add(edits []fixes.FileEdit, owners []int) (int, bool) {
	n, ok := o.es.Add(edits)
	if !ok {
		return 0, false
	}
	for _, e := range edits {
		for _, i := range owners {
			if !slices.Contains(o.owners[e], i) {
				o.owners[e] = append(o.owners[e], i)
			}
		}
	}
	return n, true
}

// ownersIn returns the fixes owning an edit of file, sorted.
func (o *ownedEdits) ownersIn(file string) []int {
	var out []int
	for e, owners := range o.owners {
		if e.File != file {
			continue
		}
		for _, i := range owners {
			if !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	slices.Sort(out)
	return out
}

// ownersWithin returns the fixes owning an edit of file within the byte
// range [start, end], sorted.
func (o *ownedEdits) ownersWithin(file string, start, end int) []int {
	var out []int
	for e, owners := range o.owners {
		if e.File != file || e.Start < start || e.End > end {
			continue
		}
		for _, i := range owners {
			if !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	slices.Sort(out)
	return out
}

// shift maps offsets of a file's new contents back to the edits made:
// it reports whether an offset of the new contents lies in inserted or
// replacing text.
type shift []fixes.FileEdit // one file's edits, sorted by Start

func shiftOf(edits []fixes.FileEdit) shift {
	s := slices.Clone(edits)
	slices.SortStableFunc(s, func(a, b fixes.FileEdit) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
	return s
}

// inserted reports whether offset off of the new contents is in text an
// edit inserted.
func (s shift) inserted(off int) bool {
	delta := 0
	for _, e := range s {
		start := e.Start + delta
		if off < start {
			return false
		}
		if off < start+len(e.Text) {
			return true
		}
		delta += len(e.Text) - (e.End - e.Start)
	}
	return false
}

// old maps offset off of the new contents to the old contents' offset,
// or -1 when it lies in inserted text.
func (s shift) old(off int) int {
	delta := 0
	for _, e := range s {
		start := e.Start + delta
		if off < start {
			break
		}
		if off < start+len(e.Text) {
			return -1
		}
		delta += len(e.Text) - (e.End - e.Start)
	}
	return off - delta
}
