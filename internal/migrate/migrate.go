// Package migrate drives capsulelint's analyzers over a whole module to a
// fixed point: apply every non-conflicting suggested fix, carry signature
// changes to every caller and implementation in the module, check that
// everything still type-checks, and repeat until nothing is left to fix.
// Files are written once, at the end, atomically; a fix that would break
// the build is rolled back and reported.
package migrate

import (
	"cmp"
	"fmt"
	"go/format"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// Options configure a migration.
type Options struct {
	Dir       string   // working directory for package loading
	Patterns  []string // package patterns, e.g. ./...
	Analyzers []*analysis.Analyzer
	Config    *config.Resolved
	MaxRounds int  // default 10
	DryRun    bool // do not write; Summary.Diff holds the change
	Log       io.Writer
}

// Finding is a diagnostic migrate reports.
type Finding struct {
	Analyzer string
	Pos      string // file:line:col
	Message  string
}

// Summary is what a migration did.
type Summary struct {
	Rounds     int
	Fixed      map[string]int // fixes applied per analyzer
	CallSites  int            // call sites in other packages rewritten
	Impls      int            // implementations in other packages changed
	Left       []Finding      // diagnostics without a fix (or past MaxRounds), after the last round
	RolledBack []Finding      // fixes that would have broken the build
	Files      []string       // files changed
	Diff       string         // unified diff of the change (dry run)
	Duration   time.Duration
}

// candidate is one diagnostic's first suggested fix.
type candidate struct {
	finding  Finding
	edits    []fixes.FileEdit
	analyzer *analysis.Analyzer
}

// Run migrates the packages.
func Run(opts Options) (*Summary, error) {
	start := time.Now()
	if opts.MaxRounds == 0 {
		opts.MaxRounds = 10
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	dir, err := filepath.Abs(cmp.Or(opts.Dir, "."))
	if err != nil {
		return nil, err
	}
	w := &workspace{dir: dir, patterns: opts.Patterns, overlay: map[string][]byte{}}
	cl := scope.New(opts.Config)
	sum := &Summary{Fixed: map[string]int{}}
	original := map[string][]byte{}
	rolledBack := map[string]bool{}

	var next []*packages.Package // the last trial's load, which is the workspace's
	for round := 1; ; round++ {
		pkgs := next
		if pkgs == nil {
			if pkgs, err = w.load(); err != nil {
				return nil, err
			}
		}
		next = nil
		if errs := typeErrors(pkgs, 5); len(errs) > 0 {
			return nil, fmt.Errorf("the packages do not type-check; migrate needs a building module:\n\t%s", strings.Join(errs, "\n\t"))
		}
		cands, left, err := analyze(opts.Analyzers, pkgs)
		if err != nil {
			return nil, err
		}
		var fresh []candidate
		for _, c := range cands {
			if !rolledBack[c.finding.key()] {
				fresh = append(fresh, c)
			}
		}
		fresh = firstPhase(opts.Analyzers, fresh)
		if len(fresh) == 0 || round > opts.MaxRounds {
			sum.Left = left // rolled-back fixes are in sum.RolledBack
			if len(fresh) > 0 {
				for _, c := range fresh {
					c.finding.Message += " (not applied: migrate stopped after -max-rounds)"
					sum.Left = append(sum.Left, c.finding)
				}
			}
			break
		}
		t := &trial{w: w, cl: cl, before: pkgs}
		good, bad := t.search(fresh)
		for _, c := range bad {
			rolledBack[c.finding.key()] = true
			f := c.finding
			f.Message = "fix rolled back, it would break the build: " + t.reason(c)
			sum.RolledBack = append(sum.RolledBack, f)
		}
		if len(good) == 0 {
			continue
		}
		res := t.last
		next = res.pkgs
		for file, content := range res.overlay {
			if _, ok := original[file]; !ok {
				if b, err := w.content(file); err == nil {
					original[file] = b
				}
			}
			w.overlay[file] = content
		}
		counts := map[string]int{}
		for _, c := range good {
			sum.Fixed[c.finding.Analyzer]++
			counts[c.finding.Analyzer]++
		}
		sum.CallSites += res.sites
		sum.Impls += res.impls
		sum.Rounds = round
		fmt.Fprintf(opts.Log, "round %d: applied %d fixes (%s), %d call sites and %d implementations completed across packages\n",
			round, len(good), formatCounts(counts), res.sites, res.impls)
	}
	sum.Files = slices.Sorted(maps.Keys(w.overlay))
	var changed []string
	for _, f := range sum.Files {
		if string(original[f]) != string(w.overlay[f]) {
			changed = append(changed, f)
		}
	}
	sum.Files = changed
	if opts.DryRun {
		for _, f := range changed {
			sum.Diff += unifiedDiff(relPath(dir, f), original[f], w.overlay[f])
		}
	} else {
		for _, f := range changed {
			if err := writeAtomic(f, w.overlay[f]); err != nil {
				return sum, err
			}
		}
	}
	sum.Duration = time.Since(start)
	return sum, nil
}

func (f Finding) key() string { return f.Analyzer + "\x00" + f.Pos + "\x00" + f.Message }

// analyze runs the analyzers and splits their diagnostics into those with
// a fix and those without, deduplicated across test variants.
func analyze(analyzers []*analysis.Analyzer, pkgs []*packages.Package) ([]candidate, []Finding, error) {
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		return nil, nil, err
	}
	ours := map[*analysis.Analyzer]bool{}
	for _, a := range analyzers {
		ours[a] = true
	}
	seen := map[string]bool{}
	byKey := map[string]int{} // finding key → index in cands
	var cands []candidate
	var left []Finding
	for act := range graph.All() {
		if !act.IsRoot || !ours[act.Analyzer] {
			continue
		}
		if act.Err != nil {
			return nil, nil, fmt.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			f := Finding{Analyzer: act.Analyzer.Name, Pos: fset.Position(d.Pos).String(), Message: d.Message}
			var edits []fixes.FileEdit
			if len(d.SuggestedFixes) > 0 {
				edits, err = fixes.FileEdits(fset, d.SuggestedFixes[0].TextEdits)
				if err != nil {
					edits = nil
				}
			}
			if i, ok := byKey[f.key()]; ok {
				// The same finding in a package's test variant, whose fix
				// also covers the _test.go files: take the union.
				merged := newEditSet()
				if _, ok := merged.Add(cands[i].edits); ok {
					if _, ok := merged.Add(edits); ok {
						cands[i].edits = merged.All()
						continue
					}
				}
				if len(edits) > len(cands[i].edits) {
					cands[i].edits = edits
				}
				continue
			}
			if len(edits) == 0 {
				// Without a fix here; another variant may offer one (a
				// package with in-package tests offers fixes only in
				// its test variant).
				if !seen[f.key()] {
					seen[f.key()] = true
					left = append(left, f)
				}
				continue
			}
			byKey[f.key()] = len(cands)
			cands = append(cands, candidate{finding: f, edits: edits, analyzer: act.Analyzer})
		}
	}
	left = slices.DeleteFunc(left, func(f Finding) bool { _, fixed := byKey[f.key()]; return fixed })
	slices.SortStableFunc(cands, func(a, b candidate) int { return cmp.Compare(a.finding.Pos, b.finding.Pos) })
	slices.SortStableFunc(left, func(a, b Finding) int { return cmp.Compare(a.Pos, b.Pos) })
	return cands, left, nil
}

// firstPhase keeps the candidates of the first analyzer, in the order of
// analyzers, that has any: declarations land before the fixes that look
// up values next to them (a capsule field before the call that passes
// req.CapsuleID, a repository's capsule parameter before the key builder
// call inside it that passes it on).
func firstPhase(analyzers []*analysis.Analyzer, cands []candidate) []candidate {
	for _, a := range analyzers {
		var out []candidate
		for _, c := range cands {
			if c.analyzer == a {
				out = append(out, c)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// gofmt formats src, or returns it unchanged when it does not parse (the
// type check then reports the problem).
func gofmt(src []byte) []byte {
	if out, err := format.Source(src); err == nil {
		return out
	}
	return src
}

// writeAtomic replaces file by a temp file renamed over it.
func writeAtomic(file string, content []byte) error {
	info, err := os.Stat(file)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".capsulelint-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

func relPath(dir, file string) string {
	if rel, err := filepath.Rel(dir, file); err == nil {
		return rel
	}
	return file
}

func formatCounts(counts map[string]int) string {
	out := ""
	for _, name := range slices.Sorted(maps.Keys(counts)) {
		if out != "" {
			out += ", "
		}
		out += fmt.Sprintf("%s %d", name, counts[name])
	}
	return out
}

// newEditSet returns the set a round's fixes merge into: two different
// insertions at one offset from different fixes conflict, as their order
// would be a guess; the later fix waits for the next round.
func newEditSet() *fixes.EditSet {
	es := fixes.NewEditSet()
	es.DistinctInsertions = true
	return es
}
