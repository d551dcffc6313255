package handlers

import (
	"context"
	"testing"
	"time"

	"github.com/capsulelint/capsulelint/testdata/migration/events"
	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/repository"
	"github.com/capsulelint/capsulelint/testdata/migration/store"
)

// testCapsule is the capsule the tests' requests come from.
func testCapsule() ids.CapsuleID { return "PRODUS" }

var testNow = time.Date(2026, 1, 15, 9, 30, 0, 0, time.UTC)

// newTestHandlers returns handlers over an empty table, and the context of a
// request from tenant acme in the test capsule, as the auth middleware
// would build it.
func newTestHandlers(t *testing.T) (*Handlers, context.Context) {
	t.Helper()
	h := New(repository.NewMemRepositories(store.NewTable()), events.NewBus())
	h.now = func() time.Time { return testNow }
	ctx := ids.WithCapsule(ids.WithTenant(t.Context(), "acme"), testCapsule())
	return h, ctx
}
