// Package robust_unrelated has nothing to do with tenants.
package robust_unrelated

import (
	"context"
	"fmt"
	"sync"
)

// User has a field named Tenant of a plain type: not a tenant ID unless
// configured.
type User struct {
	Name   string
	Tenant string
	Org    int
}

// KeyStore is a repository by name with no tenant parameters.
type KeyStore struct {
	mu   sync.Mutex
	keys map[string][]byte
}

func (s *KeyStore) Get(ctx context.Context, name string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.keys[name]
	return k, ok
}

// CacheRepo keys by plain strings.
type CacheRepo interface {
	Load(ctx context.Context, tenant, key string) (string, error)
}

// Gsi1pk is a GSI key helper by name (keyhelper-pattern), so it is
// reported even here; no tenant type is known in this package, so there
// is no fix.
func Gsi1pk(region string, n int) string { // want `gsitenant: GSI key helper Gsi1pk has no tenant ID parameter: .*; no fix: no tenant ID type is known`
	return fmt.Sprintf("REGION#%s#N#%d", region, n)
}

func Gsi2sk() string { return "GSI2SK" }

func keys(tenant string) []string {
	return []string{
		fmt.Sprintf("USER#%s#PROFILE", tenant),
		"ORDER#" + tenant,
		Gsi1pk("", 1),
	}
}
