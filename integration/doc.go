// Package integration holds end-to-end tests of capsulelint's delivery
// routes: the golangci-lint v2 module plugin built into a real
// golangci-lint binary, go vet -vettool and go fix -fixtool. The tests
// build the tools from this checkout through the Go module proxy (or the
// module cache) and run them on the fixture modules in testdata/*.txtar.
//
// The golangci-lint build needs about a minute cold; the binary is then
// cached under os.UserCacheDir(), keyed by a hash of this checkout's Go
// sources. go test -short skips these tests. Set CAPSULELINT_GOLANGCI to
// use a custom golangci-lint binary built elsewhere (golangci-lint custom).
package integration
