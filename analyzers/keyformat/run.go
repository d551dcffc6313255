package keyformat

import (
	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/directive"
)

// TODO(skeleton): replaced by the real analysis.
func run(pass *analysis.Pass, cfg *config.Resolved, rep *directive.Reporter) error { return nil }
