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
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/engine"
	"github.com/capsulelint/capsulelint/internal/keyreaders"
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
	Applied    []Finding      // the fixes applied, in the order applied
	CallSites  int            // call sites in other packages rewritten
	Impls      int            // implementations in other packages changed
	Left       []Finding      // diagnostics without a fix (or past MaxRounds), after the last round
	RolledBack []Finding      // fixes that would have broken the build
	// Readers are the places taking keys of the templates the fixes
	// changed apart: rewritten with the fix, checked and left as is, or
	// left to the user (NeedsHuman), each naming the writers it follows.
	Readers  []Reader
	Files    []string // files changed
	Diff     string   // unified diff of the change (dry run)
	Duration time.Duration
}

// Reader is a place reading keys of a template a fix changed.
type Reader struct {
	Pos     string // file:line:col
	Status  string // "rewritten", "unchanged" or "needs a human"
	Message string
	Writers []string // the writers' templates, file:line:col
}

// NeedsHuman reports whether the reader is left to the user.
func (r Reader) NeedsHuman() bool { return r.Status == keyreaders.Human.String() }

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
	w, err := engine.Load(engine.Options{Dir: dir, Patterns: opts.Patterns, Analyzers: opts.Analyzers, Classifier: scope.New(opts.Config)})
	if err != nil {
		return nil, err
	}
	if errs := w.Errors(5); len(errs) > 0 {
		return nil, fmt.Errorf("the packages do not type-check; migrate needs a building module:\n\t%s", strings.Join(errs, "\n\t"))
	}
	sum := &Summary{Fixed: map[string]int{}}
	rolledBack := map[string]bool{}
	var notes []Finding
	for round := 1; ; round++ {
		fs, left, errs := w.Analyze()
		if len(errs) > 0 {
			return nil, errs[0]
		}
		var fresh []*engine.Fix
		for _, f := range fs {
			if !rolledBack[f.Key()] {
				fresh = append(fresh, f)
			}
		}
		fresh = firstPhase(opts.Analyzers, fresh)
		if len(fresh) == 0 || round > opts.MaxRounds {
			sum.Left = append(findings(left), notes...) // rolled-back fixes are in sum.RolledBack
			for _, f := range fresh {
				f := finding(f.Finding)
				f.Message += " (not applied: migrate stopped after -max-rounds)"
				sum.Left = append(sum.Left, f)
			}
			break
		}
		now, _ := w.Schedule(fresh) // the others wait for the next round
		res := w.Apply(now)
		for _, r := range res.Rejected {
			rolledBack[r.Fix.Key()] = true
			f := finding(r.Fix.Finding)
			f.Message = "fix rolled back: " + r.Reason
			sum.RolledBack = append(sum.RolledBack, f)
		}
		if len(res.Applied) == 0 {
			continue
		}
		w.Commit(res)
		notes = append(notes, findings(res.Notes)...)
		for _, p := range res.Readers {
			r := Reader{Pos: p.Pos.String(), Status: p.Status.String(), Message: p.Message}
			for _, w := range p.Writers {
				r.Writers = append(r.Writers, w.String())
			}
			sum.Readers = append(sum.Readers, r)
		}
		counts := map[string]int{}
		for _, f := range res.Applied {
			sum.Applied = append(sum.Applied, finding(f.Finding))
			sum.Fixed[f.Analyzer]++
			counts[f.Analyzer]++
		}
		sum.CallSites += res.Sites
		sum.Impls += res.Impls
		sum.Rounds = round
		fmt.Fprintf(opts.Log, "round %d: applied %d fixes (%s), %d call sites and %d implementations completed across packages\n",
			round, len(res.Applied), formatCounts(counts), res.Sites, res.Impls)
	}
	sum.Files = w.Changed()
	if opts.DryRun {
		sum.Diff = w.Diff(dir)
	} else if err := w.Write(); err != nil {
		return sum, err
	}
	sum.Duration = time.Since(start)
	return sum, nil
}

func finding(f engine.Finding) Finding {
	return Finding{Analyzer: f.Analyzer, Pos: f.Posn.String(), Message: f.Message}
}

func findings(fs []engine.Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i] = finding(f)
	}
	return out
}

// firstPhase keeps the fixes of the first analyzer, in the order of
// analyzers, that has any: declarations land before the fixes that look
// up values next to them (a capsule field before the call that passes
// req.CapsuleID, a repository's capsule parameter before the key builder
// call inside it that passes it on).
func firstPhase(analyzers []*analysis.Analyzer, fs []*engine.Fix) []*engine.Fix {
	for _, a := range analyzers {
		var out []*engine.Fix
		for _, f := range fs {
			if f.Analyzer == a.Name {
				out = append(out, f)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
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
