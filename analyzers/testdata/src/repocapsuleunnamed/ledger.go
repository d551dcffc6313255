package repocapsuleunnamed

import (
	"context"

	"ids"
)

// LedgerRepository declares its parameters unnamed: the new one is
// unnamed too.
type LedgerRepository interface {
	Balance(context.Context, ids.TenantID, string) (int, error) // want `^repository method LedgerRepository\.Balance takes a tenant ID but no capsule ID: .* \(want Balance\(context\.Context, ids\.TenantID, ids\.CapsuleID, string\)\)$`
	Post(context.Context, ids.TenantID, string, int) error      // want `\(want Post\(context\.Context, ids\.TenantID, ids\.CapsuleID, string, int\)\)$`
}

// memLedger names its parameters: the new one is named.
type memLedger struct{ balances map[string]int }

func (l *memLedger) Balance(_ context.Context, tenant ids.TenantID, account string) (int, error) {
	return l.balances[string(tenant)+account], nil
}

// nopLedger leaves them unnamed.
type nopLedger struct{}

func (nopLedger) Balance(context.Context, ids.TenantID, string) (int, error) { return 0, nil }
func (nopLedger) Post(context.Context, ids.TenantID, string, int) error      { return nil }

func (l *memLedger) Post(ctx context.Context, tenant ids.TenantID, account string, amount int) error {
	l.balances[string(tenant)+account] += amount
	return nil
}

// LedgerStore is a concrete repository with unnamed parameters.
type LedgerStore struct{}

func (LedgerStore) Close(context.Context, ids.TenantID) error { return nil } // want `^repository method LedgerStore\.Close takes a tenant ID but no capsule ID: .* \(want Close\(context\.Context, ids\.TenantID, ids\.CapsuleID\)\)$`

func report(ctx context.Context, l LedgerRepository, s LedgerStore, tenant ids.TenantID) (int, error) {
	if err := l.Post(ctx, tenant, "cash", 1); err != nil {
		return 0, err
	}
	_ = s.Close(ctx, tenant)
	return l.Balance(ctx, tenant, "cash")
}
