package rekey

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// Options configure a run.
type Options struct {
	Table          string
	Map            *Map
	CapsuleAttr    string // default capsule_id
	DefaultCapsule string
	Segments       int // total segments of the scan; default 1
	// OneSegment scans segment Segment only (one of several processes
	// sharing the table); else every segment runs in this process.
	OneSegment bool
	Segment    int
	Checkpoint string
	DryRun     bool
	Verify     bool
	KeepOld    bool
	PageSize   int32

	Progress      io.Writer // progress lines; nil for none
	ProgressEvery time.Duration

	// stopAfter, in tests, cancels the run once that many rows were
	// scanned: a kill midway.
	stopAfter int64
}

func (o *Options) capsuleAttr() string {
	if o.CapsuleAttr == "" {
		return "capsule_id"
	}
	return o.CapsuleAttr
}

type runner struct {
	api   API
	opt   *Options
	keys  []string
	pace  *pacer
	stats *Stats
}

// Run scans the table and applies the map. The error is nil when every
// segment was scanned to its end.
func Run(ctx context.Context, api API, opt Options) (*Stats, error) {
	if opt.Segments < 1 {
		opt.Segments = 1
	}
	if opt.OneSegment && (opt.Segment < 0 || opt.Segment >= opt.Segments) {
		return nil, fmt.Errorf("-segment %d is not in [0, -segments %d)", opt.Segment, opt.Segments)
	}
	if opt.DryRun && opt.Verify {
		return nil, fmt.Errorf("-dry-run and -verify are exclusive")
	}
	if opt.PageSize == 0 {
		opt.PageSize = 100
	}
	keys, err := keySchema(ctx, api, opt.Table)
	if err != nil {
		return nil, err
	}
	r := &runner{api: api, opt: &opt, keys: keys, pace: &pacer{}, stats: newStats()}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if opt.stopAfter > 0 {
		r.stats.onScan = func(n int64) {
			if n >= opt.stopAfter {
				cancel()
			}
		}
	}
	segs := []int{opt.Segment}
	if !opt.OneSegment {
		segs = segs[:0]
		for i := 0; i < opt.Segments; i++ {
			segs = append(segs, i)
		}
	}
	stop := r.progress()
	var wg sync.WaitGroup
	errs := make([]error, len(segs))
	for i, s := range segs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = r.segment(ctx, s)
			if errs[i] != nil {
				cancel() // one broken segment stops the run; the others keep their positions
			}
		}()
	}
	wg.Wait()
	stop()
	// A segment that failed cancels the others: report its error, not
	// their cancellation.
	var failed []error
	for _, e := range errs {
		if e != nil && !errors.Is(e, context.Canceled) {
			failed = append(failed, e)
		}
	}
	if err = errors.Join(errs...); len(failed) > 0 {
		err = errors.Join(failed...)
	}
	if err == nil && opt.Checkpoint != "" && !opt.DryRun && !opt.Verify {
		// Complete: nothing to resume, and a later run (say without
		// -keep-old) must scan the table again.
		for _, s := range segs {
			if rmErr := os.Remove(checkpointPath(opt.Checkpoint, s)); rmErr != nil && !errors.Is(rmErr, os.ErrNotExist) {
				err = rmErr
			}
		}
	}
	return r.stats, err
}

// segment scans one segment from its checkpoint to its end.
func (r *runner) segment(ctx context.Context, seg int) error {
	o := r.opt
	writes := !o.DryRun && !o.Verify
	ck := &checkpoint{Table: o.Table, Segment: seg, Segments: o.Segments, Run: o.runID()}
	path := ""
	if o.Checkpoint != "" && writes {
		path = checkpointPath(o.Checkpoint, seg)
		prev, err := loadCheckpoint(path, ck)
		if err != nil {
			return err
		}
		if prev != nil {
			ck = prev
			r.stats.resumed.Add(1)
		}
	}
	if ck.Done {
		return nil
	}
	start, err := decodeKey(ck.Start)
	if err != nil {
		return err
	}
	for {
		if err := r.pace.wait(ctx); err != nil {
			return err
		}
		in := &dynamodb.ScanInput{
			TableName: aws.String(o.Table), ExclusiveStartKey: start, Limit: aws.Int32(o.PageSize),
			ConsistentRead: aws.Bool(true),
		}
		if o.Segments > 1 {
			in.Segment, in.TotalSegments = aws.Int32(int32(seg)), aws.Int32(int32(o.Segments))
		}
		out, err := r.api.Scan(ctx, in)
		if err != nil {
			if throttled(errorCode(err)) {
				r.pace.throttled()
				continue
			}
			return fmt.Errorf("scan segment %d: %w", seg, err)
		}
		r.pace.ok()
		for _, it := range out.Items {
			if err := ctx.Err(); err != nil {
				return err // killed mid-page: the checkpoint still points before it
			}
			if err := r.process(ctx, it); err != nil {
				return err
			}
			r.stats.onScanned()
		}
		ck.Scanned += int64(len(out.Items))
		start = out.LastEvaluatedKey
		if ck.Start, err = encodeKey(start); err != nil {
			return err
		}
		ck.Done = len(start) == 0
		if path != "" {
			if err := ck.save(path); err != nil {
				return err
			}
		}
		if ck.Done {
			return nil
		}
	}
}

// progress prints a line every ProgressEvery until the returned stop.
func (r *runner) progress() (stop func()) {
	if r.opt.Progress == nil {
		return func() {}
	}
	every := r.opt.ProgressEvery
	if every == 0 {
		every = 2 * time.Second
	}
	begin := time.Now()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				fmt.Fprintln(r.opt.Progress, r.stats.line(time.Since(begin)))
				return
			case <-t.C:
				fmt.Fprintln(r.opt.Progress, r.stats.line(time.Since(begin)))
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done); wg.Wait() }) }
}
