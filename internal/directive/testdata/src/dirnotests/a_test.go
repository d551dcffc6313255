package dirnotests

type InTest struct{}

//capsule:ignore keyformat not stale: test files are not analysed
type IgnoredInTest struct{}

//capsule:tenant-scoped
type Bare struct{}
