package keyreaders

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/capsulelint/capsulelint/internal/fixes"
)

// Status says what became of a reader.
type Status int

const (
	Rewritten Status = iota // rewritten to follow the writer
	Unchanged               // checked: it works on keys of the new template as is
	Human                   // it must be rewritten by hand
)

func (s Status) String() string {
	return [...]string{"rewritten", "unchanged", "needs a human"}[s]
}

// A Place is a reader of a changed template.
type Place struct {
	Pos     token.Position
	Status  Status
	Message string
	Writers []token.Position // the writers it follows
	Edits   []fixes.FileEdit // the rewrite, when Status is Rewritten
	Changes []int            // indexes of the changes whose keys it reads
}

// A Package is a type-checked package to look through.
type Package struct {
	Fset  *token.FileSet
	Files []*ast.File
	Info  *types.Info
}

// Options tune Find.
type Options struct {
	// IsTenant reports whether e, an expression of the package of info,
	// holds a tenant ID: a reader assigning the rest of a key to it takes
	// the rest as the tenant.
	IsTenant func(info *types.Info, e ast.Expr) bool
	// Skip reports whether the range [start, end) of file is edited by the
	// fixes making the changes: such a place is theirs, not a reader.
	Skip func(file string, start, end int) bool
	// Src returns a file's contents, for the text of rewritten expressions.
	Src func(file string) ([]byte, error)
}

// Find returns the readers of the changes in pkgs, in file order.
func Find(pkgs []Package, changes []Change, opts Options) []Place {
	var shapes []*shape
	for i := range changes {
		shapes = append(shapes, changes[i].shape())
	}
	var out []Place
	for _, p := range pkgs {
		for _, f := range p.Files {
			src, err := opts.Src(p.Fset.File(f.Pos()).Name())
			if err != nil {
				continue
			}
			fd := &finder{opts: opts, shapes: shapes, fset: p.Fset, info: p.Info, file: f, tf: p.Fset.File(f.Pos()), src: src, parents: map[ast.Node]ast.Node{}}
			fd.run()
			out = append(out, fd.places...)
		}
	}
	return out
}

// finder looks through one file.
type finder struct {
	opts    Options
	shapes  []*shape
	fset    *token.FileSet
	info    *types.Info
	file    *ast.File
	tf      *token.File
	src     []byte
	parents map[ast.Node]ast.Node
	places  []Place
	// prefixed are, in the function at hand, the variables checked with
	// strings.HasPrefix(x, P): x[len(P):] takes the rest.
	prefixed map[types.Object][]prefixCheck
	body     *ast.BlockStmt // the function at hand
}

type prefixCheck struct {
	prefix, qual string
}

func (fd *finder) run() {
	var stack []ast.Node
	ast.Inspect(fd.file, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if len(stack) > 0 {
			fd.parents[n] = stack[len(stack)-1]
		}
		stack = append(stack, n)
		return true
	})
	for _, d := range fd.file.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Body != nil {
			fd.function(fn.Body)
		}
	}
}

// function looks through one function body (function literals in it
// included: they share its variables).
func (fd *finder) function(body *ast.BlockStmt) {
	fd.prefixed, fd.body = map[types.Object][]prefixCheck{}, body
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if path, name, qual := fd.callee(call); path == "strings" && name == "HasPrefix" && len(call.Args) == 2 {
				if p, ok := fd.constString(call.Args[1]); ok {
					if obj := fd.objOf(call.Args[0]); obj != nil {
						fd.prefixed[obj] = append(fd.prefixed[obj], prefixCheck{p, qual})
					}
				}
			}
		}
		return true
	})
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			path, name, qual := fd.callee(n)
			switch {
			case path == "strings" && name == "HasPrefix" && len(n.Args) == 2:
				fd.hasPrefix(n)
			case path == "strings" && name == "TrimPrefix" && len(n.Args) == 2:
				if p, ok := fd.constString(n.Args[1]); ok {
					fd.rest(n, p, qual)
				}
			case path == "strings" && name == "CutPrefix" && len(n.Args) == 2:
				fd.cutPrefix(n, qual)
			case path == "strings" && (name == "Split" || name == "SplitN") && len(n.Args) >= 2:
				fd.split(n, body, name == "SplitN")
			case path == "fmt" && name == "Sscanf" && len(n.Args) >= 2:
				fd.sscanf(n)
			}
		case *ast.SliceExpr:
			fd.slice(n)
		case *ast.BinaryExpr:
			if n.Op == token.EQL || n.Op == token.NEQ {
				fd.compare(n)
			}
		}
		return true
	})
}

// matching returns the changes whose old template starts with the
// labels of prefix p, and how many labels p holds for each.
func (fd *finder) matching(p string) (shapes []*shape, labels []int) {
	for _, s := range fd.shapes {
		if j, ok := s.prefixLabels(p); ok {
			shapes, labels = append(shapes, s), append(labels, j)
		}
	}
	return shapes, labels
}

func (fd *finder) hasPrefix(call *ast.CallExpr) {
	p, ok := fd.constString(call.Args[1])
	if !ok {
		return
	}
	shapes, _ := fd.matching(p)
	if len(shapes) == 0 || fd.skipped(call) {
		return
	}
	fd.add(call, Unchanged, shapes, nil, "%s checks keys of %s: keys the writer builds now still start with %q",
		fd.text(call), fd.templates(shapes), p)
}

// slice handles x[N:] after strings.HasPrefix(x, P) with len(P) == N.
func (fd *finder) slice(e *ast.SliceExpr) {
	if e.Low == nil || e.High != nil {
		return
	}
	obj := fd.objOf(e.X)
	tv, ok := fd.info.Types[e.Low]
	if obj == nil || !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return
	}
	n, _ := constant.Int64Val(tv.Value)
	for _, pc := range fd.prefixed[obj] {
		if int64(len(pc.prefix)) == n {
			fd.rest(e, pc.prefix, pc.qual)
			return
		}
	}
}

// rest handles an expression giving what follows the constant prefix p
// in a key: strings.TrimPrefix(x, p), x[len(p):].
func (fd *finder) rest(e ast.Expr, p, qual string) {
	shapes, labels := fd.matching(p)
	if len(shapes) == 0 || fd.skipped(e) {
		return
	}
	if fd.followsAlready(e, shapes) {
		fd.add(e, Unchanged, shapes, nil, "%s reads keys of %s and already cuts the rest at %q", fd.text(e), fd.templates(shapes), shapes[0].ins)
		return
	}
	if fd.splitOf(e, shapes[0].sep()) {
		return // the split's place: its segments are the reader
	}
	if why := fd.cuttable(shapes, labels, fd.takenAsTenant(e, 1)); why != "" {
		fd.add(e, Human, shapes, nil, "%s takes keys of %s apart: %s; rewrite it by hand to follow the writer",
			fd.text(e), fd.templates(shapes), why)
		return
	}
	ins := shapes[0].ins
	edit := fd.replace(e, fmt.Sprintf("%s.SplitN(%s, %s, 2)[0]", qual, fd.text(e), strconv.Quote(ins)))
	fd.add(e, Rewritten, shapes, []fixes.FileEdit{edit}, "%s takes keys of %s apart: the rest is now cut at %q, giving the same value back",
		fd.text(e), fd.templates(shapes), ins)
}

// cuttable says why cutting the rest of a key after labels leading labels
// at the inserted text would not give the reader what it got from keys
// of the old template; "" when it would: the insertion is at the end
// of every template (the rest is what it was, followed by the inserted
// segments), or the reader takes the rest as the tenant and the
// insertion follows the tenant.
func (fd *finder) cuttable(shapes []*shape, labels []int, tenant bool) string {
	for i, s := range shapes {
		switch {
		case s.at < 0:
			return fmt.Sprintf("the writer at %s changes the key other than by inserting a segment", s.writer())
		case s.ins != shapes[0].ins:
			return fmt.Sprintf("the writers insert different segments (%q, %q)", shapes[0].ins, s.ins)
		case !s.atEnd() && !(tenant && labels[i] == s.at-1):
			return fmt.Sprintf("in %q more follows the value the rest starts with, and the segments it inserts are in the middle of the rest", s.Old)
		}
	}
	return ""
}

// splitOf reports whether e is split at once at the key separator:
// strings.Split(e, sep).
func (fd *finder) splitOf(e ast.Expr, sep string) bool {
	call, ok := fd.parent(e).(*ast.CallExpr)
	if !ok || len(call.Args) < 2 || ast.Unparen(call.Args[0]) != e {
		return false
	}
	path, name, _ := fd.callee(call)
	got, ok := fd.constString(call.Args[1])
	return path == "strings" && (name == "Split" || name == "SplitN") && ok && got == sep
}

// followsAlready reports whether e is already cut at the inserted text:
// strings.SplitN(e, "#CAPSULE#", 2)[0].
func (fd *finder) followsAlready(e ast.Expr, shapes []*shape) bool {
	call, ok := fd.parent(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 3 || call.Args[0] != e {
		return false
	}
	if path, name, _ := fd.callee(call); path != "strings" || name != "SplitN" {
		return false
	}
	s, ok := fd.constString(call.Args[1])
	return ok && s == shapes[0].ins
}

// cutPrefix handles rest, ok := strings.CutPrefix(x, p).
func (fd *finder) cutPrefix(call *ast.CallExpr, qual string) {
	p, ok := fd.constString(call.Args[1])
	if !ok {
		return
	}
	shapes, labels := fd.matching(p)
	if len(shapes) == 0 || fd.skipped(call) {
		return
	}
	as, _ := fd.parent(call).(*ast.AssignStmt)
	var v *ast.Ident
	if as != nil && len(as.Lhs) == 2 && len(as.Rhs) == 1 {
		v, _ = as.Lhs[0].(*ast.Ident)
	}
	if v == nil || v.Name == "_" {
		fd.add(call, Human, shapes, nil, "%s takes keys of %s apart: its rest is not assigned to a variable; rewrite it by hand to follow the writer",
			fd.text(call), fd.templates(shapes))
		return
	}
	why := fd.cuttable(shapes, labels, fd.isTenant(v) || fd.usedAsTenant(v, 1))
	var at token.Pos
	switch parent := fd.parent(as).(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
		at = as.End()
	case *ast.IfStmt:
		if parent.Init == as {
			at = parent.Body.Lbrace + 1
		}
	}
	if why == "" && at == token.NoPos {
		why = "there is no place for a statement after it"
	}
	if why != "" {
		fd.add(call, Human, shapes, nil, "%s takes keys of %s apart: %s; rewrite it by hand to follow the writer",
			fd.text(call), fd.templates(shapes), why)
		return
	}
	ins := shapes[0].ins
	off := fd.tf.Offset(at)
	edit := fixes.FileEdit{File: fd.tf.Name(), Start: off, End: off,
		Text: fmt.Sprintf("\n%s = %s.SplitN(%s, %s, 2)[0]", v.Name, qual, v.Name, strconv.Quote(ins))}
	fd.add(call, Rewritten, shapes, []fixes.FileEdit{edit}, "%s takes keys of %s apart: %s is now cut at %q, giving the same value back",
		fd.text(call), fd.templates(shapes), v.Name, ins)
}

// add records a place.
func (fd *finder) add(n ast.Node, st Status, shapes []*shape, edits []fixes.FileEdit, format string, args ...any) {
	pl := Place{Pos: fd.fset.Position(n.Pos()), Status: st, Message: fmt.Sprintf(format, args...), Edits: edits}
	for _, s := range shapes {
		if !slices.Contains(pl.Writers, s.Writer) {
			pl.Writers = append(pl.Writers, s.Writer)
		}
		pl.Changes = append(pl.Changes, slices.Index(fd.shapes, s))
	}
	fd.places = append(fd.places, pl)
}

// templates names the old templates of shapes with what their writers
// build now and where: "TENANT#%s" (now "TENANT#%s#CAPSULE#%s", written
// at keys.go:7).
func (fd *finder) templates(shapes []*shape) string {
	type group struct {
		old, new string
		at       []string
	}
	var groups []*group
	for _, s := range shapes {
		i := slices.IndexFunc(groups, func(g *group) bool { return g.old == s.Old && g.new == s.New })
		if i < 0 {
			groups = append(groups, &group{old: s.Old, new: s.New})
			i = len(groups) - 1
		}
		if w := s.writer(); !slices.Contains(groups[i].at, w) {
			groups[i].at = append(groups[i].at, w)
		}
	}
	var parts []string
	for _, g := range groups {
		parts = append(parts, fmt.Sprintf("%q (now %q, written at %s)", g.old, g.new, strings.Join(g.at, ", ")))
	}
	return strings.Join(parts, " and ")
}
