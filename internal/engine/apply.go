package engine

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/keyreaders"
)

// Result is what applying a set of fixes would do.
type Result struct {
	Applied  []*Fix
	Rejected []Rejection
	// Edits are all the edits: the applied fixes' own and those
	// completing their signature changes, in the workspace's current
	// contents.
	Edits []fixes.FileEdit
	// Sites and Impls count the calls (and composite literals) and the
	// implementations the completion changed.
	Sites, Impls int
	// Notes are what the completion left to the user: a composite
	// literal that sets a tenant but gets no capsule, say.
	Notes []Finding
	// Readers are the code taking keys of the templates the applied
	// fixes change apart: rewritten (their edits are in Edits), checked
	// and left as is, or left to the user, each naming its writers.
	Readers []keyreaders.Place
	trial   *trial
}

// Rejection is a fix that cannot be applied, and why.
type Rejection struct {
	Fix    *Fix
	Reason string
}

// Files returns the files the result changes, sorted.
func (r *Result) Files() []string {
	if r.trial == nil {
		return nil
	}
	return r.trial.edits.es.Files()
}

// Content returns the new contents of a file the result changes.
func (r *Result) Content(file string) ([]byte, bool) {
	if r.trial == nil {
		return nil, false
	}
	b, ok := r.trial.state.content[file]
	return b, ok
}

// Apply works out, without changing the workspace, the largest set of fs
// that can be applied together: fixes whose completion fails are left
// out with the reason, and fixes that would break the build are found
// by blaming the files with new type errors and bisecting among the
// fixes that edited them. [Workspace.Commit] makes the result the
// workspace's contents.
func (w *Workspace) Apply(fs []*Fix) *Result {
	res := &Result{}
	reasons := map[*Fix]string{}
	good, t := w.settle(fs, reasons)
	for _, f := range fs {
		if why, ok := reasons[f]; ok {
			res.Rejected = append(res.Rejected, Rejection{Fix: f, Reason: why})
		}
	}
	if len(good) == 0 {
		return res
	}
	res.Applied, res.trial = good, t
	res.Edits = t.edited()
	res.Sites, res.Impls, res.Notes, res.Readers = t.sites, t.impls, t.notes, t.readers
	return res
}

// settle finds the fixes of fs that apply together and the trial of
// applying them.
func (w *Workspace) settle(fs []*Fix, reasons map[*Fix]string) ([]*Fix, *trial) {
	for len(fs) > 0 {
		t := w.try(fs)
		if t.ok() {
			return fs, t
		}
		if len(t.failures) > 0 {
			fs = reject(fs, t.failures, reasons)
			continue
		}
		suspects := t.blame()
		if len(suspects) == 1 || len(fs) == 1 {
			for _, i := range suspects {
				reasons[fs[i]] = t.errors[0]
			}
			fs = without(fs, suspects)
			continue
		}
		innocent, t2 := w.settle(without(fs, suspects), reasons)
		return w.isolate(innocent, t2, pick(fs, suspects), reasons)
	}
	return nil, nil
}

// isolate adds to base (whose trial is baseTrial) the fixes of rest that
// do not break it, bisecting.
func (w *Workspace) isolate(base []*Fix, baseTrial *trial, rest []*Fix, reasons map[*Fix]string) ([]*Fix, *trial) {
	for len(rest) > 0 {
		all := append(slices.Clone(base), rest...)
		t := w.try(all)
		if t.ok() {
			return all, t
		}
		if len(t.failures) > 0 {
			// Completion failures name their fixes: no bisection needed.
			failed := map[int]string{}
			for i, why := range t.failures {
				if i >= len(base) {
					failed[i-len(base)] = why
				} else {
					// A base fix fails only with the others: blame them all.
					for j := range rest {
						failed[j] = why
					}
				}
			}
			rest = reject(rest, failed, reasons)
			continue
		}
		if len(rest) == 1 {
			reasons[rest[0]] = t.errors[0]
			return base, baseTrial
		}
		mid := len(rest) / 2
		base, baseTrial = w.isolate(base, baseTrial, rest[:mid], reasons)
		rest = rest[mid:]
	}
	return base, baseTrial
}

// blame returns the indexes of the fixes that edited (or completed
// edits in) a file with a new type error; all fixes when no error is in
// an edited file.
func (t *trial) blame() []int {
	var out []int
	for _, e := range t.errs {
		file := e.Pos
		if i := strings.Index(file, ".go:"); i >= 0 {
			file = file[:i+3]
		}
		for _, i := range t.edits.ownersIn(file) {
			if !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	if len(out) == 0 {
		for i := range t.fixes {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return out
}

func reject(fs []*Fix, failures map[int]string, reasons map[*Fix]string) []*Fix {
	var keep []*Fix
	for i, f := range fs {
		if why, ok := failures[i]; ok {
			reasons[f] = why
		} else {
			keep = append(keep, f)
		}
	}
	return keep
}

func without(fs []*Fix, idx []int) []*Fix {
	var out []*Fix
	for i, f := range fs {
		if !slices.Contains(idx, i) {
			out = append(out, f)
		}
	}
	return out
}

func pick(fs []*Fix, idx []int) []*Fix {
	out := make([]*Fix, len(idx))
	for k, i := range idx {
		out[k] = fs[i]
	}
	return out
}

// Commit makes r's contents the workspace's.
func (w *Workspace) Commit(r *Result) {
	t := r.trial
	if t == nil {
		return
	}
	for file, content := range t.state.content {
		if _, ok := w.original[file]; !ok {
			if b, err := w.current(file); err == nil {
				w.original[file] = b
			}
		}
		w.content[file] = content
		delete(w.parseErrs, file) // the trial type-checked: it parsed
		if f := t.state.syntax[file]; f != nil {
			w.syntax[file] = f
		} else {
			delete(w.syntax, file)
		}
	}
	for _, u := range t.dirty {
		u.pkg = t.state.pkgs[u]
		u.results = nil
	}
	w.methods = nil
	w.mu.Lock()
	defer w.mu.Unlock()
	for u, paths := range t.state.edges {
		for path, d := range paths {
			if u.extra == nil {
				u.extra = map[string]*unit{}
			}
			u.extra[path] = d
			if d != nil && !slices.Contains(d.importers, u) {
				d.importers = append(d.importers, u)
			}
		}
	}
}

// Schedule splits fs into the fixes that can be tried together now and
// those that must wait: a fix whose edits conflict with an earlier fix's,
// and a fix editing the body of a function whose signature another fix
// changes (its values were looked up without the new parameter, so it
// waits for a workspace that has it). When every fix waits on another,
// the first goes ahead.
func (w *Workspace) Schedule(fs []*Fix) (now []*Fix, waiting []Rejection) {
	es := newOwnedEdits()
	var ok []*Fix
	for i, f := range fs {
		if _, accepted := es.add(f.Edits, []int{i}); accepted {
			ok = append(ok, f)
		} else {
			waiting = append(waiting, Rejection{Fix: f, Reason: "its edits conflict with another fix's; it waits for the next round"})
		}
	}
	spans := w.funcSpans(ok)
	owner := map[funcSpan]int{}
	for i, f := range ok {
		for _, e := range f.Edits {
			for _, sp := range spans[e.File] {
				if sp.sigStart <= e.Start && e.End <= sp.sigEnd {
					if _, taken := owner[sp]; !taken {
						owner[sp] = i
					}
				}
			}
		}
	}
	for i, f := range ok {
		wait := ""
		for _, e := range f.Edits {
			for _, sp := range spans[e.File] {
				if o, taken := owner[sp]; taken && o != i && sp.bodyStart <= e.Start && e.End <= sp.bodyEnd {
					wait = sp.name
				}
			}
		}
		if wait != "" {
			waiting = append(waiting, Rejection{Fix: f, Reason: "it edits " + wait + ", whose signature another fix changes; it waits for the next round"})
		} else {
			now = append(now, f)
		}
	}
	if len(now) == 0 && len(ok) > 0 {
		now = ok[:1] // a cycle: let the first go ahead
		waiting = slices.DeleteFunc(waiting, func(r Rejection) bool { return r.Fix == ok[0] })
	}
	return now, waiting
}

// funcSpan is a function declaration's parameter list and body, as
// offsets of its file.
type funcSpan struct {
	file, name         string
	sigStart, sigEnd   int
	bodyStart, bodyEnd int
}

// funcSpans indexes the function declarations of the files fs edit.
func (w *Workspace) funcSpans(fs []*Fix) map[string][]funcSpan {
	out := map[string][]funcSpan{}
	for _, f := range fs {
		for _, e := range f.Edits {
			if _, done := out[e.File]; done {
				continue
			}
			out[e.File] = nil
			file, _ := w.baseFile(e.File)
			if file == nil {
				continue
			}
			tf := w.fset.File(file.Pos())
			for _, d := range file.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				out[e.File] = append(out[e.File], funcSpan{
					file: e.File, name: fd.Name.Name,
					sigStart: offset(tf, fd.Type.Params.Opening), sigEnd: offset(tf, fd.Type.Params.Closing) + 1,
					bodyStart: offset(tf, fd.Body.Lbrace), bodyEnd: offset(tf, fd.Body.Rbrace) + 1,
				})
			}
		}
	}
	return out
}

func offset(tf *token.File, pos token.Pos) int { return tf.Offset(pos) }
