package engine

import (
	"cmp"
	"fmt"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/fixes"
)

// Fix is a diagnostic with its suggested fix, as edits of files.
type Fix struct {
	Finding
	Title string // the suggested fix's message
	Edits []fixes.FileEdit
	// Diagnostic is the analyzer's diagnostic, positions in the
	// workspace's file set as it was when the fix was found.
	Diagnostic analysis.Diagnostic
}

// Finding is a diagnostic of an analyzer.
type Finding struct {
	Analyzer string
	Posn     token.Position
	Message  string
}

// Key identifies a finding across loads and test variants.
func (f Finding) Key() string { return f.Analyzer + "\x00" + f.Posn.String() + "\x00" + f.Message }

// unitResults is the analysis of one unit's package.
type unitResults struct {
	diags map[string][]analysis.Diagnostic // by analyzer name
	errs  []error
}

// Analyze runs the analyzers on the analysed units that changed since
// they were last analysed, and returns every fix and every finding
// without a fix, deduplicated across test variants (the variant that
// sees a package's tests offers the fix covering them: the union of the
// variants' edits is taken), sorted by position. Analysis errors are
// returned too: an analyzer failing on one package does not stop the
// others.
func (w *Workspace) Analyze() (fs []*Fix, left []Finding, errs []error) {
	var todo []*packages.Package
	unitOf := map[*packages.Package]*unit{}
	for _, u := range w.units {
		if u.analysed && u.results == nil && u.pkg != nil {
			todo = append(todo, u.pkg)
			unitOf[u.pkg] = u
		}
	}
	if len(todo) > 0 {
		graph, err := checker.Analyze(w.analyzers, todo, nil)
		if err != nil {
			return nil, nil, []error{err}
		}
		ours := map[*analysis.Analyzer]bool{}
		for _, a := range w.analyzers {
			ours[a] = true
		}
		for _, p := range todo {
			unitOf[p].results = &unitResults{diags: map[string][]analysis.Diagnostic{}}
		}
		for act := range graph.All() {
			if !act.IsRoot || !ours[act.Analyzer] {
				continue
			}
			res := unitOf[act.Package].results
			if act.Err != nil {
				res.errs = append(res.errs, fmt.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.ID, act.Err))
				continue
			}
			res.diags[act.Analyzer.Name] = act.Diagnostics
		}
	}

	byKey := map[string]*Fix{}
	seen := map[string]bool{}
	for _, u := range w.units {
		if !u.analysed || u.results == nil {
			continue
		}
		errs = append(errs, u.results.errs...)
		for _, a := range w.analyzers {
			for _, d := range u.results.diags[a.Name] {
				f := Finding{Analyzer: a.Name, Posn: w.fset.Position(d.Pos), Message: d.Message}
				key := f.Key()
				var edits []fixes.FileEdit
				title := ""
				if len(d.SuggestedFixes) > 0 {
					title = d.SuggestedFixes[0].Message
					var err error
					if edits, err = fixes.FileEdits(w.fset, d.SuggestedFixes[0].TextEdits); err != nil {
						edits = nil
					}
				}
				if fix := byKey[key]; fix != nil {
					fix.Edits = union(fix.Edits, edits)
					continue
				}
				if len(edits) == 0 {
					if !seen[key] {
						seen[key] = true
						left = append(left, f)
					}
					continue
				}
				fix := &Fix{Finding: f, Title: title, Edits: edits, Diagnostic: d}
				byKey[key] = fix
				fs = append(fs, fix)
			}
		}
	}
	left = slices.DeleteFunc(left, func(f Finding) bool { return byKey[f.Key()] != nil })
	slices.SortStableFunc(fs, func(a, b *Fix) int { return comparePosn(a.Posn, b.Posn) })
	slices.SortStableFunc(left, func(a, b Finding) int { return comparePosn(a.Posn, b.Posn) })
	return fs, left, errs
}

func comparePosn(a, b token.Position) int {
	return cmp.Or(cmp.Compare(a.Filename, b.Filename), cmp.Compare(a.Offset, b.Offset))
}

// union merges the edits of one fix as two test variants offer it: the
// variant that sees the tests also edits them. When the two cannot be
// merged, the larger wins.
func union(a, b []fixes.FileEdit) []fixes.FileEdit {
	es := fixes.NewEditSet()
	if _, ok := es.Add(a); ok {
		if _, ok := es.Add(b); ok {
			return es.All()
		}
	}
	if len(b) > len(a) {
		return b
	}
	return a
}

// readingFrom returns copies of analyzers whose passes read files
// through read: the engine's in-memory contents, which the checker,
// reading the disk, would not see (analyzers copy source text into
// their fixes).
func readingFrom(analyzers []*analysis.Analyzer, read func(string) ([]byte, error)) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		c := *a
		run := a.Run
		c.Run = func(pass *analysis.Pass) (any, error) {
			if check := pass.ReadFile; check != nil {
				pass.ReadFile = func(name string) ([]byte, error) {
					if _, err := check(name); err != nil {
						return nil, err // not a file of the package
					}
					return read(name)
				}
			}
			return run(pass)
		}
		out[i] = &c
	}
	return out
}
