package keys

import (
	"go/ast"
	"go/parser"
	"go/types"
	"strings"
)

// Kind says where a template comes from.
type Kind uint8

const (
	Format Kind = iota // a fmt format string: holes are verbs
	Concat             // a + concatenation: holes are non-constant operands
	Join               // strings.Join elements: holes are non-constant elements
	Tag                // a struct-tag template: holes are {name} placeholders
)

func (k Kind) String() string {
	switch k {
	case Format:
		return "format"
	case Concat:
		return "concatenation"
	case Join:
		return "join"
	case Tag:
		return "tag"
	}
	return "unknown"
}

// A Template is a key template: a sequence of literal and hole pieces.
type Template struct {
	Kind   Kind
	Pieces []Piece

	// NumArgs is, for a format, the number of arguments its verbs consume
	// (the highest argument index used, plus one).
	NumArgs int
	// Args is, for a format, the argument list the template wants: a
	// freshly parsed format lists its own arguments 0..NumArgs-1; a
	// rewritten one says where each original argument goes and where a
	// new one is inserted. Arguments of the call beyond the original
	// NumArgs (there should be none) keep their place after these.
	Args []Item

	// Operands are, for a concatenation or a join, the operand or element
	// expressions in source order.
	Operands []Operand
	// JoinSep is, for a join, the separator strings.Join puts between
	// elements.
	JoinSep string
	// Root is, for a concatenation, the whole expression (outer
	// parentheses removed).
	Root ast.Expr

	sequential bool             // format: each argument used once, in order, no index, no '*'
	star       bool             // format: a width or precision is a '*'
	parens     []*ast.ParenExpr // concat: parentheses flattened away
}

// A Piece is a literal text or a hole of a template.
type Piece struct {
	// Hole is true for an interpolated value.
	Hole bool
	// Text is a literal's text (unescaped: a format's "%%" is "%"), or a
	// hole's text as written: the verb "%[2]s", the placeholder "{id}".
	Text string

	// Format holes: the 0-based argument index (relative to the first
	// argument after the format), whether the verb named it ("%[2]s"),
	// the flags, width and precision between '%' and the verb, the verb.
	Arg      int
	Explicit bool
	Flags    string
	Verb     byte

	// Tag holes: the placeholder name.
	Name string

	// Operand is, for concatenations and joins, the index in
	// Template.Operands the piece comes from (a hole is that whole
	// operand; a literal is Text at byte offset Off of the operand's
	// constant value), or -1.
	Operand int
	Off     int
	// JoinSep marks the separator strings.Join inserts between elements.
	JoinSep bool

	// New is, for a hole added by a rewrite, the expression text of the
	// new value (a Go expression; for a tag, the placeholder name).
	New string
}

// IsNew reports whether the piece is a hole added by a rewrite.
func (p *Piece) IsNew() bool { return p.Hole && p.New != "" }

// An Operand is an operand of a concatenation or an element of a join.
type Operand struct {
	Expr ast.Expr
	// Value is the value of a non-constant operand, with a conversion to a
	// string type removed: t for string(t).
	Value ast.Expr
	// Const reports whether the operand is a string constant of value Text;
	// Basic whether it is a string literal (which a rewrite may split).
	Const bool
	Basic bool
	Text  string
}

// An Item is one element of a rewritten expression list: the original
// expression at index Old, or, when Old < 0, the new expression text New.
type Item struct {
	Old int
	New string
}

// HoleExpr returns the expression a concatenation or join hole
// interpolates (its Value), or nil for other holes.
func (t *Template) HoleExpr(p *Piece) ast.Expr {
	if !p.Hole || p.Operand < 0 || p.Operand >= len(t.Operands) {
		return nil
	}
	return t.Operands[p.Operand].Value
}

// String renders the template for messages: a format as its format
// string, a tag as its tag value, a concatenation or join as its text
// with each hole written {expr}.
func (t *Template) String() string {
	switch t.Kind {
	case Format:
		return t.FormatString()
	case Tag:
		return t.TagString()
	}
	var b strings.Builder
	for i := range t.Pieces {
		p := &t.Pieces[i]
		switch {
		case !p.Hole:
			b.WriteString(p.Text)
		case p.New != "":
			// Shown like a parsed hole: string(c) as {c}.
			v := p.New
			if e, err := parser.ParseExpr(v); err == nil {
				v = types.ExprString(Unconvert(e, nil))
			}
			b.WriteString("{" + v + "}")
		default:
			b.WriteString("{")
			if e := t.HoleExpr(p); e != nil {
				b.WriteString(types.ExprString(e))
			}
			b.WriteString("}")
		}
	}
	return b.String()
}
