package dirtest

type InTest struct{} // want "type InTest"

//capsule:ignore keyformat used in a test file
type IgnoredInTest struct{}
