package plan

import (
	"cmp"
	"go/ast"
	"go/types"
	"iter"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/capsulelint/capsulelint/internal/config"
)

// goFiles yields the Go files of the type-checked packages, each file once
// (a package and its test variant share their non-test files), with the
// first package that has it.
func (b *builder) goFiles() iter.Seq2[*packages.Package, *ast.File] {
	return func(yield func(*packages.Package, *ast.File) bool) {
		seen := map[string]bool{}
		for _, p := range b.pkgs {
			if p.TypesInfo == nil {
				continue
			}
			for _, f := range p.Syntax {
				file := b.fset.Position(f.FileStart).Filename
				if seen[file] || !strings.HasSuffix(file, ".go") {
					continue
				}
				seen[file] = true
				if !yield(p, f) {
					return
				}
			}
		}
	}
}

// walkCalls finds the call sites of every target (repository methods and
// their implementations, key functions, GSI helpers): each call
// expression once, in the first package variant that has its file.
func (b *builder) walkCalls() {
	names := map[string]bool{}
	for _, m := range b.methods {
		names[m.fn.Name()] = true
	}
	for _, x := range b.keys {
		for _, kf := range x.funcs {
			names[kf.fn.Name()] = true
		}
	}
	for _, h := range b.helpers {
		names[h.fn.Name()] = true
	}
	for p, f := range b.goFiles() {
		test := strings.HasSuffix(b.fset.Position(f.FileStart).Filename, "_test.go")
		for _, decl := range f.Decls {
			caller, callerName, testFunc := "", "", false
			if fd, ok := decl.(*ast.FuncDecl); ok {
				if fn, ok := p.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					caller, callerName = b.posKey(fn.Pos()), funcName(fn)
				}
				testFunc = test && fd.Recv == nil && isTestFunc(fd.Name.Name)
			}
			ast.Inspect(decl, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				fn, ok := typeutil.Callee(p.TypesInfo, call).(*types.Func)
				if !ok || !names[fn.Name()] {
					return true
				}
				ts := b.targets[b.posKey(fn.Origin().Pos())]
				if len(ts) == 0 {
					return true
				}
				k := b.posKey(call.Lparen)
				s := &isite{
					Site:     Site{Pos: b.position(call.Lparen, true), Test: test, Func: callerName},
					caller:   caller,
					testFunc: testFunc,
				}
				for _, t := range ts {
					t[k] = s
				}
				return true
			})
		}
	}
}

// isTestFunc reports whether name is the name of a test, benchmark, fuzz
// test or example (go help testfunc).
func isTestFunc(name string) bool {
	for _, prefix := range []string{"Test", "Benchmark", "Fuzz", "Example"} {
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok {
			continue
		}
		if rest == "" || prefix == "Example" {
			return true
		}
		r, _ := utf8.DecodeRuneInString(rest)
		return !unicode.IsLower(r)
	}
	return false
}

// union merges call-site sets.
func union(sets ...calls) calls {
	out := calls{}
	for _, s := range sets {
		for k, v := range s {
			out[k] = v
		}
	}
	return out
}

func count(c calls) Count {
	var n Count
	for _, s := range c {
		if s.Test {
			n.Test++
		} else {
			n.Prod++
		}
	}
	n.Total = n.Prod + n.Test
	return n
}

// callerCount counts the distinct functions containing the call sites.
func callerCount(c calls) Count {
	var n Count
	seen := map[string]bool{}
	for _, s := range c {
		if s.caller == "" || seen[s.caller] {
			continue
		}
		seen[s.caller] = true
		if s.Test {
			n.Test++
		} else {
			n.Prod++
		}
	}
	n.Total = n.Prod + n.Test
	return n
}

// testCount counts the distinct test functions containing the call sites.
func testCount(c calls) int {
	seen := map[string]bool{}
	for _, s := range c {
		if s.testFunc {
			seen[s.caller] = true
		}
	}
	return len(seen)
}

// sites returns the call sites in file, line, column order.
func sites(c calls) []Site {
	out := make([]Site, 0, len(c))
	for _, s := range c {
		out = append(out, s.Site)
	}
	slices.SortFunc(out, func(a, b Site) int { return comparePos(a.Pos, b.Pos) })
	return out
}

// comparePos orders file:line[:col] positions.
func comparePos(a, b string) int {
	af, al, ac := splitPos(a)
	bf, bl, bc := splitPos(b)
	return cmp.Or(cmp.Compare(af, bf), cmp.Compare(al, bl), cmp.Compare(ac, bc))
}

func splitPos(p string) (file string, line, col int) {
	parts := strings.Split(p, ":")
	nums := []int{}
	for len(parts) > 1 && len(nums) < 2 {
		n, err := strconv.Atoi(parts[len(parts)-1])
		if err != nil {
			break
		}
		nums = append([]int{n}, nums...)
		parts = parts[:len(parts)-1]
	}
	file = strings.Join(parts, ":")
	if len(nums) == 1 {
		return file, nums[0], 0
	}
	if len(nums) == 2 {
		return file, nums[0], nums[1]
	}
	return file, 0, 0
}

// labelSet extracts the labels of a key's source text.
type labelSet struct {
	sep      string
	fold     bool
	reserved []string // the tenant and capsule labels
}

func newLabelSet(cfg *config.Resolved) labelSet {
	sep := cmp.Or(cfg.Separator, "#")
	return labelSet{sep: sep, fold: cfg.CaseInsensitiveLabels, reserved: []string{cfg.Labels.Tenant, cfg.Labels.Capsule}}
}

var (
	stringLit = regexp.MustCompile("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`")
	labelWord = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
)

// extract returns the labels of a key template, upper-cased, in order: the
// words between separators of its string literals, but the tenant and
// capsule labels and format verbs. Without case-insensitive labels, only
// upper-case words are labels.
func (l labelSet) extract(text string) []string {
	var out []string
	for _, lit := range stringLit.FindAllString(text, -1) {
		s, err := strconv.Unquote(lit)
		if err != nil {
			continue
		}
		for _, w := range strings.Split(s, l.sep) {
			if !labelWord.MatchString(w) || (!l.fold && strings.ToUpper(w) != w) {
				continue
			}
			reserved := false
			for _, r := range l.reserved {
				reserved = reserved || strings.EqualFold(r, w)
			}
			if !reserved {
				out = append(out, strings.ToUpper(w))
			}
		}
	}
	return out
}
