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
// their flags, with fix scope config.FixPackage: right for any driver
// that applies one package's fixes at a time (go vet -vettool, go fix
// -fixtool) or that does not say.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{capsulefield.Analyzer, keyformat.Analyzer, repocapsule.Analyzer, gsitenant.Analyzer}
}

// New returns the four analyzers with configuration cfg, whose FixScope
// says which fixes the driver can apply (see [NewWithFixScope]).
func New(cfg config.Config) []*analysis.Analyzer {
	return []*analysis.Analyzer{capsulefield.New(cfg), keyformat.New(cfg), repocapsule.New(cfg), gsitenant.New(cfg)}
}

// NewWithFixScope returns the four analyzers with configuration cfg for a
// driver that applies fixes as far as scope: config.FixWorkspace for
// capsulelint's fix engine (which completes a signature change in every
// package), config.FixPackage for a driver that sees one package,
// config.FixSingleFile for golangci-lint. A -config flag given to the
// analyzers replaces cfg's keys, not its fix scope.
func NewWithFixScope(cfg config.Config, scope config.FixScope) []*analysis.Analyzer {
	cfg.FixScope = scope
	return New(cfg)
}

// migrationOrder is the order in which migrate applies each analyzer's
// fixes: declarations first, then what looks up values next to them. A
// capsule field must exist before a call can pass req.CapsuleID; a
// repository method's capsule parameter before the key builder call in
// its body can pass it on; key templates last, once the capsule values
// they need are in scope.
var migrationOrder = []string{"capsulefield", "repocapsule", "gsitenant", "keyformat"}

// InMigrationOrder returns list sorted in migrate's phase order.
func InMigrationOrder(list []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, 0, len(list))
	for _, name := range migrationOrder {
		for _, a := range list {
			if a.Name == name {
				out = append(out, a)
			}
		}
	}
	return out
}
