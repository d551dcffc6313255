package analyzerdoc

import "testing"

func TestExtract(t *testing.T) {
	src := "// Package p does things.\n//\n// # Analyzer p\n//\n// p: check things\n//\n// More text.\n//\n// # Other\n//\n// Not this.\npackage p\n"
	got, err := Extract(src, "p")
	if err != nil {
		t.Fatal(err)
	}
	if want := "check things\n\nMore text."; got != want {
		t.Errorf("Extract = %q, want %q", got, want)
	}
	for _, bad := range []string{"package p\n", "// Package p.\npackage p\n", "// # Analyzer p\n//\n// wrong: x\npackage p\n"} {
		if _, err := Extract(bad, "p"); err == nil {
			t.Errorf("Extract(%q) succeeded, want error", bad)
		}
	}
}
