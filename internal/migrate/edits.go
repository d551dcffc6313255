package migrate

import (
	"cmp"
	"fmt"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// Edit replaces bytes [Start, End) of File with Text.
type Edit struct {
	File       string
	Start, End int
	Text       string
}

func (e Edit) overlaps(o Edit) bool {
	if e.File != o.File {
		return false
	}
	if e.Start == e.End && o.Start == o.End {
		// Two insertions at one offset: their order would be a guess
		// unless they are identical.
		return e.Start == o.Start && e.Text != o.Text
	}
	return e.Start < o.End && o.Start < e.End
}

// convert turns a suggested fix's edits into file offsets.
func convert(fset *token.FileSet, edits []analysis.TextEdit) ([]Edit, error) {
	out := make([]Edit, 0, len(edits))
	for _, te := range edits {
		tf := fset.File(te.Pos)
		if tf == nil {
			return nil, fmt.Errorf("edit at an unknown position")
		}
		end := te.End
		if !end.IsValid() {
			end = te.Pos
		}
		out = append(out, Edit{File: tf.Name(), Start: tf.Offset(te.Pos), End: tf.Offset(end), Text: string(te.NewText)})
	}
	return out, nil
}

// EditSet accumulates the edits of accepted fixes: identical duplicates
// merge, and a fix that overlaps an accepted one is refused whole.
type EditSet struct {
	byFile map[string][]Edit
}

// NewEditSet returns an empty set.
func NewEditSet() *EditSet { return &EditSet{byFile: map[string][]Edit{}} }

// Add accepts all of edits, or none if any conflicts with an accepted
// edit; it reports whether they were accepted.
func (s *EditSet) Add(edits []Edit) bool {
	var fresh []Edit
	for i, e := range edits {
		dup := false
		for _, a := range s.byFile[e.File] {
			if a == e {
				dup = true
				break
			}
			if a.overlaps(e) {
				return false
			}
		}
		for _, other := range edits[:i] {
			if other == e {
				dup = true
			} else if other.overlaps(e) {
				return false
			}
		}
		if !dup {
			fresh = append(fresh, e)
		}
	}
	for _, e := range fresh {
		s.byFile[e.File] = append(s.byFile[e.File], e)
	}
	return true
}

// Files returns the files with edits, sorted.
func (s *EditSet) Files() []string {
	var files []string
	for f, edits := range s.byFile {
		if len(edits) > 0 {
			files = append(files, f)
		}
	}
	slices.Sort(files)
	return files
}

// Len is the number of edits.
func (s *EditSet) Len() int {
	n := 0
	for _, edits := range s.byFile {
		n += len(edits)
	}
	return n
}

// Apply returns src with the edits of file applied.
func (s *EditSet) Apply(file string, src []byte) ([]byte, error) {
	edits := slices.Clone(s.byFile[file])
	slices.SortStableFunc(edits, func(a, b Edit) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	var out []byte
	last := 0
	for _, e := range edits {
		if e.Start < last || e.End > len(src) || e.Start > e.End {
			return nil, fmt.Errorf("%s: edit [%d,%d) out of range or overlapping", file, e.Start, e.End)
		}
		out = append(out, src[last:e.Start]...)
		out = append(out, e.Text...)
		last = e.End
	}
	return append(out, src[last:]...), nil
}

// insertsAt reports whether the set inserts text at offset of file.
func (s *EditSet) insertsAt(file string, offset int) bool {
	for _, e := range s.byFile[file] {
		if e.Start == offset && e.End == offset {
			return true
		}
	}
	return false
}

// coversIdent reports whether an edit of the set replaces the text at
// offset (a fix that rewrites the reference itself).
func (s *EditSet) coversIdent(file string, offset int) bool {
	for _, e := range s.byFile[file] {
		if e.Start <= offset && offset < e.End {
			return true
		}
	}
	return false
}

// Clone returns a copy of the set.
func (s *EditSet) Clone() *EditSet {
	c := NewEditSet()
	for f, edits := range s.byFile {
		c.byFile[f] = slices.Clone(edits)
	}
	return c
}

// all returns every edit of the set, by file.
func (s *EditSet) all() []Edit {
	var out []Edit
	for _, f := range s.Files() {
		out = append(out, s.byFile[f]...)
	}
	return out
}
