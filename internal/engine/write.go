package engine

import (
	"go/format"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// Changed returns the files whose contents differ from the disk's as the
// workspace first read them, sorted.
func (w *Workspace) Changed() []string {
	var out []string
	for _, f := range slices.Sorted(maps.Keys(w.original)) {
		if string(w.original[f]) != string(w.content[f]) {
			out = append(out, f)
		}
	}
	return out
}

// Formatted returns the new contents of a changed file, gofmt'ed.
func (w *Workspace) Formatted(file string) []byte { return gofmt(w.content[file]) }

// Diff returns the unified diff of every changed file, gofmt'ed, with
// names relative to dir.
func (w *Workspace) Diff(dir string) string {
	var out string
	for _, f := range w.Changed() {
		out += unifiedDiff(relPath(dir, f), w.original[f], w.Formatted(f))
	}
	return out
}

// Write writes every changed file, gofmt'ed, atomically.
func (w *Workspace) Write() error {
	for _, f := range w.Changed() {
		if err := writeAtomic(f, w.Formatted(f)); err != nil {
			return err
		}
	}
	return nil
}

// gofmt formats src, or returns it unchanged when it does not parse.
func gofmt(src []byte) []byte {
	if out, err := format.Source(src); err == nil {
		return out
	}
	return src
}

// writeAtomic replaces file by a temp file renamed over it.
func writeAtomic(file string, content []byte) error {
	info, err := os.Stat(file)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".capsulelint-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

func relPath(dir, file string) string {
	if rel, err := filepath.Rel(dir, file); err == nil {
		return rel
	}
	return file
}
