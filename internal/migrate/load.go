package migrate

import (
	"fmt"
	"go/types"
	"os"
	"strings"

	"golang.org/x/tools/go/packages"
)

// workspace holds the migrated contents of files, not yet written.
type workspace struct {
	dir      string
	patterns []string
	overlay  map[string][]byte // absolute file name → new contents
}

const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesInfo | packages.NeedSyntax |
	packages.NeedTypesSizes | packages.NeedModule | packages.NeedDeps

// load type-checks the packages (with tests) as the workspace has them.
func (w *workspace) load() ([]*packages.Package, error) {
	cfg := &packages.Config{Mode: loadMode, Dir: w.dir, Tests: true, Overlay: w.overlay}
	pkgs, err := packages.Load(cfg, w.patterns...)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("no packages match %s", strings.Join(w.patterns, " "))
	}
	return pkgs, nil
}

// content returns the current contents of file.
func (w *workspace) content(file string) ([]byte, error) {
	if b, ok := w.overlay[file]; ok {
		return b, nil
	}
	return os.ReadFile(file)
}

// typeErrors returns the first errors of pkgs, at most max, one line each.
func typeErrors(pkgs []*packages.Package, max int) []string {
	var errs []string
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if s := e.Error(); !seen[s] && len(errs) < max {
				seen[s] = true
				errs = append(errs, s)
			}
		}
	})
	return errs
}

// funcKey names a function or method independently of the type-checking
// universe it was loaded in: "path.Func", "path.Type.Method".
func funcKey(fn *types.Func) string {
	if fn.Pkg() == nil {
		return fn.Name()
	}
	path := strings.TrimSuffix(fn.Pkg().Path(), "_test")
	sig, _ := fn.Type().(*types.Signature)
	if sig != nil && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		switch t := types.Unalias(t).(type) {
		case *types.Named:
			return path + "." + t.Obj().Name() + "." + fn.Name()
		case *types.Interface:
			// An interface method: find the named interface by scope.
			if fn.Pkg() != nil {
				for _, n := range fn.Pkg().Scope().Names() {
					if tn, ok := fn.Pkg().Scope().Lookup(n).(*types.TypeName); ok {
						if iface, ok := tn.Type().Underlying().(*types.Interface); ok && iface == t {
							return path + "." + n + "." + fn.Name()
						}
					}
				}
			}
		}
	}
	return path + "." + fn.Name()
}
