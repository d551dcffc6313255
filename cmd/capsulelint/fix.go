package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/analyzerkit"
	"github.com/capsulelint/capsulelint/internal/engine"
	"github.com/capsulelint/capsulelint/internal/keyreaders"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// wantsFix reports whether args ask the lint driver for -fix or -diff,
// which go through the fix engine instead of the x/tools driver: that
// one applies each package's edits alone and leaves callers in other
// packages broken.
func wantsFix(args []string) bool {
	for _, a := range args {
		if a == "--" || !strings.HasPrefix(a, "-") {
			return false
		}
		name, value, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if (name == "fix" || name == "diff") && value != "false" {
			return true
		}
	}
	return false
}

// runFix applies every suggested fix of the packages with the fix engine:
// signature changes reach every caller and implementation in the
// workspace, and a fix that cannot be completed, or would break the
// build, is not applied and is named. With -diff it prints the change
// instead of writing it. Exit: 0 every fix applied, 1 error, 3 some fix
// not applied.
func runFix(args []string, all []*analysis.Analyzer, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("capsulelint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("fix", false, "apply every suggested fix, completed across packages")
	diff := fs.Bool("diff", false, "with -fix, print the unified diff instead of writing files")
	tests := fs.Bool("test", true, "analyse test files too (their calls are updated either way)")
	fs.Int("c", -1, "ignored with -fix")
	for _, a := range all {
		a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, a.Name+"."+f.Name, f.Usage) })
	}
	if err := fs.Parse(args); err != nil {
		return 1
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "capsulelint: no packages given")
		return 1
	}
	cfg, err := analyzerkit.Config(all[0])
	if err != nil {
		fmt.Fprintln(stderr, "capsulelint:", err)
		return 1
	}
	dir, _ := os.Getwd()
	w, err := engine.Load(engine.Options{Patterns: fs.Args(), Analyzers: all, Classifier: scope.New(cfg), SkipTests: !*tests})
	if err != nil {
		fmt.Fprintln(stderr, "capsulelint:", err)
		return 1
	}
	fixes, _, errs := w.Analyze()
	for _, e := range errs {
		fmt.Fprintln(stderr, "capsulelint:", e)
	}
	if len(errs) > 0 {
		return 1
	}
	now, waiting := w.Schedule(fixes)
	res := w.Apply(now)
	w.Commit(res)
	if *diff {
		fmt.Fprint(stdout, w.Diff(dir))
	} else if err := w.Write(); err != nil {
		fmt.Fprintln(stderr, "capsulelint:", err)
		return 1
	}
	verb := "applied"
	if *diff {
		verb = "would apply"
	}
	fmt.Fprintf(stderr, "capsulelint: %s %d of %d fixes in %d files (%d call sites and %d implementations completed across packages)\n",
		verb, len(res.Applied), len(fixes), len(w.Changed()), res.Sites, res.Impls)
	notApplied := append(slices.Clone(res.Rejected), waiting...)
	slices.SortStableFunc(notApplied, func(a, b engine.Rejection) int { return strings.Compare(a.Fix.Posn.String(), b.Fix.Posn.String()) })
	for _, r := range notApplied {
		fmt.Fprintf(stderr, "%s: %s: not applied: %s (%s)\n", r.Fix.Posn, r.Fix.Analyzer, r.Reason, r.Fix.Message)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(stderr, "%s: %s: %s\n", n.Posn, n.Analyzer, n.Message)
	}
	human := 0
	for _, r := range res.Readers { // code reading keys of a template a fix changed
		fmt.Fprintf(stderr, "%s: key reader %s: %s\n", r.Pos, r.Status, r.Message)
		if r.Status == keyreaders.Human {
			human++
		}
	}
	if human > 0 && len(notApplied) == 0 {
		fmt.Fprintf(stderr, "capsulelint: %d key readers need a human to follow their writers\n", human)
		return 3
	}
	if len(notApplied) > 0 {
		fmt.Fprintf(stderr, "capsulelint: %d fixes not applied; run capsulelint -fix again for those waiting on another fix, or capsulelint migrate to apply everything in dependency order\n", len(notApplied))
		return 3
	}
	return 0
}
