package keys

import (
	"fmt"
	"strings"
)

// FromTag parses a struct-tag key template such as
// "TENANT#{tenant_id}#CAPSULE#{capsule_id}#INVOICE#{id}": each {name} is a
// hole; "{{" and "}}" are literal braces. An unclosed or stray brace is an
// error.
func FromTag(value string) (*Template, error) {
	t := &Template{Kind: Tag, Pieces: make([]Piece, 0, 2*strings.Count(value, "{")+1)}
	var lit []byte
	litStart := 0
	flush := func(end int) {
		if lit != nil {
			lit = append(lit, value[litStart:end]...)
			t.Pieces = append(t.Pieces, Piece{Text: string(lit), Operand: -1})
			lit = nil
		} else if end > litStart {
			t.Pieces = append(t.Pieces, Piece{Text: value[litStart:end], Operand: -1})
		}
	}
	for i := 0; i < len(value); {
		c := value[i]
		if c != '{' && c != '}' {
			i++
			continue
		}
		if i+1 < len(value) && value[i+1] == c {
			// An escaped brace: keep one.
			lit = append(lit, value[litStart:i+1]...)
			i += 2
			litStart = i
			continue
		}
		if c == '}' {
			return nil, fmt.Errorf("tag template %q: stray '}' at offset %d (write }} for a literal brace)", value, i)
		}
		end := strings.IndexAny(value[i+1:], "{}")
		if end < 0 || value[i+1+end] != '}' {
			return nil, fmt.Errorf("tag template %q: unclosed '{' at offset %d", value, i)
		}
		flush(i)
		name := value[i+1 : i+1+end]
		t.Pieces = append(t.Pieces, Piece{Hole: true, Text: value[i : i+2+end], Name: name, Operand: -1})
		i += end + 2
		litStart = i
	}
	flush(len(value))
	return t, nil
}

// TagString returns a tag template as a tag value: literal braces doubled,
// holes as {name}. A parsed tag renders as it was written.
func (t *Template) TagString() string {
	var b strings.Builder
	for i := range t.Pieces {
		p := &t.Pieces[i]
		if p.Hole {
			name := p.Name
			if p.New != "" {
				name = p.New
			}
			b.WriteString("{" + name + "}")
			continue
		}
		for j := 0; j < len(p.Text); j++ {
			if c := p.Text[j]; c == '{' || c == '}' {
				b.WriteByte(c)
			}
			b.WriteByte(p.Text[j])
		}
	}
	return b.String()
}
