package keyreaders

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"github.com/capsulelint/capsulelint/internal/fixes"
)

// segmentUses are the uses of the segments a strings.Split call returns.
type segmentUses struct {
	index  []*ast.IndexExpr // parts[i], i constant
	lens   []*ast.BinaryExpr
	other  ast.Node // a use that is neither
	labels map[int]string
	counts []int // the constants len(parts) is compared with by == or !=
}

// split handles strings.Split(x, sep) whose segments are compared with
// the labels of an old template (or whose key is checked with one of its
// prefixes): segments after the insertion move by two.
func (fd *finder) split(call *ast.CallExpr, body *ast.BlockStmt, splitN bool) {
	sep, ok := fd.constString(call.Args[1])
	if !ok || fd.skipped(call) {
		return
	}
	// The labels a prefix stripped before the split (TrimPrefix) or
	// checked on the key (HasPrefix) are evidence too.
	offset, prefix := 0, ""
	key := ast.Unparen(call.Args[0])
	if inner, ok := key.(*ast.CallExpr); ok {
		if path, name, _ := fd.callee(inner); path == "strings" && name == "TrimPrefix" && len(inner.Args) == 2 {
			if p, ok := fd.constString(inner.Args[1]); ok {
				prefix = p
			}
		}
	} else if obj := fd.objOf(key); obj != nil && len(fd.prefixed[obj]) > 0 {
		prefix = fd.prefixed[obj][0].prefix
	}
	uses := fd.segmentUses(call, body)
	var shapes []*shape
	for _, s := range fd.shapes {
		if s.sep() != sep {
			continue
		}
		off, evidence := 0, len(uses.labels) > 0
		if prefix != "" {
			j, ok := s.prefixLabels(prefix)
			if !ok {
				continue
			}
			evidence = true
			if _, trimmed := key.(*ast.CallExpr); trimmed {
				off = j
			}
		}
		if !evidence || !uses.fit(s, off) {
			continue
		}
		offset = off
		shapes = append(shapes, s)
	}
	if len(shapes) == 0 {
		return
	}
	s := shapes[0]
	why := ""
	for _, o := range shapes[1:] {
		if o.at != s.at { // indexes move by where the segments go in

			why = fmt.Sprintf("it may read keys of %q or of %q, whose segments move differently", s.Old, o.Old)
		}
	}
	switch {
	case why != "":
	case s.at < 0:
		why = fmt.Sprintf("the writer at %s changes the key other than by inserting a segment", s.writer())
	case splitN:
		why = "it splits into a bounded number of parts, the last holding the rest of the key"
	case uses.other != nil:
		why = fmt.Sprintf("its segments are used at %s other than by a constant index or len", fd.short(uses.other.Pos()))
	}
	if why != "" {
		fd.add(call, Human, shapes, nil, "%s takes keys of %s apart: %s; rewrite it by hand to follow the writer",
			fd.text(call), fd.templates(shapes), why)
		return
	}
	var edits []fixes.FileEdit
	for _, ix := range uses.index {
		i := fd.intConst(ix.Index)
		if i+offset < s.at {
			continue
		}
		lit, ok := ast.Unparen(ix.Index).(*ast.BasicLit)
		if !ok {
			fd.add(call, Human, shapes, nil, "%s takes keys of %s apart: segment %s moves by two but is not a literal; rewrite it by hand to follow the writer",
				fd.text(call), fd.templates(shapes), fd.text(ix.Index))
			return
		}
		edits = append(edits, fd.replace(lit, strconv.Itoa(i+2)))
	}
	for _, b := range uses.lens {
		lit, n := lenConst(b)
		if b.Op != token.EQL && b.Op != token.NEQ && n+offset <= s.at {
			continue // a bound on segments before the insertion
		}
		if lit == nil {
			fd.add(call, Human, shapes, nil, "%s takes keys of %s apart: the count in %s changes but is not a literal; rewrite it by hand to follow the writer",
				fd.text(call), fd.templates(shapes), fd.text(b))
			return
		}
		edits = append(edits, fd.replace(lit, strconv.Itoa(n+2)))
	}
	if len(edits) == 0 {
		fd.add(call, Unchanged, shapes, nil, "%s takes keys of %s apart but uses only segments before the ones the writer at %s inserts",
			fd.text(call), fd.templates(shapes), s.writer())
		return
	}
	fd.add(call, Rewritten, shapes, edits, "%s takes keys of %s apart: segments after the tenant's now move by two",
		fd.text(call), fd.templates(shapes))
}

// fit reports whether the uses agree with s's old template, the split
// starting off segments into it.
func (u *segmentUses) fit(s *shape, off int) bool {
	for i, l := range u.labels {
		if i+off >= len(s.old) || isHole(s.old[i+off]) || s.old[i+off] != l {
			return false
		}
	}
	for _, n := range u.counts {
		if n+off != len(s.old) {
			return false
		}
	}
	return true
}

// segmentUses collects how the segments of call are used in body.
func (fd *finder) segmentUses(call *ast.CallExpr, body *ast.BlockStmt) *segmentUses {
	u := &segmentUses{labels: map[int]string{}}
	if ix, ok := fd.parent(call).(*ast.IndexExpr); ok && ix.X == call {
		fd.indexUse(u, ix)
		return u
	}
	as, ok := fd.parent(call).(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		u.other = call
		return u
	}
	obj := fd.objOf(as.Lhs[0])
	if obj == nil {
		u.other = call
		return u
	}
	ast.Inspect(body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || fd.info.Uses[id] != obj {
			return true
		}
		switch p := fd.parent(id).(type) {
		case *ast.IndexExpr:
			if p.X == id {
				fd.indexUse(u, p)
				return true
			}
		case *ast.CallExpr:
			if fn, ok := p.Fun.(*ast.Ident); ok && fn.Name == "len" && len(p.Args) == 1 {
				if b, ok := fd.parent(p).(*ast.BinaryExpr); ok && isComparison(b.Op) {
					if _, n := lenConst(b); n >= 0 {
						u.lens = append(u.lens, b)
						if b.Op == token.EQL || b.Op == token.NEQ {
							u.counts = append(u.counts, n)
						}
						return true
					}
				}
			}
		}
		if u.other == nil {
			u.other = id
		}
		return true
	})
	return u
}

func (fd *finder) indexUse(u *segmentUses, ix *ast.IndexExpr) {
	i := fd.intConst(ix.Index)
	if i < 0 {
		if u.other == nil {
			u.other = ix
		}
		return
	}
	u.index = append(u.index, ix)
	if b, ok := fd.parent(ix).(*ast.BinaryExpr); ok && (b.Op == token.EQL || b.Op == token.NEQ) {
		other := b.Y
		if other == ix {
			other = b.X
		}
		if l, ok := fd.constString(other); ok {
			u.labels[i] = l
		}
	}
}

// lenConst returns the integer literal len(x) is compared with in b and
// its value; the value alone (lit nil) when it is a named constant.
func lenConst(b *ast.BinaryExpr) (*ast.BasicLit, int) {
	for _, e := range []ast.Expr{b.X, b.Y} {
		if lit, ok := ast.Unparen(e).(*ast.BasicLit); ok && lit.Kind == token.INT {
			n, err := strconv.Atoi(lit.Value)
			if err == nil {
				return lit, n
			}
		}
	}
	return nil, -1
}

func isComparison(op token.Token) bool {
	switch op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		return true
	}
	return false
}

func (fd *finder) intConst(e ast.Expr) int {
	tv, ok := fd.info.Types[e]
	if !ok || tv.Value == nil {
		return -1
	}
	if n, ok := constantInt(tv); ok {
		return n
	}
	return -1
}

func constantInt(tv types.TypeAndValue) (int, bool) {
	s := tv.Value.ExactString()
	n, err := strconv.Atoi(s)
	return n, err == nil
}
