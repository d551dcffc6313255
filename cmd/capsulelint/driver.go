package main

import (
	"cmp"
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"io"
	"os"
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
	// fixable: some test variant of the package offers a suggested fix
	// with edits, as the fix engine (-fix, migrate) takes it.
	fixable bool
	pkg     string // package path, test variants as one
}

// reportFlags are the flags of the report driver, which replaces the
// x/tools multichecker when an output it lacks is asked for (and for plain
// text, see [plainText]). It loads and analyses as the multichecker does:
// packages.Load in LoadSyntax mode, then checker.Analyze.
var reportFlags = []string{"sarif", "baseline", "baseline-write"}

// plainText reports whether args are a plain text lint run that the
// report driver can take from the x/tools multichecker, to print a
// summary after the findings: packages, with only -test, analyzer
// and -c flags before them. Any other flag (-json, -debug, profiles,
// enabling analyzers) keeps the x/tools driver, without a summary.
func plainText(args []string, all []*analysis.Analyzer) bool {
	fs := flag.NewFlagSet("capsulelint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Bool("test", true, "")
	fs.Int("c", -1, "")
	for _, a := range all {
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
	return fs.Parse(args) == nil && fs.NArg() > 0
}

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
// writing baselines. Exit: 0 clean, 1 error, 3 findings. Without
// -sarif, -baseline and -baseline-write it is the plain text route (see
// [plainText]): findings go to stderr in the x/tools format, packages that
// do not load are reported without stopping the others, as the x/tools
// driver does, and a summary line follows the findings.
func runReport(args []string, all []*analysis.Analyzer, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("capsulelint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sarif := fs.Bool("sarif", false, "print SARIF 2.1.0 instead of text")
	base := fs.String("baseline", "", "report only findings not recorded in this baseline file")
	write := fs.String("baseline-write", "", "record every current finding in this baseline file and exit 0")
	tests := fs.Bool("test", true, "analyse test files too")
	context := fs.Int("c", -1, "display offending line with this many lines of context")
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
	plain := !*sarif && *base == "" && *write == ""
	var loadErrs io.Writer
	if plain {
		loadErrs = stderr
	}
	res, err := lint(fs.Args(), all, *tests, loadErrs)
	if err != nil {
		fmt.Fprintln(stderr, "capsulelint:", err)
		return 1
	}
	findings, analysisErrs := res.findings, res.errs
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
			if plain {
				// Where and as the x/tools driver prints.
				printPlain(stderr, f, *context)
			} else {
				fmt.Fprintf(stdout, "%s: %s\n", f.posn, f.diag.Message)
			}
		}
		if len(findings) > 0 {
			fmt.Fprintln(stderr, summaryLine(findings, all, res.packages, fs.Args(), *tests))
		}
	}
	// As the x/tools driver: load errors give at least 1, findings 3.
	code := 0
	if res.loadFailed {
		code = 1
	}
	switch {
	case len(analysisErrs) > 0:
		return 1
	case len(findings) > 0:
		return 3
	}
	return code
}

// lintLoadMode is what [lint] loads: the roots' syntax and types, their
// dependencies from export data, and which package each test variant
// tests (for [analysisRoots]).
const lintLoadMode = packages.LoadAllSyntax&^packages.NeedDeps | packages.NeedForTest

// lintResult is what [lint] found.
type lintResult struct {
	findings   []finding
	errs       []string // analyzers' errors, one per analyzer and package
	packages   int      // packages analysed, test variants counted once
	loadFailed bool     // some package did not load (reported, not fatal)
}

// lint loads the packages and runs the analyzers, returning their
// findings sorted by position, deduplicated across test variants, and
// the analyzers' errors, one per analyzer and package. Packages that do
// not load are an error, or, with loadErrs, are printed there and the
// rest analysed.
func lint(patterns []string, all []*analysis.Analyzer, tests bool, loadErrs io.Writer) (lintResult, error) {
	var res lintResult
	cfg := &packages.Config{Mode: lintLoadMode, Tests: tests}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return res, err
	}
	if len(pkgs) == 0 {
		return res, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	var broken []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			broken = append(broken, e.Error())
		}
	})
	if len(broken) > 0 {
		if loadErrs == nil {
			return res, fmt.Errorf("packages do not load:\n\t%s", strings.Join(broken[:min(len(broken), 10)], "\n\t"))
		}
		for _, e := range broken {
			fmt.Fprintln(loadErrs, e)
		}
		res.loadFailed = true
	}
	res.packages = countPackages(pkgs)
	graph, err := checker.Analyze(all, analysisRoots(pkgs), nil)
	if err != nil {
		return res, err
	}
	roots := map[*analysis.Analyzer]bool{}
	for _, a := range all {
		roots[a] = true
	}
	var out []finding
	seen := map[string]int{} // index in out
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
			key := act.Analyzer.Name + "\x00" + posn.String() + "\x00" + d.Message
			if i, ok := seen[key]; ok {
				out[i].fixable = out[i].fixable || hasFix(act.Package.Fset, d)
				continue
			}
			seen[key] = len(out)
			var file *ast.File
			for _, f := range act.Package.Syntax {
				if f.FileStart <= d.Pos && d.Pos <= f.FileEnd {
					file = f
				}
			}
			out = append(out, finding{analyzer: act.Analyzer, diag: d, fset: act.Package.Fset, file: file, posn: posn, fixable: hasFix(act.Package.Fset, d), pkg: strings.TrimSuffix(act.Package.PkgPath, "_test")})
		}
	}
	slices.SortFunc(out, func(a, b finding) int {
		return cmp.Or(cmp.Compare(a.posn.Filename, b.posn.Filename), cmp.Compare(a.posn.Offset, b.posn.Offset), cmp.Compare(a.analyzer.Name, b.analyzer.Name), cmp.Compare(a.diag.Message, b.diag.Message))
	})
	res.findings, res.errs = out, errs
	return res, nil
}

// analysisRoots returns the packages of pkgs to analyse, so that each file
// is analysed once: a package is left out when its test variant, which
// holds all of its files and its in-package tests, loaded without errors
// (that variant reports whatever the package would, and offers the fixes
// the package itself withholds for want of its tests, see
// [directive.Reporter.MissesTests]), and so is the generated test main,
// which has no file of the user's. The x/tools driver analyses both
// variants; on a service with tests that doubled the analyzers' cost.
func analysisRoots(pkgs []*packages.Package) []*packages.Package {
	tested := map[string]bool{} // PkgPath of test variants that loaded
	for _, p := range pkgs {
		if p.ForTest == p.PkgPath && p.ID != p.PkgPath && len(p.Errors) == 0 && !p.IllTyped {
			tested[p.PkgPath] = true
		}
	}
	out := make([]*packages.Package, 0, len(pkgs))
	for _, p := range pkgs {
		switch {
		case p.ForTest == "" && tested[p.PkgPath]:
		case testMain(p):
		default:
			out = append(out, p)
		}
	}
	return out
}

// testMain reports whether p is the test main package go list generates:
// package main of a path ending .test, all of whose files (in the build
// cache, under hashed names) are generated.
func testMain(p *packages.Package) bool {
	if p.Name != "main" || !strings.HasSuffix(p.ID, ".test") || len(p.Syntax) == 0 {
		return false
	}
	for _, f := range p.Syntax {
		if !ast.IsGenerated(f) {
			return false
		}
	}
	return true
}

// printPlain prints f as x/tools' text output does: the finding and its
// related positions, each with contextLines of source when not negative.
func printPlain(w io.Writer, f finding, contextLines int) {
	print := func(pos, end token.Pos, message string) {
		posn := f.fset.Position(pos)
		fmt.Fprintf(w, "%s: %s\n", posn, message)
		if contextLines < 0 {
			return
		}
		last := f.fset.Position(end)
		if !last.IsValid() {
			last = posn
		}
		data, _ := os.ReadFile(posn.Filename)
		lines := strings.Split(string(data), "\n")
		for i := max(1, posn.Line-contextLines); i <= min(len(lines), last.Line+contextLines); i++ {
			fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
		}
	}
	print(f.diag.Pos, f.diag.End, f.diag.Message)
	for _, rel := range f.diag.Related {
		print(rel.Pos, rel.End, "\t"+rel.Message)
	}
}
