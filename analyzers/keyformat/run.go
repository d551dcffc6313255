package keyformat

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/capsulelint/capsulelint/internal/config"
	"github.com/capsulelint/capsulelint/internal/directive"
	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/keys"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// checker holds one pass's state.
type checker struct {
	pass     *analysis.Pass
	cfg      *config.Resolved
	rep      *directive.Reporter
	cl       *scope.Classifier
	insp     *inspector.Inspector
	labels   *keys.Labels
	coupling *fixes.Coupling
	src      *fixes.Source

	// consts are the package's string constants that may be keys, with
	// their uses; reported are those reported as keys (a concatenation
	// using one is not reported again).
	consts   map[*types.Const]*constInfo
	reported map[*types.Const]bool
}

// constInfo is a constant that may be a key template, and its uses.
type constInfo struct {
	spec  *ast.ValueSpec
	value ast.Expr // the value expression of the constant in spec
	file  *ast.File
	cur   inspector.Cursor
	// formats are its uses as the format of a fmt.Sprintf call; other is
	// a use of another kind, which a fix cannot thread an argument into.
	formats []formatCall
	other   []token.Pos
}

// formatCall is a call of fmt.Sprintf or fmt.Appendf.
type formatCall struct {
	call *ast.CallExpr
	file *ast.File
	fmt  int // index of the format argument
}

func (f formatCall) format() ast.Expr { return f.call.Args[f.fmt] }
func (f formatCall) args() []ast.Expr { return f.call.Args[f.fmt+1:] }
func (f formatCall) spreads() bool    { return f.call.Ellipsis.IsValid() }
func (f formatCall) argAt(i int) ast.Expr {
	if args := f.args(); i >= 0 && i < len(args) && !f.spreads() {
		return args[i]
	}
	return nil
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
		coupling: fixes.NewCoupling(pass.Pkg),
		src:      fixes.NewSource(pass),
		consts:   map[*types.Const]*constInfo{},
		reported: map[*types.Const]bool{},
	}
	c.collectConsts()
	for _, ci := range c.sortedConsts() {
		c.checkConst(ci)
	}
	for fc := range c.insp.Root().Preorder((*ast.File)(nil)) {
		file := fc.Node().(*ast.File)
		if rep.Skip(file) {
			continue
		}
		for cur := range fc.Preorder((*ast.CallExpr)(nil), (*ast.BinaryExpr)(nil), (*ast.StructType)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.CallExpr:
				c.checkCall(file, cur, n)
			case *ast.BinaryExpr:
				c.checkConcat(file, cur, n)
			case *ast.StructType:
				c.checkStruct(file, cur, n)
			}
		}
	}
	return nil
}

// formatCallOf returns call as a fmt.Sprintf or fmt.Appendf call.
func (c *checker) formatCallOf(file *ast.File, call *ast.CallExpr) (formatCall, bool) {
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "fmt" {
		return formatCall{}, false
	}
	idx := -1
	switch fn.Name() {
	case "Sprintf":
		idx = 0
	case "Appendf":
		idx = 1
	}
	if idx < 0 || len(call.Args) <= idx {
		return formatCall{}, false
	}
	return formatCall{call: call, file: file, fmt: idx}, true
}

func isFunc(info *types.Info, call *ast.CallExpr, path, name string) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == path && fn.Name() == name
}

// constOf returns the package-level or local constant e names, if any,
// converted to a string type or not: k and string(k).
func (c *checker) constOf(e ast.Expr) *types.Const {
	switch e := ast.Unparen(keys.Unconvert(e, c.pass.TypesInfo)).(type) {
	case *ast.Ident:
		k, _ := c.pass.TypesInfo.Uses[e].(*types.Const)
		return k
	case *ast.SelectorExpr:
		k, _ := c.pass.TypesInfo.Uses[e.Sel].(*types.Const)
		return k
	}
	return nil
}

// stringConst returns the value of a constant string expression.
func (c *checker) stringConst(e ast.Expr) (string, bool) {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// checkCall checks a fmt.Sprintf format and a strings.Join.
func (c *checker) checkCall(file *ast.File, cur inspector.Cursor, call *ast.CallExpr) {
	// Cheap test first: the functions checked are called by name, and
	// most calls are of others; type lookups cost more.
	switch calledName(call) {
	case "Sprintf", "Appendf", "Join":
	default:
		return
	}
	if fc, ok := c.formatCallOf(file, call); ok {
		if c.constOf(fc.format()) != nil {
			return // a named constant: reported at the constant
		}
		value, ok := c.stringConst(fc.format())
		if !ok || !c.labels.MayBeKey(value) {
			return
		}
		tmpl, err := keys.FromFormat(value)
		if err != nil {
			return // printf's business
		}
		fcur, _ := cur.FindNode(fc.format())
		k := &key{
			tmpl: tmpl, node: fc.format(), file: file, cur: fcur,
			calls: []formatCall{fc},
		}
		if lit, ok := ast.Unparen(fc.format()).(*ast.BasicLit); ok {
			k.lit = lit
		}
		c.check(k)
		return
	}
	if isFunc(c.pass.TypesInfo, call, "strings", "Join") && len(call.Args) == 2 {
		list, ok := ast.Unparen(call.Args[0]).(*ast.CompositeLit)
		if !ok || len(list.Elts) == 0 {
			return
		}
		sep, ok := c.stringConst(call.Args[1])
		if !ok {
			return
		}
		candidate := sep == c.labels.Separator
		for _, e := range list.Elts {
			if _, kv := e.(*ast.KeyValueExpr); kv {
				return
			}
			if s, ok := c.stringConst(e); ok && strings.Contains(s, c.labels.Separator) {
				candidate = true
			}
		}
		if !candidate {
			return
		}
		k := &key{tmpl: keys.FromJoin(list.Elts, sep, c.pass.TypesInfo), node: call, file: file, cur: cur}
		c.check(k)
	}
}

// calledName is the name call's function expression ends in, as
// typeutil.Callee resolves it ("" for a call of an expression of
// another kind, which Callee resolves to no function either).
func calledName(call *ast.CallExpr) string {
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = ast.Unparen(f.X)
	case *ast.IndexListExpr:
		fun = ast.Unparen(f.X)
	}
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// checkConcat checks the outermost + of a string concatenation.
func (c *checker) checkConcat(file *ast.File, cur inspector.Cursor, b *ast.BinaryExpr) {
	info := c.pass.TypesInfo
	if b.Op != token.ADD || !isString(info.TypeOf(b)) {
		return
	}
	if tv := info.Types[b]; tv.Value != nil {
		return // a constant: a format or a constant declaration is checked as such
	}
	// Only the outermost +, and not a format being built.
	parent := cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		parent = parent.Parent()
	}
	switch p := parent.Node().(type) {
	case *ast.BinaryExpr:
		if p.Op == token.ADD && isString(info.TypeOf(p)) {
			return
		}
	case *ast.CallExpr:
		if fc, ok := c.formatCallOf(file, p); ok && ast.Unparen(fc.format()) == b {
			return
		}
	}
	if !keys.MayBeConcatKey(b, info, c.labels.Separator) {
		return
	}
	tmpl := keys.FromConcat(b, info)
	for _, op := range tmpl.Operands {
		if k := c.constOf(op.Expr); k != nil && c.reported[k] {
			return // the constant is reported itself
		}
	}
	c.check(&key{tmpl: tmpl, node: b, file: file, cur: cur})
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// collectConsts finds the string constants of the analysed files that may
// be keys, and their uses in the package.
func (c *checker) collectConsts() {
	info := c.pass.TypesInfo
	for fc := range c.insp.Root().Preorder((*ast.File)(nil)) {
		file := fc.Node().(*ast.File)
		if c.rep.Skip(file) {
			continue
		}
		for cur := range fc.Preorder((*ast.ValueSpec)(nil)) {
			spec := cur.Node().(*ast.ValueSpec)
			for i, name := range spec.Names {
				k, ok := info.Defs[name].(*types.Const)
				if !ok || k.Val().Kind() != constant.String || i >= len(spec.Values) {
					continue
				}
				if !c.labels.MayBeKey(constant.StringVal(k.Val())) {
					continue
				}
				c.consts[k] = &constInfo{spec: spec, value: spec.Values[i], file: file, cur: cur}
			}
		}
	}
	if len(c.consts) == 0 {
		return
	}
	for fc := range c.insp.Root().Preorder((*ast.File)(nil)) {
		file := fc.Node().(*ast.File)
		for cur := range fc.Preorder((*ast.Ident)(nil)) {
			id := cur.Node().(*ast.Ident)
			k, ok := info.Uses[id].(*types.Const)
			if !ok {
				continue
			}
			ci := c.consts[k]
			if ci == nil {
				continue
			}
			// The expression the identifier is: itself or pkg.Name.
			ecur := cur
			if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == id {
				ecur = cur.Parent()
			}
			// Parentheses and conversions to a string type around it:
			// fmt.Sprintf(string(k), ...) uses k as a format.
			for {
				parent := ecur.Parent()
				if _, ok := parent.Node().(*ast.ParenExpr); ok {
					ecur = parent
					continue
				}
				if call, ok := parent.Node().(*ast.CallExpr); ok && len(call.Args) == 1 && call.Args[0] == ecur.Node() &&
					keys.Unconvert(call, info) != ast.Expr(call) {
					ecur = parent
					continue
				}
				break
			}
			if call, ok := ecur.Parent().Node().(*ast.CallExpr); ok {
				if fcall, ok := c.formatCallOf(file, call); ok && fcall.format() == ecur.Node() {
					ci.formats = append(ci.formats, fcall)
					continue
				}
			}
			ci.other = append(ci.other, id.Pos())
		}
	}
}

// sortedConsts returns the candidate constants in source order.
func (c *checker) sortedConsts() []*constInfo {
	out := make([]*constInfo, 0, len(c.consts))
	for _, ci := range c.consts {
		out = append(out, ci)
	}
	for i := 1; i < len(out); i++ { // insertion sort: few constants
		for j := i; j > 0 && out[j].value.Pos() < out[j-1].value.Pos(); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// checkConst checks a constant that may be a key: a format its uses fill
// in, or a literal key.
func (c *checker) checkConst(ci *constInfo) {
	k := c.constObj(ci)
	tmpl, err := keys.FromFormat(constant.StringVal(k.Val()))
	if err != nil {
		return
	}
	key := &key{tmpl: tmpl, node: ci.value, file: ci.file, cur: ci.cur, obj: k, calls: ci.formats, other: ci.other}
	if lit, ok := ast.Unparen(ci.value).(*ast.BasicLit); ok {
		key.lit = lit
	}
	if c.check(key) {
		c.reported[k] = true
	}
}

func (c *checker) constObj(ci *constInfo) *types.Const {
	for i, v := range ci.spec.Values {
		if v == ci.value {
			k, _ := c.pass.TypesInfo.Defs[ci.spec.Names[i]].(*types.Const)
			return k
		}
	}
	return nil
}

// parseFuncs are the strings and bytes functions whose string arguments
// parse keys rather than build them.
var parseFuncs = map[string]bool{
	"HasPrefix": true, "HasSuffix": true, "TrimPrefix": true, "TrimSuffix": true,
	"CutPrefix": true, "CutSuffix": true, "Cut": true, "Index": true, "LastIndex": true,
	"Contains": true, "Count": true, "Split": true, "SplitN": true, "SplitAfter": true,
	"SplitAfterN": true,
}

// parsed reports whether k (a format or concatenation) is passed straight
// to a strings or bytes function that parses keys, such as
// strings.TrimPrefix(pk, "TENANT#"+t+"#").
func (c *checker) parsed(k *key) bool {
	if k.obj != nil || k.tag != nil {
		return false
	}
	cur := k.cur
	if len(k.calls) == 1 {
		cur = cur.Parent() // from the format to its fmt.Sprintf call
	}
	parent := cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		parent = parent.Parent()
	}
	call, ok := parent.Node().(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	return ok && fn.Pkg() != nil && (fn.Pkg().Path() == "strings" || fn.Pkg().Path() == "bytes") && parseFuncs[fn.Name()]
}
