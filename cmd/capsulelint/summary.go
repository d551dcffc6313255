package main

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/fixes"
)

// hasFix reports whether the fix engine (-fix, migrate) would take d's
// fix: its first suggested fix has edits that resolve to files.
func hasFix(fset *token.FileSet, d analysis.Diagnostic) bool {
	if len(d.SuggestedFixes) == 0 {
		return false
	}
	edits, err := fixes.FileEdits(fset, d.SuggestedFixes[0].TextEdits)
	return err == nil && len(edits) > 0
}

// countPackages counts the loaded packages once each: a package, its
// test variant and its external test package are one.
func countPackages(pkgs []*packages.Package) int {
	seen := map[string]bool{}
	for _, p := range pkgs {
		if testMain(p) {
			continue
		}
		seen[strings.TrimSuffix(p.PkgPath, "_test")] = true
	}
	return len(seen)
}

// summaryLine is the line printed after text findings, so that nobody has to
// count them: findings per analyzer, packages, how many carry a fix, and
// the commands that fix and order them. Without tests (-test=false) a
// package with in-package tests gets no fixes, so the count says so.
func summaryLine(findings []finding, all []*analysis.Analyzer, pkgs int, patterns []string, tests bool) string {
	per := map[string]int{}
	inPkg := map[string]bool{}
	fixable := 0
	for _, f := range findings {
		per[f.analyzer.Name]++
		inPkg[f.pkg] = true
		if f.fixable {
			fixable++
		}
	}
	var counts []string
	for _, a := range all {
		if n := per[a.Name]; n > 0 {
			counts = append(counts, fmt.Sprintf("%s %d", a.Name, n))
		}
	}
	pats := strings.Join(patterns, " ")
	var b strings.Builder
	fmt.Fprintf(&b, "capsulelint: %s (%s) in %d of %d packages; ", plural(len(findings), "finding"), strings.Join(counts, ", "), len(inPkg), pkgs)
	switch rest := len(findings) - fixable; {
	case fixable == 0:
		fmt.Fprintf(&b, "none carries a fix: `capsulelint plan %s` orders them", pats)
	case rest == 0:
		fmt.Fprintf(&b, "all carry a fix: `capsulelint migrate %s` fixes them", pats)
	default:
		fmt.Fprintf(&b, "%d carry a fix: `capsulelint migrate %s` fixes those, `capsulelint plan %s` orders the other %d", fixable, pats, pats, rest)
	}
	if !tests && fixable < len(findings) {
		b.WriteString(" (-test=false withholds the fixes of packages with tests: run without it to count them)")
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
