package migrate

import (
	"fmt"
	"go/ast"
	"go/types"
	"maps"
	"slices"

	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// maxCompletions bounds the rounds of carrying signature changes: each
// can change implementations whose callers the next one completes.
const maxCompletions = 6

// trial applies sets of fixes in memory and checks that the module still
// type-checks, to find the largest set of fixes that keeps it building.
type trial struct {
	w           *workspace
	cl          *scope.Classifier
	before      []*packages.Package
	beforeFuncs map[string]*types.Func
	last        *trialResult
	lastSet     []candidate
	reasons     map[string]string
}

type trialResult struct {
	overlay      map[string][]byte // files changed by the trial
	sites, impls int
	problem      string              // why the trial failed; "" on success
	pkgs         []*packages.Package // the load of the result, on success
}

// search returns the fixes that can be applied together without breaking
// the build (conflicting ones are left for a later round) and the fixes
// that break it on their own; t.last holds the result of applying good.
func (t *trial) search(cands []candidate) (good, bad []candidate) {
	accepted := acceptable(cands, funcSpans(t.before))
	good, bad = t.isolate(nil, accepted)
	if len(good) > 0 && (t.last == nil || t.last.problem != "" || !sameSet(t.lastSet, good)) {
		t.run(good)
	}
	return good, bad
}

func sameSet(a, b []candidate) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].finding.key() != b[i].finding.key() {
			return false
		}
	}
	return true
}

// acceptable drops candidates that conflict with earlier ones, and
// candidates that edit the body of a function whose signature another
// candidate changes: their values were looked up without the new
// parameter, so they wait for the next round, which sees it.
func acceptable(cands []candidate, spans map[string][]funcSpan) []candidate {
	es := newEditSet()
	var out []candidate
	for _, c := range cands {
		if _, ok := es.Add(c.edits); ok {
			out = append(out, c)
		}
	}
	owner := map[funcSpan]int{} // function → the candidate changing its signature
	for i, c := range out {
		for _, e := range c.edits {
			for _, sp := range spans[e.File] {
				if sp.sigStart <= e.Start && e.End <= sp.sigEnd {
					if _, ok := owner[sp]; !ok {
						owner[sp] = i
					}
				}
			}
		}
	}
	var kept []candidate
	for i, c := range out {
		wait := false
		for _, e := range c.edits {
			for _, sp := range spans[e.File] {
				if o, ok := owner[sp]; ok && o != i && sp.bodyStart <= e.Start && e.End <= sp.bodyEnd {
					wait = true
				}
			}
		}
		if !wait {
			kept = append(kept, c)
		}
	}
	if len(kept) == 0 && len(out) > 0 {
		kept = out[:1] // a cycle: let the first go ahead
	}
	return kept
}

// funcSpan is a function declaration's signature and body, as offsets.
type funcSpan struct {
	file               string
	sigStart, sigEnd   int
	bodyStart, bodyEnd int
}

// funcSpans indexes the function declarations of pkgs by file.
func funcSpans(pkgs []*packages.Package) map[string][]funcSpan {
	out := map[string][]funcSpan{}
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, f := range p.Syntax {
			tf := p.Fset.File(f.Pos())
			if tf == nil || seen[tf.Name()] {
				continue
			}
			seen[tf.Name()] = true
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				out[tf.Name()] = append(out[tf.Name()], funcSpan{
					file:     tf.Name(),
					sigStart: tf.Offset(fd.Type.Params.Opening), sigEnd: tf.Offset(fd.Type.Params.Closing) + 1,
					bodyStart: tf.Offset(fd.Body.Lbrace), bodyEnd: tf.Offset(fd.Body.Rbrace) + 1,
				})
			}
		}
	})
	return out
}

// isolate finds, by bisection, the candidates of rest that can join base.
func (t *trial) isolate(base, rest []candidate) (good, bad []candidate) {
	if len(rest) == 0 {
		return base, nil
	}
	all := append(slices.Clone(base), rest...)
	if t.run(all).problem == "" {
		return all, nil
	}
	if len(rest) == 1 {
		if t.reasons == nil {
			t.reasons = map[string]string{}
		}
		t.reasons[rest[0].finding.key()] = t.last.problem
		return base, rest
	}
	mid := len(rest) / 2
	g1, b1 := t.isolate(base, rest[:mid])
	g2, b2 := t.isolate(g1, rest[mid:])
	return g2, append(b1, b2...)
}

func (t *trial) reason(c candidate) string { return t.reasons[c.finding.key()] }

// run applies cands and completes their signature changes across the
// module, in memory, and type-checks the result.
func (t *trial) run(cands []candidate) *trialResult {
	res := &trialResult{overlay: map[string][]byte{}}
	t.last, t.lastSet = res, cands
	es := newEditSet()
	for _, c := range cands {
		es.Add(c.edits)
	}
	if t.beforeFuncs == nil {
		t.beforeFuncs = declaredFuncs(t.before)
	}
	for range maxCompletions {
		tmp := &workspace{dir: t.w.dir, patterns: t.w.patterns, overlay: maps.Clone(t.w.overlay)}
		res.overlay = map[string][]byte{}
		if err := res.apply(t.w, tmp, es); err != nil {
			res.problem = err.Error()
			return res
		}
		pkgs, err := tmp.load()
		if err != nil {
			res.problem = err.Error()
			return res
		}
		changes := signatureChanges(t.cl, t.beforeFuncs, declaredFuncs(pkgs))
		comp := complete(t.cl, t.before, changes, implementations(t.before, changes), es)
		if len(comp.failures) > 0 {
			for _, key := range slices.Sorted(maps.Keys(comp.failures)) {
				res.problem = fmt.Sprintf("%s changed but %s", key, comp.failures[key])
				return res
			}
		}
		res.sites += comp.sites
		res.impls += comp.impls
		if comp.sites == 0 && comp.impls == 0 {
			if errs := typeErrors(pkgs, 3); len(errs) > 0 {
				res.problem = errs[0]
			} else {
				res.pkgs = pkgs
			}
			return res
		}
	}
	res.problem = "signature changes did not settle"
	return res
}

// apply writes es, relative to the contents of base, into tmp's overlay
// (and the result's), gofmt'ed.
func (res *trialResult) apply(base, tmp *workspace, es *fixes.EditSet) error {
	for _, file := range es.Files() {
		src, err := base.content(file)
		if err != nil {
			return err
		}
		out, err := es.Apply(file, src)
		if err != nil {
			return err
		}
		out = gofmt(out)
		tmp.overlay[file] = out
		res.overlay[file] = out
	}
	return nil
}
