// Package keyformat defines an Analyzer that reports key templates
// missing the tenant or capsule segment, misordered, or with swapped
// arguments.
//
// # Analyzer keyformat
//
// keyformat: report key templates without TENANT# and CAPSULE# segments in order
//
// A key template is a string built from LABEL#value segments. Every
// stored key must start TENANT#{tenant}#CAPSULE#{capsule}#...
package keyformat
