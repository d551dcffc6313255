package rekey

import (
	"fmt"
	"strings"

	"github.com/capsulelint/capsulelint/internal/keys"
)

// A pattern is a map template compiled for matching and rendering: a
// {name} placeholder matches one non-empty segment (text without '#').
type pattern struct {
	src    string
	pieces []keys.Piece
	names  []string // distinct placeholder names in order
}

const segSep = '#'

func compile(src string) (*pattern, error) {
	if src == "" {
		return nil, fmt.Errorf("empty template")
	}
	t, err := keys.FromTag(src)
	if err != nil {
		return nil, err
	}
	p := &pattern{src: src, pieces: t.Pieces}
	seen := map[string]bool{}
	for i, pc := range t.Pieces {
		if !pc.Hole {
			continue
		}
		if !validName(pc.Name) {
			return nil, fmt.Errorf("template %q: placeholder {%s} is not a name", src, pc.Name)
		}
		// Two holes with no literal between them cannot each be one
		// segment: there is no '#' to split them at.
		if i > 0 && t.Pieces[i-1].Hole {
			return nil, fmt.Errorf("template %q: placeholders %s and %s are adjacent, so no value can be split between them", src, t.Pieces[i-1].Text, pc.Text)
		}
		if !seen[pc.Name] {
			seen[pc.Name] = true
			p.names = append(p.names, pc.Name)
		}
	}
	return p, nil
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// match binds the placeholders of p against v; a name used twice must
// bind the same value both times.
func (p *pattern) match(v string) (map[string]string, bool) {
	b := map[string]string{}
	rest := v
	for i, pc := range p.pieces {
		if !pc.Hole {
			if !strings.HasPrefix(rest, pc.Text) {
				return nil, false
			}
			rest = rest[len(pc.Text):]
			continue
		}
		// A segment runs up to the next '#', or to the next literal when
		// that literal starts with something else.
		end := strings.IndexByte(rest, segSep)
		if end < 0 {
			end = len(rest)
		}
		if i+1 < len(p.pieces) {
			next := p.pieces[i+1].Text
			if next != "" && next[0] != segSep {
				j := strings.Index(rest[:end], next)
				if j < 0 {
					return nil, false
				}
				end = j
			}
		}
		seg := rest[:end]
		if seg == "" {
			return nil, false
		}
		if old, ok := b[pc.Name]; ok && old != seg {
			return nil, false
		}
		b[pc.Name] = seg
		rest = rest[end:]
	}
	if rest != "" {
		return nil, false
	}
	return b, true
}

// render fills p's placeholders from b; ok is false when one is unbound.
func (p *pattern) render(b map[string]string) (string, string, bool) {
	var s strings.Builder
	for _, pc := range p.pieces {
		if !pc.Hole {
			s.WriteString(pc.Text)
			continue
		}
		v, ok := b[pc.Name]
		if !ok {
			return "", pc.Name, false
		}
		s.WriteString(v)
	}
	return s.String(), "", true
}
