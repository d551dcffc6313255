package repository

import (
	"context"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/keys"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
	"github.com/capsulelint/capsulelint/testdata/migration/store"
)

// TenantProfiles stores the tenants' billing profiles, which all capsules of
// a tenant share.
type TenantProfiles struct {
	tbl *store.Table
}

// NewTenantProfiles returns TenantProfiles backed by tbl.
func NewTenantProfiles(tbl *store.Table) *TenantProfiles {
	return &TenantProfiles{tbl: tbl}
}

// Get returns the profile of tenantID.
func (p *TenantProfiles) Get(ctx context.Context, tenantID ids.TenantID) (model.TenantProfile, error) {
	var prof model.TenantProfile
	err := getItem(p.tbl, keys.TenantProfilePK(tenantID), keys.MetadataSK, &prof)
	return prof, err
}

// Save stores prof.
func (p *TenantProfiles) Save(ctx context.Context, prof model.TenantProfile) error {
	return putItem(p.tbl, store.Item{PK: keys.TenantProfilePK(prof.TenantID), SK: keys.MetadataSK}, prof)
}
