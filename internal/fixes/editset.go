package fixes

import (
	"cmp"
	"fmt"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// FileEdit replaces bytes [Start, End) of File with Text.
type FileEdit struct {
	File       string
	Start, End int
	Text       string
}

// FileEdits turns a fix's edits into file offsets.
func FileEdits(fset *token.FileSet, edits []analysis.TextEdit) ([]FileEdit, error) {
	out := make([]FileEdit, 0, len(edits))
	for _, te := range edits {
		tf := fset.File(te.Pos)
		if tf == nil {
			return nil, fmt.Errorf("edit at an unknown position")
		}
		end := te.End
		if !end.IsValid() {
			end = te.Pos
		}
		out = append(out, FileEdit{File: tf.Name(), Start: tf.Offset(te.Pos), End: tf.Offset(end), Text: string(te.NewText)})
	}
	return out, nil
}

// EditSet merges the edits of several fixes the way the x/tools drivers
// do: identical edits (a fix seen in a package and in its test variant,
// an import two fixes add) are kept once; insertions at one offset are
// kept in the order they were added; an edit that overlaps another, or
// an insertion strictly inside a replaced range, conflicts, and the fix
// bringing it is refused whole. With DistinctInsertions, two different
// insertions at one offset from different fixes conflict too, since their
// order would be a guess, except two new imports ([IsImportInsertion]),
// whose order does not matter.
type EditSet struct {
	DistinctInsertions bool
	byFile             map[string][]FileEdit
}

// NewEditSet returns an empty set.
func NewEditSet() *EditSet { return &EditSet{byFile: map[string][]FileEdit{}} }

// conflicts reports whether two different edits of one file cannot both
// be applied.
func (s *EditSet) conflicts(a, b FileEdit) bool {
	if a.File != b.File {
		return false
	}
	insA, insB := a.Start == a.End, b.Start == b.End
	switch {
	case insA && insB:
		return s.DistinctInsertions && a.Start == b.Start && !(IsImportInsertion(a.Text) && IsImportInsertion(b.Text))
	case insA:
		return b.Start < a.Start && a.Start < b.End
	case insB:
		return a.Start < b.Start && b.Start < a.End
	}
	return a.Start < b.End && b.Start < a.End
}

// Add accepts all of edits (the edits of one fix), or none when one
// conflicts with an edit of another fix already in the set; it returns
// how many edits were new.
func (s *EditSet) Add(edits []FileEdit) (int, bool) {
	var fresh []FileEdit
	for _, e := range edits {
		dup := false
		for _, o := range s.byFile[e.File] {
			if o == e {
				dup = true
				break
			}
			if s.conflicts(o, e) {
				return 0, false
			}
		}
		if !dup && !slices.Contains(fresh, e) {
			fresh = append(fresh, e)
		}
	}
	for _, e := range fresh {
		s.byFile[e.File] = append(s.byFile[e.File], e)
	}
	return len(fresh), true
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

// All returns every edit of the set, by file.
func (s *EditSet) All() []FileEdit {
	var out []FileEdit
	for _, f := range s.Files() {
		out = append(out, s.byFile[f]...)
	}
	return out
}

// Of returns the edits of file.
func (s *EditSet) Of(file string) []FileEdit { return slices.Clone(s.byFile[file]) }

// InsertsAt reports whether the set inserts text at offset of file.
func (s *EditSet) InsertsAt(file string, offset int) bool {
	for _, e := range s.byFile[file] {
		if e.Start == offset && e.End == offset {
			return true
		}
	}
	return false
}

// Replaces reports whether an edit of the set replaces the text at
// offset of file.
func (s *EditSet) Replaces(file string, offset int) bool {
	for _, e := range s.byFile[file] {
		if e.Start <= offset && offset < e.End {
			return true
		}
	}
	return false
}

// Apply returns src (the contents of file) with the set's edits of file
// applied: by offset, and at one offset insertions, in the order added,
// before a replacement.
func (s *EditSet) Apply(file string, src []byte) ([]byte, error) {
	edits := slices.Clone(s.byFile[file])
	slices.SortStableFunc(edits, func(a, b FileEdit) int {
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
