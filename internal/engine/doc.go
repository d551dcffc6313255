// Package engine is capsulelint's one fix engine, shared by every route
// that applies fixes across packages: `capsulelint migrate`, the CLI's
// -fix and -diff, and the editor server's quick fixes.
//
// A [Workspace] holds the packages of the module (or modules) that
// contain the packages a user names, with their test variants,
// type-checked from source in memory over their dependencies' export
// data: a dependency module is never type-checked from source. Edits
// live in memory until [Workspace.Write]; after a change only the
// changed packages and the packages importing them are type-checked
// again, and only they are analysed again.
//
// [Workspace.Apply] applies a set of suggested fixes together: it
// merges their edits, carries every signature change a fix makes to the
// rest of the workspace (the calls in other packages and in tests, the
// implementations of a changed interface method, and the calls of those
// in turn), type-checks the result, and leaves out the fixes that cannot
// be completed or that would break the build, each with the reason. A
// fix whose completion fails names the value it needed and every lookup
// rule tried; a fix that breaks the build is found by blaming the files
// the errors are in, and bisecting only among the fixes that edited them.
//
// A fix that changes a key template (a fmt.Sprintf format) takes its
// readers along: the code taking keys of the old template apart, found
// by package keyreaders in every package of the workspace, is rewritten
// by edits owned by that fix, type-checked and left out with it; every
// reader place, rewritten or not, is in [Result.Readers].
package engine
