package handlers

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/capsulelint/capsulelint/testdata/migration/events"
	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
	"github.com/capsulelint/capsulelint/testdata/migration/repository"
)

func TestFinancialConfig(t *testing.T) {
	h, ctx := newTestHandlers(t)
	in := FinancialConfigInput{BaseCurrency: "USD", Industry: "Technology", FiscalYearStartMonth: time.April}
	if _, err := h.PutFinancialConfig(ctx, in); err != nil {
		t.Fatal(err)
	}
	got, err := h.GetFinancialConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Industry != "Technology" || got.FiscalYearStartMonth != time.April || !got.UpdatedAt.Equal(testNow) {
		t.Errorf("GetFinancialConfig = %+v", got)
	}
	published := h.Events.Events(ctx)
	if len(published) != 1 || published[0].Topic != events.TopicFinancialConfigUpdated {
		t.Errorf("published %+v, want one %s event", published, events.TopicFinancialConfigUpdated)
	}
	if _, err := h.PutFinancialConfig(ctx, FinancialConfigInput{BaseCurrency: "US"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("PutFinancialConfig(bad input): err = %v, want ErrInvalid", err)
	}
}

func TestListConfigsByIndustryIsCached(t *testing.T) {
	h, ctx := newTestHandlers(t)
	if _, err := h.PutFinancialConfig(ctx, FinancialConfigInput{BaseCurrency: "USD", Industry: "Technology"}); err != nil {
		t.Fatal(err)
	}
	configs, err := h.ListConfigsByIndustry(ctx, "Technology")
	if err != nil {
		t.Fatal(err)
	}
	if len(configs) != 1 {
		t.Fatalf("ListConfigsByIndustry = %+v, want one config", configs)
	}
	if _, ok := h.cache.get(keys.Gsi1pkForIndustry(testCapsule(), "Technology"), "configs"); !ok {
		t.Error("the Technology index partition is not cached")
	}
	// A write through the handlers invalidates the partitions it touches...
	if _, err := h.PutFinancialConfig(ctx, FinancialConfigInput{BaseCurrency: "USD", Industry: "Retail"}); err != nil {
		t.Fatal(err)
	}
	if configs, _ := h.ListConfigsByIndustry(ctx, "Technology"); len(configs) != 0 {
		t.Errorf("ListConfigsByIndustry(Technology) after update = %+v, want none", configs)
	}
	if configs, _ := h.ListConfigsByIndustry(ctx, "Retail"); len(configs) != 1 {
		t.Errorf("ListConfigsByIndustry(Retail) after update = %+v, want one config", configs)
	}
	// ...a write behind the handlers' back does not.
	if err := h.Configs.Delete(ctx, "acme"); err != nil {
		t.Fatal(err)
	}
	if configs, _ := h.ListConfigsByIndustry(ctx, "Retail"); len(configs) != 1 {
		t.Errorf("cached ListConfigsByIndustry(Retail) = %+v, want the stale config", configs)
	}
}

func TestCreateContract(t *testing.T) {
	h, ctx := newTestHandlers(t)
	req := CreateContractRequest{
		TenantID:  "acme",
		ID:        "c-1",
		AccountID: "acct-1",
		Title:     "Support plan",
		Total:     model.Money{Currency: "USD", Minor: 1200000},
		StartsAt:  testNow,
		EndsAt:    testNow.AddDate(1, 0, 0),
	}
	c, err := h.CreateContract(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := h.Contracts.Get(ctx, req.TenantID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Title != "Support plan" {
		t.Errorf("stored contract = %+v", stored)
	}
	byAccount, err := h.ListAccountContracts(ctx, "acct-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(byAccount) != 1 || byAccount[0].ID != "c-1" {
		t.Errorf("ListAccountContracts(acct-1) = %+v, want [c-1]", byAccount)
	}
	if published := h.Events.Events(ctx); len(published) != 1 || published[0].Topic != events.TopicContractCreated {
		t.Errorf("published %+v, want one %s event", published, events.TopicContractCreated)
	}

	req.TenantID = "globex"
	if _, err := h.CreateContract(ctx, req); !errors.Is(err, ErrForbidden) {
		t.Errorf("CreateContract for another tenant: err = %v, want ErrForbidden", err)
	}
}

func TestLineItemsAndAmendments(t *testing.T) {
	h, ctx := newTestHandlers(t)
	if _, err := h.CreateContract(ctx, CreateContractRequest{
		TenantID: "acme", ID: "c-1", AccountID: "acct-1", StartsAt: testNow, EndsAt: testNow.AddDate(0, 6, 0),
	}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []ids.LineItemID{"li-1", "li-2"} {
		req := AddLineItemRequest{TenantID: "acme", ContractID: "c-1", ID: id, Quantity: 2, UnitPrice: model.Money{Currency: "USD", Minor: 5000}}
		if _, err := h.AddLineItem(ctx, req); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.AddLineItem(ctx, AddLineItemRequest{TenantID: "acme", ContractID: "c-404", ID: "li-9"}); !errors.Is(err, repository.ErrNotFound) {
		t.Errorf("AddLineItem to a missing contract: err = %v, want ErrNotFound", err)
	}

	amend := AmendLineItemRequest{TenantID: "acme", ContractID: "c-1", LineItemID: "li-2", ID: "amd-1", NewQuantity: 7, Reason: "upsell"}
	if _, err := h.AmendLineItem(ctx, amend); err != nil {
		t.Fatal(err)
	}
	li, err := h.LineItems.Get(ctx, amend.TenantID, amend.ContractID, amend.LineItemID)
	if err != nil {
		t.Fatal(err)
	}
	if li.Quantity != 7 {
		t.Errorf("amended quantity = %d, want 7", li.Quantity)
	}
	if _, err := h.Amendments.Get(ctx, amend.TenantID, amend.ContractID, amend.ID); err != nil {
		t.Errorf("amendment not stored: %v", err)
	}
	if _, err := h.AmendLineItem(ctx, amend); !errors.Is(err, ErrConflict) {
		t.Errorf("repeated AmendLineItem: err = %v, want ErrConflict", err)
	}
	trail, err := h.Amendments.ListByContract(ctx, amend.TenantID, amend.ContractID)
	if err != nil {
		t.Fatal(err)
	}
	if len(trail) != 1 || trail[0].Reason != "upsell" {
		t.Errorf("amendments = %+v, want the upsell", trail)
	}
}

func TestDeleteContractDeletesLineItems(t *testing.T) {
	h, ctx := newTestHandlers(t)
	tenantID := ids.TenantFromContext(ctx)
	if err := h.Contracts.Save(ctx, tenantID, model.Contract{TenantID: tenantID, ID: "c-1", AccountID: "acct-1"}); err != nil {
		t.Fatal(err)
	}
	if err := h.LineItems.Save(ctx, tenantID, model.ContractLineItem{TenantID: tenantID, ID: "li-1", ContractID: "c-1"}); err != nil {
		t.Fatal(err)
	}
	s := model.RevenueSchedule{TenantID: tenantID, ID: "s-1", ContractID: "c-1", LineItemID: "li-1", AccountID: "acct-1", Period: "2026-01"}
	if err := h.Schedules.Save(ctx, tenantID, s); err != nil {
		t.Fatal(err)
	}
	if err := h.DeleteContract(ctx, "c-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.GetContract(ctx, "c-1"); !errors.Is(err, repository.ErrNotFound) {
		t.Errorf("GetContract after delete: err = %v, want ErrNotFound", err)
	}
	items, err := h.ListLineItems(ctx, "c-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 0 {
		t.Errorf("line items after delete = %+v, want none", items)
	}
	if contracts, _ := h.ListContracts(ctx); len(contracts) != 0 {
		t.Errorf("contracts after delete = %+v, want none", contracts)
	}
	if schedule, _ := h.Schedules.ListByLineItem(ctx, tenantID, "c-1", "li-1"); len(schedule) != 0 {
		t.Errorf("revenue schedule after delete = %+v, want none", schedule)
	}
}

func TestScheduleRevenue(t *testing.T) {
	h, ctx := newTestHandlers(t)
	tenantID := ids.TenantFromContext(ctx)
	if err := h.Contracts.Save(ctx, tenantID, model.Contract{TenantID: tenantID, ID: "c-1", AccountID: "acct-1"}); err != nil {
		t.Fatal(err)
	}
	li := model.ContractLineItem{TenantID: tenantID, ID: "li-1", ContractID: "c-1", Quantity: 1, UnitPrice: model.Money{Currency: "USD", Minor: 10000}}
	if err := h.LineItems.Save(ctx, tenantID, li); err != nil {
		t.Fatal(err)
	}
	if revenue, _ := h.ListAccountRevenue(ctx, "acct-1"); len(revenue) != 0 {
		t.Fatalf("revenue before scheduling = %+v, want none", revenue)
	}
	schedule, err := h.ScheduleRevenue(ctx, "c-1", "li-1", []string{"2026-01", "2026-02", "2026-03"})
	if err != nil {
		t.Fatal(err)
	}
	var total model.Money
	for _, s := range schedule {
		if total, err = total.Add(s.Amount); err != nil {
			t.Fatal(err)
		}
	}
	if total != li.Amount() || schedule[0].Amount.Minor != 3334 {
		t.Errorf("schedule = %+v, want 33.34 + 33.33 + 33.33 USD", schedule)
	}
	byItem, err := h.ListLineItemRevenue(ctx, "c-1", "li-1")
	if err != nil {
		t.Fatal(err)
	}
	byAccount, err := h.ListAccountRevenue(ctx, "acct-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(byItem) != 3 || len(byAccount) != 3 {
		t.Errorf("by line item: %d entries, by account: %d entries, want 3 and 3", len(byItem), len(byAccount))
	}

	// Rescheduling replaces the schedule.
	if _, err := h.ScheduleRevenue(ctx, "c-1", "li-1", []string{"2026-04", "2026-05"}); err != nil {
		t.Fatal(err)
	}
	stored, err := h.Schedules.ListByLineItem(ctx, tenantID, "c-1", "li-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != 2 || stored[0].Period != "2026-04" {
		t.Errorf("schedule after rescheduling = %+v, want 2026-04 and 2026-05", stored)
	}
	if byAccount, _ := h.ListAccountRevenue(ctx, "acct-1"); len(byAccount) != 2 {
		t.Errorf("account revenue after rescheduling: %d entries, want 2", len(byAccount))
	}
}

func TestAccessGrants(t *testing.T) {
	h, ctx := newTestHandlers(t)
	viewer, err := h.GrantAccess(ctx, "acct-1", "contracts", "viewer")
	if err != nil {
		t.Fatal(err)
	}
	h.now = func() time.Time { return testNow.Add(time.Second) }
	if _, err := h.GrantAccess(ctx, "acct-1", "reports", "viewer"); err != nil {
		t.Fatal(err)
	}
	if grants, _ := h.ListAccountAccess(ctx, "acct-1"); len(grants) != 2 {
		t.Fatalf("ListAccountAccess = %+v, want 2 grants", grants)
	}
	if _, ok := h.cache.get(keys.Gsi1pkForAccount(testCapsule(), "acct-1"), "access"); !ok {
		t.Error("the account's index partition is not cached")
	}
	onContracts, err := h.ListResourceAccess(ctx, "contracts")
	if err != nil {
		t.Fatal(err)
	}
	if len(onContracts) != 1 || onContracts[0].ID != viewer.ID {
		t.Errorf("ListResourceAccess(contracts) = %+v, want [%s]", onContracts, viewer.ID)
	}
	if onReports, _ := h.Access.QueryByResource(ctx, "acme", "reports"); len(onReports) != 1 {
		t.Errorf("grants on reports = %+v, want 1", onReports)
	}
	if stored, err := h.Access.Get(ctx, "acme", viewer.ID); err != nil || stored.Role != "viewer" {
		t.Errorf("stored grant = %+v, %v; want the viewer grant", stored, err)
	}

	if err := h.RevokeAccess(ctx, viewer.ID); err != nil {
		t.Fatal(err)
	}
	if grants, _ := h.ListAccountAccess(ctx, "acct-1"); len(grants) != 1 {
		t.Errorf("ListAccountAccess after revoke = %+v, want 1 grant", grants)
	}
	if err := h.RevokeAccess(ctx, viewer.ID); !errors.Is(err, repository.ErrNotFound) {
		t.Errorf("second revoke: err = %v, want ErrNotFound", err)
	}
}

func TestGetAccount(t *testing.T) {
	h, ctx := newTestHandlers(t)
	acct := model.Account{TenantID: "acme", CapsuleID: testCapsule(), ID: "acct-1", Name: "Acme Retail"}
	if err := h.Accounts.Save(ctx, acct.TenantID, acct.CapsuleID, acct); err != nil {
		t.Fatal(err)
	}
	got, err := h.GetAccount(ctx, "acct-1")
	if err != nil {
		t.Fatal(err)
	}
	if got != acct {
		t.Errorf("GetAccount = %+v, want %+v", got, acct)
	}
}

func TestRepositoryErrorsPropagate(t *testing.T) {
	h, ctx := newTestHandlers(t)
	h.Configs = failingConfigs{}
	if _, err := h.GetFinancialConfig(ctx); !errors.Is(err, errUnavailable) {
		t.Errorf("GetFinancialConfig: err = %v, want errUnavailable", err)
	}
	if _, err := h.PutFinancialConfig(ctx, FinancialConfigInput{BaseCurrency: "USD", Industry: "Technology"}); !errors.Is(err, errUnavailable) {
		t.Errorf("PutFinancialConfig: err = %v, want errUnavailable", err)
	}
	if _, err := h.GetFinancialConfig(context.Background()); !errors.Is(err, ErrNoTenant) {
		t.Errorf("GetFinancialConfig without tenant: err = %v, want ErrNoTenant", err)
	}
}

var errUnavailable = errors.New("table unavailable")

// failingConfigs is a FinancialConfigRepository whose table is down.
type failingConfigs struct{}

func (failingConfigs) Get(context.Context, ids.TenantID) (model.FinancialConfig, error) {
	return model.FinancialConfig{}, errUnavailable
}

func (failingConfigs) Save(context.Context, ids.TenantID, model.FinancialConfig) error {
	return errUnavailable
}

func (failingConfigs) Delete(context.Context, ids.TenantID) error { return errUnavailable }

func (failingConfigs) QueryByIndustry(context.Context, ids.TenantID, string) ([]model.FinancialConfig, error) {
	return nil, errUnavailable
}
