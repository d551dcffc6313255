// Package events publishes domain events to the per-tenant event log.
package events

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/capsulelint/capsulelint/testdata/migration/ids"
	"github.com/capsulelint/capsulelint/testdata/migration/model"
)

// Envelope is one published event.
type Envelope struct {
	Stream  string
	Topic   string
	At      time.Time
	Payload json.RawMessage
}

// Bus is an in-memory event log, partitioned into streams.
type Bus struct {
	mu      sync.Mutex
	streams map[string][]Envelope
	now     func() time.Time
}

// NewBus returns an empty bus.
func NewBus() *Bus {
	return &Bus{streams: make(map[string][]Envelope), now: time.Now}
}

// StreamKey is the stream that holds a tenant's events.
func StreamKey(tenantID ids.TenantID) string {
	return "TENANT#" + string(tenantID) + "#EVENTS"
}

// Publish appends payload to the tenant's stream under topic.
func (b *Bus) Publish(ctx context.Context, tenantID ids.TenantID, topic string, payload any) error {
	data, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	stream := StreamKey(tenantID)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.streams[stream] = append(b.streams[stream], Envelope{Stream: stream, Topic: topic, At: b.now(), Payload: data})
	return nil
}

// Events returns the events published to the stream of ctx's tenant.
func (b *Bus) Events(ctx context.Context) []Envelope {
	stream := StreamKey(ids.TenantFromContext(ctx))
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Envelope(nil), b.streams[stream]...)
}

// Topics of the published events.
const (
	TopicFinancialConfigUpdated = "financial-config.updated"
	TopicContractCreated        = "contract.created"
)

// PublishFinancialConfigUpdated announces a new version of cfg.
func PublishFinancialConfigUpdated(ctx context.Context, b *Bus, cfg model.FinancialConfig) error {
	evt := model.FinancialConfigUpdated{
		TenantID:  cfg.TenantID,
		Industry:  cfg.Industry,
		Currency:  cfg.BaseCurrency,
		UpdatedAt: cfg.UpdatedAt,
	}
	return b.Publish(ctx, evt.TenantID, TopicFinancialConfigUpdated, evt)
}

// PublishContractCreated announces the creation of c.
func PublishContractCreated(ctx context.Context, b *Bus, c model.Contract, at time.Time) error {
	evt := model.ContractCreated{
		TenantID:   c.TenantID,
		ContractID: c.ID,
		AccountID:  c.AccountID,
		CreatedAt:  at,
	}
	return b.Publish(ctx, evt.TenantID, TopicContractCreated, evt)
}
