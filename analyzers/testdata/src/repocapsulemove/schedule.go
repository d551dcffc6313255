package repocapsulemove

import (
	"context"

	"ids"
)

// ScheduleRepository takes capsule IDs, but not right after the tenant.
type ScheduleRepository interface {
	Get(ctx context.Context, tenantID ids.TenantID, id string, capsuleID ids.CapsuleID) error             // want `^repository method ScheduleRepository\.Get takes its capsule ID capsuleID but not right after the tenant ID tenantID: tenant and capsule travel as a pair in every repository signature, and a capsule ID elsewhere is easily swapped or dropped by callers \(want Get\(ctx context\.Context, tenantID ids\.TenantID, capsuleID ids\.CapsuleID, id string\)\)$`
	List(ctx context.Context, capsuleID ids.CapsuleID, tenantID ids.TenantID) error                       // want `\(want List\(ctx context\.Context, tenantID ids\.TenantID, capsuleID ids\.CapsuleID\)\)$`
	Count(ctx context.Context, tenantID ids.TenantID, from, to int, capsuleID ids.CapsuleID) (int, error) // want `\(want Count\(ctx context\.Context, tenantID ids\.TenantID, capsuleID ids\.CapsuleID, from, to int\)\)$`
	// Moving the capsule argument past next() would run the calls in another order.
	Window(ctx context.Context, tenantID ids.TenantID, from int, capsuleID ids.CapsuleID) error // want `\(want Window\(ctx context\.Context, tenantID ids\.TenantID, capsuleID ids\.CapsuleID, from int\)\); no fix: call at schedule\.go:\d+: moving ids\.CapsuleFromContext\(ctx\) past next\(\) would change the order in which their calls run$`
}

type memSchedules struct{}

func (memSchedules) Get(ctx context.Context, tenantID ids.TenantID, id string, capsuleID ids.CapsuleID) error {
	return nil
}

func (memSchedules) List(ctx context.Context, capsuleID ids.CapsuleID, tenantID ids.TenantID) error {
	return nil
}

func (memSchedules) Count(ctx context.Context, tenantID ids.TenantID, from, to int, capsuleID ids.CapsuleID) (int, error) {
	return 0, nil
}

func (memSchedules) Window(ctx context.Context, tenantID ids.TenantID, from int, capsuleID ids.CapsuleID) error {
	return nil
}

func next() int { return 0 }

func handle(ctx context.Context, r ScheduleRepository, tenantID ids.TenantID, capsuleID ids.CapsuleID) error {
	if err := r.Get(ctx, tenantID, "s1", capsuleID); err != nil {
		return err
	}
	if _, err := r.Count(ctx, tenantID, 1, len("ab"), ids.CapsuleFromContext(ctx)); err != nil {
		return err
	}
	if err := r.Window(ctx, tenantID, next(), ids.CapsuleFromContext(ctx)); err != nil {
		return err
	}
	return r.List(ctx, ids.CapsuleFromContext(ctx), tenantID)
}

// ArchiveStore groups string IDs configured by name... here by type: the
// capsule sits in a group of its own type.
type ArchiveStore struct{}

func (ArchiveStore) Restore(ctx context.Context, tenantID ids.TenantID, a, b string, capsuleID ids.CapsuleID) error { // want `ArchiveStore\.Restore takes its capsule ID capsuleID but not right after`
	return nil
}

func restore(ctx context.Context, s ArchiveStore, t ids.TenantID) error {
	return s.Restore(ctx, t, "a", "b", ids.CapsuleID("c"))
}
