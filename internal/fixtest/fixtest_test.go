package fixtest

import (
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/fixes"
)

func TestEditSet(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.go")
	src := "package a\n\nvar x = 1\n"
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	tf := fset.AddFile(name, -1, len(src))
	tf.SetLinesForContent([]byte(src))
	pos := func(off int) token.Pos { return tf.Pos(off) }
	fix := func(start, end int, text string) analysis.SuggestedFix {
		return analysis.SuggestedFix{Message: text, TextEdits: []analysis.TextEdit{{Pos: pos(start), End: pos(end), NewText: []byte(text)}}}
	}
	s := fixes.NewEditSet()
	one := len("package a\n\nvar x = ")
	if files, err := addFix(s, fset, fix(one, one+1, "2")); err != nil || !slices.Equal(files, []string{name}) {
		t.Fatalf("add: %v %v", files, err)
	}
	// The same edit again (a package and its test variant): once.
	if _, err := addFix(s, fset, fix(one, one+1, "2")); err != nil {
		t.Fatalf("identical edit: %v", err)
	}
	if _, err := addFix(s, fset, fix(one-2, one+1, "= 3")); err == nil {
		t.Errorf("overlapping edit accepted")
	}
	if _, err := addFix(s, fset, fix(len("package a\n\n"), len("package a\n\n"), "// x\n")); err != nil {
		t.Fatal(err)
	}
	got := ApplyEdits(t, s)
	if want := "package a\n\n// x\nvar x = 2\n"; string(got[name]) != want {
		t.Errorf("applied:\n%s\nwant:\n%s", got[name], want)
	}
}

func TestPackages(t *testing.T) {
	var pkgs []*packages.Package
	for _, path := range []string{"a", "a_test", "a.test", "ab", "a/b", "b"} {
		pkgs = append(pkgs, &packages.Package{PkgPath: path})
	}
	paths := func(ps []*packages.Package) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.PkgPath)
		}
		return out
	}
	if got, want := paths(Packages(pkgs, "a")), []string{"a", "a_test", "a.test"}; !slices.Equal(got, want) {
		t.Errorf("a: %v, want %v", got, want)
	}
	if got, want := paths(Packages(pkgs, "a/...", "b")), []string{"a", "a_test", "a.test", "a/b", "b"}; !slices.Equal(got, want) {
		t.Errorf("a/... b: %v, want %v", got, want)
	}
}
