package rekey

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Stats count what a run did.
type Stats struct {
	scanned, matched, moved, copied, oldDeleted, updated atomic.Int64
	present, skipped, conflicts, gone, failed, retries   atomic.Int64
	remaining, resumed, deferred                         atomic.Int64

	mu                    sync.Mutex
	skips, conflict, left []string // item reports, capped
	perRule               map[string]int
	samples               map[string][]string
	dropped               int

	onScan  func(int64)
	counted atomic.Int64
}

const maxReports = 1000
const maxSamples = 3

func newStats() *Stats {
	return &Stats{perRule: map[string]int{}, samples: map[string][]string{}}
}

func (s *Stats) onScanned() {
	n := s.counted.Add(1)
	if s.onScan != nil {
		s.onScan(n)
	}
}

func (s *Stats) report(list *[]string, key, why string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(*list) >= maxReports {
		s.dropped++
		return
	}
	*list = append(*list, key+": "+why)
}

// would records what a dry run would write.
func (s *Stats) would(c *change, old, next Item, keyAttrs []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range c.rules {
		n := r.Name()
		s.perRule[n]++
		if len(s.samples[n]) < maxSamples {
			s.samples[n] = append(s.samples[n], fmt.Sprintf("%s: %s -> %s", describeKey(old, keyAttrs), attrText(old[r.Attribute]), attrText(next[r.Attribute])))
		}
	}
}

// Counts of a run, for tests and callers.
func (s *Stats) Scanned() int64   { return s.scanned.Load() }
func (s *Stats) Matched() int64   { return s.matched.Load() }
func (s *Stats) Moved() int64     { return s.moved.Load() }
func (s *Stats) Copied() int64    { return s.copied.Load() }
func (s *Stats) Updated() int64   { return s.updated.Load() }
func (s *Stats) Skipped() int64   { return s.skipped.Load() + s.failed.Load() }
func (s *Stats) Conflicts() int64 { return s.conflicts.Load() }
func (s *Stats) Remaining() int64 { return s.remaining.Load() }
func (s *Stats) OldDeleted() int64 {
	return s.oldDeleted.Load()
}

// Writes is the number of rows the run wrote or deleted.
func (s *Stats) Writes() int64 {
	return s.moved.Load() + s.copied.Load() + s.oldDeleted.Load() + s.updated.Load()
}

// PerRule returns the dry run's count of items each rule would rewrite.
func (s *Stats) PerRule() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.perRule))
	for k, v := range s.perRule {
		out[k] = v
	}
	return out
}

// NeedsAttention reports items skipped, in conflict, or (verify) left.
func (s *Stats) NeedsAttention() bool {
	return s.Skipped() > 0 || s.Conflicts() > 0 || s.Remaining() > 0
}

func (s *Stats) line(d time.Duration) string {
	rate := float64(s.scanned.Load()) / max(d.Seconds(), 1e-3)
	return fmt.Sprintf("rekey: %d scanned, %d moved, %d copied, %d updated, %d skipped, %d conflicts, %.0f rows/s",
		s.scanned.Load(), s.moved.Load()+s.oldDeleted.Load(), s.copied.Load(), s.updated.Load(), s.Skipped(), s.conflicts.Load(), rate)
}

// Summary writes the end-of-run report.
func (s *Stats) Summary(w io.Writer, o *Options) {
	s.mu.Lock()
	defer s.mu.Unlock()
	mode := "run"
	switch {
	case o.DryRun:
		mode = "dry run (nothing written)"
	case o.Verify:
		mode = "verify (nothing written)"
	case o.KeepOld:
		mode = "run with -keep-old (old rows kept)"
	}
	fmt.Fprintf(w, "rekey %s of table %s: %d rows scanned, %d matched a rule\n", mode, o.Table, s.scanned.Load(), s.matched.Load())
	if o.Verify {
		fmt.Fprintf(w, "  %d rows still match a \"from\" template\n", s.remaining.Load())
		writeList(w, "still to move", s.left, 20)
		return
	}
	if o.DryRun {
		names := make([]string, 0, len(s.perRule))
		for n := range s.perRule {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(w, "  rule %s: %d rows would be rewritten\n", n, s.perRule[n])
			for _, x := range s.samples[n] {
				fmt.Fprintf(w, "    %s\n", x)
			}
		}
	} else {
		fmt.Fprintf(w, "  moved %d, copied %d, old rows deleted after copy %d, updated in place %d, copies already present %d\n",
			s.moved.Load(), s.copied.Load(), s.oldDeleted.Load(), s.updated.Load(), s.present.Load())
		if d := s.deferred.Load(); d > 0 {
			fmt.Fprintf(w, "  in-place rewrites left for a run without -keep-old %d\n", d)
		}
		fmt.Fprintf(w, "  retried after a concurrent write %d, gone or rewritten by writers meanwhile %d\n", s.retries.Load(), s.gone.Load())
	}
	if r := s.resumed.Load(); r > 0 {
		fmt.Fprintf(w, "  resumed %d segments from their checkpoints\n", r)
	}
	fmt.Fprintf(w, "  skipped %d, new key already taken by other content %d\n", s.Skipped(), s.conflicts.Load())
	writeList(w, "skipped", s.skips, 50)
	writeList(w, "conflict", s.conflict, 50)
	if s.dropped > 0 {
		fmt.Fprintf(w, "  (%d more reports not kept)\n", s.dropped)
	}
}

func writeList(w io.Writer, label string, list []string, n int) {
	for i, x := range list {
		if i == n {
			fmt.Fprintf(w, "  ... %d more %s\n", len(list)-n, label)
			return
		}
		fmt.Fprintf(w, "  %s %s\n", label, strings.TrimSpace(x))
	}
}
