package directive

import (
	"go/ast"
	"go/token"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/config"
)

// In single-file mode (the golangci-lint plugin) a fix that changes an
// exported signature is dropped: importers in other packages would break,
// and golangci-lint applies only the edits in the diagnostic's file.
func TestReporterSingleFileDropsExportedSignatureChanges(t *testing.T) {
	const src = `package p

type Repo interface {
	Get(tenantID string) error
}

type repo struct{}

func (repo) Get(tenantID string) error { return nil }

type Store struct{}

func (*Store) Put(tenantID string) {}

func (s *Store) put(tenantID string) {}

func Key(tenantID string) string { return "TENANT#" + tenantID }

func key(tenantID string) string { return "TENANT#" + tenantID }

type KeyFunc func(tenantID string) string

type Entity struct {
	TenantID string
}
`
	for _, tc := range []struct {
		pkg     string // package clause replacing "p"
		at      string // the edit is inserted after the first occurrence of this text
		dropped string // the exported declaration named in the message, "" if the fix is kept
	}{
		{"p", "Get(tenantID string", "Repo"},
		{"p", "func (repo) Get(tenantID string", ""},
		{"p", "func (*Store) Put(tenantID string", "Store.Put"},
		{"p", "func (s *Store) put(tenantID string", ""},
		{"p", "func Key(tenantID string", "Key"},
		{"p", "func Key(tenantID string) string { return \"TENANT#\"", ""}, // the body
		{"p", "func key(tenantID string", ""},
		{"p", "type KeyFunc func(tenantID string", "KeyFunc"},
		{"p", "TenantID string", ""}, // a new field, not a signature
		{"main", "func Key(tenantID string", ""},
		{"p_test", "func Key(tenantID string", ""},
	} {
		fset := token.NewFileSet()
		text := strings.Replace(src, "package p", "package "+tc.pkg, 1)
		f := parseFile(t, fset, "a.go", text)
		i := strings.Index(text, tc.at)
		if i < 0 {
			t.Fatalf("no %q", tc.at)
		}
		pos := fset.File(f.Pos()).Pos(i + len(tc.at))
		fix := analysis.SuggestedFix{Message: "fix", TextEdits: []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(", capsuleID string")}}}
		cfg := config.Default()
		cfg.SingleFileFixes = true
		got := run(t, fset, []*ast.File{f}, "repocapsule", cfg, func(r *Reporter) {
			r.Report(analysis.Diagnostic{Pos: f.Name.Pos(), Message: "m", SuggestedFixes: []analysis.SuggestedFix{fix}})
		})
		if len(got) != 1 {
			t.Fatalf("%s %q: got %d diagnostics", tc.pkg, tc.at, len(got))
		}
		d := got[0]
		if tc.dropped == "" {
			if len(d.SuggestedFixes) != 1 || d.Message != "m" {
				t.Errorf("%s, edit after %q: got %q with %d fixes, want the fix kept", tc.pkg, tc.at, d.Message, len(d.SuggestedFixes))
			}
			continue
		}
		want := "m (the fix changes the signature of exported " + tc.dropped + ", which other packages may use: run capsulelint migrate to apply it)"
		if len(d.SuggestedFixes) != 0 || d.Message != want {
			t.Errorf("%s, edit after %q: got %q with %d fixes\nwant %q without fixes", tc.pkg, tc.at, d.Message, len(d.SuggestedFixes), want)
		}

		// Without single-file mode (CLI, go vet, LSP) the fix stays.
		got = run(t, fset, []*ast.File{f}, "repocapsule", config.Default(), func(r *Reporter) {
			r.Report(analysis.Diagnostic{Pos: f.Name.Pos(), Message: "m", SuggestedFixes: []analysis.SuggestedFix{fix}})
		})
		if len(got) != 1 || len(got[0].SuggestedFixes) != 1 || got[0].Message != "m" {
			t.Errorf("%s, edit after %q, CLI mode: got %+v", tc.pkg, tc.at, got)
		}
	}
}
