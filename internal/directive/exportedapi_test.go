package directive

import (
	"go/ast"
	"go/token"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/config"
)

// Through a per-package driver (fix scope package: go vet, go fix, -json,
// any driver that does not say; or single-file: golangci-lint) a fix that
// changes a signature other packages may depend on is withheld, and the
// message says so and where to go instead. Through the fix engine (fix
// scope workspace) it stays.
func TestReporterWithholdsExportedSignatureChanges(t *testing.T) {
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

type getter interface {
	Get(tenantID string) error
	get(tenantID string) error
}

type Entity struct {
	TenantID string
}
`
	for _, tc := range []struct {
		pkg     string // package clause replacing "p"
		at      string // the edit is inserted after the first occurrence of this text
		dropped string // the exported declaration named in the message, "" if the fix is kept
	}{
		{"p", "Get(tenantID string", "Repo.Get"},
		{"p", "func (repo) Get(tenantID string", "repo.Get"},             // an exported method of an unexported type
		{"p", "getter interface {\n\tGet(tenantID string", "getter.Get"}, // implementations elsewhere

		{"p", "\tget(tenantID string", ""},
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
		report := func(scope config.FixScope) analysis.Diagnostic {
			cfg := config.Default()
			cfg.FixScope = scope
			got := run(t, fset, []*ast.File{f}, "repocapsule", cfg, func(r *Reporter) {
				r.Report(analysis.Diagnostic{Pos: f.Name.Pos(), Message: "m", SuggestedFixes: []analysis.SuggestedFix{fix}})
			})
			if len(got) != 1 {
				t.Fatalf("%s %q: got %d diagnostics", tc.pkg, tc.at, len(got))
			}
			return got[0]
		}
		for _, scope := range []config.FixScope{config.FixPackage, config.FixSingleFile} {
			d := report(scope)
			if tc.dropped == "" {
				if len(d.SuggestedFixes) != 1 || d.Message != "m" {
					t.Errorf("%s, %s, edit after %q: got %q with %d fixes, want the fix kept", scope, tc.pkg, tc.at, d.Message, len(d.SuggestedFixes))
				}
				continue
			}
			want := "m (fix withheld: it changes the signature of " + tc.dropped + ", which other packages may call or implement, and this driver fixes one package at a time; run capsulelint migrate (or capsulelint -fix), which completes it in every package)"
			if len(d.SuggestedFixes) != 0 || d.Message != want {
				t.Errorf("%s, %s, edit after %q: got %q with %d fixes\nwant %q without fixes", scope, tc.pkg, tc.at, d.Message, len(d.SuggestedFixes), want)
			}
		}
		if d := report(config.FixWorkspace); len(d.SuggestedFixes) != 1 || d.Message != "m" {
			t.Errorf("workspace, %s, edit after %q: got %+v, want the fix kept", tc.pkg, tc.at, d)
		}
	}
}
