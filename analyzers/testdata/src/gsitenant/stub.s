// Gsi7pk is declared without a body in a.go: this file lets the package
// compile (the function is never linked).
