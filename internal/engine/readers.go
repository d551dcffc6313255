package engine

import (
	"go/ast"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/capsulelint/capsulelint/internal/keyreaders"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// followReaders finds, once per trial, the key templates the trial's
// fixes change and the code in the workspace that takes keys of the old
// templates apart. The mechanical rewrites of those readers become edits
// of the fixes changing the template (type-checked with them, and left
// out with them); every reader is recorded in t.readers. It returns the
// number of edits added.
func (t *trial) followReaders() int {
	if t.readersDone {
		return 0
	}
	t.readersDone = true
	changes, owners := t.templateChanges()
	if len(changes) == 0 {
		return 0
	}
	places := keyreaders.Find(t.w.readerPackages(), changes, keyreaders.Options{
		IsTenant: func(info *types.Info, e ast.Expr) bool {
			if t.w.opts.Classifier == nil {
				return false
			}
			if typ := info.TypeOf(e); typ != nil && t.w.opts.Classifier.IsType(scope.Tenant, typ) {
				return true
			}
			k, ok := t.w.opts.Classifier.KindOfExpr(info, e)
			return ok && k == scope.Tenant
		},
		Skip: t.editedByFixes,
		Src:  t.w.current,
	})
	added := 0
	for i := range places {
		p := &places[i]
		if len(p.Edits) == 0 {
			continue
		}
		var own []int
		for _, c := range p.Changes {
			for _, o := range owners[c] {
				if !slices.Contains(own, o) {
					own = append(own, o)
				}
			}
		}
		n, ok := t.edits.add(p.Edits, own)
		if !ok {
			p.Status, p.Edits = keyreaders.Human, nil
			p.Message += "; the rewrite conflicts with another edit, so it was not made"
			continue
		}
		added += n
	}
	t.readers = places
	return added
}

// templateChanges compares the key templates (fmt.Sprintf formats and +
// concatenations) of the files the fixes edit with the base's: a
// template a fix rewrote is a changed key template, owned by the fixes
// editing it.
func (t *trial) templateChanges() (changes []keyreaders.Change, owners [][]int) {
	sep := "#"
	if c := t.w.opts.Classifier; c != nil && c.Config != nil && c.Config.Separator != "" {
		sep = c.Config.Separator
	}
	for _, file := range slices.Sorted(maps.Keys(t.shifts)) {
		base, _ := t.w.baseFile(file)
		now, _ := t.state.file(file)
		// The types of the file as parsed: a unit checked over that very
		// syntax (another may hold an earlier parse).
		var baseInfo, nowInfo *types.Info
		for _, u := range t.w.byFile[file] {
			if u.pkg != nil && baseInfo == nil && slices.Contains(u.pkg.Syntax, base) {
				baseInfo = u.pkg.TypesInfo
			}
			if p := t.state.pkgs[u]; p != nil && nowInfo == nil && slices.Contains(p.Syntax, now) {
				nowInfo = p.TypesInfo
			}
		}
		if base == nil || now == nil || baseInfo == nil || nowInfo == nil {
			continue
		}
		btf, ntf := t.w.fset.File(base.Pos()), t.w.fset.File(now.Pos())
		before := map[int]keyreaders.Template{}
		for _, tm := range keyreaders.Templates(base, baseInfo) {
			before[btf.Offset(tm.Expr.Pos())] = tm
		}
		for _, tm := range keyreaders.Templates(now, nowInfo) {
			old, ok := before[t.shifts[file].old(ntf.Offset(tm.Expr.Pos()))]
			if !ok || old.Layout == tm.Layout || !strings.Contains(old.Layout, sep) {
				continue
			}
			changes = append(changes, keyreaders.Change{Old: old.Layout, New: tm.Layout, Sep: sep, Writer: t.w.fset.Position(old.Expr.Pos())})
			owners = append(owners, t.edits.ownersWithin(file, btf.Offset(old.Expr.Pos()), btf.Offset(old.Expr.End())))
		}
	}
	return changes, owners
}

// editedByFixes reports whether the fixes' own edits touch [start, end)
// of file.
func (t *trial) editedByFixes(file string, start, end int) bool {
	for _, e := range t.edits.es.Of(file) {
		if e.Start < end && start < e.End || e.Start == e.End && start <= e.Start && e.Start < end {
			return true
		}
	}
	return false
}

// readerPackages returns the workspace's packages as the base has them,
// each file once, from a unit whose types describe the file's current
// parse (the edits are offsets into it).
func (w *Workspace) readerPackages() []keyreaders.Package {
	seen := map[string]bool{}
	var out []keyreaders.Package
	for _, u := range w.units {
		if u.pkg == nil || u.pkg.TypesInfo == nil {
			continue
		}
		var files []*ast.File
		for _, f := range u.pkg.Syntax {
			name := w.fset.File(f.Pos()).Name()
			if cur, _ := w.baseFile(name); !seen[name] && cur == f {
				seen[name] = true
				files = append(files, f)
			}
		}
		if len(files) > 0 {
			out = append(out, keyreaders.Package{Fset: w.fset, Files: files, Info: u.pkg.TypesInfo})
		}
	}
	return out
}
