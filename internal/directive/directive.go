// Package directive parses capsulelint's //capsule: comment directives and
// filters each analyzer's diagnostics through them.
//
//	//capsule:tenant-scoped <reason>   the declaration is tenant-level by design
//	//capsule:global <reason>          the declaration is global reference data
//	//capsule:repository               the type is a repository
//	//capsule:keyhelper                the func is a GSI key helper
//	//capsule:ignore <analyzer> <reason>
//
// A directive applies to the line it is on and, from a comment group that
// ends on the line above a declaration or statement, to that line.
package directive

import (
	"go/ast"
	"go/token"
	"strings"
)

// Directive names.
const (
	TenantScoped = "tenant-scoped"
	Global       = "global"
	Repository   = "repository"
	Keyhelper    = "keyhelper"
	Ignore       = "ignore"
)

const prefix = "//capsule:"

// needsReason lists the directives that take a mandatory reason.
var needsReason = map[string]bool{TenantScoped: true, Global: true, Ignore: true}

var known = map[string]bool{TenantScoped: true, Global: true, Repository: true, Keyhelper: true, Ignore: true}

// Directive is one parsed //capsule: comment.
type Directive struct {
	Pos      token.Pos
	End      token.Pos
	Name     string
	Analyzer string // for ignore
	Reason   string
	Problem  string // non-empty when malformed; a malformed directive has no effect
	used     bool
}

// Valid reports whether the directive is well-formed.
func (d *Directive) Valid() bool { return d.Problem == "" }

// parse reads one comment; ok is false if it is not a directive.
func parse(c *ast.Comment, analyzers map[string]bool) (*Directive, bool) {
	if !strings.HasPrefix(c.Text, prefix) {
		return nil, false
	}
	fields := strings.Fields(c.Text[len(prefix):])
	d := &Directive{Pos: c.Pos(), End: c.End()}
	if len(fields) == 0 {
		d.Problem = "empty //capsule: directive; want one of tenant-scoped, global, repository, keyhelper, ignore"
		return d, true
	}
	d.Name, fields = fields[0], fields[1:]
	switch {
	case !known[d.Name]:
		d.Problem = "unknown directive //capsule:" + d.Name + "; want one of tenant-scoped, global, repository, keyhelper, ignore"
	case d.Name == Ignore:
		if len(fields) == 0 {
			d.Problem = "//capsule:ignore needs an analyzer and a reason, e.g. //capsule:ignore keyformat legacy export format"
			break
		}
		d.Analyzer, fields = fields[0], fields[1:]
		if !analyzers[d.Analyzer] {
			d.Problem = "//capsule:ignore names unknown analyzer " + d.Analyzer + "; want one of capsulefield, keyformat, repocapsule, gsitenant"
		} else if len(fields) == 0 {
			d.Problem = "//capsule:ignore " + d.Analyzer + " needs a reason, e.g. //capsule:ignore " + d.Analyzer + " shared across capsules by design"
		}
	case needsReason[d.Name] && len(fields) == 0:
		d.Problem = "//capsule:" + d.Name + " needs a reason saying why, e.g. //capsule:" + d.Name + " billing is per tenant, not per capsule"
	}
	d.Reason = strings.Join(fields, " ")
	return d, true
}

// File holds the directives of one file, by line.
type File struct {
	tf     *token.File
	byLine map[int][]*Directive
	All    []*Directive
}

// Parse collects the directives of f. analyzers names the known analyzers.
func Parse(fset *token.FileSet, f *ast.File, analyzers map[string]bool) *File {
	return parseTokenFile(fset.File(f.Pos()), f, analyzers)
}

// parseTokenFile is Parse given f's token.File. The line index is made only
// for a file with directives: most have none.
func parseTokenFile(tf *token.File, f *ast.File, analyzers map[string]bool) *File {
	df := &File{tf: tf}
	var groups []*ast.CommentGroup // groups holding directives
	var first [][]*Directive
	for _, group := range f.Comments {
		var ds []*Directive
		for _, c := range group.List {
			if d, ok := parse(c, analyzers); ok {
				ds = append(ds, d)
				df.All = append(df.All, d)
			}
		}
		if len(ds) == 0 {
			continue
		}
		groups = append(groups, group)
		first = append(first, ds)
	}
	if len(groups) == 0 {
		return df
	}
	trailing := trailingGroups(df.tf, f, groups)
	for i, group := range groups {
		// Each directive applies to its own line, and the directives of a
		// group on lines of its own to the line after the group (the
		// declaration it documents or the statement below it). A group
		// that trails code applies to that line only.
		for _, d := range first[i] {
			df.add(df.tf.Line(d.Pos), d)
		}
		if trailing[group] {
			continue
		}
		next := df.tf.Line(group.End()) + 1
		for _, d := range first[i] {
			df.add(next, d)
		}
	}
	return df
}

// trailingGroups reports which of groups start on a line after code
// (x := f() //capsule:...), in one walk of f.
func trailingGroups(tf *token.File, f *ast.File, groups []*ast.CommentGroup) map[*ast.CommentGroup]bool {
	start := map[int]token.Pos{} // line -> start of the directive group on it
	for _, g := range groups {
		start[tf.Line(g.Pos())] = g.Pos()
	}
	code := map[int]bool{} // lines with code before the group
	ast.Inspect(f, func(n ast.Node) bool {
		switch n.(type) {
		case nil, *ast.CommentGroup, *ast.Comment:
			return false
		}
		// Code is on the group's line when a node starts before the
		// group there, or ends there no later than the group starts.
		if pos, end := n.Pos(), n.End(); inFile(tf, pos) && inFile(tf, end) {
			if s := start[tf.Line(pos)]; s.IsValid() && pos < s {
				code[tf.Line(pos)] = true
			}
			if s := start[tf.Line(end)]; s.IsValid() && pos < end && end <= s {
				code[tf.Line(end)] = true
			}
		}
		return true
	})
	out := map[*ast.CommentGroup]bool{}
	for _, g := range groups {
		out[g] = code[tf.Line(g.Pos())]
	}
	return out
}

func (df *File) add(line int, d *Directive) {
	for _, x := range df.byLine[line] {
		if x == d {
			return
		}
	}
	if df.byLine == nil {
		df.byLine = map[int][]*Directive{}
	}
	df.byLine[line] = append(df.byLine[line], d)
}

// At returns the valid directive named name (and, for ignore, naming
// analyzer) that applies to the line of pos, marking it used.
func (df *File) At(pos token.Pos, name, analyzer string) *Directive {
	if df == nil || df.byLine == nil || !pos.IsValid() || df.tf == nil || int(pos) < df.tf.Base() || int(pos) > df.tf.Base()+df.tf.Size() {
		return nil
	}
	for _, d := range df.byLine[df.tf.Line(pos)] {
		if d.Name == name && d.Valid() && (name != Ignore || d.Analyzer == analyzer) {
			d.used = true
			return d
		}
	}
	return nil
}

// MalformedOptOut returns a malformed directive on the line of pos that
// means to opt a declaration out: tenant-scoped or global without a
// reason, or a directive of an unknown name (a misspelling of one). It
// opts nothing out, but its intent is clear enough that no fix may
// touch the declaration.
func (df *File) MalformedOptOut(pos token.Pos) *Directive {
	if df == nil || df.tf == nil || !inFile(df.tf, pos) {
		return nil
	}
	for _, d := range df.byLine[df.tf.Line(pos)] {
		if !d.Valid() && (d.Name == TenantScoped || d.Name == Global || !known[d.Name]) {
			return d
		}
	}
	return nil
}

// Used reports whether the directive suppressed or marked anything.
func (d *Directive) Used() bool { return d.used }

func inFile(tf *token.File, pos token.Pos) bool {
	return pos.IsValid() && int(pos) >= tf.Base() && int(pos) <= tf.Base()+tf.Size()
}
