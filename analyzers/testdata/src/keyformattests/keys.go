// Package keyformattests has keys in its tests, where the configured
// test-capsule supplies the capsule value.
package keyformattests
