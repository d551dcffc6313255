// Command capsulelint-gen writes a synthetic multi-tenant service for
// capsulelint's benchmarks:
//
//	capsulelint-gen -n 1000 -bad 10 -o /tmp/svc1000
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/capsulelint/capsulelint/internal/gen"
)

func main() {
	n := flag.Int("n", 100, "number of domain packages")
	bad := flag.Int("bad", 10, "every bad-th package is tenant-only (0: none)")
	out := flag.String("o", "", "output directory (required)")
	module := flag.String("module", "example.com/svc", "module path")
	flag.Parse()
	if *out == "" || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := gen.Write(gen.Options{Dir: *out, Module: *module, Packages: *n, Bad: *bad}); err != nil {
		fmt.Fprintln(os.Stderr, "capsulelint-gen:", err)
		os.Exit(1)
	}
}
