package lsp

import (
	"cmp"
	"context"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/capsulelint/capsulelint/internal/config"
)

// loadMode is what the analyzers need of the analysed packages; their
// dependencies come from export data unless an analyzer uses facts.
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesInfo | packages.NeedSyntax |
	packages.NeedTypesSizes | packages.NeedModule | packages.NeedForTest

// snapshot is what an analysis needs of the server's state, copied so
// that it runs without the lock.
type snapshot struct {
	utf8     bool
	overlay  map[string][]byte // open buffers that differ from the file on disk
	uris     map[string]protocol.DocumentURI
	versions map[string]int32
}

// outcome is the result of analysing one package directory.
type outcome struct {
	files   map[string]*fileResult // every Go file of the package, findings or not
	problem *problem               // why (part of) the package was not analysed
	load    time.Duration
	fast    bool // the cache served the load
	analyse time.Duration
}

// problem is an error shown at line 1 of the file that triggered the
// analysis, and with show, once as a window/showMessage.
type problem struct {
	message  string
	severity protocol.DiagnosticSeverity
	show     bool
}

// fileResult is what was published for one file.
type fileResult struct {
	uri      protocol.DocumentURI
	content  []byte // the content analysed; nil when unknown
	findings []finding
}

// finding is one published diagnostic; when it has a fix, the quick fix
// is resolved through the fix engine on request (see resolve).
type finding struct {
	diag     protocol.Diagnostic
	analyzer string
	posn     token.Position // of the diagnostic, in the analysed contents
	hasFix   bool
}

func (fr *fileResult) diagnostics() []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, 0, len(fr.findings)) // [] rather than null
	for _, f := range fr.findings {
		out = append(out, f.diag)
	}
	return out
}

// run analyses the package in dir and publishes the result unless a
// newer request for the package superseded it meanwhile.
func (s *server) run(ctx context.Context, dir, trigger string, gen uint64) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Printf("panic analysing %s: %v\n%s", dir, r, debug.Stack())
			s.publish(dir, gen, &outcome{files: map[string]*fileResult{}, problem: &problem{
				message:  fmt.Sprintf("capsulelint: internal error analysing this package: %v (please report it)", r),
				severity: protocol.DiagnosticSeverityError, show: true,
			}}, trigger)
		}
	}()
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return
	}
	defer func() { <-s.sem }()
	if ctx.Err() != nil {
		return
	}
	start := time.Now()
	out := s.analyse(ctx, dir, trigger, s.snapshot())
	if ctx.Err() != nil {
		if s.opts.Verbose {
			s.log.Printf("%s: superseded after %v, result dropped", dir, time.Since(start).Round(time.Millisecond))
		}
		return
	}
	published := s.publish(dir, gen, out, trigger)
	if s.opts.Verbose {
		n := 0
		for _, fr := range out.files {
			n += len(fr.findings)
		}
		what := "published"
		if !published {
			what = "superseded, dropped"
		}
		how := "go list"
		if out.fast {
			how = "cached dependencies"
		}
		s.log.Printf("%s: %d findings in %d files, load %v (%s), analysis %v, total %v, %s",
			dir, n, len(out.files), out.load.Round(time.Millisecond), how, out.analyse.Round(time.Millisecond),
			time.Since(start).Round(time.Millisecond), what)
	}
}

// snapshot copies the open buffers, keeping as overlays those that
// differ from the files on disk.
func (s *server) snapshot() *snapshot {
	s.mu.Lock()
	snap := &snapshot{utf8: s.utf8, overlay: map[string][]byte{}, uris: map[string]protocol.DocumentURI{}, versions: map[string]int32{}}
	texts := map[string][]byte{}
	for path, d := range s.docs {
		snap.uris[path] = d.uri
		snap.versions[path] = d.version
		texts[path] = d.text
	}
	s.mu.Unlock()
	for path, text := range texts {
		if disk, err := os.ReadFile(path); err != nil || string(disk) != string(text) {
			snap.overlay[path] = text
		}
	}
	return snap
}

func (snap *snapshot) uri(path string) protocol.DocumentURI {
	if u, ok := snap.uris[path]; ok {
		return u
	}
	return uri.File(path)
}

// analyse loads the package in dir with its test variants and runs the
// analyzers on it.
func (s *server) analyse(ctx context.Context, dir, trigger string, snap *snapshot) *outcome {
	out := &outcome{files: map[string]*fileResult{}}
	cfg, err := config.Load(s.opts.ConfigPath, dir)
	if err != nil {
		out.problem = &problem{message: "capsulelint: " + err.Error(), severity: protocol.DiagnosticSeverityError, show: true}
		return out
	}
	analyzers := guard(s.opts.Analyzers(cfg), s.log.Printf, snap.overlay)
	mode := loadMode
	if needFacts(analyzers) {
		mode |= packages.NeedDeps
	}
	t0 := time.Now()
	pkgs, fast, err := s.load(ctx, dir, snap, mode)
	out.load, out.fast = time.Since(t0), fast
	if ctx.Err() != nil {
		return out
	}
	if err != nil {
		out.problem = &problem{message: "capsulelint: cannot load the package: " + oneLine(err.Error()), severity: protocol.DiagnosticSeverityError, show: true}
		return out
	}
	roots, files, broken := selectRoots(pkgs, dir)
	conv := &converter{snap: snap, mappers: map[string]*mapper{}}
	for _, f := range files {
		fr := &fileResult{uri: snap.uri(f)}
		if m := conv.mapper(f); m != nil {
			fr.content = m.content
		}
		out.files[f] = fr
	}
	if !slices.Contains(files, trigger) || !covered(roots, trigger) {
		out.problem = whyNot(broken, trigger, dir)
		if out.problem == nil && !slices.Contains(files, trigger) && !ignored(pkgs, trigger) {
			out.problem = orphan(dir)
		}
	}
	if out.files[trigger] == nil {
		out.files[trigger] = &fileResult{uri: snap.uri(trigger)} // clear what it had
	}
	if len(roots) == 0 {
		return out
	}

	t1 := time.Now()
	graph, err := checker.Analyze(analyzers, roots, nil)
	out.analyse = time.Since(t1)
	if err != nil {
		out.problem = &problem{message: "capsulelint: " + oneLine(err.Error()), severity: protocol.DiagnosticSeverityError, show: true}
		return out
	}
	seen := map[string]bool{}
	for _, act := range graph.Roots {
		if act.Err != nil {
			if out.problem == nil {
				out.problem = &problem{
					message:  fmt.Sprintf("capsulelint: %s failed on %s: %s", act.Analyzer.Name, act.Package.PkgPath, oneLine(act.Err.Error())),
					severity: protocol.DiagnosticSeverityError, show: true,
				}
			}
			s.log.Printf("%s on %s: %v", act.Analyzer.Name, act.Package.ID, act.Err)
			continue
		}
		for _, d := range act.Diagnostics {
			f, path, ok := conv.finding(act.Package.Fset, act.Analyzer, d, s.opts.Severity)
			if !ok {
				continue
			}
			key := fmt.Sprintf("%s\x00%s\x00%d:%d\x00%s", act.Analyzer.Name, path, f.diag.Range.Start.Line, f.diag.Range.Start.Character, d.Message)
			if seen[key] {
				continue // the same finding in another variant of the package
			}
			seen[key] = true
			fr := out.files[path]
			if fr == nil {
				fr = &fileResult{uri: snap.uri(path), content: conv.mapper(path).content}
				out.files[path] = fr
			}
			fr.findings = append(fr.findings, f)
		}
	}
	for _, fr := range out.files {
		slices.SortStableFunc(fr.findings, func(a, b finding) int {
			return cmp.Or(
				cmp.Compare(a.diag.Range.Start.Line, b.diag.Range.Start.Line),
				cmp.Compare(a.diag.Range.Start.Character, b.diag.Range.Start.Character))
		})
	}
	return out
}

// selectRoots picks the variants of the package in dir to analyse: the
// test variant when it type-checks (it holds the package's files and its
// in-package _test.go files, so fixes also reach the tests' call sites),
// else the package itself, and the external _test package. It returns
// them, every Go file of the package, and the variants that do not
// type-check.
func selectRoots(pkgs []*packages.Package, dir string) (roots []*packages.Package, files []string, broken []*packages.Package) {
	ok := func(p *packages.Package) bool { return len(p.Errors) == 0 && len(p.TypeErrors) == 0 && !p.IllTyped }
	inDir := func(p *packages.Package) bool {
		for _, f := range p.GoFiles {
			if filepath.Dir(f) == dir {
				return true
			}
		}
		return len(p.GoFiles) == 0 && len(p.Errors) > 0 // e.g. no Go files, or not in a module
	}
	var variants []*packages.Package
	for _, p := range pkgs {
		if inDir(p) {
			variants = append(variants, p)
		}
	}
	fileSet := map[string]bool{}
	for _, p := range variants {
		for _, f := range p.GoFiles {
			if filepath.Dir(f) == dir && !fileSet[f] {
				fileSet[f] = true
				files = append(files, f)
			}
		}
		if !ok(p) {
			broken = append(broken, p)
			continue
		}
		if p.ForTest == "" {
			// Skip the package when its well-typed test variant covers it.
			if slices.ContainsFunc(variants, func(q *packages.Package) bool {
				return q.ForTest == p.PkgPath && q.PkgPath == p.PkgPath && ok(q)
			}) {
				continue
			}
		}
		roots = append(roots, p)
	}
	slices.Sort(files)
	return roots, files, broken
}

func covered(roots []*packages.Package, file string) bool {
	for _, p := range roots {
		if slices.Contains(p.GoFiles, file) {
			return true
		}
	}
	return false
}

// whyNot explains why file was not analysed.
func whyNot(broken []*packages.Package, file, dir string) *problem {
	for _, p := range broken {
		if !slices.Contains(p.GoFiles, file) && len(p.GoFiles) > 0 {
			continue
		}
		var errs []string
		listErr := false
		// Type errors first: go list's own report of them (a failed
		// compile for the export data) is noisier.
		for _, e := range p.TypeErrors {
			errs = append(errs, strings.TrimPrefix(e.Error(), dir+string(filepath.Separator)))
		}
		for _, e := range p.Errors {
			if e.Kind == packages.TypeError {
				continue // also in TypeErrors
			}
			listErr = listErr || e.Kind == packages.ListError
			errs = append(errs, strings.TrimPrefix(e.Error(), dir+string(filepath.Separator)))
		}
		if len(errs) == 0 {
			continue
		}
		more := ""
		if len(errs) > 1 {
			more = fmt.Sprintf(" (and %d more)", len(errs)-1)
		}
		if listErr && len(p.TypeErrors) == 0 {
			return &problem{
				message:  fmt.Sprintf("capsulelint: cannot load the package: %s%s", oneLine(errs[0]), more),
				severity: protocol.DiagnosticSeverityWarning,
			}
		}
		return &problem{
			message:  fmt.Sprintf("capsulelint: not analysed until %s type-checks (gopls shows why): %s%s", p.ID, oneLine(errs[0]), more),
			severity: protocol.DiagnosticSeverityInformation,
		}
	}
	return nil // e.g. a file excluded by build constraints: nothing to say
}

// ignored reports whether build constraints exclude file from the
// package.
func ignored(pkgs []*packages.Package, file string) bool {
	return slices.ContainsFunc(pkgs, func(p *packages.Package) bool { return slices.Contains(p.IgnoredFiles, file) })
}

// orphan explains why go list found no package in dir.
func orphan(dir string) *problem {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return &problem{
				message:  "capsulelint: not analysed: go list finds no package for this file",
				severity: protocol.DiagnosticSeverityInformation,
			}
		}
		if filepath.Dir(d) == d {
			return &problem{
				message:  "capsulelint: not analysed: the file is not in a Go module (no go.mod in its directory or above)",
				severity: protocol.DiagnosticSeverityWarning,
			}
		}
	}
}

// guard wraps the analyzers' Run so that a panic becomes an analysis
// error (the checker runs them on goroutines, where the server could not
// recover it), and so that pass.ReadFile returns the unsaved buffers the
// package was type-checked from (the checker reads the disk): analyzers
// that copy source text into their fixes must see what the editor has.
func guard(as []*analysis.Analyzer, logf func(format string, args ...any), overlay map[string][]byte) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(as))
	for i, a := range as {
		c := *a
		run := a.Run
		c.Run = func(pass *analysis.Pass) (res any, err error) {
			if read := pass.ReadFile; read != nil && len(overlay) > 0 {
				pass.ReadFile = func(name string) ([]byte, error) {
					if _, err := read(name); err != nil {
						return nil, err // not a file of the package
					}
					if src, ok := overlay[name]; ok {
						return src, nil
					}
					return read(name)
				}
			}
			defer func() {
				if r := recover(); r != nil {
					logf("%s panicked on %s: %v\n%s", c.Name, pass.Pkg.Path(), r, debug.Stack())
					err = fmt.Errorf("panic: %v (please report it)", r)
				}
			}()
			return run(pass)
		}
		out[i] = &c
	}
	return out
}

func needFacts(as []*analysis.Analyzer) bool {
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer) bool
	visit = func(a *analysis.Analyzer) bool {
		if seen[a] {
			return false
		}
		seen[a] = true
		if len(a.FactTypes) > 0 {
			return true
		}
		return slices.ContainsFunc(a.Requires, visit)
	}
	return slices.ContainsFunc(as, visit)
}

// converter turns analysis positions into LSP locations.
type converter struct {
	snap    *snapshot
	mappers map[string]*mapper
}

// mapper returns the mapper of the file path as analysed (the overlay,
// else the file on disk), nil if it cannot be read.
func (c *converter) mapper(path string) *mapper {
	if m, ok := c.mappers[path]; ok {
		return m
	}
	content, ok := c.snap.overlay[path]
	if !ok {
		var err error
		if content, err = os.ReadFile(path); err != nil {
			c.mappers[path] = nil
			return nil
		}
	}
	m := newMapper(content, c.snap.utf8)
	c.mappers[path] = m
	return m
}

// span returns the file and LSP range of [pos, end); an invalid end is
// pos, or with word, the end of the identifier at pos.
func (c *converter) span(fset *token.FileSet, pos, end token.Pos, word bool) (string, *mapper, protocol.Range, bool) {
	tf := fset.File(pos)
	if tf == nil {
		return "", nil, protocol.Range{}, false
	}
	path := tf.Name()
	m := c.mapper(path)
	if m == nil {
		return "", nil, protocol.Range{}, false
	}
	offset := func(p token.Pos) int { return max(0, min(int(p)-tf.Base(), tf.Size())) }
	start := offset(pos)
	stop := start
	switch {
	case end.IsValid() && end >= pos && int(end) <= tf.Base()+tf.Size():
		stop = offset(end)
	case word:
		stop = wordEnd(m.content, start)
	}
	return path, m, m.rng(start, stop), true
}

// wordEnd returns the end of the identifier starting at offset off.
func wordEnd(content []byte, off int) int {
	for off < len(content) {
		r, size := utf8.DecodeRune(content[off:])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		off += size
	}
	return off
}

// finding converts an analysis diagnostic, its related information and
// its suggested fixes.
func (c *converter) finding(fset *token.FileSet, a *analysis.Analyzer, d analysis.Diagnostic, severity protocol.DiagnosticSeverity) (finding, string, bool) {
	path, _, rng, ok := c.span(fset, d.Pos, d.End, true)
	if !ok {
		return finding{}, "", false
	}
	diag := protocol.Diagnostic{
		Range:    rng,
		Severity: severity,
		Code:     a.Name,
		Source:   Source,
		Message:  d.Message,
	}
	if a.URL != "" {
		diag.CodeDescription = &protocol.CodeDescription{Href: protocol.URI(a.URL)}
	}
	for _, r := range d.Related {
		rpath, _, rrng, ok := c.span(fset, r.Pos, r.End, true)
		if !ok {
			continue
		}
		diag.RelatedInformation = append(diag.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: c.snap.uri(rpath), Range: rrng},
			Message:  strings.TrimSpace(r.Message),
		})
	}
	f := finding{diag: diag, analyzer: a.Name, posn: fset.Position(d.Pos), hasFix: len(d.SuggestedFixes) > 0 && len(d.SuggestedFixes[0].TextEdits) > 0}
	return f, path, true
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
