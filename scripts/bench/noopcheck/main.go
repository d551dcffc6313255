// Command noopcheck is the benchmark baseline: the no-op analyzer run
// through the same x/tools multichecker driver as capsulelint.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/capsulelint/capsulelint/internal/noop"
)

func main() { multichecker.Main(noop.Analyzer) }
