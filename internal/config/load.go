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
	"strings"

	"go.yaml.in/yaml/v3"
)

// Decode overlays the YAML document data on c: keys present replace c's
// values, absent keys keep them. Unknown keys and wrong value types are
// errors naming the key and origin (a file name or "settings").
func Decode(c Config, data []byte, origin string) (Config, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	c.origin = origin
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return c, fmt.Errorf("%s: %s", origin, describeYAMLError(err))
	}
	return c, c.Validate()
}

// DecodeSettings overlays a golangci-lint plugin settings map (the same
// keys as capsulelint.yaml) on c.
func DecodeSettings(c Config, settings map[string]any) (Config, error) {
	if len(settings) == 0 {
		return c, c.Validate()
	}
	data, err := yaml.Marshal(settings)
	if err != nil {
		return c, fmt.Errorf("capsulelint settings: %v", err)
	}
	return Decode(c, data, "golangci-lint settings for capsulelint")
}

// LoadFile reads and decodes the file at path over the defaults.
func LoadFile(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return Default(), fmt.Errorf("config file %s does not exist", path)
		}
		return Default(), fmt.Errorf("reading config: %v", err)
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
// capsulelint.yaml found from dir upward when path is empty.
func Load(path, dir string) (Config, error) {
	if path == "" {
		path = Find(dir)
	}
	if path == "" {
		return Default(), nil
	}
	return LoadFile(path)
}

var unknownField = regexp.MustCompile(`field (\S+) not found in type config\.(\w+)`)

// keysOf lists the yaml keys of the config struct type called name.
func keysOf(name string) []string {
	var t reflect.Type
	switch name {
	case "Labels":
		t = reflect.TypeFor[Labels]()
	case "Source":
		t = reflect.TypeFor[Source]()
	default:
		t = reflect.TypeFor[Config]()
	}
	var keys []string
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("yaml"); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

// describeYAMLError turns yaml.v3's errors into one line that names the key.
func describeYAMLError(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs := make([]string, len(te.Errors))
		for i, e := range te.Errors {
			msgs[i] = unknownField.ReplaceAllStringFunc(e, func(m string) string {
				sub := unknownField.FindStringSubmatch(m)
				return fmt.Sprintf("unknown key %q (valid keys: %s)", sub[1], strings.Join(keysOf(sub[2]), ", "))
			})
			msgs[i] = strings.ReplaceAll(msgs[i], "into config.", "into ")
		}
		return strings.Join(msgs, "; ")
	}
	return err.Error()
}
