package keyformat

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/capsulelint/capsulelint/internal/fixes"
	"github.com/capsulelint/capsulelint/internal/keys"
	"github.com/capsulelint/capsulelint/internal/scope"
)

// tagKey is a key template in a struct tag: pk:"TENANT#{tenant_id}#...".
type tagKey struct {
	st   *types.Struct
	lit  *ast.BasicLit
	tag  string // the tag, unquoted
	key  string // the tag key, pk
	from int    // the quoted value is tag[from:to]
	to   int
}

// tagPair is one key:"value" of a struct tag.
type tagPair struct {
	key, value string
	from, to   int // the quoted value is tag[from:to]
}

// parseTag splits a struct tag into its key:"value" pairs, following
// reflect.StructTag.Lookup; it stops at the first malformed pair.
func parseTag(tag string) []tagPair {
	var out []tagPair
	off := 0
	for off < len(tag) {
		for off < len(tag) && tag[off] == ' ' {
			off++
		}
		i := off
		for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' && tag[i] != 0x7f {
			i++
		}
		if i == off || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
			break
		}
		name := tag[off:i]
		j := i + 2
		for j < len(tag) && tag[j] != '"' {
			if tag[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(tag) {
			break
		}
		value, err := strconv.Unquote(tag[i+1 : j+1])
		if err != nil {
			break
		}
		out = append(out, tagPair{key: name, value: value, from: i + 1, to: j + 1})
		off = j + 1
	}
	return out
}

// checkStruct checks the key templates in the tags of a struct's fields.
func (c *checker) checkStruct(file *ast.File, cur inspector.Cursor, st *ast.StructType) {
	var typ *types.Struct
	for _, f := range st.Fields.List {
		if f.Tag == nil {
			continue
		}
		tag, err := strconv.Unquote(f.Tag.Value)
		if err != nil || !strings.Contains(tag, c.labels.Separator) {
			continue
		}
		for _, p := range parseTag(tag) {
			if !c.labels.MayBeKey(p.value) {
				continue
			}
			tmpl, err := keys.FromTag(p.value)
			if err != nil {
				continue
			}
			if typ == nil {
				if typ, _ = c.pass.TypesInfo.TypeOf(st).(*types.Struct); typ == nil {
					return
				}
			}
			fcur, _ := cur.FindNode(f.Tag)
			c.check(&key{
				tmpl: tmpl, node: f.Tag, file: file, cur: fcur, lit: f.Tag,
				tag: &tagKey{st: typ, lit: f.Tag, tag: tag, key: p.key, from: p.from, to: p.to},
			})
		}
	}
}

// tagField returns the field of st a placeholder names — by field name or
// by the name part of one of its tags — and the tag key it was found
// under ("" for the field name).
func tagField(st *types.Struct, name string) (*types.Var, string) {
	for i := range st.NumFields() {
		if f := st.Field(i); f.Name() == name {
			return f, ""
		}
	}
	for i := range st.NumFields() {
		for _, p := range parseTag(st.Tag(i)) {
			if n, _, _ := strings.Cut(p.value, ","); n == name {
				return st.Field(i), p.key
			}
		}
	}
	return nil, ""
}

// fieldPlaceholder is the placeholder naming f as tag key scheme does.
func fieldPlaceholder(st *types.Struct, f *types.Var, scheme string) (string, bool) {
	if scheme == "" {
		return f.Name(), true
	}
	for i := range st.NumFields() {
		if st.Field(i) != f {
			continue
		}
		for _, p := range parseTag(st.Tag(i)) {
			if p.key == scheme {
				n, _, _ := strings.Cut(p.value, ",")
				return n, n != "" && n != "-"
			}
		}
	}
	return "", false
}

// tagClassifier classifies placeholders by the type (or configured name)
// of the field they name.
func (c *checker) tagClassifier(tk *tagKey) keys.Classifier {
	return func(p *keys.Piece) (bool, bool) {
		f, _ := tagField(tk.st, p.Name)
		if f == nil {
			return false, false
		}
		return c.cl.IsVar(scope.Tenant, f), c.cl.IsVar(scope.Capsule, f)
	}
}

// tagInsertCapsule builds the fix inserting the capsule placeholder into
// a tag template: the struct's capsule field, named as the tenant
// placeholder names the tenant field.
func (c *checker) tagInsertCapsule(k *key) (*fixes.Builder, string, string, string) {
	tk := k.tag
	seg := &k.a.Segments[k.a.Tenant]
	if len(seg.Holes) == 0 {
		return nil, "", "", "the tenant segment has no placeholder to name the capsule field after"
	}
	tenant, scheme := tagField(tk.st, k.tmpl.Pieces[seg.Holes[0]].Name)
	if tenant == nil {
		return nil, "", "", "the tenant placeholder names no field of the struct"
	}
	var capsules []*types.Var
	for i := range tk.st.NumFields() {
		if f := tk.st.Field(i); c.cl.IsVar(scope.Capsule, f) {
			capsules = append(capsules, f)
		}
	}
	switch len(capsules) {
	case 0:
		return nil, "", "", fmt.Sprintf("the struct has no capsule ID field to name in the key; add one after %s first (capsulefield reports it)", tenant.Name())
	case 1:
	default:
		return nil, "", "", fmt.Sprintf("the struct has more than one capsule ID field (%s, %s)", capsules[0].Name(), capsules[1].Name())
	}
	name, ok := fieldPlaceholder(tk.st, capsules[0], scheme)
	if !ok {
		return nil, "", "", fmt.Sprintf("the capsule field %s has no %s tag to name it in the key", capsules[0].Name(), scheme)
	}
	nt, err := k.tmpl.InsertCapsule(k.a, name)
	if err != nil {
		return nil, "", "", err.Error()
	}
	b := fixes.NewBuilder(c.pass.Fset)
	if err := c.applyTag(k, nt, b); err != nil {
		return nil, "", "", err.Error()
	}
	return b, name, fmt.Sprintf("Insert a %s segment with {%s}", c.seg(c.labels.Capsule), name), ""
}

// applyTag rewrites the tag value of k to nt: only the quoted value in a
// raw string literal (so that fixes of two keys of one tag do not
// overlap), else the whole literal.
func (c *checker) applyTag(k *key, nt *keys.Template, b *fixes.Builder) error {
	tk := k.tag
	value := strconv.Quote(nt.TagString())
	if strings.HasPrefix(tk.lit.Value, "`") {
		if strings.ContainsAny(value, "`") {
			return errors.New("the new tag value would contain a backquote")
		}
		start := tk.lit.Pos() + 1
		b.Replace(start+token.Pos(tk.from), start+token.Pos(tk.to), value)
		return nil
	}
	b.Replace(tk.lit.Pos(), tk.lit.End(), strconv.Quote(tk.tag[:tk.from]+value+tk.tag[tk.to:]))
	return nil
}
