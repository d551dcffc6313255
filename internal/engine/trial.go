package engine

import (
	"fmt"
	"go/ast"
	"go/types"
	"maps"
	"slices"

	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/keyreaders"
)

// maxCompletions bounds the rounds of carrying signature changes: each
// can change implementations whose callers the next one completes.
const maxCompletions = 6

// trial is one attempt at applying a set of fixes over the workspace.
type trial struct {
	w       *Workspace
	fixes   []*Fix
	edits   *ownedEdits
	state   *state
	shifts  map[string]shift // per changed file, the edits applied to it
	dirty   []*unit          // the units the trial type-checked again
	changes map[string]*change
	fields  map[string]*fieldChange
	notes   []Finding // what the completion leaves to the user
	// forwards names the new parameters, by function declaration (file
	// and offset of its func keyword in the base) and kind, that calls
	// inside the function pass on.
	forwards     map[declKey]map[int]string
	sites, impls int
	failures     map[int]string   // fix index → why it cannot be completed
	errs         []packages.Error // type errors the trial introduces
	errors       []string         // the same, one line each
	// readers are the places taking keys of the templates the fixes
	// change apart, found once per trial.
	readers     []keyreaders.Place
	readersDone bool
}

type declKey struct {
	file string
	off  int
}

// try applies fs to the workspace's base in memory, completes their
// signature changes and type-checks the result.
func (w *Workspace) try(fs []*Fix) *trial {
	t := &trial{w: w, fixes: fs, edits: newOwnedEdits(), failures: map[int]string{}, changes: map[string]*change{}, fields: map[string]*fieldChange{}, forwards: map[declKey]map[int]string{}}
	for i, f := range fs {
		if _, ok := t.edits.add(f.Edits, []int{i}); !ok {
			t.failures[i] = "its edits conflict with another fix's"
		}
	}
	if len(t.failures) > 0 {
		return t
	}
	for range maxCompletions {
		if err := t.materialize(); err != nil {
			t.errors = []string{err.Error()}
			return t
		}
		t.findChanges()
		t.findFieldChanges()
		if len(t.failures) > 0 {
			return t
		}
		t.notes = nil
		added := t.complete() + t.completeLiterals() + t.followReaders()
		if len(t.failures) > 0 {
			return t
		}
		if added == 0 {
			t.errs = t.state.errorsIn(t.dirty, 5)
			for _, e := range t.errs {
				t.errors = append(t.errors, e.Error())
			}
			return t
		}
	}
	t.errors = []string{"signature changes did not settle"}
	return t
}

// ok reports whether the trial's fixes can all be applied.
func (t *trial) ok() bool { return len(t.failures) == 0 && len(t.errors) == 0 }

// materialize writes the trial's edits over the base contents and
// type-checks the units they change and the units importing those.
func (t *trial) materialize() error {
	files := t.edits.es.Files()
	t.state = &state{w: t.w, content: map[string][]byte{}, syntax: map[string]*ast.File{}, pkgs: map[*unit]*packages.Package{}}
	t.shifts = map[string]shift{}
	for _, file := range files {
		src, err := t.w.current(file)
		if err != nil {
			return err
		}
		out, err := t.edits.es.Apply(file, src)
		if err != nil {
			return err
		}
		t.state.content[file] = out
		t.shifts[file] = shiftOf(t.edits.es.Of(file))
	}
	t.dirty = t.w.dirty(files)
	if errs := t.state.check(t.dirty); len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// findChanges compares the signatures the trial's edited files declare
// with the base's.
func (t *trial) findChanges() {
	files := map[string]bool{}
	for f := range t.shifts {
		files[f] = true
	}
	for _, u := range t.dirty {
		if !slices.ContainsFunc(u.meta.CompiledGoFiles, func(f string) bool { return files[f] }) || u.pkg == nil {
			continue
		}
		after := funcsDeclared(t.state.pkgs[u], files)
		before := funcsDeclared(u.pkg, files)
		for _, key := range slices.Sorted(maps.Keys(after)) {
			if _, done := t.changes[key]; done {
				continue
			}
			nf, of := after[key], before[key]
			if of == nil {
				continue
			}
			ch, ok, err := diffSignature(of, nf, t.insertedAt)
			origin := t.origin(u.pkg, of)
			if err != nil {
				t.failAll(origin, fmt.Sprintf("%s: %v", displayName(of), err))
				continue
			}
			if !ok {
				continue
			}
			ch.key, ch.name, ch.old, ch.origin = key, displayName(of), of, origin
			ch.iface = isIfaceMethod(of)
			if ch.insert >= 0 {
				kind, ok := t.w.opts.Classifier.KindOfVar(ch.param)
				if !ok {
					t.failAll(origin, fmt.Sprintf("%s gets a parameter %s that is no tenant or capsule ID", ch.name, ch.param.Name()))
					continue
				}
				ch.kind = kind
				t.forward(u.pkg, of, kind, ch.param.Name())
			}
			t.changes[key] = &ch
		}
	}
}

// insertedAt reports whether v's declaration is text the trial inserted.
func (t *trial) insertedAt(v *types.Var) bool {
	tf := t.w.fset.File(v.Pos())
	if tf == nil {
		return false
	}
	return t.shifts[tf.Name()].inserted(tf.Offset(v.Pos()))
}

// failAll records why the fixes cannot be applied.
func (t *trial) failAll(origin []int, why string) {
	for _, i := range origin {
		if _, ok := t.failures[i]; !ok {
			t.failures[i] = why
		}
	}
}

// origin returns the fixes whose edits are in the parameter list of fn's
// declaration (in the base); every fix editing its file when none is.
func (t *trial) origin(p *packages.Package, fn *types.Func) []int {
	ft, file := declaredType(p, fn)
	if ft == nil {
		return t.edits.ownersIn(file)
	}
	tf := t.w.fset.File(ft.Pos())
	if owners := t.edits.ownersWithin(tf.Name(), tf.Offset(ft.Params.Opening), tf.Offset(ft.Params.Closing)+1); len(owners) > 0 {
		return owners
	}
	return t.edits.ownersIn(tf.Name())
}

// edited returns the trial's edits.
func (t *trial) edited() []fixes.FileEdit { return t.edits.es.All() }
