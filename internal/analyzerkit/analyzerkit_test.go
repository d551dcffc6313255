package analyzerkit

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/directive"
)

const docGo = `// Package p.
//
// # Analyzer boom
//
// boom: panics
package p
`

// TestPanicBecomesPackageError checks that a panicking analyzer fails
// its package with an error that says so, instead of crashing the run.
func TestPanicBecomesPackageError(t *testing.T) {
	def := config.Default()
	a := New("boom", docGo, config.NewResolver(&def), func(*analysis.Pass, *config.Resolved, *directive.Reporter) error {
		panic("kaboom")
	})
	if a.Doc != "panics" {
		t.Errorf("Doc = %q, want %q", a.Doc, "panics")
	}
	res := analysistest.Run(new(errorCollector), analysistest.TestData(), a, "p")
	if len(res) != 1 || res[0].Err == nil || !strings.Contains(res[0].Err.Error(), "boom panicked on package p: kaboom") {
		t.Fatalf("results %+v, want one error naming the analyzer, package and panic", res)
	}
}

// errorCollector is an analysistest.Testing that keeps the expected
// analyzer error out of the test's own failures; the test checks the
// result instead.
type errorCollector struct{ msgs []string }

func (c *errorCollector) Errorf(format string, args ...any) {
	c.msgs = append(c.msgs, fmt.Sprintf(format, args...))
}
