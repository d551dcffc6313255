package fixes

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// Source reads the files of a pass once each, for fixes that copy source
// text (an operand, an argument) into their edits.
type Source struct {
	pass  *analysis.Pass
	files map[*token.File][]byte
}

// NewSource returns a reader of pass's files.
func NewSource(pass *analysis.Pass) *Source {
	return &Source{pass: pass, files: map[*token.File][]byte{}}
}

// Text returns the source text of n, or its printed form when the file
// cannot be read.
func (s *Source) Text(n ast.Expr) string {
	tf := s.pass.Fset.File(n.Pos())
	src, ok := s.files[tf]
	if !ok {
		src, _ = s.pass.ReadFile(tf.Name())
		s.files[tf] = src
	}
	start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
	if src == nil || end > len(src) {
		return types.ExprString(n)
	}
	return string(src[start:end])
}
