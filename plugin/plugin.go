// Package plugin is capsulelint's golangci-lint v2 module plugin.
//
// Build a golangci-lint binary that contains it with `golangci-lint custom`
// (see .custom-gcl.yml at the module root) and enable it in .golangci.yml:
//
//	version: "2"
//	linters:
//	  default: none
//	  enable: [capsulelint]
//	  settings:
//	    custom:
//	      capsulelint:
//	        type: module
//	        description: capsule isolation checks for multi-tenant services
//	        settings:
//	          tenant-names: [orgSlug]
//
// The settings take the same keys as capsulelint.yaml and are applied over
// the defaults and the capsulelint.yaml found from the working directory.
//
// golangci-lint v2.15.0 applies only the edits of a suggested fix that fall
// in the diagnostic's own file, and one package's fixes cannot update
// another package, so through the plugin only fixes whose edits stay in
// that file and change no signature other packages may depend on are
// attached; the message of a diagnostic whose fix is withheld says so and
// to run `capsulelint migrate`. Diagnostics carry no
// related positions through the plugin (golangci-lint would print each as
// an issue of its own).
package plugin

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
)

// Name is the linter name under which golangci-lint knows the plugin: the
// key in linters.settings.custom and in linters.enable.
const Name = "capsulelint"

func init() {
	register.Plugin(Name, New)
}

// Plugin is capsulelint as a golangci-lint linter.
type Plugin struct {
	cfg config.Config
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New decodes golangci-lint's settings for capsulelint (the keys of
// capsulelint.yaml) over the defaults and capsulelint.yaml.
func New(settings any) (register.LinterPlugin, error) {
	raw, err := register.DecodeSettings[map[string]any](settings)
	if err != nil {
		return nil, fmt.Errorf("capsulelint settings: %w", err)
	}
	base, err := config.Load("", ".")
	if err != nil {
		return nil, err
	}
	cfg, err := config.DecodeSettings(base, raw)
	if err != nil {
		return nil, err
	}
	cfg.FixScope = config.FixSingleFile
	return &Plugin{cfg: cfg}, nil
}

// Config returns the configuration the analyzers are built with.
func (p *Plugin) Config() config.Config { return p.cfg }

// BuildAnalyzers returns the four capsulelint analyzers, reporting
// without related information.
//
// golangci-lint v2.15.0 turns each related position of a diagnostic into
// an issue of its own ("capsulefield(related information): ..."), moved to
// the diagnostic's position when it lies in another file: one defect
// would count as several issues. The CLI, go vet -json, SARIF and the
// editor server keep the related positions.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	all := analyzers.New(p.cfg)
	for _, a := range all {
		a.Run = withoutRelated(a.Run)
	}
	return all, nil
}

// withoutRelated wraps run so that its diagnostics carry no Related.
func withoutRelated(run func(*analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			d.Related = nil
			report(d)
		}
		return run(pass)
	}
}

// GetLoadMode asks golangci-lint for type information.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
