package keyformat

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/capsulelint/capsulelint/internal/analyzerdoc"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/directive"
)

//go:embed doc.go
var doc string

// Analyzer reports with the configuration of capsulelint.yaml and flags.
var Analyzer = newAnalyzer(config.NewResolver(nil))

// New returns the analyzer with configuration cfg (flags still apply).
func New(cfg config.Config) *analysis.Analyzer { return newAnalyzer(config.NewResolver(&cfg)) }

func newAnalyzer(r *config.Resolver) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "keyformat",
		Doc:      analyzerdoc.MustExtract(doc, "keyformat"),
		URL:      "https://pkg.go.dev/github.com/capsulelint/capsulelint/analyzers/keyformat",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
	}
	a.Run = func(pass *analysis.Pass) (any, error) {
		cfg, err := r.Get()
		if err != nil {
			return nil, err
		}
		rep := directive.NewReporter(pass, a.Name, cfg)
		defer rep.Finish()
		return nil, run(pass, cfg, rep)
	}
	r.Register(&a.Flags)
	return a
}
