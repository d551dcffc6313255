// Package capsulefield_projids declares the qualified configured capsule
// type.
package capsulefield_projids

type ProjectID string
