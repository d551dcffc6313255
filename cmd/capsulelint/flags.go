package main

import (
	"strings"

	"golang.org/x/tools/go/analysis"
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
