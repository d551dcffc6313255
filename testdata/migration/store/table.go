// Package store is an in-memory stand-in for a single DynamoDB table with one
// global secondary index (GSI1). It knows nothing about tenants or capsules:
// isolation is entirely a matter of the keys its callers build.
package store

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"sync"
)

// ErrNotFound is returned by Get when no item has the requested key.
var ErrNotFound = errors.New("store: item not found")

// Item is one row of the table. Data holds the entity, JSON-encoded.
type Item struct {
	PK     string
	SK     string
	GSI1PK string // empty when the item is not indexed
	GSI1SK string
	Data   json.RawMessage
}

type primaryKey struct{ pk, sk string }

// Table is a concurrency-safe in-memory table.
type Table struct {
	mu    sync.RWMutex
	items map[primaryKey]Item
}

// NewTable returns an empty table.
func NewTable() *Table {
	return &Table{items: make(map[primaryKey]Item)}
}

// Put stores item, replacing any item with the same PK and SK.
func (t *Table) Put(item Item) {
	t.mu.Lock()
	defer t.mu.Unlock()
	item.Data = append(json.RawMessage(nil), item.Data...)
	t.items[primaryKey{item.PK, item.SK}] = item
}

// Get returns the item with the given key.
func (t *Table) Get(pk, sk string) (Item, error) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	item, ok := t.items[primaryKey{pk, sk}]
	if !ok {
		return Item{}, ErrNotFound
	}
	return item, nil
}

// Delete removes the item with the given key, if any.
func (t *Table) Delete(pk, sk string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.items, primaryKey{pk, sk})
}

// Query returns the items of partition pk whose sort key starts with
// skPrefix, in sort key order.
func (t *Table) Query(pk, skPrefix string) []Item {
	return t.collect(func(it Item) bool {
		return it.PK == pk && strings.HasPrefix(it.SK, skPrefix)
	}, func(it Item) string { return it.SK })
}

// QueryGSI1 returns the items of GSI1 partition gsi1pk whose GSI1 sort key
// starts with skPrefix, in GSI1 sort key order.
func (t *Table) QueryGSI1(gsi1pk, skPrefix string) []Item {
	if gsi1pk == "" {
		return nil
	}
	return t.collect(func(it Item) bool {
		return it.GSI1PK == gsi1pk && strings.HasPrefix(it.GSI1SK, skPrefix)
	}, func(it Item) string { return it.GSI1SK })
}

// Scan returns the items whose partition key starts with pkPrefix and whose
// sort key is sk, in partition key order.
func (t *Table) Scan(pkPrefix, sk string) []Item {
	return t.collect(func(it Item) bool {
		return strings.HasPrefix(it.PK, pkPrefix) && it.SK == sk
	}, func(it Item) string { return it.PK })
}

// Len returns the number of items in the table.
func (t *Table) Len() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return len(t.items)
}

func (t *Table) collect(match func(Item) bool, order func(Item) string) []Item {
	t.mu.RLock()
	var out []Item
	for _, it := range t.items {
		if match(it) {
			out = append(out, it)
		}
	}
	t.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		if a, b := order(out[i]), order(out[j]); a != b {
			return a < b
		}
		return out[i].PK+"\x00"+out[i].SK < out[j].PK+"\x00"+out[j].SK
	})
	return out
}

// Marshal encodes v for Item.Data.
func Marshal(v any) (json.RawMessage, error) {
	return json.Marshal(v)
}

// Unmarshal decodes the item's data into v.
func (it Item) Unmarshal(v any) error {
	return json.Unmarshal(it.Data, v)
}
