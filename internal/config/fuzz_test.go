package config

import (
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"
)

// FuzzDecode checks that Decode never panics, that what it accepts
// validates, and that re-encoding an accepted config and decoding it
// again gives the same config, stably.
func FuzzDecode(f *testing.F) {
	for _, kc := range keyCases {
		f.Add([]byte(kc.yaml))
	}
	for _, bc := range badCases {
		f.Add([]byte(bc.yaml))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Decode(Default(), data, "fuzz.yaml")
		if err != nil {
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("Decode accepted %q, but Validate: %v", data, err)
		}
		if _, err := Compile(c); err != nil {
			t.Fatalf("Decode accepted %q, but Compile: %v", data, err)
		}
		out, err := yaml.Marshal(c)
		if err != nil {
			t.Fatalf("Marshal(%+v): %v", c, err)
		}
		again, err := Decode(Default(), out, "fuzz.yaml")
		if err != nil {
			t.Fatalf("decoding the re-encoded %q (from %q): %v", out, data, err)
		}
		if !reflect.DeepEqual(normalize(c), normalize(again)) {
			t.Fatalf("round trip changed the config:\n%+v\n%+v\n(from %q via %q)", c, again, data, out)
		}
		out2, err := yaml.Marshal(again)
		if err != nil || string(out2) != string(out) {
			t.Fatalf("re-encoding is not stable: %q, then %q (%v)", out, out2, err)
		}
	})
}

// normalize treats nil and empty lists alike (yaml writes both as []).
func normalize(c Config) Config {
	for _, l := range []*[]string{&c.TenantTypes, &c.CapsuleTypes, &c.TenantNames, &c.CapsuleNames, &c.GlobalLabels} {
		if len(*l) == 0 {
			*l = nil
		}
	}
	return c
}
