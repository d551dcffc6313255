package gsitenant

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/directive"
	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/keys"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// checker holds one pass's state.
type checker struct {
	pass *analysis.Pass
	cfg  *config.Resolved
	rep  *directive.Reporter
	cl   *scope.Classifier
	insp *inspector.Inspector

	labels *keys.Labels
	src    *fixes.Source // file contents, for operand text

	// local are the GSI key helpers declared in this package (by name or
	// //capsule:keyhelper); helper caches the answer for other callees.
	local  map[*types.Func]bool
	helper map[*types.Func]bool

	// decls are the local helpers' declarations (generated files
	// included); checked holds each one's defect once computed (nil when
	// it has none), busy the ones being computed (recursion).
	decls   map[*types.Func]helperDecl
	checked map[*types.Func]*defect
	busy    map[*types.Func]bool
	// reported are the defects reported, in declaration order.
	reported []*defect
}

// helperDecl is a GSI key helper declared in an analysed file.
type helperDecl struct {
	file *ast.File
	decl *ast.FuncDecl
	fn   *types.Func
}

func run(pass *analysis.Pass, cfg *config.Resolved, rep *directive.Reporter) error {
	c := &checker{
		pass: pass,
		cfg:  cfg,
		rep:  rep,
		cl:   scope.New(cfg),
		insp: pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		labels: &keys.Labels{
			Tenant: cfg.Labels.Tenant, Capsule: cfg.Labels.Capsule,
			CaseInsensitive: cfg.CaseInsensitiveLabels, Separator: cfg.Separator,
			Global: cfg.GlobalLabels,
		},
		src:     fixes.NewSource(pass),
		local:   map[*types.Func]bool{},
		helper:  map[*types.Func]bool{},
		decls:   map[*types.Func]helperDecl{},
		checked: map[*types.Func]*defect{},
		busy:    map[*types.Func]bool{},
	}
	// Helpers are top-level declarations: no traversal needed.
	var helpers []helperDecl
	for _, file := range pass.Files {
		skip := rep.Skip(file)
		for _, d := range file.Decls {
			decl, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			fn, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if !ok || !c.isHelperDecl(decl) {
				continue
			}
			c.local[fn] = true
			h := helperDecl{file: file, decl: decl, fn: fn}
			c.decls[fn] = h
			if !skip {
				helpers = append(helpers, h)
			}
		}
	}
	c.checkHelpers(helpers)
	c.checkCalls()
	return nil
}

// isHelperDecl reports whether decl declares a GSI key helper: its name
// matches keyhelper-pattern or it has //capsule:keyhelper.
func (c *checker) isHelperDecl(decl *ast.FuncDecl) bool {
	return c.cfg.Keyhelper.MatchString(decl.Name.Name) ||
		c.rep.Directive(directive.Keyhelper, decl.Pos(), decl.Name.Pos()) != nil
}

// isHelper reports whether fn is a GSI key helper: one declared here, or
// one of another package whose name matches keyhelper-pattern (directives
// of other packages are not visible without facts, which would make every
// run load the syntax of every dependency).
func (c *checker) isHelper(fn *types.Func) bool {
	if fn.Pkg() == c.pass.Pkg {
		return c.local[fn]
	}
	is, ok := c.helper[fn]
	if !ok {
		is = c.cfg.Keyhelper.MatchString(fn.Name())
		c.helper[fn] = is
	}
	return is
}

// tenantParam returns the index of fn's first tenant ID parameter, or -1.
func (c *checker) tenantParam(sig *types.Signature) int {
	for i := range sig.Params().Len() {
		if c.cl.IsVar(scope.Tenant, sig.Params().At(i)) {
			return i
		}
	}
	return -1
}

// segment is the tenant segment's opening, e.g. "TENANT#".
func (c *checker) segment() string { return c.cfg.Labels.Tenant + c.cfg.Separator }

// say puts a message's own text in the configured words.
func (c *checker) say(format string) string { return c.cfg.Vocabulary().Say(format) }
