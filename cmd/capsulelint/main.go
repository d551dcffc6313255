// Command capsulelint finds code that breaks capsule isolation in
// multi-tenant Go services and migrates it to tenant+capsule scope.
//
//	capsulelint [-json] [-fix] [-diff] [-c N] [-config FILE] packages...
//	capsulelint migrate [-dry-run] [-test] packages...
//	capsulelint plan [-json] [-rekey-map FILE] packages...
//	capsulelint rekey -table NAME -map FILE [flags]
//	capsulelint lsp
//	capsulelint version
//	capsulelint help [analyzer]
//
// It is also a go vet tool: go vet -vettool=$(command -v capsulelint).
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/noop"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "version", "-version", "--version":
			fmt.Println("capsulelint", version())
			return
		case "migrate":
			os.Exit(runMigrate(os.Args[2:], os.Stdout, os.Stderr))
		case "lsp":
			os.Exit(runLSP(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
		case "plan":
			os.Exit(runPlan(os.Args[2:], os.Stdout, os.Stderr))
		case "rekey":
			os.Exit(runRekey(os.Args[2:], os.Stdout, os.Stderr))
		case "-V=full":
			if err := printVetToolID(os.Stdout); err != nil {
				fmt.Fprintln(os.Stderr, "capsulelint:", err)
				os.Exit(1)
			}
			return
		}
	}
	// The go command's vet and fix protocol (go vet -vettool, go fix
	// -fixtool) sees one package at a time: analyzers.All's fix scope.
	all := analyzers.All()
	var configPath string
	os.Args, configPath = liftConfigFlag(os.Args, all)
	if vetProtocol(os.Args[1:]) {
		// The unit checker, -fix included (go vet -fix and go fix -fixtool
		// pass it with a .cfg): the package's own fixes, per package.
		multichecker.Main(all...)
	}
	// Fail once, up front, on a bad config rather than once per package.
	cfg, err := config.Load(configPath, ".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "capsulelint:", err)
		os.Exit(1)
	}
	all = analyzers.NewWithFixScope(cfg, fixScope(os.Args[1:], all))
	if os.Getenv("CAPSULELINT_BENCH_NOOP") == "1" {
		// scripts/bench's baseline: the no-op analyzer through this very
		// binary and driver, so that the ratio measures the analyzers only.
		all = []*analysis.Analyzer{noop.Analyzer}
	}
	if wantsFix(os.Args[1:]) {
		os.Exit(runFix(os.Args[1:], all, os.Stdout, os.Stderr))
	}
	// Plain text goes to the report driver too, which follows the
	// findings with a summary line.
	if wantsReportDriver(os.Args[1:]) || plainText(os.Args[1:], all) {
		os.Exit(runReport(os.Args[1:], all, os.Stdout, os.Stderr))
	}
	multichecker.Main(all...)
}

// vetProtocol reports whether the go command runs capsulelint as a vet
// tool (unitchecker protocol: -V=full, -flags, or a .cfg file).
func vetProtocol(args []string) bool {
	for _, a := range args {
		if strings.HasPrefix(a, "-V") || a == "-flags" || strings.HasSuffix(a, ".cfg") {
			return true
		}
	}
	return false
}

// version is the module version the binary was built from.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
