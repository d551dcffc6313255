// Package fixes builds the text edits that capsulelint's suggested fixes
// share: new parameters in signatures, new arguments at call sites, new
// imports, new struct fields. Edits are collected in a Builder, which
// drops identical duplicates and refuses overlapping ones.
package fixes

import (
	"fmt"
	"go/ast"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/scope"
)

// Builder accumulates the edits of one suggested fix.
type Builder struct {
	Fset    *token.FileSet
	edits   []analysis.TextEdit
	imports map[*ast.File]map[string]bool
}

// NewBuilder returns an empty builder.
func NewBuilder(fset *token.FileSet) *Builder {
	return &Builder{Fset: fset, imports: map[*ast.File]map[string]bool{}}
}

// Insert adds text at pos.
func (b *Builder) Insert(pos token.Pos, text string) {
	b.edits = append(b.edits, analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text)})
}

// Replace replaces the source of [pos, end) with text.
func (b *Builder) Replace(pos, end token.Pos, text string) {
	b.edits = append(b.edits, analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)})
}

// Import makes file import path (under name, when name differs from the
// path's last element), once per file however often it is asked. An
// existing import of path under another name (a blank or dot import, or
// another alias) does not count: the caller writes name.X.
func (b *Builder) Import(file *ast.File, path, name string) {
	if path == "" {
		return
	}
	last := path[strings.LastIndex(path, "/")+1:]
	if name == "" {
		name = scope.AssumedName(path)
	}
	for _, spec := range file.Imports {
		if strings.Trim(spec.Path.Value, `"`) != path {
			continue
		}
		if spec.Name == nil || spec.Name.Name == name {
			return
		}
	}
	if b.imports[file] == nil {
		b.imports[file] = map[string]bool{}
	}
	key := name + " " + path
	if b.imports[file][key] {
		return
	}
	b.imports[file][key] = true
	spec := strconv.Quote(path)
	if name != last {
		spec = name + " " + spec
	}
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.IMPORT {
			continue
		}
		switch {
		case gen.Lparen.IsValid() && len(gen.Specs) == 0: // import ()
			b.Insert(gen.Rparen, spec)
		case !gen.Lparen.IsValid():
			b.Insert(gen.End(), "\nimport "+spec)
		case b.Fset.Position(gen.Lparen).Line == b.Fset.Position(gen.Rparen).Line:
			// import ("fmt") on one line: a new line would need a ;.
			b.Insert(gen.Rparen, "; "+spec)
		default:
			b.Insert(gen.Rparen, "\t"+spec+"\n")
		}
		return
	}
	b.Insert(file.Name.End(), "\n\nimport "+spec)
}

// importInsertion matches the texts [Builder.Import] inserts after an
// existing import or the package clause (not into an empty "import ()",
// where two specs would run together).
var importInsertion = regexp.MustCompile(`^(\t(\w+ )?"[^"\n]+"\n|\n(\n)?import (\w+ )?"[^"\n]+"|; (\w+ )?"[^"\n]+")$`)

// IsImportInsertion reports whether text is an import [Builder.Import]
// inserts next to other imports: two of them at one offset can go in
// either order.
func IsImportInsertion(text string) bool { return importInsertion.MatchString(text) }

// Len reports how many edits were collected.
func (b *Builder) Len() int { return len(b.edits) }

// Files returns the names of the files the edits touch.
func (b *Builder) Files() []string {
	var files []string
	for _, e := range b.edits {
		name := b.Fset.File(e.Pos).Name()
		if !slices.Contains(files, name) {
			files = append(files, name)
		}
	}
	return files
}

// Fix returns the suggested fix, edits sorted, identical duplicates
// dropped; an error if two edits overlap.
func (b *Builder) Fix(message string) (analysis.SuggestedFix, error) {
	edits := slices.Clone(b.edits)
	slices.SortStableFunc(edits, func(x, y analysis.TextEdit) int {
		if x.Pos != y.Pos {
			return int(x.Pos - y.Pos)
		}
		return int(x.End - y.End)
	})
	out := edits[:0]
	for _, e := range edits {
		if slices.ContainsFunc(out, func(x analysis.TextEdit) bool {
			return x.Pos == e.Pos && x.End == e.End && string(x.NewText) == string(e.NewText)
		}) {
			continue // an identical edit, maybe beyond another one at e.Pos
		}
		if len(out) > 0 && e.Pos < out[len(out)-1].End {
			return analysis.SuggestedFix{}, fmt.Errorf("conflicting edits at %s", b.Fset.Position(e.Pos))
		}
		out = append(out, e)
	}
	return analysis.SuggestedFix{Message: message, TextEdits: out}, nil
}
