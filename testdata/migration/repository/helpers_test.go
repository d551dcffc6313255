package repository

import (
	"testing"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
)

// testCapsule is the capsule the tests store their data in.
func testCapsule() ids.CapsuleID { return "PRODUS" }

func money(minor int64) model.Money {
	return model.Money{Currency: "USD", Minor: minor}
}

func wantLen[T any](t *testing.T, what string, got []T, want int) {
	t.Helper()
	if len(got) != want {
		t.Fatalf("%s: got %d items, want %d: %+v", what, len(got), want, got)
	}
}
