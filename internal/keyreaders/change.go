package keyreaders

import (
	"fmt"
	"go/token"
	"path/filepath"
	"strings"
)

// A Change is a key template a fix changes, as format strings: Old is
// what the writer built, New what it builds now.
type Change struct {
	Old, New string
	Sep      string         // the segment separator; "#" when empty
	Writer   token.Position // the writer's template, in the code before the change
}

// shape is a change seen as segments.
type shape struct {
	*Change
	old, new []string // the formats split at the separator
	// at is the index in old where two segments (a label and a value)
	// are inserted, or -1 when the change is no such insertion.
	at int
	// ins is the text between the value before the insertion and the
	// inserted value: "#CAPSULE#".
	ins string
}

func (c *Change) sep() string {
	if c.Sep == "" {
		return "#"
	}
	return c.Sep
}

func (c *Change) shape() *shape {
	s := &shape{Change: c, old: strings.Split(c.Old, c.sep()), new: strings.Split(c.New, c.sep()), at: -1}
	if len(s.new) != len(s.old)+2 {
		return s
	}
	at := 0
	for at < len(s.old) && s.old[at] == s.new[at] {
		at++
	}
	if at == 0 || !isHole(s.old[at-1]) || isHole(s.new[at]) || !isHole(s.new[at+1]) {
		return s
	}
	for i := at; i < len(s.old); i++ {
		if s.old[i] != s.new[i+2] {
			return s
		}
	}
	s.at, s.ins = at, c.sep()+s.new[at]+c.sep()
	return s
}

// atEnd reports whether the insertion is at the end of the template: the
// value before it was the key's last segment.
func (s *shape) atEnd() bool { return s.at == len(s.old) }

func isHole(seg string) bool { return strings.Contains(strings.ReplaceAll(seg, "%%", ""), "%") }

// prefixLabels returns how many leading literal segments of the old
// template the constant prefix p is (p ends with the separator), or
// false when p is no such prefix.
func (s *shape) prefixLabels(p string) (int, bool) {
	sep := s.sep()
	if !strings.HasSuffix(p, sep) || len(p) == len(sep) {
		return 0, false
	}
	segs := strings.Split(strings.TrimSuffix(p, sep), sep)
	if len(segs) >= len(s.old) {
		return 0, false
	}
	for i, seg := range segs {
		if seg == "" || isHole(s.old[i]) || seg != s.old[i] {
			return 0, false
		}
	}
	return len(segs), true
}

// writer names the writer's place for messages.
func (s *shape) writer() string {
	return fmt.Sprintf("%s:%d", filepath.Base(s.Writer.Filename), s.Writer.Line)
}

// sameLayout reports whether format f has the old template's segments:
// the same labels, a verb where it has one.
func (s *shape) sameLayout(f string) bool {
	segs := strings.Split(f, s.sep())
	if len(segs) != len(s.old) {
		return false
	}
	for i, seg := range segs {
		if isHole(seg) != isHole(s.old[i]) || !isHole(seg) && seg != s.old[i] {
			return false
		}
	}
	return true
}
