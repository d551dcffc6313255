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
