package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"go.lsp.dev/protocol"
	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/analyzers"
	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/lsp"
)

const lspUsage = `usage: capsulelint lsp [-config FILE] [-severity warning|error] [-debounce DURATION] [-v]

Runs a Language Server on stdin/stdout for editors, beside gopls: it
analyses a file's package (with its tests) on open, save and, debounced,
on change, publishes the findings as diagnostics (source "capsulelint",
code = analyzer name), and offers the suggested fixes as quick fixes.
See docs/editors.md for editor set-up.
`

// runLSP implements "capsulelint lsp" and returns the exit code: 0 after
// shutdown and exit, 1 otherwise.
func runLSP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, lspUsage); fs.PrintDefaults() }
	configPath := fs.String("config", "", "path of a "+config.FileName+" for every package (default: searched upward from each package)")
	severity := fs.String("severity", "warning", "severity of the findings: warning or error")
	debounce := fs.Duration("debounce", lsp.DefaultDebounce, "delay after the last edit before an unsaved buffer is analysed; 0: at once; negative: on open and save only")
	verbose := fs.Bool("v", false, "log every analysis with its timings to stderr")
	_ = fs.Bool("stdio", true, "speak on stdin/stdout (the only transport; accepted for clients that pass it)")
	if err := fs.Parse(args); err != nil {
		return 1
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 1
	}
	opts := lsp.Options{
		Analyzers:  lspAnalyzers,
		ConfigPath: *configPath,
		Debounce:   *debounce,
		Log:        stderr,
		Verbose:    *verbose,
		Version:    version(),
	}
	switch *severity {
	case "warning":
		opts.Severity = protocol.DiagnosticSeverityWarning
	case "error":
		opts.Severity = protocol.DiagnosticSeverityError
	default:
		fmt.Fprintf(stderr, "capsulelint lsp: -severity %q: want warning or error\n", *severity)
		return 1
	}
	if *debounce == 0 {
		opts.Debounce = time.Millisecond // lsp.Options reads 0 as the default
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := lsp.Serve(ctx, stdin, stdout, opts); err != nil {
		if !errors.Is(err, lsp.ErrNoShutdown) {
			fmt.Fprintln(stderr, "capsulelint lsp:", err)
		}
		return 1
	}
	return 0
}

// lspAnalyzers are the editor server's analyzers, with every fix kept
// (config.FixWorkspace), as the fix engine that completes a quick fix
// across the workspace's packages needs.
func lspAnalyzers(cfg config.Config) []*analysis.Analyzer {
	return analyzers.NewWithFixScope(cfg, config.FixWorkspace)
}
