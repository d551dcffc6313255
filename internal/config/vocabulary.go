package config

import (
	"strings"
	"unicode"
)

// Vocabulary is the words diagnostics use for tenants and capsules: the
// configured labels in lower case (labels {tenant: org, capsule: project}
// give "org" and "project"), "tenant" and "capsule" by default.
type Vocabulary struct {
	Tenant, Capsule string
	// Default: the labels are the default TENANT and CAPSULE, and the
	// messages keep their default wording (the seeds' DEVUS and PRODUS).
	Default bool
}

// Vocabulary returns c's words.
func (c *Config) Vocabulary() Vocabulary {
	t, k := strings.ToLower(c.Labels.Tenant), strings.ToLower(c.Labels.Capsule)
	v := Vocabulary{Tenant: t, Capsule: k, Default: t == "tenant" && k == "capsule"}
	if len(t) < 3 || len(k) < 3 || !isWord(t) || !isWord(k) {
		v = Vocabulary{Tenant: "tenant", Capsule: "capsule", Default: v.Default}
	}
	return v
}

func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// Say rewrites a message's own text (a format, before its arguments are
// filled in, so that names and keys from the code are never touched) in
// v's words: the lower-case words tenant(s) and capsule(s) standing alone
// become the configured ones, "a" before them becoming "an" where the
// new word starts with a vowel. Identifiers (tenantID), labels (TENANT#),
// configuration keys (capsule-names) and quoted text are left alone.
func (v Vocabulary) Say(format string) string {
	if v.Default || (v.Tenant == "tenant" && v.Capsule == "capsule") {
		return format
	}
	var b strings.Builder
	i := 0
	for i < len(format) {
		word, repl := "", ""
		switch {
		case strings.HasPrefix(format[i:], "tenant"):
			word, repl = "tenant", v.Tenant
		case strings.HasPrefix(format[i:], "capsule"):
			word, repl = "capsule", v.Capsule
		}
		if word == "" || (i > 0 && !boundary(format[i-1])) {
			b.WriteByte(format[i])
			i++
			continue
		}
		end := i + len(word)
		plural := end < len(format) && format[end] == 's'
		if plural {
			end++
		}
		if end < len(format) && !boundary(format[end]) {
			b.WriteString(format[i:end])
			i = end
			continue
		}
		out := b.String()
		if strings.HasSuffix(out, " a ") || out == "a " || strings.HasSuffix(out, "(a ") {
			if strings.ContainsRune("aeiou", rune(repl[0])) {
				b.Reset()
				b.WriteString(out[:len(out)-1] + "n ")
			}
		}
		b.WriteString(repl)
		if plural {
			b.WriteByte('s')
		}
		i = end
	}
	return b.String()
}

// boundary reports whether c may stand next to a word of prose: not a
// letter, digit or character that joins identifiers, labels, keys or
// quoted text.
func boundary(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return false
	}
	return !strings.ContainsRune("_#-./:\"{}`%[]=", rune(c))
}
