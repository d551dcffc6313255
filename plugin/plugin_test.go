package plugin

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/config"
)

// inDir runs the test in a fresh module directory holding the given
// capsulelint.yaml (none when yaml is empty).
func inDir(t *testing.T, yaml string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if yaml != "" {
		if err := os.WriteFile(filepath.Join(dir, config.FileName), []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
}

func newPlugin(t *testing.T, settings any) *Plugin {
	t.Helper()
	lp, err := New(settings)
	if err != nil {
		t.Fatalf("New(%v): %v", settings, err)
	}
	return lp.(*Plugin)
}

func TestRegistered(t *testing.T) {
	inDir(t, "")
	ctor, err := register.GetPlugin("capsulelint")
	if err != nil {
		t.Fatal(err)
	}
	lp, err := ctor(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := lp.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
	as, err := lp.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range as {
		names = append(names, a.Name)
	}
	if got, want := strings.Join(names, ","), "capsulefield,keyformat,repocapsule,gsitenant"; got != want {
		t.Errorf("analyzers = %s, want %s", got, want)
	}
}

func TestNoSettings(t *testing.T) {
	inDir(t, "")
	for _, settings := range []any{nil, map[string]any{}} {
		cfg := newPlugin(t, settings).Config()
		want := config.Default()
		if cfg.Labels != want.Labels || cfg.Separator != want.Separator || cfg.NestedDepth != want.NestedDepth ||
			cfg.RepositoryPattern != want.RepositoryPattern || !cfg.IncludeTests {
			t.Errorf("settings %v: got %+v, want the defaults", settings, cfg)
		}
		if cfg.FixScope != config.FixSingleFile {
			t.Errorf("settings %v: fix scope %s, want single-file: golangci-lint drops edits outside the diagnostic's file", settings, cfg.FixScope)
		}
	}
}

func TestGoodSettings(t *testing.T) {
	inDir(t, "")
	// The shape golangci-lint hands over: its YAML decoded into generic maps.
	settings := map[string]any{
		"tenant-types":            []any{"example.com/ids.OrgID"},
		"tenant-names":            []any{"orgSlug", "OrgSlug"},
		"capsule-names":           []any{"projectKey", "ProjectKey"},
		"labels":                  map[string]any{"tenant": "org", "capsule": "proj"},
		"case-insensitive-labels": true,
		"separator":               "|",
		"repository-pattern":      "(Repository|Dao)$",
		"nested-depth":            2,
		"capsule-source":          map[string]any{"import": "example.com/internal/reqctx", "expr": "reqctx.Capsule({ctx})"},
		"global-labels":           []any{"CURRENCY"},
		"include-tests":           false,
	}
	cfg := newPlugin(t, settings).Config()
	if got := strings.Join(cfg.TenantNames, ","); got != "orgSlug,OrgSlug" {
		t.Errorf("tenant-names = %s", got)
	}
	if got := strings.Join(cfg.TenantTypes, ","); got != "example.com/ids.OrgID" {
		t.Errorf("tenant-types = %s", got)
	}
	if cfg.Labels != (config.Labels{Tenant: "org", Capsule: "proj"}) {
		t.Errorf("labels = %+v", cfg.Labels)
	}
	if !cfg.CaseInsensitiveLabels || cfg.Separator != "|" || cfg.NestedDepth != 2 || cfg.IncludeTests {
		t.Errorf("scalars not applied: %+v", cfg)
	}
	if cfg.RepositoryPattern != "(Repository|Dao)$" || cfg.KeyhelperPattern != config.DefaultKeyhelperPattern {
		t.Errorf("patterns = %q, %q", cfg.RepositoryPattern, cfg.KeyhelperPattern)
	}
	if cfg.CapsuleSource.Import != "example.com/internal/reqctx" || cfg.CapsuleSource.Expr != "reqctx.Capsule({ctx})" {
		t.Errorf("capsule-source = %+v", cfg.CapsuleSource)
	}
	if cfg.FixScope != config.FixSingleFile {
		t.Errorf("fix scope %s, want single-file", cfg.FixScope)
	}
	if _, err := config.Compile(cfg); err != nil {
		t.Errorf("Compile: %v", err)
	}
}

// The plugin's settings apply over capsulelint.yaml: file keys the
// settings do not name survive.
func TestSettingsOverFile(t *testing.T) {
	inDir(t, "tenant-names: [orgSlug]\nglobal-labels: [SCHEMA]\n")
	cfg := newPlugin(t, map[string]any{"global-labels": []any{"CURRENCY"}}).Config()
	if got := strings.Join(cfg.TenantNames, ","); got != "orgSlug" {
		t.Errorf("tenant-names from the file = %q, want orgSlug", got)
	}
	if got := strings.Join(cfg.GlobalLabels, ","); got != "CURRENCY" {
		t.Errorf("global-labels = %q, want the settings' CURRENCY", got)
	}
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		file     string
		settings any
		want     []string // substrings of the error
	}{
		{"unknown key", "", map[string]any{"tenant-name": []any{"orgSlug"}}, []string{`"tenant-name"`, "tenant-names"}},
		{"unknown nested key", "", map[string]any{"labels": map[string]any{"tennant": "ORG"}}, []string{`"tennant"`}},
		{"bad regexp", "", map[string]any{"repository-pattern": "(Repo"}, []string{"repository-pattern", "(Repo"}},
		{"bad keyhelper regexp", "", map[string]any{"keyhelper-pattern": "[gsi"}, []string{"keyhelper-pattern"}},
		{"wrong type", "", map[string]any{"nested-depth": "deep"}, []string{"deep"}},
		{"not a map", "", []any{"tenant-names"}, []string{"capsulelint settings"}},
		{"bad file", "nosuchkey: 1\n", nil, []string{"nosuchkey", config.FileName}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inDir(t, tc.file)
			lp, err := New(tc.settings)
			if err == nil {
				t.Fatalf("New(%v) = %+v, want an error", tc.settings, lp)
			}
			t.Log(err)
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %s", err, w)
				}
			}
		})
	}
}

func TestWithoutRelated(t *testing.T) {
	var got []analysis.Diagnostic
	pass := &analysis.Pass{Report: func(d analysis.Diagnostic) { got = append(got, d) }}
	run := withoutRelated(func(pass *analysis.Pass) (any, error) {
		pass.Report(analysis.Diagnostic{Pos: 1, Message: "m",
			Related:        []analysis.RelatedInformation{{Pos: 2, Message: "call site"}},
			SuggestedFixes: []analysis.SuggestedFix{{Message: "fix"}}})
		return "result", nil
	})
	res, err := run(pass)
	if res != "result" || err != nil {
		t.Errorf("run = %v, %v", res, err)
	}
	if len(got) != 1 || got[0].Related != nil || got[0].Message != "m" || len(got[0].SuggestedFixes) != 1 {
		t.Errorf("reported %+v, want the diagnostic without Related", got)
	}
}
