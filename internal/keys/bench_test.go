package keys

import (
	"testing"
)

// Formats like those of a code base: most are not keys.
var benchFormats = []string{
	"TENANT#%s#CAPSULE#%s#INVOICE#%s",
	"TENANT#%s#INVOICE#%s",
	"%s: %v",
	"unexpected token %q at line %d, column %d",
	"#%06x",
	"issue #%d",
	"%[2]s#%[1]s",
}

func BenchmarkMayBeKey(b *testing.B) {
	l := DefaultLabels()
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range benchFormats {
			_ = l.MayBeKey(f)
		}
	}
}

func BenchmarkParseFormat(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FromFormat("TENANT#%s#CAPSULE#%s#INVOICE#%s"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFormatPipeline is what the analyzer does for every format: the
// pre-check, then parse and analyze the candidates.
func BenchmarkFormatPipeline(b *testing.B) {
	l := DefaultLabels()
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range benchFormats {
			if !l.MayBeKey(f) {
				continue
			}
			t, err := FromFormat(f)
			if err != nil {
				b.Fatal(err)
			}
			_ = t.Analyze(l, nil)
		}
	}
}

func BenchmarkAnalyze(b *testing.B) {
	l := DefaultLabels()
	t, _ := FromFormat("TENANT#%s#CAPSULE#%s#INVOICE#%s")
	classify := byArgName([]string{"t", "c", "id"})
	b.ReportAllocs()
	for b.Loop() {
		_ = t.Analyze(l, classify)
	}
}

func BenchmarkInsertCapsule(b *testing.B) {
	l := DefaultLabels()
	t, _ := FromFormat("TENANT#%s#INVOICE#%s")
	a := t.Analyze(l, nil)
	b.ReportAllocs()
	for b.Loop() {
		nt, err := t.InsertCapsule(a, "capsuleID")
		if err != nil {
			b.Fatal(err)
		}
		_ = nt.FormatString()
	}
}

func BenchmarkParseConcat(b *testing.B) {
	p, err := parseExpr(`"TENANT#" + string(t) + "#INVOICE#" + id`)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if !MayBeConcatKey(p.expr, nil, "#") {
			b.Fatal("not a candidate")
		}
		_ = FromConcat(p.expr, nil)
	}
}

func BenchmarkMayBeConcatKey(b *testing.B) {
	p, err := parseExpr(`"unexpected " + tok + " at " + pos + ": " + msg`)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if MayBeConcatKey(p.expr, nil, "#") {
			b.Fatal("a candidate")
		}
	}
}

func BenchmarkParseTag(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FromTag("TENANT#{tenant_id}#CAPSULE#{capsule_id}#INVOICE#{id}"); err != nil {
			b.Fatal(err)
		}
	}
}
