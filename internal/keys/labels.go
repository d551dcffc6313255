package keys

import "strings"

// Labels configures the segment analysis: the labels of the tenant and
// capsule segments, whether they match case-insensitively, the segment
// separator and the labels of global (never reported) keys.
type Labels struct {
	Tenant, Capsule string
	CaseInsensitive bool
	Separator       string
	Global          []string
}

// DefaultLabels returns TENANT, CAPSULE and "#".
func DefaultLabels() *Labels {
	return &Labels{Tenant: "TENANT", Capsule: "CAPSULE", Separator: "#"}
}

func (l *Labels) sep() string {
	if l.Separator == "" {
		return "#"
	}
	return l.Separator
}

// MayBeKey reports, without allocating, whether s (a format or a tag
// template) may be a key: it has a separator right after a label
// character. "#%06x", "issue #42" and "## Totals" are rejected here; the
// full decision is Template.Analyze's.
func (l *Labels) MayBeKey(s string) bool {
	sep := l.sep()
	for off := 0; ; {
		i := strings.Index(s[off:], sep)
		if i < 0 {
			return false
		}
		i += off
		if i > 0 && isLabelByte(s[i-1]) {
			return true
		}
		off = i + len(sep)
	}
}

func isLabelByte(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '_' || c == '}' // "}" ends a {placeholder}
}

// lower reports whether lower-case label words count as labels: when
// labels are case-insensitive or a configured label is not upper case.
func (l *Labels) lower() bool {
	return l.CaseInsensitive || hasLower(l.Tenant) || hasLower(l.Capsule)
}

func hasLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' {
			return true
		}
	}
	return false
}

// isWord reports whether s looks like a label: [A-Z][A-Z0-9_]*, or with
// lower-case letters too when lower is set.
func isWord(s string, lower bool) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
		case lower && 'a' <= c && c <= 'z':
		case i > 0 && (isDigit(c) || c == '_'):
		default:
			return false
		}
	}
	return true
}

// is reports whether text is the label want.
func (l *Labels) is(text, want string) bool {
	if want == "" {
		return false
	}
	if l.CaseInsensitive {
		return strings.EqualFold(text, want)
	}
	return text == want
}

func (l *Labels) isGlobal(text string) bool {
	for _, g := range l.Global {
		if l.is(text, g) {
			return true
		}
	}
	return false
}

// styleLike returns label in the case of like: lower case when like is
// all lower case and labels are case-insensitive.
func (l *Labels) styleLike(label, like string) string {
	if l.CaseInsensitive && like != "" && like == strings.ToLower(like) {
		return strings.ToLower(label)
	}
	return label
}
