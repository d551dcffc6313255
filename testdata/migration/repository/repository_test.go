package repository

import (
	"errors"
	"testing"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
	"github.com/capsulelint/capsulelint/testdata/migration/store"
)

func TestFinancialConfigRoundTrip(t *testing.T) {
	repo := NewFinancialConfigRepository(store.NewTable())
	tenantID := ids.TenantID("acme")
	cfg := model.FinancialConfig{TenantID: tenantID, BaseCurrency: "USD", Industry: "Technology"}

	if err := repo.Save(t.Context(), tenantID, cfg); err != nil {
		t.Fatal(err)
	}
	got, err := repo.Get(t.Context(), tenantID)
	if err != nil {
		t.Fatal(err)
	}
	if got != cfg {
		t.Errorf("Get = %+v, want %+v", got, cfg)
	}
	configs, err := repo.QueryByIndustry(t.Context(), tenantID, "Technology")
	if err != nil {
		t.Fatal(err)
	}
	wantLen(t, "QueryByIndustry(Technology)", configs, 1)

	if err := repo.Delete(t.Context(), tenantID); err != nil {
		t.Fatal(err)
	}
	if _, err := repo.Get(t.Context(), tenantID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: err = %v, want ErrNotFound", err)
	}
}

func TestSaveRejectsAnotherTenantsEntity(t *testing.T) {
	tbl := store.NewTable()
	amendment := model.ContractAmendment{TenantID: "globex", ID: "amd-1", ContractID: "c-1"}
	if err := NewContractAmendmentRepository(tbl).Save(t.Context(), "acme", amendment); !errors.Is(err, ErrTenantMismatch) {
		t.Errorf("save amendment: err = %v, want ErrTenantMismatch", err)
	}
	grant := model.AccessEntity{TenantID: "globex", ID: "a-1", Resource: "contracts"}
	if err := NewAccessRepository(tbl).Save(t.Context(), "acme", grant); !errors.Is(err, ErrTenantMismatch) {
		t.Errorf("save access grant: err = %v, want ErrTenantMismatch", err)
	}
	if tbl.Len() != 0 {
		t.Errorf("table has %d items, want 0", tbl.Len())
	}
}

func TestContractListAndDelete(t *testing.T) {
	ctx := t.Context()
	tbl := store.NewTable()
	repo := NewContractRepository(tbl)
	tenantID := ids.TenantID("acme")
	for _, id := range []ids.ContractID{"c-1", "c-2"} {
		c := model.Contract{TenantID: tenantID, ID: id, AccountID: "acct-1", Total: money(120000)}
		if err := repo.Save(ctx, tenantID, c); err != nil {
			t.Fatal(err)
		}
	}
	all, err := repo.List(ctx, tenantID)
	if err != nil {
		t.Fatal(err)
	}
	wantLen(t, "List", all, 2)
	if _, err := tbl.Get(keys.ContractPK(tenantID, "c-1"), keys.MetadataSK); err != nil {
		t.Errorf("contract not stored under its key: %v", err)
	}

	if err := repo.Delete(ctx, tenantID, "c-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := repo.Get(ctx, tenantID, "c-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: err = %v, want ErrNotFound", err)
	}
	if err := repo.Delete(ctx, tenantID, "c-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete: err = %v, want ErrNotFound", err)
	}
}

func TestContractListByAccount(t *testing.T) {
	capsuleID := testCapsule()
	ctx := ids.WithCapsule(t.Context(), capsuleID)
	tbl := store.NewTable()
	repo := NewContractRepository(tbl)
	tenantID := ids.TenantID("acme")
	for id, account := range map[ids.ContractID]ids.AccountID{"c-1": "acct-1", "c-2": "acct-1", "c-3": "acct-2"} {
		c := model.Contract{TenantID: tenantID, ID: id, AccountID: account}
		if err := repo.Save(ctx, tenantID, c); err != nil {
			t.Fatal(err)
		}
	}
	contracts, err := repo.ListByAccount(ctx, tenantID, capsuleID, "acct-1")
	if err != nil {
		t.Fatal(err)
	}
	wantLen(t, "ListByAccount(acct-1)", contracts, 2)
	wantLen(t, "GSI1 partition of acct-2", tbl.QueryGSI1(keys.Gsi1pkForAccount(capsuleID, "acct-2"), "CONTRACT#"), 1)
}

func TestListByAccountSkipsOtherTenants(t *testing.T) {
	ctx := ids.WithCapsule(t.Context(), testCapsule())
	repo := NewContractRepository(store.NewTable())
	acme, globex := ids.TenantID("acme"), ids.TenantID("globex")
	if err := repo.Save(ctx, acme, model.Contract{TenantID: acme, ID: "c-1", AccountID: "acct-1"}); err != nil {
		t.Fatal(err)
	}
	if err := repo.Save(ctx, globex, model.Contract{TenantID: globex, ID: "c-9", AccountID: "acct-1"}); err != nil {
		t.Fatal(err)
	}
	contracts, err := repo.ListByAccount(ctx, acme, ids.CapsuleFromContext(ctx), "acct-1")
	if err != nil {
		t.Fatal(err)
	}
	wantLen(t, "ListByAccount(acme, acct-1)", contracts, 1)
}

func TestLineItemsAndAmendments(t *testing.T) {
	tbl := store.NewTable()
	items := NewContractLineItemRepository(tbl)
	amendments := NewContractAmendmentRepository(tbl)
	tenantID := ids.TenantID("acme")
	for i, id := range []ids.LineItemID{"li-1", "li-2", "li-3"} {
		li := model.ContractLineItem{TenantID: tenantID, ID: id, ContractID: "c-1", Quantity: i + 1, UnitPrice: money(1000)}
		if err := items.Save(t.Context(), tenantID, li); err != nil {
			t.Fatal(err)
		}
	}
	if err := items.Delete(t.Context(), tenantID, "c-1", "li-3"); err != nil {
		t.Fatal(err)
	}
	list, err := items.ListByContract(t.Context(), tenantID, "c-1")
	if err != nil {
		t.Fatal(err)
	}
	wantLen(t, "ListByContract", list, 2)
	li, err := items.Get(t.Context(), tenantID, "c-1", "li-2")
	if err != nil {
		t.Fatal(err)
	}
	if got := li.Amount(); got != money(2000) {
		t.Errorf("li-2 amount = %v, want 20.00 USD", got)
	}

	a := model.ContractAmendment{TenantID: tenantID, ID: "amd-1", ContractID: "c-1", LineItemID: "li-2", NewQuantity: 5, Reason: "upsell"}
	if err := amendments.Save(t.Context(), tenantID, a); err != nil {
		t.Fatal(err)
	}
	got, err := amendments.Get(t.Context(), tenantID, "c-1", "amd-1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Reason != "upsell" {
		t.Errorf("amendment reason = %q, want upsell", got.Reason)
	}
	if _, err := tbl.Get(keys.AmendmentPK(tenantID, "c-1"), keys.AmendmentSK("amd-1")); err != nil {
		t.Errorf("amendment not stored under its key: %v", err)
	}
	if _, err := amendments.Get(t.Context(), tenantID, "c-1", "amd-2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(amd-2): err = %v, want ErrNotFound", err)
	}
	trail, err := amendments.ListByContract(t.Context(), tenantID, "c-1")
	if err != nil {
		t.Fatal(err)
	}
	wantLen(t, "amendments", trail, 1)
}

func TestRevenueSchedule(t *testing.T) {
	capsuleID := testCapsule()
	ctx := ids.WithCapsule(t.Context(), capsuleID)
	tbl := store.NewTable()
	repo := NewRevenueScheduleRepository(tbl)
	tenantID := ids.TenantID("acme")
	for _, period := range []string{"2026-01", "2026-02", "2026-03"} {
		s := model.RevenueSchedule{
			TenantID: tenantID, ID: ids.ScheduleID("s-" + period), ContractID: "c-1", LineItemID: "li-1",
			AccountID: "acct-1", Period: period, Amount: money(10000),
		}
		if err := repo.Save(ctx, tenantID, s); err != nil {
			t.Fatal(err)
		}
	}
	byItem, err := repo.ListByLineItem(ctx, tenantID, "c-1", "li-1")
	if err != nil {
		t.Fatal(err)
	}
	wantLen(t, "ListByLineItem", byItem, 3)
	if byItem[0].Period != "2026-01" {
		t.Errorf("first period = %s, want 2026-01", byItem[0].Period)
	}
	byAccount, err := repo.ListByAccount(ctx, tenantID, capsuleID, "acct-1")
	if err != nil {
		t.Fatal(err)
	}
	wantLen(t, "ListByAccount", byAccount, 3)
	wantLen(t, "GSI1 partition of acct-1", tbl.QueryGSI1(keys.Gsi1pkForAccount(capsuleID, "acct-1"), "SCHEDULE#"), 3)
	wantLen(t, "schedule partition", tbl.Query(keys.RevenueSchedulePK(tenantID, "c-1", "li-1"), ""), 3)

	if err := repo.DeleteByLineItem(ctx, tenantID, "c-1", "li-1"); err != nil {
		t.Fatal(err)
	}
	byItem, err = repo.ListByLineItem(ctx, tenantID, "c-1", "li-1")
	if err != nil {
		t.Fatal(err)
	}
	wantLen(t, "ListByLineItem after DeleteByLineItem", byItem, 0)
}

func TestAccessQueryByResourceAndRevoke(t *testing.T) {
	capsuleID := testCapsule()
	ctx := ids.WithCapsule(t.Context(), capsuleID)
	tbl := store.NewTable()
	repo := NewAccessRepository(tbl)
	tenantID := ids.TenantID("acme")
	grants := []model.AccessEntity{
		{TenantID: tenantID, ID: "a-1", AccountID: "acct-1", Resource: "contracts", Role: "viewer"},
		{TenantID: tenantID, ID: "a-2", AccountID: "acct-2", Resource: "contracts", Role: "editor"},
		{TenantID: tenantID, ID: "a-3", AccountID: "acct-1", Resource: "reports", Role: "viewer"},
	}
	for _, a := range grants {
		if err := repo.Save(ctx, tenantID, a); err != nil {
			t.Fatal(err)
		}
	}
	onContracts, err := repo.QueryByResource(ctx, tenantID, "contracts")
	if err != nil {
		t.Fatal(err)
	}
	wantLen(t, "QueryByResource(contracts)", onContracts, 2)
	byAccount, err := repo.ListByAccount(ctx, tenantID, capsuleID, "acct-1")
	if err != nil {
		t.Fatal(err)
	}
	wantLen(t, "ListByAccount(acct-1)", byAccount, 2)

	if err := repo.Revoke(ctx, tenantID, "a-1", "a-2"); err != nil {
		t.Fatal(err)
	}
	onContracts, err = repo.QueryByResource(ctx, tenantID, "contracts")
	if err != nil {
		t.Fatal(err)
	}
	wantLen(t, "QueryByResource(contracts) after Revoke", onContracts, 0)
	if _, err := tbl.Get(keys.AccessPK(tenantID, "a-3"), keys.MetadataSK); err != nil {
		t.Errorf("a-3 not stored under its key: %v", err)
	}
	if _, err := repo.Get(ctx, tenantID, "a-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(a-1) after Revoke: err = %v, want ErrNotFound", err)
	}
}

func TestAccountIsIndexedUnderItsKey(t *testing.T) {
	tbl := store.NewTable()
	repo := NewAccountRepository(tbl)
	acct := model.Account{TenantID: "acme", CapsuleID: ids.Produs, ID: "acct-1", Name: "Acme Retail"}
	if err := repo.Save(t.Context(), acct.TenantID, acct.CapsuleID, acct); err != nil {
		t.Fatal(err)
	}
	got, err := repo.Get(t.Context(), acct.TenantID, acct.CapsuleID, acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got != acct {
		t.Errorf("Get = %+v, want %+v", got, acct)
	}
	if _, err := repo.Get(t.Context(), acct.TenantID, ids.Devus, acct.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get from DEVUS: err = %v, want ErrNotFound", err)
	}
	wantLen(t, "GSI1 partition of the account", tbl.QueryGSI1(keys.Gsi1pkForAccount(acct.CapsuleID, acct.ID), "ACCOUNT"), 1)
}

func TestTenantProfileIsSharedByCapsules(t *testing.T) {
	profiles := NewTenantProfiles(store.NewTable())
	prof := model.TenantProfile{TenantID: "acme", LegalName: "Acme Corp.", BillingEmail: "billing@acme.test"}
	if err := profiles.Save(ids.WithCapsule(t.Context(), ids.Devus), prof); err != nil {
		t.Fatal(err)
	}
	got, err := profiles.Get(ids.WithCapsule(t.Context(), ids.Produs), "acme")
	if err != nil {
		t.Fatal(err)
	}
	if got != prof {
		t.Errorf("Get = %+v, want %+v", got, prof)
	}
}
