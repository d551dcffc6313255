// Package baseline records accepted findings so that a team can adopt
// capsulelint on a legacy code base and be told only of new ones.
//
// A finding's fingerprint is its analyzer, its file relative to the module
// root, the declaration that encloses it and its message with line numbers
// removed: editing unrelated lines does not change it.
package baseline

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Entry is one finding's fingerprint.
type Entry struct {
	Analyzer string `json:"analyzer"`
	File     string `json:"file"`
	Decl     string `json:"decl"`
	Message  string `json:"message"`
}

func (e Entry) key() string {
	return e.Analyzer + "\x00" + e.File + "\x00" + e.Decl + "\x00" + e.Message
}

// file is the on-disk form.
type file struct {
	Version  int      `json:"version"`
	Findings []record `json:"findings"`
}

type record struct {
	Entry
	Count int `json:"count"`
}

// Baseline is a loaded baseline; Match consumes one occurrence.
type Baseline struct {
	mu     sync.Mutex
	counts map[string]int
}

var cache sync.Map // path → *loaded

type loaded struct {
	once sync.Once
	data file
	err  error
}

// Load reads the baseline at path (cached per process) and returns a
// fresh matcher over it.
func Load(path string) (*Baseline, error) {
	v, _ := cache.LoadOrStore(path, &loaded{})
	l := v.(*loaded)
	l.once.Do(func() {
		raw, err := os.ReadFile(path)
		if err != nil {
			l.err = fmt.Errorf("baseline: %v", err)
			return
		}
		if err := json.Unmarshal(raw, &l.data); err != nil {
			l.err = fmt.Errorf("baseline %s: %v", path, err)
			return
		}
		if l.data.Version != 1 {
			l.err = fmt.Errorf("baseline %s: version %d, want 1", path, l.data.Version)
		}
	})
	if l.err != nil {
		return nil, l.err
	}
	b := &Baseline{counts: map[string]int{}}
	for _, r := range l.data.Findings {
		b.counts[r.key()] += max(r.Count, 1)
	}
	return b, nil
}

// Match reports whether e is in the baseline, consuming one occurrence.
func (b *Baseline) Match(e Entry) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.counts[e.key()] > 0 {
		b.counts[e.key()]--
		return true
	}
	return false
}

// Write records entries at path.
func Write(path string, entries []Entry) error {
	counts := map[string]*record{}
	for _, e := range entries {
		if r, ok := counts[e.key()]; ok {
			r.Count++
			continue
		}
		counts[e.key()] = &record{Entry: e, Count: 1}
	}
	f := file{Version: 1, Findings: []record{}}
	for _, r := range counts {
		f.Findings = append(f.Findings, *r)
	}
	sort.Slice(f.Findings, func(i, j int) bool { return f.Findings[i].key() < f.Findings[j].key() })
	out, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(out, '\n'), 0o644)
}

var lineNumbers = regexp.MustCompile(`(\.go):\d+(:\d+)?`)

// WithheldNote opens the note that a driver which cannot complete a fix
// appends to the message (internal/directive): "m (fix withheld: ...)".
// Fingerprints leave it out, so that one baseline serves every driver.
const WithheldNote = " (fix withheld: "

// Fingerprint returns the entry of a finding at pos in f.
func Fingerprint(fset *token.FileSet, f *ast.File, pos token.Pos, analyzer, message string) Entry {
	if i := strings.LastIndex(message, WithheldNote); i >= 0 && strings.HasSuffix(message, ")") {
		message = message[:i]
	}
	return Entry{
		Analyzer: analyzer,
		File:     moduleRelative(fset.File(pos).Name()),
		Decl:     enclosingDecl(f, pos),
		Message:  lineNumbers.ReplaceAllString(message, "$1"),
	}
}

// enclosingDecl names the top-level declaration containing pos.
func enclosingDecl(f *ast.File, pos token.Pos) string {
	i, _ := slices.BinarySearchFunc(f.Decls, pos, func(d ast.Decl, p token.Pos) int {
		switch {
		case d.End() < p:
			return -1
		case d.Pos() > p:
			return 1
		}
		return 0
	})
	if i >= len(f.Decls) || f.Decls[i].Pos() > pos || f.Decls[i].End() < pos {
		return ""
	}
	switch d := f.Decls[i].(type) {
	case *ast.FuncDecl:
		if d.Recv != nil && len(d.Recv.List) > 0 {
			return "method " + recvName(d.Recv.List[0].Type) + "." + d.Name.Name
		}
		return "func " + d.Name.Name
	case *ast.GenDecl:
		var names []string
		for _, spec := range d.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					names = append(names, n.Name)
				}
			}
		}
		return d.Tok.String() + " " + strings.Join(names, ",")
	}
	return ""
}

func recvName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return recvName(t.X)
	case *ast.IndexExpr:
		return recvName(t.X)
	case *ast.IndexListExpr:
		return recvName(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}

var roots sync.Map // dir → module root

// moduleRelative returns name relative to the directory of its go.mod,
// with forward slashes, so fingerprints do not depend on the checkout.
func moduleRelative(name string) string {
	dir := filepath.Dir(name)
	root, ok := roots.Load(dir)
	if !ok {
		r := dir
		for {
			if _, err := os.Stat(filepath.Join(r, "go.mod")); err == nil {
				break
			}
			parent := filepath.Dir(r)
			if parent == r {
				r = ""
				break
			}
			r = parent
		}
		roots.Store(dir, r)
		root = r
	}
	if root.(string) == "" {
		return filepath.ToSlash(name)
	}
	rel, err := filepath.Rel(root.(string), name)
	if err != nil {
		return filepath.ToSlash(name)
	}
	return filepath.ToSlash(rel)
}
