// Package lsp is the Language Server behind "capsulelint lsp". It runs
// beside gopls (which cannot load third-party analyzers) as a second
// server for Go files: on didOpen, didSave and (debounced) didChange it
// loads the file's package with its test variants, runs the analyzers
// through golang.org/x/tools/go/analysis/checker, publishes the findings
// for every file of the package, and answers textDocument/codeAction with
// the suggested fixes as quick fixes.
//
// The message types are those of go.lsp.dev/protocol and the framing is
// go.lsp.dev/jsonrpc2. Two LSP 3.17 fields that go.lsp.dev/protocol
// v0.12 lacks (the client's general.positionEncodings and the server's
// positionEncoding) are read and written beside its types.
//
// This package does not import the analyzers: the command passes a
// constructor in Options.Analyzers.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/config"
)

// Source is the source of every published diagnostic.
const Source = "capsulelint"

// DefaultDebounce is how long the server waits after the last didChange
// before it analyses the unsaved buffer.
const DefaultDebounce = 500 * time.Millisecond

// Options configure the server.
type Options struct {
	// Analyzers returns the analyzers to run with the configuration
	// found for a package (the command passes analyzers.New). Required.
	Analyzers func(config.Config) []*analysis.Analyzer
	// ConfigPath is an explicit capsulelint.yaml for every package;
	// empty: the one found from each package's directory upward (up to
	// the directory holding go.mod).
	ConfigPath string
	// Severity of the findings; protocol.DiagnosticSeverityWarning when 0.
	Severity protocol.DiagnosticSeverity
	// Debounce is the delay after the last didChange before the unsaved
	// buffers are analysed as an overlay; 0 means DefaultDebounce, and a
	// negative value analyses on open and save only (the server then asks
	// for no didChange at all).
	Debounce time.Duration
	// Log receives the server's log; nil discards it. Never stdout.
	Log io.Writer
	// Verbose logs every analysis with its timings.
	Verbose bool
	// Env is the environment of the go command; nil means os.Environ().
	Env []string
	// Version is reported as serverInfo.version.
	Version string
}

// ErrNoShutdown is returned by Serve when the client exits or closes the
// connection without a shutdown request first (exit code 1 in the LSP).
var ErrNoShutdown = errors.New("exit without shutdown")

// Serve speaks the Language Server Protocol over in and out until the
// client sends exit (nil after shutdown, else ErrNoShutdown), closes the
// connection, or ctx is done.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	if opts.Analyzers == nil {
		return errors.New("lsp: Options.Analyzers is nil")
	}
	if opts.Severity == 0 {
		opts.Severity = protocol.DiagnosticSeverityWarning
	}
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(&stdio{in, out}))
	s := newServer(conn, opts)
	conn.Go(ctx, s.handle)
	select {
	case <-s.exited:
	case <-conn.Done():
	case <-ctx.Done():
	}
	s.stop()
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	if state == stateExited {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return ErrNoShutdown
}

// stdio joins the server's input and output into the
// io.ReadWriteCloser jsonrpc2 wants.
type stdio struct {
	io.Reader
	io.Writer
}

func (s *stdio) Close() error {
	if c, ok := s.Reader.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

type serverState int

const (
	stateNew serverState = iota
	stateInitialized
	stateShutdown
	stateExited
)

type server struct {
	opts Options
	conn jsonrpc2.Conn
	log  *log.Logger

	ctx      context.Context // parent of every analysis; cancelled at shutdown
	cancel   context.CancelFunc
	sem      chan struct{} // bounds concurrent analyses
	wg       sync.WaitGroup
	exited   chan struct{}
	exitOnce sync.Once

	mu      sync.Mutex
	state   serverState
	utf8    bool
	docs    map[string]*document     // open documents by file path
	jobs    map[string]*job          // by package directory
	results map[string]*fileResult   // published findings by file path
	engines map[string]*moduleEngine // the fix engine, by module root

	pubMu sync.Mutex // orders the check of a result's generation and its publication
}

// document is an open buffer.
type document struct {
	uri     protocol.DocumentURI
	version int32
	text    []byte
}

// job is the analysis state of one package directory.
type job struct {
	gen       uint64             // bumped by every open, change and save
	timer     *time.Timer        // pending debounced analysis
	cancel    context.CancelFunc // of the newest analysis
	published map[string]protocol.DocumentURI
	shown     string      // the last window/showMessage, not repeated
	cache     *cachedLoad // the last full load, for fast re-checks
}

func newServer(conn jsonrpc2.Conn, opts Options) *server {
	ctx, cancel := context.WithCancel(context.Background())
	return &server{
		opts:    opts,
		conn:    conn,
		log:     log.New(opts.Log, "capsulelint lsp: ", log.LstdFlags|log.Lmicroseconds),
		ctx:     ctx,
		cancel:  cancel,
		sem:     make(chan struct{}, 2),
		exited:  make(chan struct{}),
		docs:    map[string]*document{},
		jobs:    map[string]*job{},
		results: map[string]*fileResult{},
	}
}

// stop cancels the analyses and waits a little for them to wind down.
func (s *server) stop() {
	s.mu.Lock()
	for _, j := range s.jobs {
		s.stopTimer(j)
	}
	s.mu.Unlock()
	s.cancel()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
}

// handle is the jsonrpc2 handler. It runs on the connection's read loop,
// one message at a time, so it never blocks on analysis.
func (s *server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) (err error) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Printf("panic handling %s: %v\n%s", req.Method(), r, debug.Stack())
			err = reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InternalError, fmt.Sprintf("capsulelint: internal error: %v", r)))
		}
	}()
	_, isCall := req.(*jsonrpc2.Call)
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch {
	case req.Method() == protocol.MethodExit:
		s.mu.Lock()
		if s.state == stateShutdown {
			s.state = stateExited
		}
		s.mu.Unlock()
		s.exitOnce.Do(func() { close(s.exited) })
		return nil
	case state == stateNew && req.Method() != protocol.MethodInitialize:
		if isCall {
			return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "capsulelint: initialize first"))
		}
		return nil
	case state == stateShutdown:
		if isCall {
			return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "capsulelint: shutting down"))
		}
		return nil
	}

	switch req.Method() {
	case protocol.MethodInitialize:
		if state != stateNew {
			return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "capsulelint: initialize sent twice"))
		}
		return reply(ctx, s.initialize(req.Params()), nil)
	case protocol.MethodInitialized:
		return nil
	case protocol.MethodShutdown:
		s.mu.Lock()
		s.state = stateShutdown
		for _, j := range s.jobs {
			s.stopTimer(j)
		}
		s.mu.Unlock()
		s.cancel()
		return reply(ctx, nil, nil)
	case protocol.MethodTextDocumentDidOpen:
		var p protocol.DidOpenTextDocumentParams
		if s.decode(req, &p) {
			s.didOpen(p)
		}
		return nil
	case protocol.MethodTextDocumentDidChange:
		var p protocol.DidChangeTextDocumentParams
		if s.decode(req, &p) {
			s.didChange(p)
		}
		return nil
	case protocol.MethodTextDocumentDidSave:
		var p protocol.DidSaveTextDocumentParams
		if s.decode(req, &p) {
			s.didSave(p)
		}
		return nil
	case protocol.MethodTextDocumentDidClose:
		var p protocol.DidCloseTextDocumentParams
		if s.decode(req, &p) {
			s.didClose(p)
		}
		return nil
	case protocol.MethodTextDocumentCodeAction:
		var p protocol.CodeActionParams
		if !s.decode(req, &p) {
			return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, "capsulelint: bad codeAction params"))
		}
		return reply(ctx, s.codeActions(p), nil)
	}
	if isCall {
		return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound, "capsulelint: method not supported: "+req.Method()))
	}
	return nil // $/cancelRequest, $/setTrace, workspace/didChangeConfiguration, ...
}

func (s *server) decode(req jsonrpc2.Request, v any) bool {
	if err := json.Unmarshal(req.Params(), v); err != nil {
		s.log.Printf("%s: bad params: %v", req.Method(), err)
		return false
	}
	return true
}

// clientCapabilities holds the LSP 3.17 capability that
// go.lsp.dev/protocol v0.12 does not model.
type clientCapabilities struct {
	Capabilities struct {
		General struct {
			PositionEncodings []string `json:"positionEncodings"`
		} `json:"general"`
	} `json:"capabilities"`
}

// serverCapabilities adds LSP 3.17's positionEncoding to
// go.lsp.dev/protocol's ServerCapabilities.
type serverCapabilities struct {
	protocol.ServerCapabilities
	PositionEncoding string `json:"positionEncoding,omitempty"`
}

type initializeResult struct {
	Capabilities serverCapabilities   `json:"capabilities"`
	ServerInfo   *protocol.ServerInfo `json:"serverInfo,omitempty"`
}

func (s *server) initialize(params json.RawMessage) initializeResult {
	var caps clientCapabilities
	if err := json.Unmarshal(params, &caps); err != nil {
		s.log.Printf("initialize: reading client capabilities: %v", err)
	}
	var p protocol.InitializeParams
	if err := json.Unmarshal(params, &p); err == nil && p.ClientInfo != nil {
		s.log.Printf("client %s %s", p.ClientInfo.Name, p.ClientInfo.Version)
	}
	encoding := ""
	for _, e := range caps.Capabilities.General.PositionEncodings {
		if e == encodingUTF8 {
			encoding = encodingUTF8
			break
		}
	}
	if encoding == "" && len(caps.Capabilities.General.PositionEncodings) > 0 {
		encoding = encodingUTF16 // a 3.17 client: say which one we chose
	}
	change := protocol.TextDocumentSyncKindFull
	if s.opts.Debounce < 0 {
		change = protocol.TextDocumentSyncKindNone
	}
	s.mu.Lock()
	s.state = stateInitialized
	s.utf8 = encoding == encodingUTF8
	s.mu.Unlock()
	return initializeResult{
		Capabilities: serverCapabilities{
			ServerCapabilities: protocol.ServerCapabilities{
				TextDocumentSync: &protocol.TextDocumentSyncOptions{
					OpenClose: true,
					Change:    change,
					Save:      &protocol.SaveOptions{IncludeText: false},
				},
				CodeActionProvider: &protocol.CodeActionOptions{
					CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix},
				},
			},
			PositionEncoding: encoding,
		},
		ServerInfo: &protocol.ServerInfo{Name: "capsulelint", Version: s.opts.Version},
	}
}

// pathOf returns the file path of a file: URI.
func pathOf(u protocol.DocumentURI) (string, bool) {
	pu, err := url.Parse(string(u))
	if err != nil || pu.Scheme != "file" || pu.Path == "" {
		return "", false
	}
	return filepath.Clean(filepath.FromSlash(pu.Path)), true
}

// isGo reports whether path is a Go file the server analyses.
func isGo(path string) bool { return filepath.Ext(path) == ".go" }

func (s *server) didOpen(p protocol.DidOpenTextDocumentParams) {
	path, ok := pathOf(p.TextDocument.URI)
	if !ok || !isGo(path) {
		return
	}
	s.mu.Lock()
	s.docs[path] = &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)}
	s.mu.Unlock()
	s.schedule(path, 0, false)
}

func (s *server) didChange(p protocol.DidChangeTextDocumentParams) {
	path, ok := pathOf(p.TextDocument.URI)
	if !ok || !isGo(path) || s.opts.Debounce < 0 || len(p.ContentChanges) == 0 {
		return
	}
	s.mu.Lock()
	d := s.docs[path]
	if d == nil {
		d = &document{uri: p.TextDocument.URI}
		s.docs[path] = d
	}
	d.version = p.TextDocument.Version
	// Full sync: the last change is the whole buffer.
	d.text = []byte(p.ContentChanges[len(p.ContentChanges)-1].Text)
	s.mu.Unlock()
	s.schedule(path, s.opts.Debounce, true)
}

func (s *server) didSave(p protocol.DidSaveTextDocumentParams) {
	path, ok := pathOf(p.TextDocument.URI)
	if !ok || !isGo(path) {
		return
	}
	// After a save the file on disk is the buffer.
	text := []byte(p.Text)
	if p.Text == "" {
		var err error
		if text, err = os.ReadFile(path); err != nil {
			s.log.Printf("didSave: %v", err)
		}
	}
	s.mu.Lock()
	if d := s.docs[path]; d != nil && text != nil {
		d.text = text
	}
	s.mu.Unlock()
	s.schedule(path, 0, true)
}

func (s *server) didClose(p protocol.DidCloseTextDocumentParams) {
	path, ok := pathOf(p.TextDocument.URI)
	if !ok || !isGo(path) {
		return
	}
	s.mu.Lock()
	d := s.docs[path]
	delete(s.docs, path)
	s.mu.Unlock()
	if d == nil {
		return
	}
	// An unsaved buffer was analysed as an overlay; the file on disk is
	// the truth again.
	if disk, err := os.ReadFile(path); err == nil && string(disk) != string(d.text) {
		s.schedule(path, 0, true)
	}
}

// schedule (re-)analyses the package of the file path after delay. A
// newer request for the same package cancels the older one: a pending
// timer is stopped, a running load is cancelled, and a result that
// finishes anyway is dropped because its generation is old.
//
// An edit (a change, a save, closing an unsaved buffer) may change what
// the packages of other directories see of this one: their cached loads
// are not reused.
func (s *server) schedule(path string, delay time.Duration, edit bool) {
	dir := filepath.Dir(path)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != stateInitialized {
		return
	}
	if edit {
		for d, j := range s.jobs {
			if d != dir && j.cache != nil {
				j.cache.valid = false
			}
		}
	}
	j := s.jobs[dir]
	if j == nil {
		j = &job{}
		s.jobs[dir] = j
	}
	j.gen++
	gen := j.gen
	s.stopTimer(j)
	if j.cancel != nil {
		j.cancel()
	}
	ctx, cancel := context.WithCancel(s.ctx)
	j.cancel = cancel
	s.wg.Add(1)
	run := func() {
		defer s.wg.Done()
		defer cancel()
		s.run(ctx, dir, path, gen)
	}
	if delay <= 0 {
		go run()
		return
	}
	j.timer = time.AfterFunc(delay, run)
}

// stopTimer stops j's pending analysis, if any. Called with s.mu held.
func (s *server) stopTimer(j *job) {
	if j.timer != nil && j.timer.Stop() {
		s.wg.Done() // its run will never start
	}
	j.timer = nil
}

// publish sends the outcome of an analysis of the package in dir unless
// a newer analysis was requested since (gen is old) and reports whether
// it did. Files of the package without findings get an empty list, and
// so do files published before that are no longer in the package.
func (s *server) publish(dir string, gen uint64, out *outcome, trigger string) bool {
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	s.mu.Lock()
	j := s.jobs[dir]
	if j == nil || j.gen != gen || s.state != stateInitialized {
		s.mu.Unlock()
		return false
	}
	if out.problem != nil {
		fr := out.files[trigger]
		if fr == nil {
			fr = &fileResult{uri: uri.File(trigger)}
			if d := s.docs[trigger]; d != nil {
				fr.uri = d.uri
			}
			out.files[trigger] = fr
		}
		fr.findings = append([]finding{{diag: protocol.Diagnostic{
			Severity: out.problem.severity,
			Source:   Source,
			Message:  out.problem.message,
		}}}, fr.findings...)
	}
	current := map[string]protocol.DocumentURI{}
	var params []protocol.PublishDiagnosticsParams
	for path, fr := range out.files {
		s.results[path] = fr
		current[path] = fr.uri
		p := protocol.PublishDiagnosticsParams{URI: fr.uri, Diagnostics: fr.diagnostics()}
		if d := s.docs[path]; d != nil && d.version > 0 && fr.content != nil && string(d.text) == string(fr.content) {
			p.Version = uint32(d.version)
		}
		params = append(params, p)
	}
	for path, u := range j.published {
		if _, ok := current[path]; !ok {
			delete(s.results, path)
			params = append(params, protocol.PublishDiagnosticsParams{URI: u, Diagnostics: []protocol.Diagnostic{}})
		}
	}
	j.published = current
	show := ""
	if out.problem != nil && out.problem.show && out.problem.message != j.shown {
		show = out.problem.message
	}
	j.shown = ""
	if out.problem != nil {
		j.shown = out.problem.message
		s.log.Print(out.problem.message)
	}
	s.mu.Unlock()

	slices.SortFunc(params, func(a, b protocol.PublishDiagnosticsParams) int { return strings.Compare(string(a.URI), string(b.URI)) })
	for _, p := range params {
		s.notify(protocol.MethodTextDocumentPublishDiagnostics, p)
	}
	if show != "" {
		s.notify(protocol.MethodWindowShowMessage, protocol.ShowMessageParams{Type: protocol.MessageTypeError, Message: show})
	}
	return true
}

func (s *server) notify(method string, params any) {
	if err := s.conn.Notify(context.Background(), method, params); err != nil {
		s.log.Printf("%s: %v", method, err)
	}
}

// codeActions returns the quick fixes of the findings that overlap the
// requested range or are among the context's diagnostics. Findings of a
// buffer that changed since they were computed have none: their edits
// would land in the wrong place (the debounced re-analysis brings them
// back).
func (s *server) codeActions(p protocol.CodeActionParams) []protocol.CodeAction {
	actions := []protocol.CodeAction{}
	path, ok := pathOf(p.TextDocument.URI)
	if !ok || !wantsQuickFix(p.Context.Only) {
		return actions
	}
	s.mu.Lock()
	fr := s.results[path]
	stale := false
	if d := s.docs[path]; d != nil && fr != nil && fr.content != nil {
		stale = string(d.text) != string(fr.content)
	}
	s.mu.Unlock()
	if fr == nil || stale {
		if stale && s.opts.Verbose {
			s.log.Printf("codeAction %s: the buffer changed since the analysis; no fixes until it is re-analysed", path)
		}
		return actions
	}
	var snap *snapshot
	for _, f := range fr.findings {
		if !f.hasFix {
			continue
		}
		if overlaps(f.diag.Range, p.Range) || slices.ContainsFunc(p.Context.Diagnostics, func(d protocol.Diagnostic) bool {
			return d.Range == f.diag.Range && d.Message == f.diag.Message
		}) {
			if snap == nil {
				snap = s.snapshot()
			}
			t0 := time.Now()
			action, why := s.resolve(path, f, snap)
			if s.opts.Verbose {
				s.log.Printf("codeAction %s:%d: resolved in %v", path, f.posn.Line, time.Since(t0).Round(time.Millisecond))
			}
			if action == nil {
				s.log.Printf("codeAction %s:%d: no quick fix: %s", path, f.posn.Line, why)
				continue
			}
			actions = append(actions, *action)
		}
	}
	return actions
}

// wantsQuickFix reports whether a codeAction request's only filter
// admits kind quickfix.
func wantsQuickFix(only []protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if k == "" || k == protocol.QuickFix {
			return true
		}
	}
	return false
}
