// Package model holds the entities of the billing service as they are stored
// in the platform_data table.
package model

import (
	"time"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
)

// FinancialConfig is the financial set-up of a tenant: one per tenant.
//
// Stored under TENANT#{tenant_id}#CONFIG#FINANCIAL, indexed in GSI1 by industry.
type FinancialConfig struct {
	TenantID             ids.TenantID `json:"tenant_id" dynamodbav:"tenant_id"`
	BaseCurrency         string       `json:"base_currency" dynamodbav:"base_currency"`
	Industry             string       `json:"industry" dynamodbav:"industry"`
	FiscalYearStartMonth time.Month   `json:"fiscal_year_start_month" dynamodbav:"fiscal_year_start_month"`
	UpdatedAt            time.Time    `json:"updated_at" dynamodbav:"updated_at"`
}
