// Package analyzerkit builds capsulelint's analyzers the same way: the doc
// from doc.go, the configuration flags, a Reporter per pass, and a panic
// in one analyzer on one package turned into that package's error, so the
// rest of the run completes.
package analyzerkit

import (
	"fmt"
	"runtime/debug"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/capsulelint/capsulelint/internal/analyzerdoc"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/directive"
)

// RunFunc is an analyzer's body.
type RunFunc func(pass *analysis.Pass, cfg *config.Resolved, rep *directive.Reporter) error

// New returns the analyzer called name, documented by the "# Analyzer
// name" section of docGo, configured by r (whose flags it registers).
func New(name, docGo string, r *config.Resolver, run RunFunc) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     name,
		Doc:      analyzerdoc.MustExtract(docGo, name),
		URL:      "https://pkg.go.dev/github.com/capsulelint/capsulelint/analyzers/" + name,
		Requires: []*analysis.Analyzer{inspect.Analyzer},
	}
	a.Run = func(pass *analysis.Pass) (_ any, err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("internal error (please report it): %s panicked on package %s: %v\n%s", name, pass.Pkg.Path(), p, debug.Stack())
			}
		}()
		cfg, err := r.Get()
		if err != nil {
			return nil, err
		}
		rep := directive.NewReporter(pass, name, cfg)
		if err := run(pass, cfg, rep); err != nil {
			return nil, err
		}
		rep.Finish()
		return nil, nil
	}
	r.Register(&a.Flags)
	resolvers.Store(a, r)
	return a
}

// resolvers maps each analyzer New made to its configuration.
var resolvers sync.Map

// Config returns the resolved configuration of a, an analyzer New made
// (after its flags are parsed), for drivers that complete its fixes.
func Config(a *analysis.Analyzer) (*config.Resolved, error) {
	r, ok := resolvers.Load(a)
	if !ok {
		return nil, fmt.Errorf("%s is not a capsulelint analyzer", a.Name)
	}
	return r.(*config.Resolver).Get()
}
