package keys

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// An Edit replaces the source text [Pos, End) with New.
type Edit struct {
	Pos, End token.Pos
	New      string
}

// Edits returns the text edits that turn the source of the original
// concatenation or join of t (t itself, or a template a rewrite made from
// it) into t. text returns the source text of an operand expression.
// Unchanged operands are left alone; string literals the rewrite cuts are
// re-quoted; a rewrite that would cut a named constant is an error.
func (t *Template) Edits(text func(ast.Expr) string) ([]Edit, error) {
	old := make([]ast.Expr, len(t.Operands))
	for i := range t.Operands {
		old[i] = t.Operands[i].Expr
	}
	switch t.Kind {
	case Concat:
		items, err := t.items(t.Pieces)
		if err != nil {
			return nil, err
		}
		edits := ListEdits(old, items, " + ", token.NoPos, text)
		if t.crossesParens(edits) {
			// Flatten: rewrite the whole concatenation.
			return []Edit{{Pos: t.Root.Pos(), End: t.Root.End(), New: render(items, old, " + ", text)}}, nil
		}
		return edits, nil
	case Join:
		var items []Item
		start := 0
		for i := 0; i <= len(t.Pieces); i++ {
			if i < len(t.Pieces) && !t.Pieces[i].JoinSep {
				continue
			}
			it, err := t.element(t.Pieces[start:i], old, text)
			if err != nil {
				return nil, err
			}
			items = append(items, it)
			start = i + 1
		}
		return ListEdits(old, items, ", ", token.NoPos, text), nil
	}
	return nil, fmt.Errorf("keys: Edits of a %s template", t.Kind)
}

// element returns the item of one strings.Join element made of pieces.
func (t *Template) element(pieces []Piece, old []ast.Expr, text func(ast.Expr) string) (Item, error) {
	if len(pieces) == 0 {
		return Item{Old: -1, New: `""`}, nil
	}
	items, err := t.items(pieces)
	if err != nil {
		return Item{}, err
	}
	if len(items) == 1 {
		return items[0], nil
	}
	return Item{Old: -1, New: render(items, old, " + ", text)}, nil
}

// items turns pieces into concatenation operands: an unchanged operand is
// itself, a new hole its text; a run of literals that cuts an operand or
// adds text is merged into one new string literal.
func (t *Template) items(pieces []Piece) ([]Item, error) {
	items := make([]Item, 0, len(pieces))
	var pending []*Piece
	flush := func() {
		allWhole := true
		for _, p := range pending {
			allWhole = allWhole && t.whole(p)
		}
		switch {
		case len(pending) == 0:
			return
		case allWhole:
			// Untouched literals stay as they are.
			for _, p := range pending {
				items = append(items, Item{Old: p.Operand})
			}
		default:
			var b strings.Builder
			for _, p := range pending {
				b.WriteString(p.Text)
			}
			items = append(items, Item{Old: -1, New: strconv.Quote(b.String())})
		}
		pending = pending[:0]
	}
	for i := range pieces {
		p := &pieces[i]
		switch {
		case p.Hole && p.New != "":
			flush()
			items = append(items, Item{Old: -1, New: p.New})
		case p.Hole:
			flush()
			items = append(items, Item{Old: p.Operand})
		case p.Operand >= 0 && !t.Operands[p.Operand].Basic:
			if !t.whole(p) {
				return nil, fmt.Errorf("the change would cut the constant %s; change it by hand", types.ExprString(t.Operands[p.Operand].Expr))
			}
			flush()
			items = append(items, Item{Old: p.Operand})
		default:
			pending = append(pending, p)
		}
	}
	flush()
	return items, nil
}

// whole reports whether literal p is the whole value of its operand.
func (t *Template) whole(p *Piece) bool {
	return !p.Hole && p.Operand >= 0 && p.Off == 0 && len(p.Text) == len(t.Operands[p.Operand].Text)
}

func (t *Template) crossesParens(edits []Edit) bool {
	for _, e := range edits {
		if e.Pos == e.End {
			continue
		}
		for _, p := range t.parens {
			if e.Pos <= p.Lparen && p.Lparen < e.End || e.Pos <= p.Rparen && p.Rparen < e.End {
				return true
			}
		}
	}
	return false
}

func render(items []Item, old []ast.Expr, sep string, text func(ast.Expr) string) string {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteString(sep)
		}
		if it.Old >= 0 {
			b.WriteString(text(old[it.Old]))
		} else {
			b.WriteString(it.New)
		}
	}
	return b.String()
}

// ListEdits returns the edits that turn the expression list old (call
// arguments, concatenation operands, composite literal elements) into
// items, sep standing between elements. A permutation replaces the
// expressions that moved; otherwise the span between the unchanged prefix
// and suffix is replaced, so that inserting one element is one insertion.
// anchor is where to insert into an empty list (after a Sprintf format,
// say): sep and the new elements go there.
func ListEdits(old []ast.Expr, items []Item, sep string, anchor token.Pos, text func(ast.Expr) string) []Edit {
	n, m := len(old), len(items)
	if n == m {
		perm := true
		for _, it := range items {
			if it.Old < 0 {
				perm = false
				break
			}
		}
		if perm {
			var edits []Edit
			for i, it := range items {
				if it.Old != i {
					edits = append(edits, Edit{Pos: old[i].Pos(), End: old[i].End(), New: text(old[it.Old])})
				}
			}
			return edits
		}
	}
	p := 0
	for p < n && p < m && items[p].Old == p {
		p++
	}
	s := 0
	for s < n-p && s < m-p && items[m-1-s].Old == n-1-s {
		s++
	}
	mid := render(items[p:m-s], old, sep, text)
	switch {
	case p == n-s && p == m-s:
		return nil
	case p == n-s: // insertion
		switch {
		case p > 0:
			return []Edit{{Pos: old[p-1].End(), End: old[p-1].End(), New: sep + mid}}
		case n > 0:
			return []Edit{{Pos: old[0].Pos(), End: old[0].Pos(), New: mid + sep}}
		default:
			return []Edit{{Pos: anchor, End: anchor, New: sep + mid}}
		}
	case p == m-s: // deletion
		switch {
		case p > 0:
			return []Edit{{Pos: old[p-1].End(), End: old[n-s-1].End()}}
		case s > 0:
			return []Edit{{Pos: old[0].Pos(), End: old[n-s].Pos()}}
		default:
			return []Edit{{Pos: old[0].Pos(), End: old[n-1].End()}}
		}
	}
	return []Edit{{Pos: old[p].Pos(), End: old[n-s-1].End(), New: mid}}
}

// Quote returns s as a Go string literal in the style of like: a raw
// string when like is one and s can be written raw, else interpreted.
func Quote(s string, like *ast.BasicLit) string {
	if like != nil && strings.HasPrefix(like.Value, "`") && !strings.ContainsAny(s, "`\r") {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}
