package directive

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"weak"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/baseline"
	"github.com/capsulelint/capsulelint/internal/config"
)

// Analyzers are the names //capsule:ignore accepts.
var Analyzers = map[string]bool{"capsulefield": true, "keyformat": true, "repocapsule": true, "gsitenant": true}

// ProblemOwner is the analyzer that reports malformed directives, so that
// each is reported once.
const ProblemOwner = "capsulefield"

// Reporter reports one analyzer's diagnostics on one package, honouring
// directives, generated files, include-tests and the driver's fix scope.
type Reporter struct {
	Pass  *analysis.Pass
	Name  string
	Cfg   *config.Resolved
	files map[*token.File]*File
	// baseline holds the accepted findings, loaded on first use.
	baseline *baseline.Baseline
	asts     []*ast.File
	// cgo maps cmd/cgo's translations of the package's files to the
	// source file names.
	cgo map[*token.File]string
	// testsElsewhere caches [Reporter.MissesTests]: 0 unknown, 1 no, 2 yes.
	testsElsewhere int8
}

// NewReporter returns a reporter for analyzer name.
func NewReporter(pass *analysis.Pass, name string, cfg *config.Resolved) *Reporter {
	r := &Reporter{Pass: pass, Name: name, Cfg: cfg, files: make(map[*token.File]*File, len(pass.Files))}
	for _, f := range pass.Files {
		// One FileSet lookup per file: the set holds every file of the
		// run, and four analyzers build a Reporter per package.
		tf := pass.Fset.File(f.Pos())
		if src := cgoSource(pass.Fset, tf, f); src != "" {
			if r.cgo == nil {
				r.cgo = map[*token.File]string{}
			}
			r.cgo[tf] = src
		}
		if tf == nil || r.skip(tf, f) {
			continue
		}
		r.files[tf] = parseTokenFile(tf, f, Analyzers)
		r.asts = append(r.asts, f)
	}
	return r
}

// Skip reports whether f is not analysed: generated (cmd/cgo's
// translation of a file is not, unless the file itself is), or a test
// file when include-tests is off.
func (r *Reporter) Skip(f *ast.File) bool {
	if tf := r.Pass.Fset.File(f.Pos()); tf != nil {
		if r.files != nil {
			// The files NewReporter kept are the ones not skipped.
			return r.files[tf] == nil
		}
		return r.skip(tf, f)
	}
	return Generated(r.Pass.Fset, f)
}

func (r *Reporter) skip(tf *token.File, f *ast.File) bool {
	if Generated(r.Pass.Fset, f) {
		return true
	}
	return !r.Cfg.IncludeTests && strings.HasSuffix(tf.Name(), "_test.go")
}

// SkipPos reports whether pos lies in a file that is not analysed.
func (r *Reporter) SkipPos(pos token.Pos) bool {
	tf := r.Pass.Fset.File(pos)
	return tf == nil || r.files[tf] == nil
}

func (r *Reporter) fileOf(pos token.Pos) *File {
	if tf := r.Pass.Fset.File(pos); tf != nil {
		return r.files[tf]
	}
	return nil
}

// Directive returns the valid directive called name that applies to the
// line of any of positions (a declaration, its name, a literal).
func (r *Reporter) Directive(name string, positions ...token.Pos) *Directive {
	for _, pos := range positions {
		if d := r.fileOf(pos).At(pos, name, ""); d != nil {
			return d
		}
	}
	return nil
}

// OptedOut reports whether a //capsule:tenant-scoped or //capsule:global
// directive applies at any of positions.
func (r *Reporter) OptedOut(positions ...token.Pos) bool {
	return r.Directive(TenantScoped, positions...) != nil || r.Directive(Global, positions...) != nil
}

// Report reports d unless a //capsule:ignore for this analyzer applies to
// d's line or to any of decls (the enclosing declarations' positions).
func (r *Reporter) Report(d analysis.Diagnostic, decls ...token.Pos) {
	if r.SkipPos(d.Pos) {
		return
	}
	for _, pos := range append([]token.Pos{d.Pos}, decls...) {
		if r.fileOf(pos).At(pos, Ignore, r.Name) != nil {
			return
		}
	}
	if r.inBaseline(d) {
		return
	}
	if len(d.SuggestedFixes) > 0 {
		for _, pos := range decls {
			if md := r.fileOf(pos).MalformedOptOut(pos); md != nil {
				d.SuggestedFixes = nil
				d.Message += fmt.Sprintf("; no fix: the declaration carries a malformed //capsule:%s opt-out: give it a reason to opt out, or delete it to let the fix apply", md.Name)
				break
			}
		}
	}
	if r.cgo != nil {
		d = r.dropCgoFixes(d)
	}
	if r.Cfg.FixScope != config.FixWorkspace {
		d = r.withholdFixes(d, r.Cfg.FixScope == config.FixSingleFile)
	}
	if len(d.SuggestedFixes) > 0 && r.MissesTests() {
		// The package's test variant sees the _test.go files too: it
		// offers the complete fix (callers in tests included) or refuses
		// it. Drivers merge the variants' fixes, so a fix offered here
		// could break the tests. The message is the one this variant
		// would report with its fix, so drivers print the finding once
		// where both variants agree.
		d.SuggestedFixes = nil
	}
	r.Pass.Report(d)
}

// MissesTests reports whether the pass lacks in-package test files: a
// _test.go file in the package's directory, with the package's own
// package clause and matching the default build context, that is not
// among the pass's files. That is the package variant without its tests
// (drivers also analyse the test variant, which has them). It is computed
// on first use, so clean packages pay nothing.
func (r *Reporter) MissesTests() bool {
	if r.testsElsewhere == 0 {
		r.testsElsewhere = 1
		if missesTestsShared(r.Pass, r.cgo) {
			r.testsElsewhere = 2
		}
	}
	return r.testsElsewhere == 2
}

// testsOf holds missesTests for the packages being analysed, so that
// the four analyzers of a package read its directory once. Keys are weak
// pointers to the package: an entry goes with its package.
var testsOf sync.Map // weak.Pointer[types.Package] → bool

func missesTestsShared(pass *analysis.Pass, cgo map[*token.File]string) bool {
	if pass.Pkg == nil {
		return false
	}
	key := weak.Make(pass.Pkg)
	if v, ok := testsOf.Load(key); ok {
		return v.(bool)
	}
	v := missesTests(pass, cgo)
	if _, loaded := testsOf.LoadOrStore(key, v); !loaded {
		runtime.AddCleanup(pass.Pkg, func(k weak.Pointer[types.Package]) { testsOf.Delete(k) }, key)
	}
	return v
}

func missesTests(pass *analysis.Pass, cgo map[*token.File]string) bool {
	if pass.Pkg == nil {
		return false
	}
	have := map[string]bool{}
	var dirs []string
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.Pos())
		if tf == nil {
			continue
		}
		name := tf.Name()
		if src := cgo[tf]; src != "" {
			name = src
		}
		if strings.HasSuffix(name, "_test.go") {
			// The test variant (or the external test package, which
			// only sees what in-package tests export).
			return false
		}
		have[filepath.Clean(name)] = true
		if dir := filepath.Dir(name); !containsString(dirs, dir) {
			dirs = append(dirs, dir)
		}
	}
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			name := e.Name()
			path := filepath.Join(dir, name)
			if e.IsDir() || !strings.HasSuffix(name, "_test.go") || have[path] {
				continue
			}
			if ok, err := build.Default.MatchFile(dir, name); err != nil || !ok {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.PackageClauseOnly)
			if err == nil && f.Name.Name == pass.Pkg.Name() {
				return true
			}
		}
	}
	return false
}

// dropCgoFixes drops the fixes of d that edit a file the analysis sees
// only through cmd/cgo's translation: their edits would land in the build
// cache's copy, not in the source file. The message says so.
func (r *Reporter) dropCgoFixes(d analysis.Diagnostic) analysis.Diagnostic {
	var kept []analysis.SuggestedFix
	var files []string
	for _, fix := range d.SuggestedFixes {
		ok := true
		for _, e := range fix.TextEdits {
			if src := r.cgo[r.Pass.Fset.File(e.Pos)]; src != "" {
				ok = false
				if name := filepath.Base(src); !containsString(files, name) {
					files = append(files, name)
				}
			}
		}
		if ok {
			kept = append(kept, fix)
		}
	}
	if len(files) > 0 && len(kept) == 0 {
		d.Message += fmt.Sprintf("; no fix: it would edit %s, which uses cgo and is analysed through cmd/cgo's translation; change it by hand", strings.Join(files, ", "))
	}
	d.SuggestedFixes = kept
	return d
}

// inBaseline reports whether d is an accepted finding of the configured
// baseline (validated when the configuration was resolved).
func (r *Reporter) inBaseline(d analysis.Diagnostic) bool {
	if r.Cfg.Baseline == "" {
		return false
	}
	if r.baseline == nil {
		b, err := baseline.Load(r.Cfg.Baseline)
		if err != nil {
			return false
		}
		r.baseline = b
	}
	for _, f := range r.asts {
		if f.FileStart <= d.Pos && d.Pos <= f.FileEnd {
			return r.baseline.Match(baseline.Fingerprint(r.Pass.Fset, f, d.Pos, r.Name, d.Message))
		}
	}
	return false
}

// Ignored reports whether a //capsule:ignore directive for this analyzer
// applies to the line of any of positions, marking it used. Analyzers use
// it to learn whether a finding they depend on (e.g. an embedded type's)
// will be reported.
func (r *Reporter) Ignored(positions ...token.Pos) bool {
	for _, pos := range positions {
		if r.fileOf(pos).At(pos, Ignore, r.Name) != nil {
			return true
		}
	}
	return false
}

// withholdFixes drops the fixes of d that the driver cannot complete,
// saying so: fixes changing the signature of an exported function or
// method or of an interface method (callers and implementations in other
// packages would stop building, and the driver does not see them), and
// with singleFile fixes with edits outside d's file.
func (r *Reporter) withholdFixes(d analysis.Diagnostic, singleFile bool) analysis.Diagnostic {
	home := r.Pass.Fset.File(d.Pos)
	var kept []analysis.SuggestedFix
	var others, api, readers []string
	for _, fix := range d.SuggestedFixes {
		ok := true
		for _, e := range fix.TextEdits {
			tf := r.Pass.Fset.File(e.Pos)
			if singleFile && tf != home {
				ok = false
				name := "an unknown file"
				if tf != nil {
					name = filepath.Base(tf.Name())
				}
				if !containsString(others, name) {
					others = append(others, name)
				}
			} else if name := exportedSignatureAt(r.astOf(e.Pos), e.Pos); name != "" {
				ok = false
				if !containsString(api, name) {
					api = append(api, name)
				}
			}
		}
		if ok {
			if at := r.readersOf(fix); len(at) > 0 {
				ok = false
				for _, a := range at {
					if !containsString(readers, a) {
						readers = append(readers, a)
					}
				}
			}
		}
		if ok {
			kept = append(kept, fix)
		}
	}
	const route = "run capsulelint migrate (or capsulelint -fix), which completes it in every package"
	switch {
	case len(kept) == len(d.SuggestedFixes):
	case len(others) > 0:
		// Sorted, here and below: the edits come in map order, and the
		// message must not change between runs (baselines fingerprint it).
		slices.Sort(others)
		d.Message += fmt.Sprintf("%sit also edits %s, and this driver applies only the edits in the diagnostic's file; %s)", baseline.WithheldNote, strings.Join(others, ", "), route)
	case len(api) > 0:
		slices.Sort(api)
		d.Message += fmt.Sprintf("%sit changes the signature of %s, which other packages may call or implement, and this driver fixes one package at a time; %s)", baseline.WithheldNote, strings.Join(api, ", "), route)
	default:
		slices.Sort(readers)
		verb, what := "takes", "that reader"
		if len(readers) > 1 {
			verb, what = "take", "those readers"
		}
		d.Message += fmt.Sprintf("%s%s %s its keys apart, and this driver cannot change %s with it; run capsulelint migrate (or capsulelint -fix), which rewrites readers with their writer)", baseline.WithheldNote, strings.Join(readers, ", "), verb, what)
	}
	d.SuggestedFixes = kept
	return d
}

// astOf returns the analysed file holding pos, or nil.
func (r *Reporter) astOf(pos token.Pos) *ast.File {
	for _, f := range r.asts {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// exportedSignatureAt returns the name of the declaration of f whose
// signature contains pos, when other packages may depend on that
// signature: an exported function, a method with an exported name (of
// any type: an exported constructor, an embedding or an interface of
// another package can reach it), a method with an exported name of any
// interface, an exported func type. It returns "" when there is none,
// and always in package main and external test packages, which nothing
// imports.
func exportedSignatureAt(f *ast.File, pos token.Pos) string {
	if f == nil || f.Name.Name == "main" || strings.HasSuffix(f.Name.Name, "_test") {
		return ""
	}
	within := func(n ast.Node) bool { return n.Pos() <= pos && pos <= n.End() }
	for _, decl := range f.Decls {
		if !within(decl) {
			continue
		}
		switch decl := decl.(type) {
		case *ast.FuncDecl:
			if !decl.Name.IsExported() {
				return ""
			}
			name := decl.Name.Name
			if decl.Recv != nil && len(decl.Recv.List) > 0 {
				recv := receiverTypeName(decl.Recv.List[0].Type)
				if recv == nil {
					return ""
				}
				name = recv.Name + "." + name
			}
			for _, fl := range []*ast.FieldList{decl.Type.TypeParams, decl.Type.Params, decl.Type.Results} {
				if fl != nil && within(fl) {
					return name
				}
			}
		case *ast.GenDecl:
			for _, spec := range decl.Specs {
				ts, ok := spec.(*ast.TypeSpec)
				if !ok {
					continue
				}
				switch t := ts.Type.(type) {
				case *ast.InterfaceType:
					if t.Methods == nil || !within(t.Methods) {
						continue
					}
					for _, m := range t.Methods.List {
						if within(m) && len(m.Names) == 1 && m.Names[0].IsExported() {
							return ts.Name.Name + "." + m.Names[0].Name
						}
					}
				case *ast.FuncType:
					if ts.Name.IsExported() && within(t) {
						return ts.Name.Name
					}
				}
			}
		}
		return ""
	}
	return ""
}

// receiverTypeName returns the name of a method's receiver base type.
func receiverTypeName(expr ast.Expr) *ast.Ident {
	for {
		switch e := expr.(type) {
		case *ast.StarExpr:
			expr = e.X
		case *ast.ParenExpr:
			expr = e.X
		case *ast.IndexExpr:
			expr = e.X
		case *ast.IndexListExpr:
			expr = e.X
		case *ast.Ident:
			return e
		default:
			return nil
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Finish reports malformed directives (once, by ProblemOwner) and this
// analyzer's //capsule:ignore directives that suppressed nothing.
func (r *Reporter) Finish() {
	for _, f := range r.asts {
		for _, d := range r.files[r.Pass.Fset.File(f.Pos())].All {
			switch {
			case !d.Valid():
				if r.Name == ProblemOwner {
					r.Pass.Report(analysis.Diagnostic{Pos: d.Pos, End: d.End, Category: "directive", Message: d.Problem})
				}
			case d.Name == Ignore && d.Analyzer == r.Name && !d.Used():
				r.Pass.Report(analysis.Diagnostic{Pos: d.Pos, End: d.End, Category: "directive",
					Message: fmt.Sprintf("stale //capsule:ignore %s directive: %s reports nothing here; remove it", r.Name, r.Name)})
			}
		}
	}
}
