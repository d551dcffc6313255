package baseline

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func parse(t *testing.T, dir, src string) (*token.FileSet, *ast.File) {
	t.Helper()
	name := filepath.Join(dir, "model", "m.go")
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	return fset, f
}

// TestFingerprintIgnoresUnrelatedEdits: lines added above a finding, and
// line numbers inside its message, do not change its fingerprint; its
// declaration, file, analyzer and message do.
func TestFingerprintIgnoresUnrelatedEdits(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const src = "package model\n\ntype Invoice struct{ TenantID string }\n\nfunc (r *Repo) Get() {}\n\ntype Repo struct{}\n"
	at := func(src, needle string, msg string) Entry {
		fset, f := parse(t, dir, src)
		pos := f.FileStart + token.Pos(strings.Index(src, needle))
		return Fingerprint(fset, f, pos, "capsulefield", msg)
	}
	a := at(src, "Invoice", "entity Invoice; no fix: call at handlers.go:42: none")
	b := at("package model\n\n// A comment.\nvar x = 1\n\n"+src[len("package model\n\n"):], "Invoice", "entity Invoice; no fix: call at handlers.go:57: none")
	if a != b {
		t.Errorf("fingerprint changed with unrelated edits:\n%+v\n%+v", a, b)
	}
	if a.File != "model/m.go" || a.Decl != "type Invoice" || strings.Contains(a.Message, ":42") {
		t.Errorf("fingerprint %+v: want module-relative file, declaration and message without line numbers", a)
	}
	if m := at(src, "Get", "x"); m.Decl != "method Repo.Get" {
		t.Errorf("method decl = %q, want %q", m.Decl, "method Repo.Get")
	}
	if c := at(src, "Invoice", "entity Invoice; other"); c == a {
		t.Error("a different message has the same fingerprint")
	}
	// What a per-package driver appends when it withholds the fix is no
	// part of the finding: a baseline written by one driver serves all.
	withheld := at(src, "Invoice", "entity Invoice; no fix: call at handlers.go:42: none"+WithheldNote+"it changes the signature of Key, ...; run capsulelint migrate)")
	if withheld != a {
		t.Errorf("the withheld-fix note changes the fingerprint:\n%+v\n%+v", withheld, a)
	}
}

func TestWriteLoadMatch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baseline.json")
	e := Entry{Analyzer: "keyformat", File: "keys/k.go", Decl: "func PK", Message: "key"}
	other := Entry{Analyzer: "keyformat", File: "keys/k.go", Decl: "func SK", Message: "key"}
	if err := Write(path, []Entry{e, e}); err != nil {
		t.Fatal(err)
	}
	b, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !b.Match(e) || !b.Match(e) {
		t.Error("the two recorded occurrences do not match")
	}
	if b.Match(e) {
		t.Error("a third occurrence matches: a new violation in the same declaration would be hidden")
	}
	if b.Match(other) {
		t.Error("an unrecorded finding matches")
	}
	// Each Load starts a fresh count.
	if b2, _ := Load(path); !b2.Match(e) {
		t.Error("a second Load does not match")
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file loads")
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"version": 2, "findings": []}`), 0o644)
	if _, err := Load(bad); err == nil || !strings.Contains(err.Error(), "version 2") {
		t.Errorf("Load(version 2) = %v, want a version error", err)
	}
	junk := filepath.Join(dir, "junk.json")
	os.WriteFile(junk, []byte(`not json`), 0o644)
	if _, err := Load(junk); err == nil || !strings.Contains(err.Error(), "junk.json") {
		t.Errorf("Load(junk) = %v, want an error naming the file", err)
	}
}
