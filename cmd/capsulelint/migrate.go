package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime/pprof"
	"slices"
	"strings"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/migrate"
)

const migrateUsage = `usage: capsulelint migrate [-test] [-dry-run] [-config FILE] [-max-rounds N] packages...

Runs the analyzers, applies every suggested fix, carries signature changes to
every caller and implementation in the loaded packages, checks that the code
still type-checks, and repeats until nothing is left to fix. Code reading keys
of a key template a fix changes is rewritten with it, or listed for a human.
Files are written atomically at the end; a fix that would break the build is
rolled back and reported. With -test, go test then runs on the changed
packages and the packages importing them. Exit status: 0 clean, 3 findings
without a fix (or readers needing a human) remain, 4 tests fail after the
migration (-test), 1 error.
`

// runMigrate implements "capsulelint migrate" and returns the exit code.
func runMigrate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, migrateUsage); fs.PrintDefaults() }
	dryRun := fs.Bool("dry-run", false, "print the unified diff instead of writing files")
	configPath := fs.String("config", "", "path of a "+config.FileName+" (default: searched upward)")
	maxRounds := fs.Int("max-rounds", 10, "stop after this many rounds")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to this file")
	runTests := fs.Bool("test", false, "after the last round, run go test on the changed packages and their importers; exit 4 if a test fails")
	if err := fs.Parse(args); err != nil {
		return 1
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 1
	}
	if *runTests && *dryRun {
		fmt.Fprintln(stderr, "capsulelint migrate: -test runs the tests of the migrated files; it cannot go with -dry-run")
		return 1
	}
	cfg, resolved, err := loadConfig(*configPath)
	if err != nil {
		fmt.Fprintln(stderr, "capsulelint migrate:", err)
		return 1
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, "capsulelint migrate:", err)
			return 1
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(stderr, "capsulelint migrate:", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	sum, err := migrate.Run(migrate.Options{
		Patterns: fs.Args(), Analyzers: analyzers.InMigrationOrder(analyzers.NewWithFixScope(cfg, config.FixWorkspace)), Config: resolved,
		MaxRounds: *maxRounds, DryRun: *dryRun, Log: stdout,
	})
	if err != nil {
		fmt.Fprintln(stderr, "capsulelint migrate:", err)
		return 1
	}
	if *dryRun {
		fmt.Fprint(stdout, sum.Diff)
	}
	printSummary(stdout, sum)
	if *runTests {
		tested, failures, err := migrate.Test(".", fs.Args(), sum, stdout)
		if err != nil {
			fmt.Fprintln(stderr, "capsulelint migrate:", err)
			return 1
		}
		printTests(stdout, tested, failures)
		if len(failures) > 0 {
			return 4
		}
	}
	if len(sum.Left) > 0 || len(sum.RolledBack) > 0 || slices.ContainsFunc(sum.Readers, migrate.Reader.NeedsHuman) {
		return 3
	}
	return 0
}

func printSummary(w io.Writer, sum *migrate.Summary) {
	left := map[string]int{}
	for _, f := range append(append([]migrate.Finding{}, sum.Left...), sum.RolledBack...) {
		left[f.Analyzer]++
	}
	fmt.Fprintf(w, "\n%-13s %6s %6s %6s\n", "analyzer", "found", "fixed", "left")
	for _, a := range analyzers.All() {
		fmt.Fprintf(w, "%-13s %6d %6d %6d\n", a.Name, sum.Fixed[a.Name]+left[a.Name], sum.Fixed[a.Name], left[a.Name])
	}
	fmt.Fprintf(w, "%d rounds, %d files changed, %d call sites and %d implementations updated across packages, in %.1fs\n",
		sum.Rounds, len(sum.Files), sum.CallSites, sum.Impls, sum.Duration.Seconds())
	if len(sum.RolledBack) > 0 {
		fmt.Fprintln(w, "\nrolled back:")
		for _, f := range sum.RolledBack {
			fmt.Fprintf(w, "%s: %s: %s\n", f.Pos, f.Analyzer, f.Message)
		}
	}
	if len(sum.Readers) > 0 {
		counts := map[string]int{}
		for _, r := range sum.Readers {
			counts[r.Status]++
		}
		fmt.Fprintf(w, "\nreaders of changed key templates (%d rewritten, %d unchanged, %d need a human):\n",
			counts["rewritten"], counts["unchanged"], counts["needs a human"])
		for _, r := range sum.Readers {
			fmt.Fprintf(w, "%s: %s: %s\n", r.Pos, r.Status, r.Message)
		}
	}
	if len(sum.Left) > 0 {
		fmt.Fprintln(w, "\nleft to fix by hand:")
		for _, f := range sum.Left {
			fmt.Fprintf(w, "%s: %s: %s\n", f.Pos, f.Analyzer, f.Message)
		}
	}
}

// printTests reports the tests migrate -test ran and, per package with
// failing tests, the failures beside the fixes and readers in the package
// and the changed packages it imports.
func printTests(w io.Writer, tested []string, failures []migrate.PackageFailure) {
	if len(failures) == 0 {
		fmt.Fprintf(w, "tests pass in the %d packages the migration changed or that import them\n", len(tested))
		return
	}
	n := 0
	for _, pf := range failures {
		n += len(pf.Tests)
	}
	fmt.Fprintf(w, "\ntests failing after the migration: %d in %d packages\n", n, len(failures))
	for _, pf := range failures {
		fmt.Fprintf(w, "\nFAIL %s\n", pf.Package)
		for _, f := range pf.Tests {
			name := f.Test
			if name == "" {
				name = "(package)"
			}
			fmt.Fprintf(w, "  %s\n", name)
			for _, l := range strings.SplitAfter(strings.TrimRight(f.Output, "\n"), "\n") {
				fmt.Fprintf(w, "      %s\n", strings.TrimRight(l, "\n"))
			}
		}
		for _, x := range pf.Fixes {
			fmt.Fprintf(w, "  fix %s: %s: %s\n", x.Pos, x.Analyzer, x.Message)
		}
		for _, imp := range pf.Imported {
			counts := map[string]int{}
			for _, x := range imp.Fixes {
				counts[x.Analyzer]++
			}
			if len(imp.Fixes) == 0 {
				fmt.Fprintf(w, "  imports %s, changed only by completing other packages' fixes\n", imp.Package)
				continue
			}
			fmt.Fprintf(w, "  imports %s, changed by %d fixes (%s)\n", imp.Package, len(imp.Fixes), countsText(counts))
			for _, x := range imp.Fixes {
				if x.Analyzer == "keyformat" { // a key a reader may no longer understand
					fmt.Fprintf(w, "    fix %s: %s: %s\n", x.Pos, x.Analyzer, x.Message)
				}
			}
		}
		for _, r := range pf.Readers {
			fmt.Fprintf(w, "  reader %s: %s: %s\n", r.Pos, r.Status, r.Message)
		}
		if len(pf.Fixes) == 0 && len(pf.Imported) == 0 {
			fmt.Fprintln(w, "  no fix was applied in the package or in the changed packages it imports")
		}
	}
}

func countsText(counts map[string]int) string {
	var parts []string
	for _, name := range slices.Sorted(maps.Keys(counts)) {
		parts = append(parts, fmt.Sprintf("%s %d", name, counts[name]))
	}
	return strings.Join(parts, ", ")
}

// loadConfig reads the configuration of a subcommand: the file at path,
// or the capsulelint.yaml found from the working directory up.
func loadConfig(path string) (config.Config, *config.Resolved, error) {
	cfg, err := config.Load(path, ".")
	if err != nil {
		return cfg, nil, err
	}
	resolved, err := config.Compile(cfg)
	return cfg, resolved, err
}
