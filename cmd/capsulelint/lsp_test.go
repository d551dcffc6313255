package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/capsulelint/capsulelint/internal/lsp/lsptest"
)

// lspFixture is a module with an entity without a capsule ID
// (capsulefield; its fix adds the field in the same file) and a
// repository method without one (repocapsule; its fix changes the
// interface, the implementation and the call sites, one in a _test.go
// file). The comment after TenantID puts non-ASCII text before the
// capsulefield fix's insertion point, so UTF-16 columns matter.
var lspFixture = map[string]string{
	"go.mod": "module example.com/shop\n\ngo 1.26\n",
	"ids/ids.go": `// Package ids holds the tenant and capsule ID types.
package ids

// TenantID identifies a tenant.
type TenantID string

// CapsuleID identifies a capsule of a tenant.
type CapsuleID string
`,
	"model/order.go": `// Package model holds the entities.
package model

import "example.com/shop/ids"

// Order is an entity: café orders.
type Order struct {
	ID       string       ` + "`json:\"id\"`" + `
	TenantID ids.TenantID ` + "`json:\"tenant_id\"`" + ` // Mandant — “tenant” 🏢
	Total    int          ` + "`json:\"total\"`" + `
}
`,
	"repository/orders.go": `// Package repository stores orders.
package repository

import (
	"context"

	"example.com/shop/ids"
)

// OrderRepository reads orders.
type OrderRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID, id string) (string, error)
}

type memOrders struct{ rows map[string]string }

func (m *memOrders) Get(ctx context.Context, tenantID ids.TenantID, id string) (string, error) {
	return m.rows[string(tenantID)+"/"+id], nil
}

// Lookup reads one order of a capsule.
func Lookup(ctx context.Context, r OrderRepository, tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) (string, error) {
	return r.Get(ctx, tenantID, id)
}
`,
	"repository/orders_test.go": `package repository

import (
	"context"
	"testing"

	"example.com/shop/ids"
)

func TestGet(t *testing.T) {
	var capsuleID ids.CapsuleID = "c"
	_ = capsuleID
	m := &memOrders{rows: map[string]string{"t/1": "x"}}
	if got, _ := m.Get(context.Background(), "t", "1"); got != "x" {
		t.Fatal(got)
	}
}
`,
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// buildCapsulelint builds the command into a temp dir.
func buildCapsulelint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "capsulelint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// syncBuffer is a bytes.Buffer safe for the process's stderr copier and
// the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// lspProcess is "capsulelint lsp" running as a subprocess.
type lspProcess struct {
	*lsptest.Client
	cmd    *exec.Cmd
	stderr *syncBuffer
	done   chan error
}

func startLSP(t *testing.T, bin, dir string, args ...string) *lspProcess {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"lsp"}, args...)...)
	cmd.Dir = dir
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	// An os.Pipe rather than StdoutPipe: Wait must not close the reader
	// under the client.
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = outW
	p := &lspProcess{cmd: cmd, stderr: &syncBuffer{}, done: make(chan error, 1)}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	outW.Close()
	go func() { p.done <- cmd.Wait(); outR.Close() }()
	p.Client = lsptest.New(t, outR, stdin)
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-p.done
		}
		if t.Failed() {
			t.Logf("capsulelint lsp stderr:\n%s", p.stderr.String())
		}
	})
	return p
}

// wait returns the exit code of the server.
func (p *lspProcess) wait(t *testing.T) int {
	t.Helper()
	select {
	case err := <-p.done:
		p.done <- err
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(30 * time.Second):
		t.Fatal("capsulelint lsp did not exit within 30s")
		return -1
	}
}

func goIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// only returns the single diagnostic of p with code, failing otherwise.
func only(t *testing.T, p protocol.PublishDiagnosticsParams, code string) protocol.Diagnostic {
	t.Helper()
	var found []protocol.Diagnostic
	for _, d := range p.Diagnostics {
		if d.Code == code {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%s: want one %s diagnostic, got %+v", p.URI, code, p.Diagnostics)
	}
	d := found[0]
	if d.Source != "capsulelint" || d.Severity != protocol.DiagnosticSeverityWarning {
		t.Errorf("diagnostic source %q severity %v, want capsulelint and Warning (2)", d.Source, d.Severity)
	}
	return d
}

// TestLSPQuickFixes runs capsulelint lsp as Neovim 0.7 would: initialize
// with its capabilities, didOpen, publishDiagnostics, codeAction for the
// diagnostic, apply the WorkspaceEdit, go build, didChange/didSave, the
// diagnostic is gone; then shutdown and exit 0.
func TestLSPQuickFixes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds capsulelint and runs the go command")
	}
	bin := buildCapsulelint(t)
	dir := t.TempDir()
	writeTree(t, dir, lspFixture)
	p := startLSP(t, bin, dir)

	raw := p.Initialize(lsptest.Neovim07Capabilities, dir)
	var init struct {
		Capabilities struct {
			TextDocumentSync struct {
				OpenClose bool `json:"openClose"`
				Change    int  `json:"change"`
				Save      *struct {
					IncludeText bool `json:"includeText"`
				} `json:"save"`
			} `json:"textDocumentSync"`
			CodeActionProvider struct {
				CodeActionKinds []string `json:"codeActionKinds"`
			} `json:"codeActionProvider"`
			PositionEncoding *string `json:"positionEncoding"`
		} `json:"capabilities"`
	}
	if err := json.Unmarshal(raw, &init); err != nil {
		t.Fatalf("initialize result %s: %v", raw, err)
	}
	caps := init.Capabilities
	if !caps.TextDocumentSync.OpenClose || caps.TextDocumentSync.Change != 1 || caps.TextDocumentSync.Save == nil || caps.TextDocumentSync.Save.IncludeText ||
		!slices.Equal(caps.CodeActionProvider.CodeActionKinds, []string{"quickfix"}) || caps.PositionEncoding != nil {
		t.Errorf("initialize result %s: want textDocumentSync {openClose, change: 1, save: {includeText: false}}, codeActionKinds [quickfix], no positionEncoding for a client without general.positionEncodings", raw)
	}

	t.Run("capsulefield", func(t *testing.T) {
		order := filepath.Join(dir, "model", "order.go")
		mark := p.Mark()
		p.Open(order, 1)
		pub, _ := p.AwaitDiagnostics(mark, order, time.Minute)
		d := only(t, pub, "capsulefield")
		// "type Order struct" is line 7: LSP line 6, "Order" at columns 5-10.
		if want := (protocol.Range{Start: protocol.Position{Line: 6, Character: 5}, End: protocol.Position{Line: 6, Character: 10}}); d.Range != want {
			t.Errorf("capsulefield range %+v, want %+v", d.Range, want)
		}
		if len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Location.Range.Start.Line != 8 || !lsptest.SamePath(string(d.RelatedInformation[0].Location.URI), order) {
			t.Errorf("related information %+v, want the TenantID field at LSP line 8", d.RelatedInformation)
		}

		// Neovim 0.7's code_action: the cursor position and the line's
		// diagnostics.
		cursor := protocol.Range{Start: protocol.Position{Line: 6, Character: 7}, End: protocol.Position{Line: 6, Character: 7}}
		actions := p.CodeActions(order, cursor, []protocol.Diagnostic{d})
		if len(actions) != 1 {
			t.Fatalf("code actions at the diagnostic: %+v, want one", actions)
		}
		a := actions[0]
		if a.Kind != protocol.QuickFix || !a.IsPreferred || a.Edit == nil || len(a.Edit.Changes) != 1 || len(a.Edit.DocumentChanges) != 0 {
			t.Errorf("code action %+v: want a preferred quickfix with one file in changes and no documentChanges", a)
		}
		if got := p.CodeActions(order, protocol.Range{Start: protocol.Position{Line: 1}, End: protocol.Position{Line: 1}}, nil); len(got) != 0 {
			t.Errorf("code actions on line 2: %+v, want none", got)
		}
		var filtered []protocol.CodeAction
		p.Call(protocol.MethodTextDocumentCodeAction, map[string]any{
			"textDocument": map[string]any{"uri": lsptest.URI(order)}, "range": cursor,
			"context": map[string]any{"diagnostics": []any{}, "only": []string{"refactor"}},
		}, &filtered)
		if len(filtered) != 0 {
			t.Errorf("code actions with only [refactor]: %+v, want none", filtered)
		}

		files := lsptest.ApplyEdit(t, a.Edit, false)
		text := string(files[order])
		if !strings.Contains(text, "🏢\n\tCapsuleID ids.CapsuleID `json:\"capsule_id\"`\n\tTotal") {
			t.Errorf("after the quick fix:\n%s", text)
		}
		goIn(t, dir, "build", "./...")

		mark = p.Mark()
		p.Change(order, 2, text)
		p.Save(order)
		for {
			pub, _ = p.AwaitDiagnostics(mark, order, time.Minute)
			if len(pub.Diagnostics) == 0 {
				break
			}
			mark = p.Mark() // a publish for version 1 may still arrive
		}
	})

	t.Run("repocapsule", func(t *testing.T) {
		orders := filepath.Join(dir, "repository", "orders.go")
		ordersTest := filepath.Join(dir, "repository", "orders_test.go")
		mark := p.Mark()
		p.Open(orders, 1)
		pub, _ := p.AwaitDiagnostics(mark, orders, time.Minute)
		d := only(t, pub, "repocapsule")
		if d.Range.Start.Line != 11 || d.Range.Start.Character != 1 {
			t.Errorf("repocapsule at %+v, want the interface method Get at LSP line 11, column 1", d.Range.Start)
		}
		var lines []uint32
		for _, r := range d.RelatedInformation {
			lines = append(lines, r.Location.Range.Start.Line)
		}
		if !slices.Contains(lines, 16) || !slices.Contains(lines, 22) {
			t.Errorf("related lines %v, want the implementation (16) and the call site (22)", lines)
		}
		// The test file is part of the package: published, and clean.
		if tp, _ := p.AwaitDiagnostics(mark, ordersTest, time.Minute); len(tp.Diagnostics) != 0 {
			t.Errorf("orders_test.go diagnostics %+v, want none", tp.Diagnostics)
		}

		actions := p.CodeActions(orders, d.Range, []protocol.Diagnostic{d})
		if len(actions) != 1 {
			t.Fatalf("code actions: %+v, want one", actions)
		}
		files := lsptest.ApplyEdit(t, actions[0].Edit, false)
		if _, ok := files[ordersTest]; !ok {
			t.Errorf("the fix edits %v, want the call site in orders_test.go too", slices.Collect(maps.Keys(files)))
		}
		goIn(t, dir, "build", "./...")
		goIn(t, dir, "vet", "./...") // type-checks the test files

		mark = p.Mark()
		p.Change(orders, 2, string(files[orders]))
		p.Save(orders)
		for {
			pub, _ = p.AwaitDiagnostics(mark, orders, time.Minute)
			if len(pub.Diagnostics) == 0 {
				break
			}
			mark = p.Mark()
		}
	})

	p.Shutdown()
	if code := p.wait(t); code != 0 {
		t.Errorf("exit code %d after shutdown and exit, want 0", code)
	}
}

// TestLSPPositionEncodingUTF8 negotiates UTF-8 positions (LSP 3.17
// general.positionEncodings): the server announces them and the quick
// fix applies with byte columns.
func TestLSPPositionEncodingUTF8(t *testing.T) {
	if testing.Short() {
		t.Skip("builds capsulelint and runs the go command")
	}
	bin := buildCapsulelint(t)
	dir := t.TempDir()
	writeTree(t, dir, lspFixture)
	p := startLSP(t, bin, dir)
	raw := p.Initialize(`{"general": {"positionEncodings": ["utf-8", "utf-16"]}, "textDocument": {"codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}}}}`, dir)
	if !bytes.Contains(raw, []byte(`"positionEncoding":"utf-8"`)) {
		t.Errorf("initialize result %s: want positionEncoding utf-8", raw)
	}
	order := filepath.Join(dir, "model", "order.go")
	mark := p.Mark()
	p.Open(order, 1)
	pub, _ := p.AwaitDiagnostics(mark, order, time.Minute)
	d := only(t, pub, "capsulefield")
	actions := p.CodeActions(order, d.Range, []protocol.Diagnostic{d})
	if len(actions) != 1 {
		t.Fatalf("code actions: %+v, want one", actions)
	}
	for _, edits := range actions[0].Edit.Changes {
		for _, e := range edits {
			// The insertion point is the end of the TenantID line; its
			// comment has multi-byte runes, so bytes > UTF-16 units.
			if line := strings.Split(lspFixture["model/order.go"], "\n")[e.Range.Start.Line]; int(e.Range.Start.Character) != len(line) {
				t.Errorf("edit at %+v, want byte column %d (end of %q)", e.Range.Start, len(line), line)
			}
		}
	}
	lsptest.ApplyEdit(t, actions[0].Edit, true)
	goIn(t, dir, "build", "./...")
	p.Shutdown()
	if code := p.wait(t); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
}

// TestLSPErrors checks that what cannot be analysed is said at line 1 of
// the file (or in window/showMessage) and never kills the server: a
// package that does not type-check, a bad capsulelint.yaml, a file
// outside any module; and that exit without shutdown exits 1.
func TestLSPErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("builds capsulelint and runs the go command")
	}
	bin := buildCapsulelint(t)
	dir := t.TempDir()
	writeTree(t, dir, lspFixture)
	p := startLSP(t, bin, dir)
	p.Initialize(lsptest.Neovim07Capabilities, dir)

	order := filepath.Join(dir, "model", "order.go")
	good := lspFixture["model/order.go"]
	if err := os.WriteFile(order, []byte(good+"\nvar broken int = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mark := p.Mark()
	p.Open(order, 1)
	pub, _ := p.AwaitDiagnostics(mark, order, time.Minute)
	if len(pub.Diagnostics) != 1 || pub.Diagnostics[0].Range.Start.Line != 0 || !strings.Contains(pub.Diagnostics[0].Message, "not analysed until") {
		t.Errorf("diagnostics of a package that does not type-check: %+v, want one at line 1 saying it is not analysed", pub.Diagnostics)
	}

	// A bad config: an Error diagnostic at line 1 and a showMessage.
	if err := os.WriteFile(order, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "capsulelint.yaml")
	if err := os.WriteFile(cfg, []byte("tenant-typez: [OrgID]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mark = p.Mark()
	p.Change(order, 2, good)
	p.Save(order)
	pub, _ = p.AwaitDiagnostics(mark, order, time.Minute)
	if len(pub.Diagnostics) != 1 || pub.Diagnostics[0].Severity != protocol.DiagnosticSeverityError || !strings.Contains(pub.Diagnostics[0].Message, "tenant-typez") {
		t.Errorf("diagnostics with a bad capsulelint.yaml: %+v, want one Error naming the key", pub.Diagnostics)
	}
	if _, ok := p.Await(mark, 10*time.Second, func(n lsptest.Notification) bool {
		return n.Method == protocol.MethodWindowShowMessage && bytes.Contains(n.Params, []byte("tenant-typez"))
	}); !ok {
		t.Errorf("no window/showMessage naming the bad key")
	}

	// Fixed config: back to the finding.
	if err := os.Remove(cfg); err != nil {
		t.Fatal(err)
	}
	mark = p.Mark()
	p.Save(order)
	pub, _ = p.AwaitDiagnostics(mark, order, time.Minute)
	only(t, pub, "capsulefield")

	// A Go file outside any module.
	loose := filepath.Join(t.TempDir(), "loose.go")
	if err := os.WriteFile(loose, []byte("package loose\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mark = p.Mark()
	p.Open(loose, 1)
	pub, _ = p.AwaitDiagnostics(mark, loose, time.Minute)
	if len(pub.Diagnostics) != 1 || pub.Diagnostics[0].Range.Start.Line != 0 {
		t.Errorf("diagnostics of a file outside a module: %+v, want one at line 1", pub.Diagnostics)
	}
	t.Logf("outside a module: %s", pub.Diagnostics[0].Message)

	// Still alive.
	var actions []protocol.CodeAction
	p.Call(protocol.MethodTextDocumentCodeAction, map[string]any{
		"textDocument": map[string]any{"uri": lsptest.URI(order)}, "range": protocol.Range{Start: protocol.Position{Line: 6, Character: 6}, End: protocol.Position{Line: 6, Character: 6}},
		"context": map[string]any{"diagnostics": []any{}},
	}, &actions)
	if len(actions) != 1 {
		t.Errorf("code actions after the errors: %+v, want one", actions)
	}

	p.Notify(protocol.MethodExit, nil)
	if code := p.wait(t); code != 1 {
		t.Errorf("exit code %d after exit without shutdown, want 1", code)
	}
}

// TestLSPSaveLatency measures save-to-publishDiagnostics on the bundled
// example's repository package (11 files with its tests, every
// analyzer): the first analysis after didOpen (cold: go list, export
// data of the dependencies), then saves that change the file.
func TestLSPSaveLatency(t *testing.T) {
	if testing.Short() {
		t.Skip("builds capsulelint and runs the go command")
	}
	bin := buildCapsulelint(t)
	dir := copyMigrationFixture(t)
	p := startLSP(t, bin, dir, "-v")
	p.Initialize(lsptest.Neovim07Capabilities, dir)
	file := filepath.Join(dir, "repository", "contract.go")
	mark := p.Mark()
	start := time.Now()
	p.Open(file, 1)
	pub, at := p.AwaitDiagnostics(mark, file, 2*time.Minute)
	t.Logf("didOpen → publishDiagnostics (cold): %v, %d diagnostics in contract.go", at.Sub(start).Round(time.Millisecond), len(pub.Diagnostics))
	if len(pub.Diagnostics) == 0 {
		t.Fatal("no diagnostics on the example's contract.go")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var times []time.Duration
	for i := range 7 {
		data = append(data, []byte("// edited\n")...)
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		mark := p.Mark()
		p.Change(file, int32(i+2), string(data))
		start := time.Now()
		p.Save(file)
		got, at := p.AwaitDiagnostics(mark, file, time.Minute)
		if len(got.Diagnostics) != len(pub.Diagnostics) {
			t.Errorf("save %d: %d diagnostics, want %d", i, len(got.Diagnostics), len(pub.Diagnostics))
		}
		times = append(times, at.Sub(start))
	}
	t.Logf("didSave → publishDiagnostics on testdata/migration/repository, imports unchanged (cached dependency types): %s", summary(times))

	// Saves that change the imports go through go list again.
	times = nil
	for i := range 3 {
		if i%2 == 0 {
			data = bytes.Replace(data, []byte("import (\n\t\"context\"\n"), []byte("import (\n\t\"context\"\n\t_ \"strings\"\n"), 1)
		} else {
			data = bytes.Replace(data, []byte("\t_ \"strings\"\n"), nil, 1)
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		mark := p.Mark()
		p.Change(file, int32(100+i), string(data))
		start := time.Now()
		p.Save(file)
		got, at := p.AwaitDiagnostics(mark, file, time.Minute)
		if len(got.Diagnostics) != len(pub.Diagnostics) {
			t.Errorf("import save %d: %d diagnostics, want %d", i, len(got.Diagnostics), len(pub.Diagnostics))
		}
		times = append(times, at.Sub(start))
	}
	t.Logf("didSave → publishDiagnostics on testdata/migration/repository, imports changed (go list): %s", summary(times))
	p.Shutdown()
	if code := p.wait(t); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
	for _, line := range strings.Split(p.stderr.String(), "\n") {
		if strings.Contains(line, "findings in") {
			t.Log(strings.TrimSpace(line))
		}
	}
}

func summary(times []time.Duration) string {
	times = slices.Clone(times)
	slices.Sort(times)
	return fmt.Sprintf("median %v, min %v, max %v over %d saves", times[len(times)/2].Round(time.Millisecond),
		times[0].Round(time.Millisecond), times[len(times)-1].Round(time.Millisecond), len(times))
}
