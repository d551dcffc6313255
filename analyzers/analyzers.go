// Package analyzers lists capsulelint's analyzers for the drivers: the
// CLI, the golangci-lint plugin and the editor server.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/analyzers/capsulefield"
	"github.com/capsulelint/capsulelint/analyzers/gsitenant"
	"github.com/capsulelint/capsulelint/analyzers/keyformat"
	"github.com/capsulelint/capsulelint/analyzers/repocapsule"
	"github.com/capsulelint/capsulelint/internal/config"
)

// All returns the four analyzers configured from capsulelint.yaml and
// their flags.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{capsulefield.Analyzer, keyformat.Analyzer, repocapsule.Analyzer, gsitenant.Analyzer}
}

// New returns the four analyzers with configuration cfg.
func New(cfg config.Config) []*analysis.Analyzer {
	return []*analysis.Analyzer{capsulefield.New(cfg), keyformat.New(cfg), repocapsule.New(cfg), gsitenant.New(cfg)}
}
