package integration

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/capsulelint/capsulelint/internal/lsp/lsptest"
)

// buildsAndPasses fails t unless the module in dir builds, vets and
// passes its tests.
func buildsAndPasses(t *testing.T, dir, route string) {
	t.Helper()
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}, {"test", "./..."}} {
		if out, errOut, code := run(t, dir, nil, "go", args...); code != 0 {
			t.Fatalf("after %s, go %s fails:\n%s%s", route, strings.Join(args, " "), out, errOut)
		}
	}
}

// TestFixRouteBuilds: capsulelint -fix completes every signature change
// across packages (callers, implementations, fakes in tests), so the
// module still builds and its tests pass; a second run has nothing left.
func TestFixRouteBuilds(t *testing.T) {
	needTools(t)
	dir := fixture(t, "routes")
	buildsAndPasses(t, dir, "nothing")
	before := snapshot(t, dir)
	bin := capsulelintBin(t)

	diff, stderr, code := run(t, dir, nil, bin, "-fix", "-diff", "./...")
	if changed := changedFiles(t, dir, before); len(changed) != 0 {
		t.Fatalf("-fix -diff changed %v", changed)
	}
	if code != 0 || !strings.Contains(diff, "+++ b/handlers/handlers_test.go") {
		t.Fatalf("-fix -diff: exit %d, want 0 and a diff reaching the fake in handlers_test.go:\n%s%s", code, diff, stderr)
	}

	stdout, stderr, code := run(t, dir, nil, bin, "-fix", "./...")
	if code != 0 {
		t.Fatalf("-fix: exit %d, want 0 (every fix applied)\n%s%s", code, stdout, stderr)
	}
	changed := changedFiles(t, dir, before)
	for _, want := range []string{"keys/keys.go", "store/store.go", "memstore/memstore.go", "handlers/handlers.go", "handlers/handlers_test.go", "memstore/memstore_test.go", "model/model.go"} {
		if !slices.Contains(changed, want) {
			t.Errorf("-fix did not change %s (changed %v)", want, changed)
		}
	}
	for file, want := range map[string]string{
		"keys/keys.go":              `"TENANT#%s#CAPSULE#%s#INVOICES", tenantID, capsuleID`,
		"memstore/memstore.go":      "keys.InvoicePK(tenantID, capsuleID)",
		"handlers/handlers_test.go": "Get(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id ids.InvoiceID)",
		"handlers/handlers.go":      "h.Invoices.Get(ctx, tenantID, ids.CapsuleFromContext(ctx), id)",
	} {
		if !strings.Contains(readFile(t, dir, file), want) {
			t.Errorf("%s after -fix lacks %q:\n%s", file, want, readFile(t, dir, file))
		}
	}
	buildsAndPasses(t, dir, "capsulelint -fix")

	again := snapshot(t, dir)
	if _, stderr, code := run(t, dir, nil, bin, "-fix", "./..."); code != 0 || len(changedFiles(t, dir, again)) != 0 {
		t.Errorf("second -fix: exit %d, changed %v; want nothing left\n%s", code, changedFiles(t, dir, again), stderr)
	}
}

// TestMigrateRouteBuilds: capsulelint migrate on the same module.
func TestMigrateRouteBuilds(t *testing.T) {
	needTools(t)
	dir := fixture(t, "routes")
	if out, errOut, code := run(t, dir, nil, capsulelintBin(t), "migrate", "./..."); code != 0 {
		t.Fatalf("migrate: exit %d, want 0\n%s%s", code, out, errOut)
	}
	buildsAndPasses(t, dir, "capsulelint migrate")
}

// TestEditorRouteBuilds: the editor server's quick fix for a key helper
// in package keys carries the edits of every package that calls it, and
// the workspace builds after the client applies it.
func TestEditorRouteBuilds(t *testing.T) {
	needTools(t)
	dir := fixture(t, "routes")
	c := startServer(t, capsulelintBin(t), dir)
	c.Initialize(`{"textDocument": {"codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}}}}`, dir)
	keysGo := filepath.Join(dir, "keys", "keys.go")
	mark := c.Mark()
	c.Open(keysGo, 1)
	pub, _ := c.AwaitDiagnostics(mark, keysGo, 2*time.Minute)
	var key *protocol.Diagnostic
	for i, d := range pub.Diagnostics {
		if d.Code == "keyformat" {
			key = &pub.Diagnostics[i]
		}
	}
	if key == nil {
		t.Fatalf("no keyformat finding in keys.go: %+v", pub.Diagnostics)
	}
	actions := c.CodeActions(keysGo, key.Range, []protocol.Diagnostic{*key})
	if len(actions) != 1 {
		t.Fatalf("code actions %+v, want one", actions)
	}
	files := lsptest.ApplyEdit(t, actions[0].Edit, false)
	var got []string
	for f := range files {
		rel, _ := filepath.Rel(dir, f)
		got = append(got, filepath.ToSlash(rel))
	}
	slices.Sort(got)
	if want := []string{"keys/keys.go", "memstore/memstore.go"}; !slices.Equal(got, want) {
		t.Errorf("the quick fix %q edits %v, want %v", actions[0].Title, got, want)
	}
	if out, errOut, code := run(t, dir, nil, "go", "vet", "./..."); code != 0 {
		t.Fatalf("after the quick fix, go vet fails:\n%s%s", out, errOut)
	}
	c.Shutdown()
}

// startServer runs capsulelint lsp in dir and returns a client of it.
func startServer(t *testing.T, bin, dir string) *lsptest.Client {
	t.Helper()
	cmd := exec.Command(bin, "lsp")
	cmd.Dir = dir
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = outW
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	outW.Close()
	t.Cleanup(func() {
		stdin.Close()
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		outR.Close()
		if t.Failed() {
			t.Logf("capsulelint lsp stderr:\n%s", stderr.String())
		}
	})
	return lsptest.New(t, outR, stdin)
}
