package keys

import (
	"fmt"
	"strconv"
	"strings"
)

// FromFormat parses a fmt format string. Each verb ("%s", "%v", "%d",
// "%q", "%x", any letter, with flags, width, precision and an argument
// index "%[2]s") is a hole; "%%" is a literal "%". A malformed format (a
// trailing '%', a bad or misplaced argument index, a verb that is not a
// letter) is an error, never a panic.
func FromFormat(format string) (*Template, error) {
	n := strings.Count(format, "%")
	t := &Template{Kind: Format, sequential: true, Pieces: make([]Piece, 0, 2*n+1), Args: make([]Item, 0, n)}
	arg := 0      // the argument the next verb or '*' consumes
	litStart := 0 // start of the pending literal
	for i := 0; i < len(format); {
		j := strings.IndexByte(format[i:], '%')
		if j < 0 {
			break
		}
		i += j
		if i+1 < len(format) && format[i+1] == '%' {
			i += 2 // part of the literal
			continue
		}
		p, next, err := parseVerb(format, i, &arg, &t.NumArgs)
		if err != nil {
			return nil, err
		}
		t.addLiteral(format[litStart:i])
		if p.Explicit || p.Arg != len(t.Args) {
			t.sequential = false
		}
		if p.Flags != "" && strings.IndexByte(p.Flags, '*') >= 0 {
			t.star = true
			t.sequential = false
		}
		t.Pieces = append(t.Pieces, p)
		if t.sequential {
			t.Args = append(t.Args, Item{Old: p.Arg})
		}
		i, litStart = next, next
	}
	t.addLiteral(format[litStart:])
	t.Args = identity(t.NumArgs, t.Args)
	return t, nil
}

func identity(n int, buf []Item) []Item {
	if cap(buf) < n {
		buf = make([]Item, n)
	}
	buf = buf[:n]
	for i := range buf {
		buf[i] = Item{Old: i}
	}
	return buf
}

func (t *Template) addLiteral(s string) {
	if s == "" {
		return
	}
	t.Pieces = append(t.Pieces, Piece{Text: strings.ReplaceAll(s, "%%", "%"), Operand: -1})
}

// parseVerb parses the verb specification at format[i] == '%'. It returns
// the hole and the offset after it, and advances *arg past the arguments
// it consumes, following fmt's rules for argument indexes, and *hi to the
// number of arguments used so far.
func parseVerb(format string, i int, arg, hi *int) (Piece, int, error) {
	start := i
	i++
	for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
		i++
	}
	n := -1 // the verb's argument when named by an index
	idx := -1
	// Width: "[n]*", "*", digits, or an index naming the verb's argument.
	if m, next, ok, err := argIndex(format, i); err != nil {
		return Piece{}, 0, err
	} else if ok {
		if next < len(format) && format[next] == '*' {
			*arg = m + 1
			*hi = max(*hi, *arg)
			i = next + 1
		} else {
			if next < len(format) && (isDigit(format[next]) || format[next] == '.') {
				return Piece{}, 0, fmt.Errorf("format %q: argument index %q must come right before the verb or a '*'", format, format[i:next])
			}
			n, idx, i = m, i, next
		}
	} else if i < len(format) && format[i] == '*' {
		*arg++
		*hi = max(*hi, *arg)
		i++
	} else {
		if i, ok = digits(format, i); !ok {
			return Piece{}, 0, fmt.Errorf("format %q: width too large in %q", format, format[start:i])
		}
	}
	// Precision: '.' then "[n]*", "*", digits, or an index naming the verb's argument.
	if n < 0 && i < len(format) && format[i] == '.' {
		i++
		if m, next, ok, err := argIndex(format, i); err != nil {
			return Piece{}, 0, err
		} else if ok {
			if next < len(format) && format[next] == '*' {
				*arg = m + 1
				*hi = max(*hi, *arg)
				i = next + 1
			} else {
				if next < len(format) && isDigit(format[next]) {
					return Piece{}, 0, fmt.Errorf("format %q: argument index %q must come right before the verb or a '*'", format, format[i:next])
				}
				n, idx, i = m, i, next
			}
		} else if i < len(format) && format[i] == '*' {
			*arg++
			*hi = max(*hi, *arg)
			i++
		} else {
			if i, ok = digits(format, i); !ok {
				return Piece{}, 0, fmt.Errorf("format %q: precision too large in %q", format, format[start:i])
			}
		}
	}
	// An index right before the verb.
	if n < 0 {
		m, next, ok, err := argIndex(format, i)
		if err != nil {
			return Piece{}, 0, err
		}
		if ok {
			n, idx, i = m, i, next
		}
	}
	if i >= len(format) {
		return Piece{}, 0, fmt.Errorf("format %q ends in the middle of the verb %q", format, format[start:])
	}
	c := format[i]
	if !isLetter(c) {
		return Piece{}, 0, fmt.Errorf("format %q: verb %q is not a letter", format, format[start:i+1])
	}
	p := Piece{Hole: true, Text: format[start : i+1], Verb: c, Operand: -1}
	if n >= 0 {
		p.Arg, p.Explicit = n, true
		p.Flags = format[start+1 : idx]
	} else {
		p.Arg = *arg
		p.Flags = format[start+1 : i]
	}
	*arg = p.Arg + 1
	*hi = max(*hi, *arg)
	return p, i + 1, nil
}

// digits skips the decimal number at format[i]; like fmt, it refuses one
// over 10⁶.
func digits(format string, i int) (int, bool) {
	n := 0
	for ; i < len(format) && isDigit(format[i]); i++ {
		n = n*10 + int(format[i]-'0')
		if n > 1e6 {
			return i, false
		}
	}
	return i, true
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// argIndex parses "[n]" at format[i]: the 0-based index, the offset after
// ']', whether there was an index. A '[' that is not a valid 1-based index
// is an error.
func argIndex(format string, i int) (int, int, bool, error) {
	if i >= len(format) || format[i] != '[' {
		return 0, i, false, nil
	}
	end := strings.IndexByte(format[i:], ']')
	if end < 0 {
		return 0, 0, false, fmt.Errorf("format %q: unclosed argument index at offset %d", format, i)
	}
	s := format[i+1 : i+end]
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 1<<16 || s[0] == '+' || s[0] == '0' {
		return 0, 0, false, fmt.Errorf("format %q: bad argument index %q", format, format[i:i+end+1])
	}
	return n - 1, i + end + 1, true, nil
}

// FormatString returns a format template as a fmt format string: literals
// with '%' doubled, verbs with their flags, and an argument index where
// the verb's argument is not the one fmt would take next (or where the
// verb was written with one). A parsed format renders as it was written.
func (t *Template) FormatString() string {
	n := 0
	for i := range t.Pieces {
		n += len(t.Pieces[i].Text) + 4
	}
	b := make([]byte, 0, n)
	next := 0
	for i := range t.Pieces {
		p := &t.Pieces[i]
		if !p.Hole {
			for j := 0; j < len(p.Text); j++ {
				if p.Text[j] == '%' {
					b = append(b, '%')
				}
				b = append(b, p.Text[j])
			}
			continue
		}
		if t.Kind != Format || strings.IndexByte(p.Flags, '*') >= 0 {
			// Not renumbered: a '*' width takes its own arguments.
			b = append(b, p.Text...)
			next = p.Arg + 1
			continue
		}
		verb := p.Verb
		if verb == 0 {
			verb = 's'
		}
		b = append(b, '%')
		b = append(b, p.Flags...)
		if p.Explicit || p.Arg != next {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(p.Arg+1), 10)
			b = append(b, ']')
		}
		b = append(b, verb)
		next = p.Arg + 1
	}
	return string(b)
}
