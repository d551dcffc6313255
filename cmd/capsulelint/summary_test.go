package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/analyzers"
)

// runBin runs the capsulelint binary in dir and returns its exit code.
func runBin(t *testing.T, bin, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

var summaryRE = regexp.MustCompile("^capsulelint: (\\d+) findings \\(([^)]*)\\) in (\\d+) of (\\d+) packages; ")

// TestSummaryLine runs the binary on the bundled example: the text
// findings end with one summary line on stderr whose counts agree with
// two independent sources — the x/tools driver's -json output (findings
// per analyzer) and the fix engine's -fix -diff (fixes it would apply);
// -json and -sarif print no summary; the exit status stays 3.
func TestSummaryLine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and loads the bundled example")
	}
	bin := buildCapsulelint(t)
	dir := copyMigrationFixture(t)

	code, stdout, stderr := runBin(t, bin, dir, "./...")
	if code != 3 {
		t.Fatalf("exit %d, want 3\n%s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("text findings on stdout, want stderr as the x/tools driver:\n%s", stdout)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	last := lines[len(lines)-1]
	m := summaryRE.FindStringSubmatch(last)
	if m == nil {
		t.Fatalf("last line of stderr is not the summary: %q", last)
	}
	for _, l := range lines[:len(lines)-1] {
		if strings.HasPrefix(l, "capsulelint:") {
			t.Errorf("summary-like line before the end: %q", l)
		}
	}

	// Findings per analyzer, from the x/tools driver's JSON, deduplicated
	// across test variants as text output is.
	_, jsonOut, _ := runBin(t, bin, dir, "-json", "./...")
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(jsonOut), &tree); err != nil {
		t.Fatalf("-json: %v\n%s", err, jsonOut)
	}
	per := map[string]map[string]bool{}
	total := 0
	for _, byAnalyzer := range tree {
		for name, raw := range byAnalyzer {
			var diags []struct{ Posn, Message string }
			if json.Unmarshal(raw, &diags) != nil {
				continue // an error entry
			}
			for _, d := range diags {
				if per[name] == nil {
					per[name] = map[string]bool{}
				}
				if k := d.Posn + d.Message; !per[name][k] {
					per[name][k] = true
					total++
				}
			}
		}
	}
	var want []string
	for _, a := range analyzers.All() {
		if n := len(per[a.Name]); n > 0 {
			want = append(want, fmt.Sprintf("%s %d", a.Name, n))
		}
	}
	if m[1] != fmt.Sprint(total) || m[2] != strings.Join(want, ", ") {
		t.Errorf("summary counts %s (%s), want %d (%s) from -json:\n%s", m[1], m[2], total, strings.Join(want, ", "), last)
	}
	if m[3] != "5" || m[4] != "7" {
		t.Errorf("summary: findings in %s of %s packages, want 5 of 7 (events, handlers, keys, model, repository; ids and store are clean)\n%s", m[3], m[4], last)
	}

	// The fix engine's fixes: "would apply A of F fixes".
	_, _, fixErr := runBin(t, bin, dir, "-fix", "-diff", "./...")
	fm := regexp.MustCompile(`would apply \d+ of (\d+) fixes`).FindStringSubmatch(fixErr)
	if fm == nil {
		t.Fatalf("-fix -diff summary not found:\n%s", fixErr)
	}
	fixable := fm[1]
	wantTail := "all carry a fix: `capsulelint migrate ./...` fixes them"
	if fixable != m[1] {
		wantTail = fmt.Sprintf("%s carry a fix: `capsulelint migrate ./...` fixes those", fixable)
	}
	if !strings.Contains(last, wantTail) {
		t.Errorf("summary %q, want it to say %q (the fix engine offers %s fixes)", last, wantTail, fixable)
	}

	for _, args := range [][]string{{"-json", "./..."}, {"-sarif", "./..."}} {
		_, out, errOut := runBin(t, bin, dir, args...)
		if strings.Contains(out+errOut, "carry a fix") || strings.Contains(out+errOut, "carries a fix") {
			t.Errorf("%v prints the summary:\n%s", args, errOut)
		}
	}
}

// TestSummaryCleanPackage: no findings, no summary, exit 0.
func TestSummaryCleanPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildCapsulelint(t)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod":   "module example.com/clean\n\ngo 1.22\n",
		"clean.go": "package clean\n\n// Key is not a tenant key: no # segments.\nfunc Key(id string) string { return \"user:\" + id }\n",
	})
	code, stdout, stderr := runBin(t, bin, dir, "./...")
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("clean package: exit %d, stdout %q, stderr %q; want 0 and no output", code, stdout, stderr)
	}
}

// TestSummaryWording covers the three endings, the per-analyzer order and
// the -test=false note.
func TestSummaryWording(t *testing.T) {
	a, b := &analysis.Analyzer{Name: "alpha"}, &analysis.Analyzer{Name: "beta"}
	all := []*analysis.Analyzer{a, b}
	f := func(an *analysis.Analyzer, pkg string, fix bool) finding {
		return finding{analyzer: an, pkg: pkg, fixable: fix}
	}
	for _, tc := range []struct {
		findings []finding
		noTests  bool // -test=false
		want     string
	}{
		{[]finding{f(b, "p", true), f(a, "q", false), f(b, "p", false)}, false,
			"capsulelint: 3 findings (alpha 1, beta 2) in 2 of 9 packages; 1 carry a fix: `capsulelint migrate ./a/... ./b` fixes those, `capsulelint plan ./a/... ./b` orders the other 2"},
		{[]finding{f(a, "p", true)}, false,
			"capsulelint: 1 finding (alpha 1) in 1 of 9 packages; all carry a fix: `capsulelint migrate ./a/... ./b` fixes them"},
		{[]finding{f(b, "p", false), f(b, "p", false)}, false,
			"capsulelint: 2 findings (beta 2) in 1 of 9 packages; none carries a fix: `capsulelint plan ./a/... ./b` orders them"},
		{[]finding{f(b, "p", false)}, true,
			"capsulelint: 1 finding (beta 1) in 1 of 9 packages; none carries a fix: `capsulelint plan ./a/... ./b` orders them (-test=false withholds the fixes of packages with tests: run without it to count them)"},
		{[]finding{f(a, "p", true)}, true,
			"capsulelint: 1 finding (alpha 1) in 1 of 9 packages; all carry a fix: `capsulelint migrate ./a/... ./b` fixes them"},
	} {
		if got := summaryLine(tc.findings, all, 9, []string{"./a/...", "./b"}, !tc.noTests); got != tc.want {
			t.Errorf("summaryLine:\n got %s\nwant %s", got, tc.want)
		}
	}
}
