package rekey

import (
	"context"
	"sync"
	"time"
)

// A pacer spaces requests after throttling: each throttled request
// doubles the pause every worker takes before its next request, each
// success shrinks it by an eighth, so the run settles just under the
// table's capacity instead of hammering it.
type pacer struct {
	mu    sync.Mutex
	delay time.Duration
	max   time.Duration
	waits int64 // throttled requests seen
}

const minPause = 20 * time.Millisecond

func (p *pacer) wait(ctx context.Context) error {
	p.mu.Lock()
	d := p.delay
	p.mu.Unlock()
	if d == 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (p *pacer) throttled() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.waits++
	p.delay = max(2*p.delay, minPause)
	limit := p.max
	if limit == 0 {
		limit = 5 * time.Second
	}
	p.delay = min(p.delay, limit)
}

func (p *pacer) ok() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.delay == 0 {
		return
	}
	p.delay -= p.delay / 8
	if p.delay < time.Millisecond {
		p.delay = 0
	}
}

func (p *pacer) current() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.delay
}
