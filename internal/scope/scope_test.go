package scope

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"strings"
	"testing"

	"github.com/capsulelint/capsulelint/internal/config"
)

// fakePkgs are the packages the test sources import, type-checked from
// source: no export data, no network.
var fakePkgs = map[string]string{
	"context": `package context
type Context interface{ Value(key any) any }
func Background() Context { return nil }
`,
	"example.com/ids": `package ids
import "context"
type TenantID string
type CapsuleID string
func CapsuleFromContext(ctx context.Context) CapsuleID { return "" }
func TenantFromContext(ctx context.Context) TenantID { return "" }
func capsuleFromContextUnexported(ctx context.Context) CapsuleID { return "" }
type Scope struct {
	TenantID  TenantID
	CapsuleID CapsuleID
}
type Private struct {
	TenantID  TenantID
	capsuleID CapsuleID
}
`,
	"example.com/orgs": `package orgs
type OrgID string
type ProjectID string
type TenantId string
`,
	"example.com/tonly": `package tonly
type TenantID string
`,
	"example.com/both": `package both
type TenantID string
type CapsuleID string
type CapsuleId string
`,
	"example.com/two": `package two
import "context"
type TenantID string
type CapsuleID string
func A(ctx context.Context) CapsuleID { return "" }
func B(ctx context.Context) CapsuleID { return "" }
`,
	"example.com/internal/reqctx": `package reqctx
import ("context"; "example.com/ids")
func Capsule(ctx context.Context) ids.CapsuleID { return "" }
`,
	"example.com/reqctx/v2": `package reqctx
import ("context"; "example.com/ids")
func Capsule(ctx context.Context) ids.CapsuleID { return "" }
`,
	"example.com/model": `package model
import "example.com/ids"
type Invoice struct {
	TenantID  ids.TenantID
	CapsuleID ids.CapsuleID
}
func Load() *Invoice { return nil }
`,
	"example.com/x/internal/secret": `package secret
type TenantID string
type Box struct{ TenantID TenantID }
`,
	"example.com/x/box": `package box
import "example.com/x/internal/secret"
func Open() secret.Box { return secret.Box{} }
`,
	"example.com/intids": `package intids
type TenantID int
type CapsuleID int
`,
	"net/http": `package http
import "context"
type Request struct{ ctx context.Context }
func (r *Request) Context() context.Context { return r.ctx }
`,
	"example.com/api": `package api
type Request struct {
	AccountSlug string
	EnvKey      string
	Name        string
}
type Legacy struct{ AccountSlug string }
`,
	"example.com/capsule": `package capsule
import "context"
func FromContext(ctx context.Context) string { return "" }
func Test() string { return "DEVUS" }
`,
	"example.com/testids": `package testids
import "example.com/ids"
func Capsule() ids.CapsuleID { return "" }
func FromCtx(ctx any) ids.CapsuleID { return "" }
`,
}

// world type-checks packages from source with one file set.
type world struct {
	t    testing.TB
	fset *token.FileSet
	pkgs map[string]*types.Package
}

func newWorld(t testing.TB) *world {
	return &world{t: t, fset: token.NewFileSet(), pkgs: map[string]*types.Package{}}
}

func (w *world) Import(path string) (*types.Package, error) {
	if p, ok := w.pkgs[path]; ok {
		return p, nil
	}
	src, ok := fakePkgs[path]
	if !ok {
		return nil, fmt.Errorf("no fake package %s", path)
	}
	f, err := parser.ParseFile(w.fset, path+"/x.go", src, 0)
	if err != nil {
		return nil, err
	}
	conf := types.Config{Importer: w}
	p, err := conf.Check(path, w.fset, []*ast.File{f}, nil)
	if err != nil {
		return nil, err
	}
	w.pkgs[path] = p
	return p, nil
}

// checked is a type-checked test package.
type checked struct {
	w     *world
	pkg   *types.Package
	info  *types.Info
	files map[string]*ast.File
	srcs  map[string]string
}

// check type-checks the files (name -> source) as package example.com/p.
func (w *world) check(files map[string]string) *checked {
	w.t.Helper()
	c := &checked{w: w, files: map[string]*ast.File{}, srcs: files}
	var list []*ast.File
	for name, src := range files {
		f, err := parser.ParseFile(w.fset, name, src, parser.ParseComments)
		if err != nil {
			w.t.Fatal(err)
		}
		c.files[name] = f
		list = append(list, f)
	}
	c.info = &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
	}
	conf := types.Config{Importer: w}
	pkg, err := conf.Check("example.com/p", w.fset, list, c.info)
	if err != nil {
		w.t.Fatal(err)
	}
	c.pkg = pkg
	return c
}

var marker = regexp.MustCompile(`/\*@(\w+)\*/`)

// site returns the site at the marker /*@name*/; Args are the arguments
// of the call the marker is in, if any.
func (c *checked) site(name string) Site {
	c.w.t.Helper()
	for file, src := range c.srcs {
		for _, m := range marker.FindAllStringSubmatchIndex(src, -1) {
			if src[m[2]:m[3]] != name {
				continue
			}
			f := c.files[file]
			tf := c.w.fset.File(f.Pos())
			pos := tf.Pos(m[0])
			site := Site{Pkg: c.pkg, Info: c.info, File: f, Pos: pos, IsTest: strings.HasSuffix(file, "_test.go")}
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok && call.Lparen < pos && pos < call.Rparen {
					site.Args = call.Args // the innermost call wins
				}
				return true
			})
			return site
		}
	}
	c.w.t.Fatalf("no marker /*@%s*/", name)
	return Site{}
}

// typeOf returns the type called name ("ids.CapsuleID", or a local "T").
func (c *checked) typeOf(name string) types.Type {
	c.w.t.Helper()
	pkg, n := c.pkg, name
	if i := strings.LastIndex(name, "."); i >= 0 {
		for _, p := range c.w.pkgs {
			if p.Name() == name[:i] || p.Path() == name[:i] {
				pkg, n = p, name[i+1:]
			}
		}
	}
	obj, ok := pkg.Scope().Lookup(n).(*types.TypeName)
	if !ok {
		c.w.t.Fatalf("no type %s", name)
	}
	return obj.Type()
}

func classifier(t testing.TB, edit func(*config.Config)) *Classifier {
	t.Helper()
	cfg := config.Default()
	if edit != nil {
		edit(&cfg)
	}
	res, err := config.Compile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return New(res)
}

func TestKind(t *testing.T) {
	if Tenant.String() != "tenant" || Capsule.String() != "capsule" || Tenant.Other() != Capsule || Capsule.Other() != Tenant {
		t.Error("Kind methods")
	}
}
