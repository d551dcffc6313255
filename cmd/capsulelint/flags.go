package main

import (
	"flag"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/config"
)

// liftConfigFlag turns a driver-level -config FILE into each analyzer's
// -<analyzer>.config flag, so one flag configures the whole suite.
// It returns the new arguments and the path.
func liftConfigFlag(args []string, all []*analysis.Analyzer) ([]string, string) {
	out := []string{args[0]}
	path := ""
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") {
			return append(out, args[i:]...), path
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name != "config" {
			out = append(out, a)
			continue
		}
		if !hasValue && i+1 < len(args) {
			i++
			value = args[i]
		}
		path = value
		for _, an := range all {
			out = append(out, "-"+an.Name+".config="+value)
		}
	}
	return out, path
}

// fixScope is the fix scope of a lint run with args (the flags of the
// x/tools multichecker or of the report driver, then packages): what its
// fixes are for. -json and -sarif print fixes for tools that apply them
// as they are: config.FixPackage. Plain text prints no fixes, and its
// messages, like -fix and -diff, are the fix engine's, which completes a
// fix in every package: config.FixWorkspace. Arguments it cannot parse
// give config.FixPackage, which withholds what a per-package driver
// cannot complete.
func fixScope(args []string, all []*analysis.Analyzer) config.FixScope {
	fs := flag.NewFlagSet("capsulelint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	// x/tools v0.52.0's analysisflags and checker flags, and the report
	// driver's.
	var perPackage [2]bool
	for i, name := range []string{"json", "sarif"} {
		fs.BoolVar(&perPackage[i], name, false, "")
	}
	for _, name := range []string{"fix", "diff", "flags", "source", "v", "all", "test"} {
		fs.Bool(name, false, "")
	}
	for _, name := range []string{"tags", "debug", "cpuprofile", "memprofile", "trace", "baseline", "baseline-write"} {
		fs.String(name, "", "")
	}
	fs.Int("c", -1, "")
	for _, a := range all {
		fs.Bool(a.Name, false, "")
		a.Flags.VisitAll(func(f *flag.Flag) {
			// A stand-in of the same kind: parsing must not set the
			// analyzers' own flags.
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				fs.Bool(a.Name+"."+f.Name, false, "")
			} else {
				fs.String(a.Name+"."+f.Name, "", "")
			}
		})
	}
	if err := fs.Parse(args); err != nil {
		return config.FixPackage
	}
	for _, on := range perPackage {
		if on {
			return config.FixPackage
		}
	}
	return config.FixWorkspace
}
