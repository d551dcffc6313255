package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/plan"
)

const planUsage = `usage: capsulelint plan [-json] [-config FILE] [-rekey-map FILE] packages...

Prints the capsule migration plan of the packages (and their tests): the
entities that lack a capsule ID in dependency order (parents first), the
template entity to migrate first (no dependencies, fewest call sites), and
per entity the repository methods, key templates and GSI helpers to change
with the number of call sites each touches. Markdown by default, readable
in a pull request description; -json for machines (schema:
docs/plan-schema.md). A plan is not a finding: exit status 0, or 1 on error.
-rekey-map FILE also writes the map "capsulelint rekey" moves the rows
with: run it on the code before migrate, and review the file.
`

// runPlan implements "capsulelint plan" and returns the exit code.
func runPlan(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, planUsage); fs.PrintDefaults() }
	asJSON := fs.Bool("json", false, "print the plan as JSON")
	configPath := fs.String("config", "", "path of a "+config.FileName+" (default: searched upward)")
	rekeyMap := fs.String("rekey-map", "", "also write the rekey map of the key templates migrate changes to `FILE`")
	if err := fs.Parse(args); err != nil {
		return 1
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 1
	}
	cfg, resolved, err := loadConfig(*configPath)
	if err != nil {
		fmt.Fprintln(stderr, "capsulelint plan:", err)
		return 1
	}
	p, err := plan.Build(plan.Options{Patterns: fs.Args(), Analyzers: analyzers.NewWithFixScope(cfg, config.FixWorkspace), Config: resolved})
	if err != nil {
		fmt.Fprintln(stderr, "capsulelint plan:", err)
		return 1
	}
	if *rekeyMap != "" {
		if err := writeRekeyMap(*rekeyMap, p, stderr); err != nil {
			fmt.Fprintln(stderr, "capsulelint plan:", err)
			return 1
		}
	}
	if *asJSON {
		err = p.WriteJSON(stdout)
	} else {
		err = p.WriteMarkdown(stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "capsulelint plan:", err)
		return 1
	}
	return 0
}

// writeRekeyMap writes the plan's rekey map as indented JSON.
func writeRekeyMap(path string, p *plan.Plan, stderr io.Writer) error {
	m := p.RekeyMap()
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return err
	}
	todo := 0
	for _, r := range m.Rules {
		if r.Attribute == "" {
			todo++
		}
	}
	fmt.Fprintf(stderr, "capsulelint plan: wrote %d rekey rules to %s (%d without an attribute: fill them in or delete them)\n", len(m.Rules), path, todo)
	return nil
}
