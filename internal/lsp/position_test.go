package lsp

import (
	"testing"

	"go.lsp.dev/protocol"
)

func TestMapper(t *testing.T) {
	// 'é' is 2 bytes / 1 UTF-16 unit, '🏢' 4 bytes / 2 units, '—' 3 / 1.
	content := []byte("ab\r\né🏢x — y\n\nlast")
	pos := func(line, char uint32) protocol.Position { return protocol.Position{Line: line, Character: char} }
	tests := []struct {
		offset      int
		utf16, utf8 protocol.Position
	}{
		{0, pos(0, 0), pos(0, 0)},
		{2, pos(0, 2), pos(0, 2)}, // the \r
		{4, pos(1, 0), pos(1, 0)},
		{6, pos(1, 1), pos(1, 2)},   // after é
		{10, pos(1, 3), pos(1, 6)},  // after 🏢
		{11, pos(1, 4), pos(1, 7)},  // after x
		{15, pos(1, 6), pos(1, 11)}, // after —
		{18, pos(2, 0), pos(2, 0)},  // the empty line
		{19, pos(3, 0), pos(3, 0)},
		{23, pos(3, 4), pos(3, 4)}, // end of content
	}
	for _, utf8 := range []bool{false, true} {
		m := newMapper(content, utf8)
		for _, tt := range tests {
			want := tt.utf16
			if utf8 {
				want = tt.utf8
			}
			if got := m.position(tt.offset); got != want {
				t.Errorf("utf8=%v: position(%d) = %+v, want %+v", utf8, tt.offset, got, want)
			}
			if got := m.offset(want); got != tt.offset && tt.offset != 2 {
				t.Errorf("utf8=%v: offset(%+v) = %d, want %d", utf8, want, got, tt.offset)
			}
		}
		// Clamping: past the end of a line is its end (before \r\n), past
		// the last line is the end of the content.
		if got := m.offset(pos(0, 99)); got != 2 {
			t.Errorf("utf8=%v: offset past the line end = %d, want 2", utf8, got)
		}
		if got := m.offset(pos(9, 0)); got != len(content) {
			t.Errorf("utf8=%v: offset past the last line = %d, want %d", utf8, got, len(content))
		}
		if got := m.position(999); got != pos(3, 4) {
			t.Errorf("utf8=%v: position past the end = %+v", utf8, got)
		}
	}
	// Inside a multi-byte rune counts from its start; invalid UTF-8 is one
	// unit per byte, as U+FFFD.
	if got := newMapper([]byte("\xff\xffa"), false).position(2); got != pos(0, 2) {
		t.Errorf("invalid UTF-8: %+v", got)
	}
}

func TestOverlaps(t *testing.T) {
	r := func(l1, c1, l2, c2 uint32) protocol.Range {
		return protocol.Range{Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}}
	}
	diag := r(3, 5, 3, 10)
	for _, tt := range []struct {
		req  protocol.Range
		want bool
	}{
		{r(3, 7, 3, 7), true},   // cursor inside
		{r(3, 5, 3, 5), true},   // cursor at the start
		{r(3, 10, 3, 10), true}, // cursor at the end
		{r(3, 11, 3, 11), false},
		{r(3, 0, 3, 4), false},
		{r(0, 0, 9, 0), true}, // the whole file
		{r(2, 0, 3, 5), true},
		{r(4, 0, 4, 0), false},
	} {
		if got := overlaps(diag, tt.req); got != tt.want {
			t.Errorf("overlaps(%v, %v) = %v, want %v", diag, tt.req, got, tt.want)
		}
	}
}

func TestWantsQuickFix(t *testing.T) {
	for only, want := range map[string]bool{"": true, "quickfix": true, "refactor": false, "source.fixAll": false} {
		var kinds []protocol.CodeActionKind
		if only != "" {
			kinds = []protocol.CodeActionKind{protocol.CodeActionKind(only)}
		}
		if got := wantsQuickFix(kinds); got != want {
			t.Errorf("wantsQuickFix(%q) = %v, want %v", only, got, want)
		}
	}
}
