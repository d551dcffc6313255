package main

import (
	"cmp"
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"io"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/baseline"
)

// finding is one diagnostic of the report driver.
type finding struct {
	analyzer *analysis.Analyzer
	diag     analysis.Diagnostic
	fset     *token.FileSet
	file     *ast.File
	posn     token.Position
}

// reportFlags are the flags of the report driver, which replaces the
// x/tools multichecker when an output it lacks is asked for.
var reportFlags = []string{"sarif", "baseline", "baseline-write"}

// wantsReportDriver reports whether args ask for -sarif, -baseline or
// -baseline-write.
func wantsReportDriver(args []string) bool {
	for _, a := range args {
		if a == "--" || !strings.HasPrefix(a, "-") {
			return false
		}
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if slices.Contains(reportFlags, name) {
			return true
		}
	}
	return false
}

// runReport lints packages and prints text or SARIF, honouring and
// writing baselines. Exit: 0 clean, 1 error, 3 findings.
func runReport(args []string, all []*analysis.Analyzer, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("capsulelint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sarif := fs.Bool("sarif", false, "print SARIF 2.1.0 instead of text")
	base := fs.String("baseline", "", "report only findings not recorded in this baseline file")
	write := fs.String("baseline-write", "", "record every current finding in this baseline file and exit 0")
	tests := fs.Bool("test", true, "analyse test files too")
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
	if *base != "" && *write == "" {
		for _, a := range all {
			if err := a.Flags.Set("baseline", *base); err != nil {
				fmt.Fprintln(stderr, "capsulelint:", err)
				return 1
			}
		}
	}
	findings, analysisErrs, err := lint(fs.Args(), all, *tests)
	if err != nil {
		fmt.Fprintln(stderr, "capsulelint:", err)
		return 1
	}
	// An analyzer failing on one package does not stop the others.
	for _, e := range analysisErrs {
		fmt.Fprintln(stderr, "capsulelint:", e)
	}
	if *write != "" {
		entries := make([]baseline.Entry, len(findings))
		for i, f := range findings {
			entries[i] = baseline.Fingerprint(f.fset, f.file, f.diag.Pos, f.analyzer.Name, f.diag.Message)
		}
		if err := baseline.Write(*write, entries); err != nil {
			fmt.Fprintln(stderr, "capsulelint:", err)
			return 1
		}
		fmt.Fprintf(stderr, "capsulelint: recorded %d findings in %s\n", len(findings), *write)
		return 0
	}
	if *sarif {
		if err := writeSARIF(stdout, all, findings); err != nil {
			fmt.Fprintln(stderr, "capsulelint:", err)
			return 1
		}
	} else {
		for _, f := range findings {
			fmt.Fprintf(stdout, "%s: %s\n", f.posn, f.diag.Message)
		}
	}
	switch {
	case len(analysisErrs) > 0:
		return 1
	case len(findings) > 0:
		return 3
	}
	return 0
}

// lint loads the packages and runs the analyzers, returning their
// findings sorted by position, deduplicated across test variants, and
// the analyzers' errors, one per analyzer and package.
func lint(patterns []string, all []*analysis.Analyzer, tests bool) ([]finding, []string, error) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax &^ packages.NeedDeps, Tests: tests}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, nil, err
	}
	var loadErrs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			loadErrs = append(loadErrs, e.Error())
		}
	})
	if len(loadErrs) > 0 {
		return nil, nil, fmt.Errorf("packages do not load:\n\t%s", strings.Join(loadErrs[:min(len(loadErrs), 10)], "\n\t"))
	}
	graph, err := checker.Analyze(all, pkgs, nil)
	if err != nil {
		return nil, nil, err
	}
	roots := map[*analysis.Analyzer]bool{}
	for _, a := range all {
		roots[a] = true
	}
	var out []finding
	seen := map[string]bool{}
	var errs []string
	for act := range graph.All() {
		if !act.IsRoot || !roots[act.Analyzer] {
			continue
		}
		if act.Err != nil {
			errs = append(errs, fmt.Sprintf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err))
			continue
		}
		for _, d := range act.Diagnostics {
			posn := act.Package.Fset.Position(d.Pos)
			key := act.Analyzer.Name + posn.String() + d.Message
			if seen[key] {
				continue
			}
			seen[key] = true
			var file *ast.File
			for _, f := range act.Package.Syntax {
				if f.FileStart <= d.Pos && d.Pos <= f.FileEnd {
					file = f
				}
			}
			out = append(out, finding{analyzer: act.Analyzer, diag: d, fset: act.Package.Fset, file: file, posn: posn})
		}
	}
	slices.SortFunc(out, func(a, b finding) int {
		return cmp.Or(cmp.Compare(a.posn.Filename, b.posn.Filename), cmp.Compare(a.posn.Offset, b.posn.Offset), cmp.Compare(a.analyzer.Name, b.analyzer.Name))
	})
	return out, errs, nil
}
