// Package handlers implements the billing API. Every handler serves one
// endpoint; the caller's tenant and capsule travel in the request context
// (see ids.WithTenant and ids.WithCapsule), put there by the auth middleware.
package handlers

import (
	"errors"
	"sync"
	"time"

	"github.com/capsulelint/capsulelint/testdata/migration/events"
	"github.com/capsulelint/capsulelint/testdata/migration/repository"
)

var (
	// ErrNoTenant is returned when the request context carries no tenant.
	ErrNoTenant = errors.New("handlers: request has no tenant")
	// ErrForbidden is returned when a request names a tenant other than the caller's.
	ErrForbidden = errors.New("handlers: forbidden")
	// ErrInvalid is returned for malformed requests.
	ErrInvalid = errors.New("handlers: invalid request")
	// ErrConflict is returned when an entity with the requested ID exists.
	ErrConflict = errors.New("handlers: already exists")
)

// Handlers serves the billing API.
type Handlers struct {
	repository.Repositories
	Events *events.Bus

	cache *indexCache
	now   func() time.Time
}

// New returns handlers over repos that publish to bus.
func New(repos repository.Repositories, bus *events.Bus) *Handlers {
	return &Handlers{
		Repositories: repos,
		Events:       bus,
		cache:        newIndexCache(),
		now:          time.Now,
	}
}

// indexCache caches the results of GSI1 queries, by GSI1 partition key and
// entity kind. Writers invalidate the partitions they touch.
type indexCache struct {
	mu         sync.Mutex
	partitions map[string]map[string]any
}

func newIndexCache() *indexCache {
	return &indexCache{partitions: make(map[string]map[string]any)}
}

func (c *indexCache) get(gsi1pk, kind string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.partitions[gsi1pk][kind]
	return v, ok
}

func (c *indexCache) put(gsi1pk, kind string, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.partitions[gsi1pk] == nil {
		c.partitions[gsi1pk] = make(map[string]any)
	}
	c.partitions[gsi1pk][kind] = v
}

func (c *indexCache) invalidate(gsi1pk string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.partitions, gsi1pk)
}

// cached returns the cached result for gsi1pk and kind, or loads, caches and
// returns it.
func cached[T any](c *indexCache, gsi1pk, kind string, load func() (T, error)) (T, error) {
	if v, ok := c.get(gsi1pk, kind); ok {
		return v.(T), nil
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	c.put(gsi1pk, kind, v)
	return v, nil
}
