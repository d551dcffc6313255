package keyformat

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/analyzerkit"
	"github.com/capsulelint/capsulelint/internal/config"
)

//go:embed doc.go
var doc string

// Analyzer reports with the configuration of capsulelint.yaml and flags.
var Analyzer = newAnalyzer(config.NewResolver(nil))

// New returns the analyzer with configuration cfg (flags still apply).
func New(cfg config.Config) *analysis.Analyzer { return newAnalyzer(config.NewResolver(&cfg)) }

func newAnalyzer(r *config.Resolver) *analysis.Analyzer {
	return analyzerkit.New("keyformat", doc, r, run)
}
