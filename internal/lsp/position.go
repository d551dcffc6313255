package lsp

import (
	"bytes"
	"unicode/utf8"

	"go.lsp.dev/protocol"
)

// Position encodings (LSP 3.17 PositionEncodingKind). Clients that do
// not negotiate one get UTF-16, the protocol's default.
const (
	encodingUTF16 = "utf-16"
	encodingUTF8  = "utf-8"
)

// mapper converts byte offsets of one file's content to LSP positions in
// the negotiated encoding.
type mapper struct {
	content []byte
	lines   []int // byte offset of the start of each line
	utf8    bool
}

func newMapper(content []byte, utf8 bool) *mapper {
	lines := []int{0}
	for i, b := range content {
		if b == '\n' {
			lines = append(lines, i+1)
		}
	}
	return &mapper{content: content, lines: lines, utf8: utf8}
}

// position returns the LSP position of byte offset off, clamped to the
// content. A column in the middle of a multi-byte rune counts from the
// rune's start.
func (m *mapper) position(off int) protocol.Position {
	off = max(0, min(off, len(m.content)))
	// The last line starting at or before off.
	lo, hi := 0, len(m.lines)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if m.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	start := m.lines[lo]
	seg := m.content[start:off]
	if m.utf8 {
		return protocol.Position{Line: uint32(lo), Character: uint32(len(seg))}
	}
	return protocol.Position{Line: uint32(lo), Character: uint32(utf16Len(seg))}
}

// offset returns the byte offset of the LSP position p, clamped to the
// line (a column past its end is its end, as the protocol says).
func (m *mapper) offset(p protocol.Position) int {
	if int(p.Line) >= len(m.lines) {
		return len(m.content)
	}
	start := m.lines[p.Line]
	end := len(m.content)
	if int(p.Line)+1 < len(m.lines) {
		end = m.lines[p.Line+1] - 1 // the '\n'
	}
	line := m.content[start:end]
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if m.utf8 {
		return start + min(int(p.Character), len(line))
	}
	units := 0
	for i := 0; i < len(line); {
		if units >= int(p.Character) {
			return start + i
		}
		r, size := utf8.DecodeRune(line[i:])
		units += utf16Units(r)
		i += size
	}
	return start + len(line)
}

// rng returns the LSP range of the byte offsets [start, end).
func (m *mapper) rng(start, end int) protocol.Range {
	if end < start {
		end = start
	}
	return protocol.Range{Start: m.position(start), End: m.position(end)}
}

func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		n += utf16Units(r)
		b = b[size:]
	}
	return n
}

// utf16Units is the number of UTF-16 code units of r; invalid bytes
// decode as U+FFFD, one unit, as editors display them.
func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// before reports whether position a is before b.
func before(a, b protocol.Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// overlaps reports whether the ranges a and b share a position; touching
// ranges (an empty cursor range at either end of a diagnostic) overlap.
func overlaps(a, b protocol.Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}
