package model

import (
	"time"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
)

// FinancialConfigUpdated is published when a tenant's financial config changes.
type FinancialConfigUpdated struct {
	TenantID  ids.TenantID `json:"tenant_id"`
	Industry  string       `json:"industry"`
	Currency  string       `json:"currency"`
	UpdatedAt time.Time    `json:"updated_at"`
}

// ContractCreated is published when a contract is created.
type ContractCreated struct {
	TenantID   ids.TenantID   `json:"tenant_id"`
	ContractID ids.ContractID `json:"contract_id"`
	AccountID  ids.AccountID  `json:"account_id"`
	CreatedAt  time.Time      `json:"created_at"`
}
