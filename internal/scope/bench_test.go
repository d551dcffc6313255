package scope

import (
	"testing"

	"github.com/capsulelint/capsulelint/internal/config"
)

// BenchmarkLookup measures one lookup per rule: a fix looks up a value at
// every call site it rewrites, so this is on migrate's hot path.
func BenchmarkLookup(b *testing.B) {
	c := lookupWorld(b, nil)
	cl := classifier(b, func(cfg *config.Config) { cfg.CapsuleTypes = []string{"example.com/orgs.ProjectID"} })
	capsule := c.typeOf("ids.CapsuleID")
	for _, marker := range []string{"param", "nested", "sibling", "accessor", "noContext"} {
		site := c.site(marker)
		b.Run(marker, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = cl.Lookup(site, Capsule, capsule)
			}
		})
	}
}

// BenchmarkKindOfExpr measures classifying an expression, done for every
// hole of every key template.
func BenchmarkKindOfExpr(b *testing.B) {
	c := lookupWorld(b, nil)
	cl := classifier(b, nil)
	site := c.site("sibling")
	b.ReportAllocs()
	for b.Loop() {
		for _, arg := range site.Args {
			_, _ = cl.KindOfExpr(c.info, arg)
		}
	}
}
