package fixes

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// fakeDeps are packages the test sources may import, checked from source.
var fakeDeps = map[string]string{
	"example.com/ids": `package ids
import "context"
type TenantID string
type CapsuleID string
func CapsuleFromContext(ctx context.Context) CapsuleID { return "" }
`,
	"example.com/ids/v2": `package ids
type CapsuleID string
`,
	"example.com/other": `package other
type Thing struct{}
func (Thing) Get(t string) {}
`,
}

// srcImporter imports fakeDeps from source and the standard library with
// the source importer.
type srcImporter struct {
	fset *token.FileSet
	std  types.Importer
	pkgs map[string]*types.Package
}

func newSrcImporter(fset *token.FileSet) *srcImporter {
	return &srcImporter{fset: fset, std: importer.ForCompiler(fset, "source", nil), pkgs: map[string]*types.Package{}}
}

func (im *srcImporter) Import(path string) (*types.Package, error) {
	if p, ok := im.pkgs[path]; ok {
		return p, nil
	}
	src, ok := fakeDeps[path]
	if !ok {
		return im.std.Import(path)
	}
	f, err := parser.ParseFile(im.fset, path+"/fake.go", src, 0)
	if err != nil {
		return nil, err
	}
	p, err := (&types.Config{Importer: im}).Check(path, im.fset, []*ast.File{f}, nil)
	if err != nil {
		return nil, err
	}
	im.pkgs[path] = p
	return p, nil
}

// multiPass type-checks the files (name -> source, names sorted) as
// package example.com/p.
type multiPass struct {
	pass  *analysis.Pass
	insp  *inspector.Inspector
	srcs  map[string]string
	names []string
}

func typecheck(t *testing.T, files map[string]string) *multiPass {
	t.Helper()
	mp, err := tryTypecheck(files)
	if err != nil {
		t.Fatal(err)
	}
	return mp
}

// The file set and importer are shared by all tests: importing the
// standard library from source is slow, and one file set keeps positions
// of different packages apart.
var (
	sharedFset     = token.NewFileSet()
	sharedImporter = newSrcImporter(sharedFset)
)

func tryTypecheck(files map[string]string) (*multiPass, error) {
	fset := sharedFset
	var names []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var list []*ast.File
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, files[name], parser.ParseComments)
		if err != nil {
			return nil, err
		}
		list = append(list, f)
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{}, Scopes: map[ast.Node]*types.Scope{}, Instances: map[*ast.Ident]types.Instance{},
	}
	pkg, err := (&types.Config{Importer: sharedImporter}).Check("example.com/p", fset, list, info)
	if err != nil {
		return nil, err
	}
	return &multiPass{
		pass:  &analysis.Pass{Fset: fset, Files: list, Pkg: pkg, TypesInfo: info},
		insp:  inspector.New(list),
		srcs:  files,
		names: names,
	}, nil
}

func (mp *multiPass) file(name string) *ast.File {
	return mp.pass.Files[slices.Index(mp.names, name)]
}

// apply applies fix to the sources and gofmts them; the result must
// type-check.
func (mp *multiPass) apply(t *testing.T, fix analysis.SuggestedFix) map[string]string {
	t.Helper()
	out, err := applyEdits(mp.pass.Fset, mp.srcs, fix.TextEdits)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tryTypecheck(out); err != nil {
		t.Fatalf("the fixed sources do not type-check: %v\n%s", err, dump(out))
	}
	return out
}

func applyEdits(fset *token.FileSet, srcs map[string]string, edits []analysis.TextEdit) (map[string]string, error) {
	byFile := map[string][]analysis.TextEdit{}
	for _, e := range edits {
		name := fset.File(e.Pos).Name()
		byFile[name] = append(byFile[name], e)
	}
	out := map[string]string{}
	for name, src := range srcs {
		es := byFile[name]
		sort.SliceStable(es, func(i, j int) bool { return es[i].Pos < es[j].Pos })
		var b strings.Builder
		last := 0
		for _, e := range es {
			tf := fset.File(e.Pos)
			b.WriteString(src[last:tf.Offset(e.Pos)])
			b.Write(e.NewText)
			last = tf.Offset(e.End)
		}
		b.WriteString(src[last:])
		res, err := format.Source([]byte(b.String()))
		if err != nil {
			return nil, fmt.Errorf("%s: %v\n%s", name, err, b.String())
		}
		out[name] = string(res)
	}
	return out, nil
}

func dump(files map[string]string) string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(&b, "-- %s --\n%s", name, files[name])
	}
	return b.String()
}

func mustFix(t *testing.T, b *Builder) analysis.SuggestedFix {
	t.Helper()
	fix, err := b.Fix("fix")
	if err != nil {
		t.Fatal(err)
	}
	return fix
}

func TestImport(t *testing.T) {
	const use = "\nvar _ ids.CapsuleID\n"
	for _, tc := range []struct {
		name, src string
		path, as  string
		use       string // appended to make the import used
		want      string // in the result
		unchanged bool
	}{
		{name: "paren block", src: "package p\n\nimport (\n\t\"fmt\"\n)\n\nvar _ = fmt.Sprint\n", path: "example.com/ids", as: "ids", use: use,
			want: "import (\n\t\"example.com/ids\"\n\t\"fmt\"\n)"},
		{name: "single import", src: "package p\n\nimport \"fmt\"\n\nvar _ = fmt.Sprint\n", path: "example.com/ids", as: "ids", use: use,
			want: "import \"fmt\"\nimport \"example.com/ids\""},
		{name: "no imports", src: "package p\n\nvar x = 1\n", path: "example.com/ids", as: "ids", use: use,
			want: "package p\n\nimport \"example.com/ids\"\n"},
		{name: "no imports, doc comment", src: "// Package p does things.\npackage p // trailing\n\nvar x = 1\n", path: "example.com/ids", as: "ids", use: use,
			want: "import \"example.com/ids\""},
		{name: "one-line paren block", src: "package p\n\nimport (\"fmt\")\n\nvar _ = fmt.Sprint\n", path: "example.com/ids", as: "ids", use: use,
			want: "\"example.com/ids\""},
		{name: "empty paren block", src: "package p\n\nimport ()\n", path: "example.com/ids", as: "ids", use: use,
			want: "\"example.com/ids\""},
		{name: "already imported", src: "package p\n\nimport \"example.com/ids\"\n\nvar _ ids.TenantID\n", path: "example.com/ids", as: "ids", use: use, unchanged: true},
		{name: "already imported under the alias", src: "package p\n\nimport myids \"example.com/ids\"\n\nvar _ myids.TenantID\n", path: "example.com/ids", as: "myids", use: "\nvar _ myids.CapsuleID\n", unchanged: true},
		{name: "alias", src: "package p\n", path: "example.com/ids", as: "myids", use: "\nvar _ myids.CapsuleID\n",
			want: "import myids \"example.com/ids\""},
		{name: "empty name is the assumed name", src: "package p\n", path: "example.com/ids/v2", as: "", use: use,
			want: "import ids \"example.com/ids/v2\""},
		{name: "major version", src: "package p\n", path: "example.com/ids/v2", as: "ids", use: use,
			want: "import ids \"example.com/ids/v2\""},
		{name: "blank import does not count", src: "package p\n\nimport _ \"example.com/ids\"\n", path: "example.com/ids", as: "ids", use: use,
			want: "import _ \"example.com/ids\"\nimport \"example.com/ids\""},
		{name: "no path", src: "package p\n", path: "", as: "", use: "", unchanged: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.src + tc.use
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			b := NewBuilder(fset)
			b.Import(f, tc.path, tc.as)
			b.Import(f, tc.path, tc.as) // once however often asked
			if tc.unchanged {
				if b.Len() != 0 {
					t.Errorf("%d edits, want none", b.Len())
				}
				return
			}
			if b.Len() != 1 {
				t.Errorf("%d edits, want one", b.Len())
			}
			out, err := applyEdits(fset, map[string]string{"p.go": src}, mustFix(t, b).TextEdits)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tryTypecheck(out); err != nil {
				t.Fatalf("%v\n%s", err, out["p.go"])
			}
			if !strings.Contains(out["p.go"], tc.want) {
				t.Errorf("got\n%s\nwant %q", out["p.go"], tc.want)
			}
		})
	}
}

func TestImportPerFile(t *testing.T) {
	mp := typecheck(t, map[string]string{"a.go": "package p\n", "b.go": "package p\n\nimport \"fmt\"\n\nvar _ = fmt.Sprint\n"})
	b := NewBuilder(mp.pass.Fset)
	for range 2 {
		for _, f := range mp.pass.Files {
			b.Import(f, "example.com/ids", "ids")
		}
	}
	if b.Len() != 2 {
		t.Errorf("%d edits, want one per file", b.Len())
	}
	if got := b.Files(); !slices.Equal(got, []string{"a.go", "b.go"}) {
		t.Errorf("Files() = %q", got)
	}
}

// Import into a one-line import ("fmt") inserted "\t"path"\n" before the
// parenthesis: a syntax error.
func TestRegressionImportIntoOneLineBlock(t *testing.T) {
	src := "package p\n\nimport (\"fmt\")\n\nvar _ = fmt.Sprint\nvar _ ids.CapsuleID\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(fset)
	b.Import(f, "example.com/ids", "ids")
	out, err := applyEdits(fset, map[string]string{"p.go": src}, mustFix(t, b).TextEdits)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tryTypecheck(out); err != nil {
		t.Fatal(err)
	}
}

// With import _ "example.com/ids" in the file, Import did nothing and the
// fix's ids.CapsuleID did not compile.
func TestRegressionImportBesideBlankImport(t *testing.T) {
	src := "package p\n\nimport _ \"example.com/ids\"\n\nvar _ ids.CapsuleID\n"
	fset := token.NewFileSet()
	f, _ := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	b := NewBuilder(fset)
	b.Import(f, "example.com/ids", "ids")
	out, err := applyEdits(fset, map[string]string{"p.go": src}, mustFix(t, b).TextEdits)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tryTypecheck(out); err != nil {
		t.Fatalf("%v\n%s", err, out["p.go"])
	}
}

func TestFix(t *testing.T) {
	fset := token.NewFileSet()
	src := "package p\n\nvar x = 1\n"
	f, _ := parser.ParseFile(fset, "p.go", src, 0)
	tf := fset.File(f.Pos())
	pos := func(off int) token.Pos { return tf.Pos(off) }

	b := NewBuilder(fset)
	b.Insert(pos(20), "C")
	b.Insert(pos(11), "A")
	b.Replace(pos(15), pos(16), "Y")
	b.Insert(pos(11), "B")
	b.Insert(pos(11), "A") // identical to an earlier edit beyond B: dropped
	b.Replace(pos(15), pos(16), "Y")
	if b.Len() != 6 {
		t.Errorf("Len = %d", b.Len())
	}
	fix, err := b.Fix("add things")
	if err != nil {
		t.Fatal(err)
	}
	if fix.Message != "add things" {
		t.Errorf("message %q", fix.Message)
	}
	var got []string
	for _, e := range fix.TextEdits {
		got = append(got, fmt.Sprintf("%d-%d:%s", tf.Offset(e.Pos), tf.Offset(e.End), e.NewText))
	}
	if want := []string{"11-11:A", "11-11:B", "15-16:Y", "20-20:C"}; !slices.Equal(got, want) {
		t.Errorf("edits %q, want %q (sorted, inserts at one position in order, duplicates dropped)", got, want)
	}
	if b.Len() != 6 {
		t.Errorf("Fix changed the builder")
	}

	// Overlaps are refused.
	for _, edits := range [][2][3]int{
		{{11, 16, 0}, {15, 18, 0}}, // overlapping replacements
		{{11, 16, 0}, {13, 13, 0}}, // an insertion inside a replacement
		{{11, 16, 0}, {11, 16, 1}}, // the same range replaced differently
		{{11, 16, 0}, {12, 14, 0}}, // nested
	} {
		b := NewBuilder(fset)
		for i, e := range edits {
			b.Replace(pos(e[0]), pos(e[1]), fmt.Sprint(i, e[2]))
		}
		if _, err := b.Fix("x"); err == nil || !strings.Contains(err.Error(), "conflicting edits at p.go:") {
			t.Errorf("%v: err = %v, want a conflict", edits, err)
		}
	}
	// Touching edits do not overlap.
	b = NewBuilder(fset)
	b.Replace(pos(11), pos(16), "a")
	b.Insert(pos(16), "b")
	b.Insert(pos(11), "c")
	if _, err := b.Fix("x"); err != nil {
		t.Errorf("touching edits: %v", err)
	}
	// An empty builder gives an empty fix.
	if fix, err := NewBuilder(fset).Fix("x"); err != nil || len(fix.TextEdits) != 0 {
		t.Errorf("empty: %+v, %v", fix, err)
	}
}

// Fix dropped a duplicate only when it was next to its twin after
// sorting: A, B, A at one position kept both A's.
func TestRegressionFixDropsNonAdjacentDuplicates(t *testing.T) {
	fset := token.NewFileSet()
	f, _ := parser.ParseFile(fset, "p.go", "package p\n", 0)
	b := NewBuilder(fset)
	b.Insert(f.Name.End(), "A")
	b.Insert(f.Name.End(), "B")
	b.Insert(f.Name.End(), "A")
	if fix := mustFix(t, b); len(fix.TextEdits) != 2 {
		t.Errorf("edits %v, want A and B", fix.TextEdits)
	}
}
