package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// SettingsOrigin names the golangci-lint plugin settings in errors.
const SettingsOrigin = "golangci-lint settings for capsulelint"

// Decode overlays the YAML document data on c: keys present replace c's
// values, absent keys keep them. Unknown keys, wrong value types and bad
// values are one-line errors naming the origin (a file name), the line,
// the key and what is wanted.
func Decode(c Config, data []byte, origin string) (Config, error) {
	return decode(c, data, origin, true)
}

// DecodeSettings overlays a golangci-lint plugin settings map (the same
// keys as capsulelint.yaml) on c.
func DecodeSettings(c Config, settings map[string]any) (Config, error) {
	if len(settings) == 0 {
		return c, c.Validate()
	}
	data, err := marshal(settings)
	if err != nil {
		return c, fmt.Errorf("%s: %s; want the keys of %s with strings, numbers, booleans, lists and mappings as values", SettingsOrigin, oneLine(err.Error()), FileName)
	}
	return decode(c, data, SettingsOrigin, false)
}

// marshal is yaml.Marshal, which panics on values such as funcs.
func marshal(v any) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return yaml.Marshal(v)
}

// decode is Decode; lines says whether line numbers mean anything to the
// user (not for settings, which are re-encoded).
func decode(c Config, data []byte, origin string, lines bool) (Config, error) {
	c.origin = origin
	d := &decoder{origin: origin, lines: lines}
	root, err := d.document(data)
	if err != nil {
		return c, err
	}
	if root != nil {
		if err := d.mapping(root, "", reflect.ValueOf(&c).Elem()); err != nil {
			return c, err
		}
	}
	if ke := c.validate(); ke != nil {
		return c, d.errorf(d.lineOf(root, ke.key), "%s: %s", ke.key, ke.msg)
	}
	return c, nil
}

type decoder struct {
	origin string
	lines  bool
}

func (d *decoder) errorf(line int, format string, args ...any) error {
	msg := oneLine(fmt.Sprintf(format, args...))
	if d.lines && line > 0 {
		return fmt.Errorf("%s:%d: %s", d.origin, line, msg)
	}
	return fmt.Errorf("%s: %s", d.origin, msg)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// document parses data into its root node; nil for an empty document.
func (d *decoder) document(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, d.syntaxError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, d.errorf(extra.Line, "a second YAML document; want one mapping of capsulelint keys")
	} else if !errors.Is(err, io.EOF) {
		return nil, d.syntaxError(err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil, nil
		}
		root = root.Content[0]
	}
	root = resolve(root)
	if isNull(root) {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, d.errorf(root.Line, "want a mapping of capsulelint keys such as \"tenant-types: [OrgID]\"; got %s", describe(root))
	}
	return root, nil
}

func (d *decoder) syntaxError(err error) error {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	return d.errorf(line, "invalid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
}

// resolve follows aliases.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// describe says what a node is, for "got ..." in errors.
func describe(n *yaml.Node) string {
	switch n = resolve(n); n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		v := n.Value
		if len(v) > 40 {
			v = v[:40] + "..."
		}
		return strconv.Quote(v)
	}
	return "nothing"
}

// fieldsOf maps the yaml keys of struct type t to field indexes, in order.
func fieldsOf(t reflect.Type) (keys []string, index map[string]int) {
	index = map[string]int{}
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("yaml"); tag != "" && tag != "-" {
			keys = append(keys, tag)
			index[tag] = i
		}
	}
	return keys, index
}

// examples show the right form of each key in errors.
var examples = map[string]string{
	"tenant-types":            "[OrgID, example.com/ids.OrgID]",
	"capsule-types":           "[ProjectID, example.com/ids.ProjectID]",
	"tenant-names":            "[orgSlug, OrgSlug]",
	"capsule-names":           "[projectKey, ProjectKey]",
	"labels":                  "{tenant: TENANT, capsule: CAPSULE}",
	"labels.tenant":           "TENANT",
	"labels.capsule":          "CAPSULE",
	"case-insensitive-labels": "true",
	"separator":               `"#"`,
	"repository-pattern":      "'" + DefaultRepositoryPattern + "'",
	"keyhelper-pattern":       "'" + DefaultKeyhelperPattern + "'",
	"nested-depth":            "2",
	"capsule-source":          `{import: example.com/internal/reqctx, expr: "reqctx.Capsule({ctx})"}`,
	"capsule-source.import":   "example.com/internal/reqctx",
	"capsule-source.expr":     `"reqctx.Capsule({ctx})"`,
	"test-capsule":            `{import: example.com/internal/testids, expr: "testids.Capsule()"}`,
	"test-capsule.import":     "example.com/internal/testids",
	"test-capsule.expr":       `"testids.Capsule()"`,
	"global-labels":           "[CURRENCY, SCHEMA]",
	"include-tests":           "false",
	"baseline":                "capsulelint-baseline.json",
}

// want says what a value of type t is.
func want(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int:
		return "an integer"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list"
	case reflect.Struct:
		return "a mapping"
	}
	return "a " + t.String()
}

func listOf(t reflect.Type) string {
	return "a list of " + strings.TrimPrefix(want(t.Elem()), "a ") + "s"
}

// mapping decodes the mapping node n into the struct v; prefix is the
// dotted key path of v ("" for the top level, "labels." for Labels).
func (d *decoder) mapping(n *yaml.Node, prefix string, v reflect.Value) error {
	keys, index := fieldsOf(v.Type())
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := resolve(n.Content[i]), resolve(n.Content[i+1])
		if kn.Kind != yaml.ScalarNode {
			return d.errorf(kn.Line, "%skey: want a name such as %s; got %s", parent(prefix), keys[0], describe(kn))
		}
		key := kn.Value
		if kn.ShortTag() == "!!merge" {
			return d.errorf(kn.Line, "%smerge keys (<<) are not supported; write the keys out", parent(prefix))
		}
		fi, ok := index[key]
		if !ok {
			hint := ""
			if s := suggest(key, keys); s != "" {
				hint = fmt.Sprintf(" (did you mean %s?)", s)
			}
			if prefix == "" {
				return d.errorf(kn.Line, "unknown key %q%s; valid keys: %s", key, hint, strings.Join(keys, ", "))
			}
			return d.errorf(kn.Line, "%sunknown key %q%s; valid keys under %s: %s", parent(prefix), key, hint, strings.TrimSuffix(prefix, "."), strings.Join(keys, ", "))
		}
		if seen[key] {
			return d.errorf(kn.Line, "%s: given twice; want each key once", prefix+key)
		}
		seen[key] = true
		field := v.Field(fi)
		if isNull(vn) {
			if field.Kind() == reflect.Slice {
				field.Set(reflect.Zero(field.Type()))
			}
			continue
		}
		if field.Kind() == reflect.Struct {
			if vn.Kind != yaml.MappingNode {
				return d.errorf(vn.Line, "%s: want a mapping, e.g. %s: %s; got %s", prefix+key, prefix+key, examples[prefix+key], describe(vn))
			}
			if err := d.mapping(vn, prefix+key+".", field); err != nil {
				return err
			}
			continue
		}
		if err := d.value(vn, prefix+key, field); err != nil {
			return err
		}
	}
	return nil
}

func parent(prefix string) string {
	if prefix == "" {
		return ""
	}
	return strings.TrimSuffix(prefix, ".") + ": "
}

// value decodes the scalar or list node n into field.
func (d *decoder) value(n *yaml.Node, key string, field reflect.Value) error {
	t := field.Type()
	wrong := func(got *yaml.Node, what string) error {
		return d.errorf(got.Line, "%s: want %s, e.g. %s: %s; got %s", key, what, key, examples[key], describe(got))
	}
	if t.Kind() == reflect.Slice {
		if n.Kind != yaml.SequenceNode {
			return wrong(n, listOf(t))
		}
		out := reflect.MakeSlice(t, 0, len(n.Content))
		for _, item := range n.Content {
			item = resolve(item)
			elem := reflect.New(t.Elem()).Elem()
			if item.Kind != yaml.ScalarNode || isNull(item) || item.Decode(elem.Addr().Interface()) != nil {
				return d.errorf(item.Line, "%s: want %s, e.g. %s: %s; got %s in the list", key, listOf(t), key, examples[key], describe(item))
			}
			out = reflect.Append(out, elem)
		}
		field.Set(out)
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		return wrong(n, want(t))
	}
	if t.Kind() == reflect.Int {
		// yaml.v3 truncates 1.5 to 1: take integers only.
		var v any
		if err := n.Decode(&v); err != nil {
			return wrong(n, want(t))
		}
		switch v := v.(type) {
		case int:
			field.SetInt(int64(v))
			return nil
		case float64:
			if v == float64(int(v)) {
				field.SetInt(int64(v))
				return nil
			}
		}
		return wrong(n, want(t))
	}
	tmp := reflect.New(t)
	if err := n.Decode(tmp.Interface()); err != nil {
		return wrong(n, want(t))
	}
	field.Set(tmp.Elem())
	return nil
}

// suggest returns the key of keys closest to key, if close enough.
func suggest(key string, keys []string) string {
	best, bestDist := "", 3
	for _, k := range keys {
		if strings.EqualFold(k, key) {
			return k
		}
		if dist := editDistance(strings.ToLower(key), k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// lineOf returns the line of key (dotted for nested keys) in the mapping
// root, or of its nearest present parent; 0 if not present.
func (d *decoder) lineOf(root *yaml.Node, key string) int {
	if root == nil {
		return 0
	}
	line := 0
	n := root
	for _, part := range strings.Split(key, ".") {
		if n == nil || n.Kind != yaml.MappingNode {
			break
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := resolve(n.Content[i]); k.Value == part {
				line, next = k.Line, resolve(n.Content[i+1])
				break
			}
		}
		n = next
	}
	return line
}

// missingFile is the error for a config file that does not exist.
type missingFile string

func (m missingFile) Error() string {
	return fmt.Sprintf("config file %s does not exist; want the path of a %s", string(m), FileName)
}

func (m missingFile) Unwrap() error { return os.ErrNotExist }

// LoadFile reads and decodes the file at path over the defaults.
func LoadFile(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return Default(), missingFile(path)
		}
		return Default(), fmt.Errorf("reading config file %s: %v", path, oneLine(err.Error()))
	}
	return Decode(Default(), data, path)
}

// Find returns the capsulelint.yaml nearest to dir, searching upward and
// stopping at the directory holding go.mod; "" if there is none.
func Find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		candidate := filepath.Join(dir, FileName)
		if _, err := os.Stat(candidate); err == nil {
			return candidate
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load returns the defaults overlaid with the file at path, or with the
// capsulelint.yaml found from dir upward when path is empty. An explicit
// path that does not exist is an error.
func Load(path, dir string) (Config, error) {
	if path == "" {
		if path = Find(dir); path == "" {
			return Default(), nil
		}
		return LoadFile(path)
	}
	c, err := LoadFile(path)
	if err != nil && errors.Is(err, os.ErrNotExist) {
		err = fmt.Errorf("-config: %w", err)
	}
	return c, err
}
