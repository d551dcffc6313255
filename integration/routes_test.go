package integration

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
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

// neovimScript drives Neovim's built-in LSP client headless: open
// keys/keys.go, wait for capsulelint's diagnostics, ask for the code
// actions at the keyformat finding, let the client apply the
// WorkspaceEdit (opening the other files it names) and write every
// buffer. It reports to the file given as the first script argument.
const neovimScript = `
local bin, out = _G.capsulelint_bin, _G.capsulelint_out
local report = {}
local function finish(msg)
  table.insert(report, msg)
  vim.fn.writefile(report, out)
  vim.cmd('qa!')
end
local id = vim.lsp.start_client({name = 'capsulelint', cmd = {bin, 'lsp'}, root_dir = vim.fn.getcwd()})
vim.cmd('edit keys/keys.go')
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)
local found
vim.wait(120000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'keyformat' or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == 'keyformat') then found = d end
  end
  return found ~= nil
end, 100)
if not found then return finish('no keyformat diagnostic') end
vim.api.nvim_win_set_cursor(0, {found.lnum + 1, found.col})
local params = vim.lsp.util.make_range_params()
params.context = {diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf)}
local results = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 120000) or {}
local n = 0
for _, res in pairs(results) do
  for _, action in ipairs(res.result or {}) do
    if action.edit then
      n = n + 1
      table.insert(report, 'title: ' .. action.title)
      vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
    end
  end
end
vim.cmd('silent! wall')
finish('applied ' .. n)
`

// TestNeovimQuickFixAcrossPackages: Neovim's own LSP client applies the
// quick fix, and the workspace builds.
func TestNeovimQuickFixAcrossPackages(t *testing.T) {
	needTools(t)
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("CAPSULELINT_CI") != "" {
			t.Fatal("CAPSULELINT_CI is set but nvim is not on PATH (.ci/run installs Debian's neovim)")
		}
		t.Skip("nvim not on PATH (Debian: apt-get install neovim)")
	}
	dir := fixture(t, "routes")
	script := filepath.Join(t.TempDir(), "fix.lua")
	report := filepath.Join(t.TempDir(), "report.txt")
	if err := os.WriteFile(script, []byte(neovimScript), 0o644); err != nil {
		t.Fatal(err)
	}
	setup := "lua _G.capsulelint_bin = " + luaString(capsulelintBin(t)) + "; _G.capsulelint_out = " + luaString(report)
	cmd := exec.Command(nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", setup, "-c", "luafile "+script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+t.TempDir(), "XDG_DATA_HOME="+t.TempDir())
	done := make(chan error, 1)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(4 * time.Minute):
		cmd.Process.Kill()
		t.Fatalf("nvim did not finish:\n%s", out.String())
	}
	got, _ := os.ReadFile(report)
	t.Logf("neovim: %s", got)
	if !strings.Contains(string(got), "applied 1") {
		t.Fatalf("neovim applied no quick fix: %s\n%s", got, out.String())
	}
	if !strings.Contains(readFile(t, dir, "memstore/memstore.go"), "keys.InvoicePK(tenantID, ids.CapsuleFromContext(ctx))") {
		t.Errorf("the caller in memstore was not updated:\n%s", readFile(t, dir, "memstore/memstore.go"))
	}
	if out, errOut, code := run(t, dir, nil, "go", "vet", "./..."); code != 0 {
		t.Fatalf("after Neovim applied the quick fix, go vet fails:\n%s%s", out, errOut)
	}
}

func luaString(s string) string { return strconv.Quote(s) }
