package capsulefield

import (
	"strconv"
	"strings"
	"unicode"
)

// mirrorTag returns the struct tag of a new capsule field named capsule,
// built from the tag of the tenant field named tenant: each key whose
// value names the tenant in a style that can be told is kept, with the
// tenant words replaced by the capsule words in that style and the options
// after the comma kept (json:"tenant_id,omitempty" becomes
// json:"capsule_id,omitempty"); a value with no name ("-", ",omitempty")
// is copied; any other key is dropped. It returns "" when no key is left or
// the tag is not in the conventional key:"value" form.
func mirrorTag(tag, tenant, capsule string) string {
	pairs, ok := parseTag(tag)
	if !ok {
		return ""
	}
	var out []string
	for _, p := range pairs {
		name, opts, hasOpts := strings.Cut(p.value, ",")
		value := p.value
		if name != "" && name != "-" {
			mirrored, ok := mirrorName(name, tenant, capsule)
			if !ok {
				continue
			}
			value = mirrored
			if hasOpts {
				value += "," + opts
			}
		}
		out = append(out, p.key+":"+strconv.Quote(value))
	}
	return strings.Join(out, " ")
}

type tagPair struct{ key, value string }

// parseTag splits a conventional struct tag, as reflect.StructTag.Lookup
// reads it; ok is false if tag is malformed.
func parseTag(tag string) ([]tagPair, bool) {
	var pairs []tagPair
	for {
		tag = strings.TrimLeft(tag, " ")
		if tag == "" {
			return pairs, true
		}
		i := 0
		for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' && tag[i] != 0x7f {
			i++
		}
		if i == 0 || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
			return nil, false
		}
		key := tag[:i]
		tag = tag[i+1:]
		i = 1
		for i < len(tag) && tag[i] != '"' {
			if tag[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(tag) {
			return nil, false
		}
		value, err := strconv.Unquote(tag[:i+1])
		if err != nil {
			return nil, false
		}
		pairs = append(pairs, tagPair{key, value})
		tag = tag[i+1:]
	}
}

// mirrorName rewrites name, a tag's field name for the Go field tenant,
// into the tag name of the Go field capsule, in name's own style:
// tenant_id → capsule_id, tenantId → capsuleId, TENANT_ID → CAPSULE_ID,
// tenantid → capsuleid, org_slug → project_key (OrgSlug → ProjectKey).
// The words of tenant that capsule does not share are replaced; ok is
// false when name does not contain them exactly once or its style cannot
// be told.
func mirrorName(name, tenant, capsule string) (string, bool) {
	from, to := distinctWords(words(tenant), words(capsule))
	if len(from) == 0 || len(to) == 0 {
		return "", false
	}
	sep, tokens := splitName(name)
	if tokens == nil {
		return "", false
	}
	at := -1
	for i := 0; i+len(from) <= len(tokens); i++ {
		if equalFold(tokens[i:i+len(from)], from) {
			if at >= 0 {
				return "", false // more than once
			}
			at = i
		}
	}
	if at < 0 {
		return flatMirror(name, sep, tokens, from, to)
	}
	if sep == "" && len(tokens) == 1 && len(to) > 1 {
		// "tenant" → capsule_id or capsuleId? Cannot be told.
		return "", false
	}
	replaced := tokens[at : at+len(from)]
	var repl []string
	for j, w := range to {
		model := replaced[min(j, len(replaced)-1)]
		switch {
		case sep == "" && !(at == 0 && j == 0):
			// camelCase / PascalCase: inner words are capitalised,
			// initialisms (ID) kept upper as the model is.
			if isUpper(model) && len(model) > 1 {
				repl = append(repl, strings.ToUpper(w))
			} else {
				repl = append(repl, title(w))
			}
		default:
			repl = append(repl, inCase(w, model))
		}
	}
	out := append(append(append([]string{}, tokens[:at]...), repl...), tokens[at+len(from):]...)
	return strings.Join(out, sep), true
}

// flatMirror handles a one-word name in one case, such as tenantid or
// TENANTID: the tenant words run together are replaced once.
func flatMirror(name, sep string, tokens, from, to []string) (string, bool) {
	if sep != "" || len(tokens) != 1 || !(isLower(name) || isUpper(name)) {
		return "", false
	}
	lower := strings.ToLower(name)
	old, repl := strings.ToLower(strings.Join(from, "")), strings.ToLower(strings.Join(to, ""))
	if strings.Count(lower, old) != 1 {
		return "", false
	}
	out := strings.Replace(lower, old, repl, 1)
	if isUpper(name) {
		out = strings.ToUpper(out)
	}
	return out, true
}

// distinctWords strips the words a and b share at their start and end
// (TenantID, CapsuleID → [Tenant], [Capsule]).
func distinctWords(a, b []string) ([]string, []string) {
	for len(a) > 0 && len(b) > 0 && strings.EqualFold(a[0], b[0]) {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && strings.EqualFold(a[len(a)-1], b[len(b)-1]) {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	return a, b
}

// splitName splits a tag name into its words and the separator that joins
// them ("" for camel case); tokens is nil when separators are mixed or a
// word is empty.
func splitName(name string) (sep string, tokens []string) {
	for _, s := range []string{"_", "-", "."} {
		if strings.Contains(name, s) {
			if sep != "" {
				return "", nil
			}
			sep = s
		}
	}
	if sep == "" {
		return "", words(name)
	}
	tokens = strings.Split(name, sep)
	for _, t := range tokens {
		if t == "" {
			return "", nil
		}
	}
	return sep, tokens
}

// words splits a Go or camel-case identifier into words: TenantID →
// Tenant, ID; tenantId → tenant, Id; HTTPServer → HTTP, Server.
func words(s string) []string {
	r := []rune(s)
	var out []string
	start := 0
	for i := 1; i < len(r); i++ {
		lowerToUpper := !unicode.IsUpper(r[i-1]) && unicode.IsUpper(r[i])
		acronymEnd := unicode.IsUpper(r[i-1]) && unicode.IsUpper(r[i]) && i+1 < len(r) && unicode.IsLower(r[i+1])
		if lowerToUpper || acronymEnd {
			out = append(out, string(r[start:i]))
			start = i
		}
	}
	if start < len(r) {
		out = append(out, string(r[start:]))
	}
	return out
}

func equalFold(a, b []string) bool {
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

// inCase writes w in the case of model: lower, UPPER or Title.
func inCase(w, model string) string {
	switch {
	case isUpper(model) && len(model) > 1:
		return strings.ToUpper(w)
	case isLower(model):
		return strings.ToLower(w)
	case unicode.IsUpper([]rune(model)[0]):
		return title(w)
	}
	return strings.ToLower(w)
}

func title(w string) string {
	r := []rune(strings.ToLower(w))
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

func isUpper(s string) bool { return s == strings.ToUpper(s) && s != strings.ToLower(s) }
func isLower(s string) bool { return s == strings.ToLower(s) && s != strings.ToUpper(s) }
