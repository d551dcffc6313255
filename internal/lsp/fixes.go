package lsp

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/protocol"

	"github.com/capsulelint/capsulelint/internal/analyzerkit"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/engine"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// Quick fixes go through the fix engine, over the whole module of the
// file: a fix that changes a signature carries the calls, the
// implementations and the tests in every package in its WorkspaceEdit,
// verified by type-checking before it is offered. The per-directory
// analysis that publishes diagnostics only says which findings have a
// fix. The engine's workspace is loaded on the first code action of a
// module and kept in step with the buffers and the disk: a change of
// file contents re-checks what it changes; a change of imports, of the
// files of a directory or of go.mod loads it again.

// maxEngineAge bounds how long a module's workspace is kept before it is
// loaded again, which bounds how long a change the stamps miss (a
// dependency changing in the module cache, say) goes unseen.
const maxEngineAge = 10 * time.Minute

// moduleEngine is the fix engine's workspace of one module.
type moduleEngine struct {
	mu       sync.Mutex
	root     string
	w        *engine.Workspace
	at       time.Time
	modStamp string
	dirs     map[string]time.Time
	files    map[string]fileStamp
	gen      uint64                     // bumped by every content change
	actions  map[string]*resolvedAction // by fix key, for gen
	actGen   uint64
}

// fileStamp is what the workspace last saw of a file.
type fileStamp struct {
	size     int64
	mod      time.Time
	overlaid bool
	header   string
}

type resolvedAction struct {
	action *protocol.CodeAction // nil: the fix cannot be applied
	why    string
}

// engineFor returns the module engine of root, loaded and in step with
// snap.
func (s *server) engineFor(root string, snap *snapshot) (*moduleEngine, error) {
	s.mu.Lock()
	if s.engines == nil {
		s.engines = map[string]*moduleEngine{}
	}
	me := s.engines[root]
	if me == nil {
		me = &moduleEngine{root: root}
		s.engines[root] = me
	}
	s.mu.Unlock()
	me.mu.Lock()
	if err := me.sync(s, snap); err != nil {
		me.mu.Unlock()
		return nil, err
	}
	return me, nil // locked: the caller unlocks
}

// sync brings the workspace in step with snap and the disk, loading it
// again when its files' imports or its directories changed.
func (me *moduleEngine) sync(s *server, snap *snapshot) error {
	if me.w != nil && time.Since(me.at) < maxEngineAge && me.modStamp == modStampOf(me.root) && me.dirsUnchanged() {
		update, ok := me.changes(snap)
		if ok {
			if len(update) > 0 {
				me.w.Update(update)
				me.gen++
			}
			return nil
		}
	}
	return me.load(s, snap)
}

func (me *moduleEngine) load(s *server, snap *snapshot) error {
	t0 := time.Now()
	cfg, err := config.Load(s.opts.ConfigPath, me.root)
	if err != nil {
		return err
	}
	analyzers := s.opts.Analyzers(cfg)
	res, err := analyzerkit.Config(analyzers[0])
	if err != nil {
		if res, err = config.Compile(cfg); err != nil {
			return err
		}
	}
	w, err := engine.Load(engine.Options{
		Dir: me.root, Patterns: []string{"./..."}, Env: s.opts.Env, Analyzers: analyzers,
		Classifier: scope.New(res), Overlay: snap.overlay, TolerateErrors: true,
	})
	if err != nil {
		return err
	}
	me.w, me.at, me.modStamp = w, time.Now(), modStampOf(me.root)
	me.dirs, me.files = map[string]time.Time{}, map[string]fileStamp{}
	for _, f := range w.Files() {
		content, _ := w.Content(f)
		st := fileStamp{header: header(f, content)}
		if _, ok := snap.overlay[f]; ok {
			st.overlaid = true
		} else if fi, err := os.Stat(f); err == nil {
			st.size, st.mod = fi.Size(), fi.ModTime()
		}
		me.files[f] = st
		dir := filepath.Dir(f)
		if _, ok := me.dirs[dir]; !ok {
			if fi, err := os.Stat(dir); err == nil {
				me.dirs[dir] = fi.ModTime()
			}
		}
	}
	me.gen++
	if s.opts.Verbose {
		s.log.Printf("fix engine: loaded %s in %v", me.root, time.Since(t0).Round(time.Millisecond))
	}
	return nil
}

// dirsUnchanged reports whether no file was added to or removed from the
// workspace's directories.
func (me *moduleEngine) dirsUnchanged() bool {
	for dir, mod := range me.dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.ModTime().Equal(mod) {
			return false
		}
	}
	return true
}

// changes returns the files whose contents changed since the last sync
// (from the buffers of snap, or the disk), and false when a change needs
// a new load (imports or package clause changed).
func (me *moduleEngine) changes(snap *snapshot) (map[string][]byte, bool) {
	update := map[string][]byte{}
	for f, st := range me.files {
		var content []byte
		text, overlaid := snap.overlay[f]
		switch {
		case overlaid:
			content = text
		case st.overlaid:
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, false
			}
			content = b
		default:
			fi, err := os.Stat(f)
			if err != nil {
				return nil, false
			}
			if fi.Size() == st.size && fi.ModTime().Equal(st.mod) {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, false
			}
			content = b
		}
		if cur, err := me.w.Content(f); err == nil && string(cur) == string(content) {
			continue
		}
		h := header(f, content)
		if h != st.header {
			return nil, false
		}
		next := fileStamp{header: h, overlaid: overlaid}
		if !overlaid {
			if fi, err := os.Stat(f); err == nil {
				next.size, next.mod = fi.Size(), fi.ModTime()
			}
		}
		me.files[f] = next
		update[f] = content
	}
	return update, true
}

// header is what a file's load depends on: its package clause, build
// constraints and imports.
func header(name string, src []byte) string {
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly|parser.ParseComments)
	if err != nil {
		return "error: " + err.Error()
	}
	var b strings.Builder
	b.WriteString(f.Name.Name)
	for _, cg := range f.Comments {
		if cg.Pos() >= f.Package {
			break
		}
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "//go:build") {
				b.WriteString("\n" + c.Text)
			}
		}
	}
	for _, imp := range f.Imports {
		b.WriteString("\n" + imp.Path.Value)
		if imp.Name != nil {
			b.WriteString(" " + imp.Name.Name)
		}
	}
	return b.String()
}

func modStampOf(root string) string {
	var b strings.Builder
	for _, name := range []string{"go.mod", "go.sum", "go.work"} {
		if fi, err := os.Stat(filepath.Join(root, name)); err == nil {
			fmt.Fprintf(&b, "%d@%s;", fi.Size(), fi.ModTime())
		} else {
			b.WriteString("-;")
		}
	}
	return b.String()
}

// moduleRoot returns the directory of the go.mod governing path.
func moduleRoot(path string) (string, bool) {
	for d := filepath.Dir(path); ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// resolve returns the quick fix of f, a finding of file path, as the
// engine completes it, or nil with the reason it cannot be applied.
func (s *server) resolve(path string, f finding, snap *snapshot) (*protocol.CodeAction, string) {
	root, ok := moduleRoot(path)
	if !ok {
		return nil, "the file is not in a module"
	}
	me, err := s.engineFor(root, snap)
	if err != nil {
		return nil, "the module does not load: " + oneLine(err.Error())
	}
	defer me.mu.Unlock()
	fs, _, errs := me.w.Analyze()
	if len(errs) > 0 {
		return nil, oneLine(errs[0].Error())
	}
	var fix *engine.Fix
	for _, x := range fs {
		if x.Analyzer == f.analyzer && x.Message == f.diag.Message && x.Posn.Filename == f.posn.Filename &&
			x.Posn.Line == f.posn.Line && x.Posn.Column == f.posn.Column {
			fix = x
		}
	}
	if fix == nil {
		return nil, "the fix engine does not see this finding (the buffer changed since it was analysed?)"
	}
	if me.actGen != me.gen || me.actions == nil {
		me.actions, me.actGen = map[string]*resolvedAction{}, me.gen
	}
	if r := me.actions[fix.Key()]; r != nil {
		return r.action, r.why
	}
	r := &resolvedAction{}
	res := me.w.Apply([]*engine.Fix{fix})
	if len(res.Applied) == 0 {
		r.why = "not applicable"
		if len(res.Rejected) > 0 {
			r.why = res.Rejected[0].Reason
		}
	} else {
		r.action = s.workspaceAction(me.w, fix, res, snap, f.diag)
	}
	me.actions[fix.Key()] = r
	return r.action, r.why
}

// workspaceAction turns the engine's edits into a quick fix.
func (s *server) workspaceAction(w *engine.Workspace, fix *engine.Fix, res *engine.Result, snap *snapshot, diag protocol.Diagnostic) *protocol.CodeAction {
	changes := map[protocol.DocumentURI][]protocol.TextEdit{}
	mappers := map[string]*mapper{}
	for _, e := range res.Edits {
		m := mappers[e.File]
		if m == nil {
			content, err := w.Content(e.File)
			if err != nil {
				return nil
			}
			m = newMapper(content, snap.utf8)
			mappers[e.File] = m
		}
		u := snap.uri(e.File)
		changes[u] = append(changes[u], protocol.TextEdit{Range: m.rng(e.Start, e.End), NewText: e.Text})
	}
	title := fix.Title
	if title == "" {
		title = "apply the " + fix.Analyzer + " fix"
	}
	if n := len(changes); n > 1 {
		title += fmt.Sprintf(" (%d files)", n)
	}
	return &protocol.CodeAction{
		Title: title, Kind: protocol.QuickFix, Diagnostics: []protocol.Diagnostic{diag},
		Edit: &protocol.WorkspaceEdit{Changes: changes}, IsPreferred: true,
	}
}
