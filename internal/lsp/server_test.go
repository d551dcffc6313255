package lsp

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/lsp/lsptest"
)

// versionAnalyzer reports every `const Version = "..."` with its value,
// and fixes it to "fixed". A value "slow" blocks until release is
// closed, to test cancellation and stale results.
type versionAnalyzer struct {
	release chan struct{}
	started chan string // receives the value of each run's first Version
	runs    sync.Map    // value → number of runs
}

func (v *versionAnalyzer) analyzers(config.Config) []*analysis.Analyzer {
	return []*analysis.Analyzer{{
		Name:     "version",
		Doc:      "reports Version constants",
		URL:      "https://example.com/version",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run:      v.run,
	}}
}

func (v *versionAnalyzer) run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	first := true
	for n := range insp.PreorderSeq((*ast.ValueSpec)(nil)) {
		spec := n.(*ast.ValueSpec)
		if len(spec.Names) != 1 || spec.Names[0].Name != "Version" || len(spec.Values) != 1 {
			continue
		}
		lit, ok := spec.Values[0].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			continue
		}
		value, _ := strconv.Unquote(lit.Value)
		if first && v.started != nil {
			first = false
			v.started <- value
		}
		if value == "slow" {
			<-v.release
		}
		if value == "panic" {
			panic("version analyzer panics")
		}
		n, _ := v.runs.LoadOrStore(value, new(int))
		*n.(*int)++
		// The fix's title quotes the source text, read as analyzers that
		// copy source into fixes do.
		tf := pass.Fset.File(lit.Pos())
		src, err := pass.ReadFile(tf.Name())
		if err != nil || tf.Offset(lit.End()) > len(src) {
			return nil, fmt.Errorf("ReadFile(%s): %v", tf.Name(), err)
		}
		pass.Report(analysis.Diagnostic{
			Pos:     spec.Names[0].Pos(),
			Message: "version " + value,
			Related: []analysis.RelatedInformation{{Pos: lit.Pos(), End: lit.End(), Message: "the value"}},
			SuggestedFixes: []analysis.SuggestedFix{{
				Message:   "set " + string(src[tf.Offset(lit.Pos()):tf.Offset(lit.End())]) + " to fixed",
				TextEdits: []analysis.TextEdit{{Pos: lit.Pos(), End: lit.End(), NewText: []byte(`"fixed"`)}},
			}},
		})
	}
	return nil, nil
}

type testServer struct {
	*lsptest.Client
	dir  string
	done chan error
	in   *io.PipeWriter
}

// startServer runs Serve in-process on a temp module with package p in
// dir/p and files.
func startServer(t *testing.T, opts Options, files map[string]string) *testServer {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.26\n"
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if opts.Log == nil {
		opts.Log = tlog{t}
		opts.Verbose = true
	}
	cr, sw := io.Pipe() // server → client
	sr, cw := io.Pipe() // client → server
	ts := &testServer{dir: dir, done: make(chan error, 1), in: cw}
	go func() {
		ts.done <- Serve(context.Background(), sr, sw, opts)
		sw.Close()
	}()
	ts.Client = lsptest.New(t, cr, cw)
	t.Cleanup(func() {
		cw.Close()
		select {
		case <-ts.done:
		case <-time.After(30 * time.Second):
			t.Error("Serve did not return after the client closed the connection")
		}
	})
	return ts
}

type tlog struct{ t *testing.T }

func (l tlog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func (ts *testServer) path(name string) string { return filepath.Join(ts.dir, name) }

func (ts *testServer) write(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(ts.path(name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func messages(p protocol.PublishDiagnosticsParams) []string {
	var out []string
	for _, d := range p.Diagnostics {
		out = append(out, d.Message)
	}
	return out
}

func TestPublishAndQuickFix(t *testing.T) {
	v := &versionAnalyzer{}
	ts := startServer(t, Options{Analyzers: v.analyzers}, map[string]string{
		"p/a.go":      "package p\n\n// “Version” — the café’s 🏢\nconst /* 🏢 */ Version = \"v1\"\n",
		"p/b.go":      "package p\n",
		"p/a_test.go": "package p\n\nconst testVersion = Version\n",
		"p/x_test.go": "package p_test\n\nimport \"example.com/m/p\"\n\nconst Version = p.Version + \"x\"\n",
	})
	ts.Initialize(lsptest.Neovim07Capabilities, ts.dir)
	a := ts.path("p/a.go")
	mark := ts.Mark()
	ts.Open(a, 1)
	pub, _ := ts.AwaitDiagnostics(mark, a, time.Minute)
	if len(pub.Diagnostics) != 1 {
		t.Fatalf("a.go: %+v, want one diagnostic", pub.Diagnostics)
	}
	d := pub.Diagnostics[0]
	// Line 4 `const /* 🏢 */ Version`: "Version" starts after 9 runes, the
	// emoji counting 2 UTF-16 units: column 15.
	if want := (protocol.Range{Start: protocol.Position{Line: 3, Character: 15}, End: protocol.Position{Line: 3, Character: 22}}); d.Range != want {
		t.Errorf("range %+v, want %+v (UTF-16)", d.Range, want)
	}
	if d.Code != "version" || d.Source != "capsulelint" || d.Severity != protocol.DiagnosticSeverityWarning || d.Message != "version v1" ||
		d.CodeDescription == nil || d.CodeDescription.Href != "https://example.com/version" {
		t.Errorf("diagnostic %+v", d)
	}
	if len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Location.Range.Start.Character != 25 {
		t.Errorf("related %+v, want the value at column 25", d.RelatedInformation)
	}
	// Every file of the package is published: b.go and the test files
	// empty, the external test's own Version reported.
	for _, name := range []string{"p/b.go", "p/a_test.go"} {
		if p, _ := ts.AwaitDiagnostics(mark, ts.path(name), time.Minute); len(p.Diagnostics) != 0 {
			t.Errorf("%s: %v, want none", name, messages(p))
		}
	}
	if p, _ := ts.AwaitDiagnostics(mark, ts.path("p/x_test.go"), time.Minute); len(p.Diagnostics) != 0 {
		t.Errorf("x_test.go: %v, want none (its Version is not a literal)", messages(p))
	}

	actions := ts.CodeActions(a, protocol.Range{Start: protocol.Position{Line: 3, Character: 30}, End: protocol.Position{Line: 3, Character: 30}}, nil)
	if len(actions) != 0 {
		t.Errorf("actions after the diagnostic: %+v, want none", actions)
	}
	// A client sending the line range with the diagnostic in context.
	actions = ts.CodeActions(a, protocol.Range{Start: protocol.Position{Line: 3}, End: protocol.Position{Line: 4}}, []protocol.Diagnostic{d})
	if len(actions) != 1 || actions[0].Title != `set "v1" to fixed` || !actions[0].IsPreferred {
		t.Fatalf("actions %+v, want the fix", actions)
	}
	files := lsptest.ApplyEdit(t, actions[0].Edit, false)
	if got := string(files[a]); !strings.Contains(got, `Version = "fixed"`) {
		t.Fatalf("after the fix:\n%s", got)
	}
	mark = ts.Mark()
	ts.Save(a) // no didChange: the server reads the saved file
	pub, _ = ts.AwaitDiagnostics(mark, a, time.Minute)
	if got := messages(pub); len(got) != 1 || got[0] != "version fixed" {
		t.Errorf("after save: %v, want [version fixed]", got)
	}

	ts.Shutdown()
	if err := <-ts.done; err != nil {
		t.Errorf("Serve after shutdown and exit: %v, want nil", err)
	}
	ts.done <- nil
}

// TestOverlayAndStaleCodeActions: a debounced didChange analyses the
// unsaved buffer; code actions computed for an older buffer are not
// offered.
func TestOverlayAndStaleCodeActions(t *testing.T) {
	v := &versionAnalyzer{}
	ts := startServer(t, Options{Analyzers: v.analyzers, Debounce: 50 * time.Millisecond}, map[string]string{
		"p/a.go": "package p\n\nconst Version = \"v1\"\n",
	})
	ts.Initialize(`{"general": {"positionEncodings": ["utf-16"]}}`, ts.dir)
	a := ts.path("p/a.go")
	mark := ts.Mark()
	ts.Open(a, 1)
	pub, _ := ts.AwaitDiagnostics(mark, a, time.Minute)
	if got := messages(pub); len(got) != 1 || got[0] != "version v1" {
		t.Fatalf("open: %v", got)
	}
	d := pub.Diagnostics[0]

	mark = ts.Mark()
	ts.Change(a, 2, "package p\n\nconst Version = \"v2\"\n")
	// Until the re-analysis the fix for v1 is stale.
	if actions := ts.CodeActions(a, d.Range, []protocol.Diagnostic{d}); len(actions) != 0 {
		t.Errorf("stale actions %+v, want none", actions)
	}
	pub, _ = ts.AwaitDiagnostics(mark, a, time.Minute)
	if got := messages(pub); len(got) != 1 || got[0] != "version v2" || pub.Version != 2 {
		t.Fatalf("after didChange: %v (version %d), want [version v2] for version 2", got, pub.Version)
	}
	if actions := ts.CodeActions(a, pub.Diagnostics[0].Range, nil); len(actions) != 1 || actions[0].Title != `set "v2" to fixed` {
		t.Errorf("actions %+v, want one whose title quotes the unsaved buffer", actions)
	}
	// An unsaved import: go list with the buffer as an overlay.
	mark = ts.Mark()
	ts.Change(a, 3, "package p\n\nimport \"strings\"\n\nconst Version = \"v3\"\n\nvar _ = strings.ToUpper\n")
	pub, _ = ts.AwaitDiagnostics(mark, a, time.Minute)
	if got := messages(pub); len(got) != 1 || got[0] != "version v3" || pub.Version != 3 {
		t.Fatalf("after didChange with an import: %v (version %d), want [version v3] for version 3", got, pub.Version)
	}
	if actions := ts.CodeActions(a, pub.Diagnostics[0].Range, nil); len(actions) != 1 || actions[0].Title != `set "v3" to fixed` ||
		actions[0].Edit.Changes[pub.URI][0].Range.Start.Line != 4 {
		t.Errorf("actions %+v, want one for the buffer's line 5", actions)
	}
	if data, _ := os.ReadFile(a); !strings.Contains(string(data), "v1") {
		t.Errorf("the server wrote the file")
	}
}

// TestNewerSaveWins: while the analysis of an older save runs, a newer
// save is analysed and published, and the older result is dropped.
func TestNewerSaveWins(t *testing.T) {
	v := &versionAnalyzer{release: make(chan struct{}), started: make(chan string, 10)}
	ts := startServer(t, Options{Analyzers: v.analyzers}, map[string]string{
		"p/a.go": "package p\n\nconst Version = \"slow\"\n",
	})
	ts.Initialize(lsptest.Neovim07Capabilities, ts.dir)
	a := ts.path("p/a.go")
	mark := ts.Mark()
	ts.Open(a, 1)
	if got := <-v.started; got != "slow" {
		t.Fatalf("first analysis saw %q", got)
	}
	ts.write(t, "p/a.go", "package p\n\nconst Version = \"v2\"\n")
	ts.Change(a, 2, "package p\n\nconst Version = \"v2\"\n")
	ts.Save(a)
	pub, _ := ts.AwaitDiagnostics(mark, a, time.Minute)
	if got := messages(pub); len(got) != 1 || got[0] != "version v2" {
		t.Fatalf("first publish: %v, want [version v2] (the slow, older analysis must not publish)", got)
	}
	close(v.release)
	mark = ts.Mark()
	if n, ok := ts.Await(mark, 2*time.Second, func(n lsptest.Notification) bool {
		return strings.Contains(string(n.Params), "version slow")
	}); ok {
		t.Errorf("stale result published: %s", n.Params)
	}
}

// TestProblems: a package that does not type-check, an analyzer that
// panics and a file outside any module each give one diagnostic at line
// 1 and leave the server running.
func TestProblems(t *testing.T) {
	v := &versionAnalyzer{}
	ts := startServer(t, Options{Analyzers: v.analyzers}, map[string]string{
		"p/a.go": "package p\n\nconst Version = \"v1\"\n\nvar x int = \"s\"\n",
		"q/q.go": "package q\n\nconst Version = \"panic\"\n",
	})
	ts.Initialize(lsptest.Neovim07Capabilities, ts.dir)
	check := func(file, want string) {
		t.Helper()
		mark := ts.Mark()
		ts.Open(file, 1)
		pub, _ := ts.AwaitDiagnostics(mark, file, time.Minute)
		if len(pub.Diagnostics) != 1 || pub.Diagnostics[0].Range.Start.Line != 0 || !strings.Contains(pub.Diagnostics[0].Message, want) {
			t.Errorf("%s: %+v, want one diagnostic at line 1 containing %q", file, pub.Diagnostics, want)
		} else {
			t.Logf("%s: %s", filepath.Base(file), pub.Diagnostics[0].Message)
		}
	}
	check(ts.path("p/a.go"), "not analysed until example.com/m/p type-checks")
	check(ts.path("q/q.go"), "version failed on example.com/m/q: panic: version analyzer panics")
	loose := filepath.Join(t.TempDir(), "loose.go")
	if err := os.WriteFile(loose, []byte("package loose\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	check(loose, "capsulelint: ")

	ts.Notify(protocol.MethodExit, nil)
	if err := <-ts.done; !errors.Is(err, ErrNoShutdown) {
		t.Errorf("Serve after exit without shutdown: %v, want ErrNoShutdown", err)
	}
	ts.done <- nil
}

// TestCachedReload: saves that keep the imports re-check against the
// cached dependencies; a new import, or an edit in a dependency, goes
// through go list again, and the results are the same either way.
func TestCachedReload(t *testing.T) {
	v := &versionAnalyzer{}
	var logs strings.Builder
	var mu sync.Mutex
	ts := startServer(t, Options{Analyzers: v.analyzers, Verbose: true, Log: writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		t.Log(strings.TrimSpace(string(p)))
		return logs.Write(p)
	})}, map[string]string{
		"dep/dep.go":  "package dep\n\nconst V = \"d1\"\n",
		"p/a.go":      "package p\n\nimport \"example.com/m/dep\"\n\nconst Version = dep.V\n\nconst Other = \"o1\"\n",
		"p/a_test.go": "package p\n\nconst Version2 = Version\n",
		"p/x_test.go": "package p_test\n\nimport \"example.com/m/p\"\n\nconst Version = \"x\" + p.Other\n",
	})
	ts.Initialize(lsptest.Neovim07Capabilities, ts.dir)
	a := ts.path("p/a.go")
	step := func(content, wantVia string, want ...string) {
		t.Helper()
		mu.Lock()
		logs.Reset()
		mu.Unlock()
		ts.write(t, "p/a.go", content)
		mark := ts.Mark()
		ts.Save(a)
		pub, _ := ts.AwaitDiagnostics(mark, a, time.Minute)
		got := messages(pub)
		ok := len(got) == len(want)
		for i := 0; ok && i < len(got); i++ {
			ok = strings.Contains(got[i], want[i])
		}
		if !ok {
			t.Errorf("diagnostics %q, want %q", got, want)
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			mu.Lock()
			l := logs.String()
			mu.Unlock()
			if strings.Contains(l, "("+wantVia+")") {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("log %q, want a load through %s", l, wantVia)
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	mark := ts.Mark()
	ts.Open(a, 1)
	ts.AwaitDiagnostics(mark, a, time.Minute)
	// Same imports: the cache serves.
	step("package p\n\nimport \"example.com/m/dep\"\n\nconst Version = \"v1\" + dep.V\n\nconst Other = \"o1\"\n", "cached dependencies") // not a literal
	step("package p\n\nimport \"example.com/m/dep\"\n\nconst Version = \"v2\"\n\nvar _ = dep.V\n\nconst Other = \"o1\"\n", "cached dependencies", "version v2")
	// A type error in the fast path falls back to go list, which agrees;
	// a load that failed to compile is not cached.
	step("package p\n\nimport \"example.com/m/dep\"\n\nconst Version = \"v3\"\n\nvar _ = dep.Missing\n", "go list", "not analysed")
	step("package p\n\nimport \"example.com/m/dep\"\n\nconst Version = \"v4\"\n\nvar _ = dep.V\n\nconst Other = \"o1\"\n", "go list", "version v4")
	step("package p\n\nimport \"example.com/m/dep\"\n\nconst Version = \"v4b\"\n\nvar _ = dep.V\n\nconst Other = \"o1\"\n", "cached dependencies", "version v4b")
	// A new import.
	step("package p\n\nimport (\n\t\"strings\"\n\n\t\"example.com/m/dep\"\n)\n\nconst Version = \"v5\"\n\nvar _ = dep.V + strings.Repeat(\"\", 1)\n\nconst Other = \"o1\"\n", "go list", "version v5")
	step("package p\n\nimport (\n\t\"strings\"\n\n\t\"example.com/m/dep\"\n)\n\nconst Version = \"v6\"\n\nvar _ = dep.V + strings.Repeat(\"\", 1)\n\nconst Other = \"o1\"\n", "cached dependencies", "version v6")
	// An edit in the dependency: its new API is seen.
	dep := ts.path("dep/dep.go")
	ts.write(t, "dep/dep.go", "package dep\n\nconst V = \"d1\"\n\nconst W = \"d2\"\n")
	mark = ts.Mark()
	ts.Open(dep, 1)
	ts.Save(dep)
	ts.AwaitDiagnostics(mark, dep, time.Minute)
	step("package p\n\nimport (\n\t\"strings\"\n\n\t\"example.com/m/dep\"\n)\n\nconst Version = \"v7\"\n\nvar _ = dep.W + strings.Repeat(\"\", 1)\n\nconst Other = \"o1\"\n", "go list", "version v7")
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
