package model

import (
	"time"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
)

// Contract is a customer contract.
type Contract struct {
	TenantID  ids.TenantID   `json:"tenant_id" dynamodbav:"tenant_id"`
	ID        ids.ContractID `json:"id" dynamodbav:"id"`
	AccountID ids.AccountID  `json:"account_id" dynamodbav:"account_id"`
	Title     string         `json:"title" dynamodbav:"title"`
	Total     Money          `json:"total" dynamodbav:"total"`
	StartsAt  time.Time      `json:"starts_at" dynamodbav:"starts_at"`
	EndsAt    time.Time      `json:"ends_at" dynamodbav:"ends_at"`
}

// ContractLineItem is one billable line of a contract.
type ContractLineItem struct {
	TenantID    ids.TenantID   `json:"tenant_id" dynamodbav:"tenant_id"`
	ID          ids.LineItemID `json:"id" dynamodbav:"id"`
	ContractID  ids.ContractID `json:"contract_id" dynamodbav:"contract_id"`
	Description string         `json:"description" dynamodbav:"description"`
	Quantity    int            `json:"quantity" dynamodbav:"quantity"`
	UnitPrice   Money          `json:"unit_price" dynamodbav:"unit_price"`
}

// Amount is the line's quantity times its unit price.
func (li ContractLineItem) Amount() Money {
	return li.UnitPrice.Times(li.Quantity)
}

// ContractAmendment records a change to one line item of a contract.
type ContractAmendment struct {
	TenantID    ids.TenantID    `json:"tenant_id" dynamodbav:"tenant_id"`
	ID          ids.AmendmentID `json:"id" dynamodbav:"id"`
	ContractID  ids.ContractID  `json:"contract_id" dynamodbav:"contract_id"`
	LineItemID  ids.LineItemID  `json:"line_item_id" dynamodbav:"line_item_id"`
	Reason      string          `json:"reason" dynamodbav:"reason"`
	NewQuantity int             `json:"new_quantity" dynamodbav:"new_quantity"`
	EffectiveAt time.Time       `json:"effective_at" dynamodbav:"effective_at"`
}

// RevenueSchedule is the revenue recognised for one line item in one period.
type RevenueSchedule struct {
	TenantID   ids.TenantID   `json:"tenant_id" dynamodbav:"tenant_id"`
	ID         ids.ScheduleID `json:"id" dynamodbav:"id"`
	ContractID ids.ContractID `json:"contract_id" dynamodbav:"contract_id"`
	LineItemID ids.LineItemID `json:"line_item_id" dynamodbav:"line_item_id"`
	AccountID  ids.AccountID  `json:"account_id" dynamodbav:"account_id"`
	Period     string         `json:"period" dynamodbav:"period"` // YYYY-MM
	Amount     Money          `json:"amount" dynamodbav:"amount"`
}
