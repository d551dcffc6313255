// Package lsptest is a minimal Language Server Protocol client for tests
// of "capsulelint lsp": Content-Length framing written independently of
// the server's, requests with responses, and a log of the notifications
// the server sends. Message parameters are go.lsp.dev/protocol types.
package lsptest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"go.lsp.dev/protocol"
)

// Neovim07Capabilities are the client capabilities Neovim 0.7's
// vim.lsp.protocol.make_client_capabilities() sends (abridged to what a
// diagnostics and code action server looks at): no general section, so
// no positionEncodings; codeActionLiteralSupport; no documentChanges in
// workspaceEdit.
const Neovim07Capabilities = `{
  "textDocument": {
    "synchronization": {"dynamicRegistration": false, "willSave": false, "willSaveWaitUntil": false, "didSave": true},
    "codeAction": {
      "dynamicRegistration": false,
      "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["", "quickfix", "refactor", "refactor.extract", "refactor.inline", "refactor.rewrite", "source", "source.organizeImports"]}},
      "isPreferredSupport": true,
      "dataSupport": true,
      "resolveSupport": {"properties": ["edit"]}
    },
    "publishDiagnostics": {"relatedInformation": true, "tagSupport": {"valueSet": [1, 2]}},
    "hover": {"dynamicRegistration": false, "contentFormat": ["markdown", "plaintext"]}
  },
  "window": {"workDoneProgress": true, "showMessage": {"messageActionItem": {"additionalPropertiesSupport": false}}, "showDocument": {"support": false}},
  "workspace": {
    "symbol": {"dynamicRegistration": false},
    "workspaceFolders": true,
    "applyEdit": true,
    "workspaceEdit": {"resourceOperations": ["rename", "create", "delete"]},
    "configuration": true
  }
}`

// Notification is a message from the server without an id.
type Notification struct {
	Method string
	Params json.RawMessage
	At     time.Time
}

// Client talks to a server over a pair of streams.
type Client struct {
	t testing.TB
	w io.Writer

	wmu sync.Mutex // serialises writes
	mu  sync.Mutex
	id  int
	// pending responses by request id
	pending map[int]chan response
	notes   []Notification
	changed chan struct{} // closed and replaced when notes grows or the stream ends
	readErr error
}

type response struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// New starts a client reading the server's output r and writing its
// input w.
func New(t testing.TB, r io.Reader, w io.Writer) *Client {
	c := &Client{t: t, w: w, pending: map[int]chan response{}, changed: make(chan struct{})}
	go c.read(bufio.NewReader(r))
	return c
}

func (c *Client) read(r *bufio.Reader) {
	tp := textproto.NewReader(r)
	for {
		hdr, err := tp.ReadMIMEHeader()
		if err != nil {
			c.fail(fmt.Errorf("reading header: %w", err))
			return
		}
		n, err := strconv.Atoi(hdr.Get("Content-Length"))
		if err != nil || n <= 0 {
			c.fail(fmt.Errorf("bad Content-Length %q", hdr.Get("Content-Length")))
			return
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			c.fail(fmt.Errorf("reading body: %w", err))
			return
		}
		var msg struct {
			JSONRPC string           `json:"jsonrpc"`
			ID      *json.RawMessage `json:"id"`
			Method  string           `json:"method"`
			Params  json.RawMessage  `json:"params"`
			response
		}
		if err := json.Unmarshal(body, &msg); err != nil || msg.JSONRPC != "2.0" {
			c.fail(fmt.Errorf("bad message %s: %v", body, err))
			return
		}
		c.mu.Lock()
		switch {
		case msg.Method != "" && msg.ID != nil:
			// A request from the server: capsulelint sends none. Answer
			// with an error so that it never waits.
			c.mu.Unlock()
			c.write(map[string]any{"jsonrpc": "2.0", "id": msg.ID, "error": map[string]any{"code": -32601, "message": "test client: not supported"}})
			continue
		case msg.Method != "":
			c.notes = append(c.notes, Notification{Method: msg.Method, Params: msg.Params, At: time.Now()})
			close(c.changed)
			c.changed = make(chan struct{})
		case msg.ID != nil:
			id, _ := strconv.Atoi(string(*msg.ID))
			if ch, ok := c.pending[id]; ok {
				ch <- msg.response
				delete(c.pending, id)
			}
		}
		c.mu.Unlock()
	}
}

func (c *Client) fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.readErr = err
	close(c.changed)
	c.changed = make(chan struct{})
	for id, ch := range c.pending {
		close(ch)
		delete(c.pending, id)
	}
}

func (c *Client) write(msg any) {
	data, err := json.Marshal(msg)
	if err != nil {
		c.t.Fatalf("lsptest: %v", err)
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(data), data); err != nil {
		c.t.Errorf("lsptest: writing %s: %v", data, err)
	}
}

// Notify sends a notification.
func (c *Client) Notify(method string, params any) {
	c.write(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// Call sends a request and decodes its result into result (if not nil);
// it fails the test on an error response or after a minute.
func (c *Client) Call(method string, params, result any) {
	c.t.Helper()
	if err := c.CallErr(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// CallErr is Call returning the error.
func (c *Client) CallErr(method string, params, result any) error {
	c.mu.Lock()
	c.id++
	id := c.id
	ch := make(chan response, 1)
	c.pending[id] = ch
	c.mu.Unlock()
	msg := map[string]any{"jsonrpc": "2.0", "id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	c.write(msg)
	select {
	case resp, ok := <-ch:
		if !ok {
			return fmt.Errorf("connection closed: %v", c.err())
		}
		if resp.Error != nil {
			return fmt.Errorf("error %d: %s", resp.Error.Code, resp.Error.Message)
		}
		if result != nil {
			if err := json.Unmarshal(resp.Result, result); err != nil {
				return fmt.Errorf("decoding result %s: %v", resp.Result, err)
			}
		}
		return nil
	case <-time.After(time.Minute):
		return fmt.Errorf("no response in a minute")
	}
}

func (c *Client) err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.readErr
}

// Initialize sends initialize with the capabilities (JSON) and rootURI of
// dir, then initialized, and returns the raw result.
func (c *Client) Initialize(capabilities string, dir string) json.RawMessage {
	c.t.Helper()
	var result json.RawMessage
	c.Call(protocol.MethodInitialize, map[string]any{
		"processId":    os.Getpid(),
		"clientInfo":   map[string]any{"name": "lsptest", "version": "0"},
		"rootUri":      URI(dir),
		"rootPath":     dir,
		"capabilities": json.RawMessage(capabilities),
		"trace":        "off",
		"workspaceFolders": []map[string]any{
			{"uri": URI(dir), "name": filepath.Base(dir)},
		},
	}, &result)
	c.Notify(protocol.MethodInitialized, map[string]any{})
	return result
}

// Shutdown sends shutdown and exit.
func (c *Client) Shutdown() {
	c.t.Helper()
	c.Call(protocol.MethodShutdown, nil, nil)
	c.Notify(protocol.MethodExit, nil)
}

// Mark returns the number of notifications received so far, for Await.
func (c *Client) Mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.notes)
}

// Notifications returns the notifications received so far.
func (c *Client) Notifications() []Notification {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.notes)
}

// Await waits for a notification after the mark for which match returns
// true, and returns it.
func (c *Client) Await(mark int, timeout time.Duration, match func(Notification) bool) (Notification, bool) {
	deadline := time.After(timeout)
	for {
		c.mu.Lock()
		for ; mark < len(c.notes); mark++ {
			if match(c.notes[mark]) {
				n := c.notes[mark]
				c.mu.Unlock()
				return n, true
			}
		}
		changed, readErr := c.changed, c.readErr
		c.mu.Unlock()
		if readErr != nil {
			return Notification{}, false
		}
		select {
		case <-changed:
		case <-deadline:
			return Notification{}, false
		}
	}
}

// AwaitDiagnostics waits for the next publishDiagnostics for file after
// the mark.
func (c *Client) AwaitDiagnostics(mark int, file string, timeout time.Duration) (protocol.PublishDiagnosticsParams, time.Time) {
	c.t.Helper()
	var p protocol.PublishDiagnosticsParams
	n, ok := c.Await(mark, timeout, func(n Notification) bool {
		if n.Method != protocol.MethodTextDocumentPublishDiagnostics {
			return false
		}
		var q protocol.PublishDiagnosticsParams
		return json.Unmarshal(n.Params, &q) == nil && SamePath(string(q.URI), file)
	})
	if !ok {
		c.t.Fatalf("no publishDiagnostics for %s within %v (read error: %v); notifications: %s", file, timeout, c.err(), c.describe())
	}
	if err := json.Unmarshal(n.Params, &p); err != nil {
		c.t.Fatal(err)
	}
	if p.Diagnostics == nil {
		c.t.Errorf("publishDiagnostics for %s: diagnostics is null, want a list", file)
	}
	return p, n.At
}

func (c *Client) describe() string {
	var b strings.Builder
	for _, n := range c.Notifications() {
		fmt.Fprintf(&b, "\n\t%s %.300s", n.Method, n.Params)
	}
	return b.String()
}

// URI returns the file URI of path.
func URI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// Path returns the path of a file URI.
func Path(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return ""
	}
	return filepath.FromSlash(u.Path)
}

// SamePath reports whether uri names file.
func SamePath(uri, file string) bool { return Path(uri) == filepath.Clean(file) }

// Open sends didOpen for file with its content on disk.
func (c *Client) Open(file string, version int32) {
	c.t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		c.t.Fatal(err)
	}
	c.Notify(protocol.MethodTextDocumentDidOpen, map[string]any{
		"textDocument": map[string]any{"uri": URI(file), "languageId": "go", "version": version, "text": string(data)},
	})
}

// Change sends didChange with the full text.
func (c *Client) Change(file string, version int32, text string) {
	c.Notify(protocol.MethodTextDocumentDidChange, map[string]any{
		"textDocument":   map[string]any{"uri": URI(file), "version": version},
		"contentChanges": []map[string]any{{"text": text}},
	})
}

// Save sends didSave (without text, as the server asks).
func (c *Client) Save(file string) {
	c.Notify(protocol.MethodTextDocumentDidSave, map[string]any{"textDocument": map[string]any{"uri": URI(file)}})
}

// CodeActions requests the code actions for rng in file with the
// diagnostics as context, as Neovim's vim.lsp.buf.code_action does.
func (c *Client) CodeActions(file string, rng protocol.Range, diags []protocol.Diagnostic) []protocol.CodeAction {
	c.t.Helper()
	if diags == nil {
		diags = []protocol.Diagnostic{}
	}
	var actions []protocol.CodeAction
	c.Call(protocol.MethodTextDocumentCodeAction, map[string]any{
		"textDocument": map[string]any{"uri": URI(file)},
		"range":        rng,
		"context":      map[string]any{"diagnostics": diags},
	}, &actions)
	return actions
}

// ApplyEdit applies a WorkspaceEdit's changes to the files on disk, with
// positions in UTF-16 code units (or UTF-8 bytes with utf8), and returns
// the new contents by path. It fails the test on documentChanges (which
// an old client drops) or an edit outside a file.
func ApplyEdit(t testing.TB, edit *protocol.WorkspaceEdit, utf8 bool) map[string][]byte {
	t.Helper()
	if edit == nil {
		t.Fatal("code action without an edit")
	}
	if len(edit.DocumentChanges) > 0 {
		t.Fatalf("edit uses documentChanges, which clients without workspace.workspaceEdit.documentChanges drop")
	}
	out := map[string][]byte{}
	for u, edits := range edit.Changes {
		path := Path(string(u))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		type span struct {
			start, end int
			text       string
		}
		var spans []span
		for _, e := range edits {
			s, ok1 := Offset(data, e.Range.Start, utf8)
			end, ok2 := Offset(data, e.Range.End, utf8)
			if !ok1 || !ok2 || end < s {
				t.Fatalf("edit %+v outside %s", e, path)
			}
			spans = append(spans, span{s, end, e.NewText})
		}
		slices.SortFunc(spans, func(a, b span) int { return b.start - a.start })
		for i := 1; i < len(spans); i++ {
			if spans[i].end > spans[i-1].start {
				t.Fatalf("overlapping edits in %s", path)
			}
		}
		for _, s := range spans {
			data = slices.Concat(data[:s.start], []byte(s.text), data[s.end:])
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out[path] = data
	}
	return out
}

// Offset returns the byte offset of an LSP position in content, counting
// columns in UTF-16 code units or, with utf8, bytes.
func Offset(content []byte, p protocol.Position, utf8Cols bool) (int, bool) {
	lines := bytes.SplitAfter(content, []byte("\n"))
	if int(p.Line) >= len(lines) {
		return 0, false
	}
	off := 0
	for _, l := range lines[:p.Line] {
		off += len(l)
	}
	line := bytes.TrimSuffix(lines[p.Line], []byte("\n"))
	if utf8Cols {
		if int(p.Character) > len(line) {
			return 0, false
		}
		return off + int(p.Character), true
	}
	units := 0
	for i := 0; i <= len(line); {
		if units == int(p.Character) {
			return off + i, true
		}
		if i == len(line) || units > int(p.Character) {
			break
		}
		r, size := utf8.DecodeRune(line[i:])
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
		i += size
	}
	return 0, false
}
