// Package dircgo imports "C": the analysers see cmd/cgo's translation of
// this file, which is marked generated but is the package's own code.
package dircgo

/*
static int one(void) { return 1; }
*/
import "C"

type InCgoFile struct { // want `^type InCgoFile; no fix: it would edit cgo.go, which uses cgo and is analysed through cmd/cgo's translation; change it by hand$`
	N C.int
}

//capsule:global reference data
type GlobalInCgoFile struct{}

func one() int { return int(C.one()) }
