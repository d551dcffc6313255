package engine

import (
	"bufio"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// exportData imports the workspace's dependencies from the export data
// the go command compiled (or found in the build cache) for them.
type exportData struct {
	mu    sync.Mutex
	opts  Options
	fset  *token.FileSet
	files map[string]string // package path → export data file
	// view is every package read so far, and the packages their export
	// data mentions, by path: gcexportdata completes them as it reads.
	view   map[string]*types.Package
	loaded map[string]bool
}

// loadExportData asks the go command for the export data of paths.
func loadExportData(fset *token.FileSet, opts Options, paths []string) (*exportData, error) {
	e := &exportData{opts: opts, fset: fset, files: map[string]string{}, view: map[string]*types.Package{}, loaded: map[string]bool{}}
	if len(paths) == 0 {
		return e, nil
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedExportFile, Dir: opts.Dir, Env: opts.Env}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		return nil, err
	}
	for _, p := range pkgs {
		if p.ExportFile != "" {
			e.files[p.PkgPath] = p.ExportFile
		}
	}
	return e, nil
}

// load returns the package path from its export data.
func (e *exportData) load(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.loaded[path] {
		return e.view[path], nil
	}
	file, ok := e.files[path]
	if !ok {
		// A dependency a fix starts to import.
		cfg := &packages.Config{Mode: packages.NeedName | packages.NeedExportFile, Dir: e.opts.Dir, Env: e.opts.Env}
		if pkgs, err := packages.Load(cfg, path); err == nil && len(pkgs) == 1 && pkgs[0].ExportFile != "" {
			file, ok = pkgs[0].ExportFile, true
			e.files[path] = file
		}
	}
	if !ok {
		return nil, fmt.Errorf("no export data for %s (does it build?)", path)
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %v", path, err)
	}
	pkg, err := gcexportdata.Read(r, e.fset, e.view, path)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %v", path, err)
	}
	e.loaded[path] = true
	return pkg, nil
}
