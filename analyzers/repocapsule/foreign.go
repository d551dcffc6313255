package repocapsule

import (
	"go/types"
)

// reportedAbroad reports whether fn, an interface method of another
// package, is a defective repository method reported elsewhere (or opted
// out there): by its package's analysis, when a repository of that
// package has it (repositoryAbroad), or here, at the embedded field of a
// repository that gets it (checkForeign). A method here that must change
// with it is not reported again: that diagnostic covers it, and its fix
// (through capsulelint migrate) changes it. Recomputed from types, since
// a pass sees one package: an interface made a repository only by a
// //capsule:repository directive in its package is not seen from here,
// and its implementations here are still reported.
func (c *checker) reportedAbroad(fn *types.Func) bool {
	if fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg {
		return false
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return false
	}
	if _, ok := recv.Type().Underlying().(*types.Interface); !ok {
		return false
	}
	if !c.shapeOf(fn).defective() {
		return false
	}
	if c.repositoryAbroad(fn) {
		return true
	}
	for _, f := range c.foreign {
		if f.fn == fn.Origin() {
			return true
		}
	}
	return false
}
