package migrate

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// TestFailure is a test (or a package's tests) failing after a migration.
type TestFailure struct {
	Package string
	Test    string // "" when the package's tests failed as a whole: a build error, a panic outside a test
	Output  string // the last lines the test printed
}

// PackageFailure is a package whose tests fail after a migration, with
// what the migration did in it and in the changed packages it imports.
type PackageFailure struct {
	Package string
	Tests   []TestFailure
	Fixes   []Finding // the applied fixes in the package
	// Readers are the reader places in the package and in the changed
	// packages it imports.
	Readers []Reader
	// Imported are the changed packages it imports, with the fixes
	// applied in each.
	Imported []ImportedChange
}

// ImportedChange is a changed package a failing package imports.
type ImportedChange struct {
	Package string
	Fixes   []Finding
}

// listedPackage is what go list says of a package.
type listedPackage struct {
	ImportPath, Dir                    string
	Imports, TestImports, XTestImports []string
}

// Test runs go test, in dir, on the packages of patterns the migration
// changed and on those importing them (directly, from tests, or through
// other packages), and returns the packages tested and the failures.
func Test(dir string, patterns []string, sum *Summary, log io.Writer) (tested []string, failures []PackageFailure, err error) {
	pkgs, err := goList(dir, patterns)
	if err != nil {
		return nil, nil, err
	}
	changed := map[string]bool{}
	for _, f := range sum.Files {
		for _, p := range pkgs {
			if p.Dir == filepath.Dir(f) {
				changed[p.ImportPath] = true
			}
		}
	}
	if len(changed) == 0 {
		return nil, nil, nil
	}
	// affected: changed, or importing an affected package.
	affected := maps.Clone(changed)
	for grew := true; grew; {
		grew = false
		for _, p := range pkgs {
			if !affected[p.ImportPath] && slices.ContainsFunc(p.Imports, func(i string) bool { return affected[i] }) {
				affected[p.ImportPath], grew = true, true
			}
		}
	}
	for _, p := range pkgs {
		imports := append(append(slices.Clone(p.Imports), p.TestImports...), p.XTestImports...)
		if affected[p.ImportPath] || slices.ContainsFunc(imports, func(i string) bool { return affected[i] }) {
			tested = append(tested, p.ImportPath)
		}
	}
	fmt.Fprintf(log, "\ngo test on %d packages: %d changed and %d importing them\n", len(tested), len(changed), len(tested)-len(changed))
	events, err := goTest(dir, tested)
	if err != nil {
		return tested, nil, err
	}
	byPath := map[string]listedPackage{}
	for _, p := range pkgs {
		byPath[p.ImportPath] = p
	}
	for _, f := range events {
		if len(failures) == 0 || failures[len(failures)-1].Package != f.Package {
			p := byPath[f.Package]
			pf := PackageFailure{Package: f.Package}
			pf.Fixes, pf.Readers = sum.touching(p.Dir)
			var imports []string
			for _, imp := range append(append(slices.Clone(p.Imports), p.TestImports...), p.XTestImports...) {
				if changed[imp] && imp != f.Package && !slices.Contains(imports, imp) {
					imports = append(imports, imp)
					fixes, readers := sum.touching(byPath[imp].Dir)
					pf.Readers = append(pf.Readers, readers...)
					pf.Imported = append(pf.Imported, ImportedChange{Package: imp, Fixes: fixes})
				}
			}
			failures = append(failures, pf)
		}
		last := &failures[len(failures)-1]
		last.Tests = append(last.Tests, f)
	}
	return tested, failures, nil
}

// touching returns the applied fixes and the readers in the directory.
func (sum *Summary) touching(dir string) (fixes []Finding, readers []Reader) {
	in := func(pos string) bool {
		file, _, _ := strings.Cut(pos, ".go:")
		return dir != "" && filepath.Dir(file+".go") == dir
	}
	for _, f := range sum.Applied {
		if in(f.Pos) {
			fixes = append(fixes, f)
		}
	}
	for _, r := range sum.Readers {
		if in(r.Pos) {
			readers = append(readers, r)
		}
	}
	return fixes, readers
}

func goList(dir string, patterns []string) ([]listedPackage, error) {
	cmd := exec.Command("go", append([]string{"list", "-e", "-json=ImportPath,Dir,Imports,TestImports,XTestImports"}, patterns...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p listedPackage
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("go list: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// testEvent is an event of go test -json.
type testEvent struct {
	Action, Package, Test, Output string
}

// goTest runs go test -json on pkgs and returns the failures.
func goTest(dir string, pkgs []string) ([]TestFailure, error) {
	cmd := exec.Command("go", append([]string{"test", "-json"}, pkgs...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, runErr := cmd.Output()
	output := map[[2]string][]string{}
	var failed [][2]string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var e testEvent
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		key := [2]string{e.Package, e.Test}
		switch e.Action {
		case "output", "build-output":
			output[key] = append(output[key], e.Output)
		case "fail", "build-fail":
			if !slices.Contains(failed, key) {
				failed = append(failed, key)
			}
		}
	}
	var fs []TestFailure
	testsFailed := map[string]bool{}
	for _, k := range failed {
		if k[1] != "" {
			testsFailed[k[0]] = true
		}
	}
	for _, k := range failed {
		if k[1] == "" && testsFailed[k[0]] {
			continue // the package fails because its tests do
		}
		lines := output[k]
		if k[1] == "" && len(lines) == 0 {
			lines = strings.SplitAfter(stderr.String(), "\n")
		}
		lines = slices.DeleteFunc(lines, func(l string) bool {
			t := strings.TrimSpace(l)
			return t == "" || strings.HasPrefix(t, "=== RUN") || t == "FAIL" || strings.HasPrefix(t, "FAIL\t")
		})
		if len(lines) > 12 {
			lines = lines[len(lines)-12:]
		}
		fs = append(fs, TestFailure{Package: k[0], Test: k[1], Output: strings.Join(lines, "")})
	}
	slices.SortStableFunc(fs, func(a, b TestFailure) int {
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(a.Test, b.Test))
	})
	if runErr != nil && len(fs) == 0 {
		return nil, fmt.Errorf("go test: %v\n%s", runErr, stderr.String())
	}
	return fs, nil
}
