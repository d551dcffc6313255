package capsulefield

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// report reports entity d, with the fix that adds its capsule ID field
// when one can be built.
func (c *checker) report(d *decl) {
	anchor := astField(d.ast, d.tenant.top)
	where := d.tenant.v.Name()
	if top := d.st.Field(d.tenant.top); top != d.tenant.v {
		where = fmt.Sprintf("%s (which carries %s)", top.Name(), d.tenant.v.Name())
	}
	diag := analysis.Diagnostic{
		Pos:      d.spec.Name.Pos(),
		End:      d.spec.Name.End(),
		Category: "capsulefield",
	}
	v := c.cfg.Vocabulary()
	why := "its rows from every capsule of the tenant mix, so DEVUS test data shows up in PRODUS"
	if !v.Default {
		// The seeds' capsules are no user's: say it in their words.
		why = v.Say("its rows from every capsule of the tenant mix, so one capsule's test data shows up in another's queries")
	}
	fix, field, err := c.fix(d, anchor)
	if err != nil {
		diag.Message = fmt.Sprintf(v.Say("entity %s has a tenant ID but no capsule ID: %s (add a capsule ID field after %s; no fix: %v)"),
			d.spec.Name.Name, why, where, err)
	} else {
		diag.Message = fmt.Sprintf(v.Say("entity %s has a tenant ID but no capsule ID: %s (add %q after %s)"),
			d.spec.Name.Name, why, field, where)
		diag.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	if anchor != nil {
		diag.Related = append(diag.Related, analysis.RelatedInformation{
			Pos: anchor.Pos(), End: anchor.End(), Message: v.Say("the capsule ID goes after this field"),
		})
	}
	c.rep.Report(diag, c.positions(d)...)
}

// fix builds the edit adding the capsule field after anchor, and the new
// field's text for the message; err says why there is none.
func (c *checker) fix(d *decl, anchor *ast.Field) (analysis.SuggestedFix, string, error) {
	if anchor == nil {
		return analysis.SuggestedFix{}, "", fmt.Errorf("the field carrying %s is not in the declaration", d.tenant.v.Name())
	}
	tv := d.tenant.v
	name := c.cl.FieldName(scope.Capsule)
	ref, err := c.cl.IDType(scope.Capsule, tv.Type(), c.pass.Pkg, c.pass.TypesInfo)
	if err != nil {
		return analysis.SuggestedFix{}, "", err
	}
	if ref.Type != nil && !c.cl.IsVar(scope.Capsule, types.NewField(token.NoPos, c.pass.Pkg, name, ref.Type, false)) {
		return analysis.SuggestedFix{}, "", fmt.Errorf("a new field %s %s would not be recognised as a capsule ID (add an exported name to capsule-names)",
			name, ref.Name)
	}
	if obj, index, _ := types.LookupFieldOrMethod(types.NewPointer(d.obj.Type()), false, c.pass.Pkg, name); obj != nil && len(index) == 1 {
		kind := "field"
		if _, ok := obj.(*types.Func); ok {
			kind = "method"
		}
		return analysis.SuggestedFix{}, "", fmt.Errorf("%s already has a %s %s that is not a capsule ID (rename it, or make it the capsule ID)",
			d.spec.Name.Name, kind, name)
	}

	b := fixes.NewBuilder(c.pass.Fset)
	typ := b.TypeText(c.pass, d.file, d.spec.Pos(), ref)
	field := name + " " + typ
	tag := mirrorTag(d.tenant.tag, tv.Name(), name)
	tagLit := ""
	if tag != "" {
		tagLit = "`" + tag + "`"
		if strings.Contains(tag, "`") {
			tagLit = strconv.Quote(tag)
		}
	}
	c.insertField(b, d, anchor, name, typ, tagLit)
	fix, err := b.Fix(fmt.Sprintf("Add %s after %s", field, fieldName(anchor)))
	return fix, field, err
}

// insertField adds the field after anchor: on a new line below it, aligned
// like it, or, when something follows it on its line (a one-line struct),
// after a semicolon.
func (c *checker) insertField(b *fixes.Builder, d *decl, anchor *ast.Field, name, typ, tag string) {
	tf := c.pass.Fset.File(anchor.Pos())
	line := tf.Line(anchor.End())
	inline := tf.Line(d.ast.Fields.Closing) == line
	for _, f := range d.ast.Fields.List {
		if f.Pos() > anchor.Pos() && tf.Line(f.Pos()) == line {
			inline = true
		}
	}
	if inline || line >= tf.LineCount() {
		text := "; " + name + " " + typ
		if tag != "" {
			text += " " + tag
		}
		b.Insert(anchor.End(), text)
		return
	}
	eol := tf.LineStart(line+1) - 1 // the newline ending anchor's line

	// Indent and align like the anchor's line (gofmt pads with spaces
	// after the indentation tabs).
	src := c.source(tf)
	lineStart := tf.Offset(tf.LineStart(tf.Line(anchor.Pos())))
	col := func(p token.Pos) int { return tf.Offset(p) - lineStart }
	indent, first := "\t", false
	if src != nil {
		text := src[lineStart:tf.Offset(anchor.Pos())]
		if trimmed := bytes.TrimLeft(text, " \t"); len(trimmed) == 0 {
			indent, first = string(text), true
		} else {
			indent = string(text[:len(text)-len(trimmed)]) + "\t"
		}
	}
	text := indent + name
	if first && len(anchor.Names) > 0 && col(anchor.Type.Pos()) > len(text) {
		text += strings.Repeat(" ", col(anchor.Type.Pos())-len(text))
	} else {
		text += " "
	}
	text += typ
	if tag != "" {
		if first && anchor.Tag != nil && tf.Line(anchor.Tag.Pos()) == tf.Line(anchor.Pos()) && col(anchor.Tag.Pos()) > len(text) {
			text += strings.Repeat(" ", col(anchor.Tag.Pos())-len(text))
		} else {
			text += " "
		}
		text += tag
	}
	b.Insert(eol, "\n"+text)
}

// source returns the content of tf, or nil, read once per file.
func (c *checker) source(tf *token.File) []byte {
	if src, ok := c.sources[tf]; ok {
		return src
	}
	var src []byte
	if c.pass.ReadFile != nil {
		if b, err := c.pass.ReadFile(tf.Name()); err == nil && len(b) == tf.Size() {
			src = b
		}
	}
	c.sources[tf] = src
	return src
}

// astField returns the field of st declaring its index-th field.
func astField(st *ast.StructType, index int) *ast.Field {
	for _, f := range st.Fields.List {
		n := max(len(f.Names), 1)
		if index < n {
			return f
		}
		index -= n
	}
	return nil
}

// fieldName names an AST field for a message: its names, or the embedded
// type.
func fieldName(f *ast.Field) string {
	if len(f.Names) == 0 {
		return types.ExprString(f.Type)
	}
	var names []string
	for _, n := range f.Names {
		names = append(names, n.Name)
	}
	return strings.Join(names, ", ")
}
