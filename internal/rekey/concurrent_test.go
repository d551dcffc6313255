package rekey

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

const invoiceMap = `{"rules": [
 {"entity": "Invoice", "attribute": "PK", "from": "TENANT#{tenant}#INVOICE#{id}", "to": "TENANT#{tenant}#CAPSULE#{capsule}#INVOICE#{id}"},
 {"entity": "Invoice", "attribute": "GSI1PK", "from": "TENANT#{tenant}#STATUS#{status}", "to": "TENANT#{tenant}#CAPSULE#{capsule}#STATUS#{status}"}
]}`

// oldInvoiceKey and oldStatusKey are keys of the layout before the
// migration: the rows rekey moves.
//
//capsule:ignore keyformat a row of the pre-migration layout, the input rekey moves
func oldInvoiceKey(i int) string { return fmt.Sprintf("TENANT#t%d#INVOICE#i%03d", i%3, i) }

//capsule:ignore keyformat a GSI key of the pre-migration layout, the input rekey moves
func oldStatusKey(i int) string { return fmt.Sprintf("TENANT#t%d#STATUS#open", i%3) }

func newInvoiceKey(i int) string {
	return fmt.Sprintf("TENANT#t%d#CAPSULE#c%d#INVOICE#i%03d", i%3, i%2, i)
}

func putInvoices(t testing.TB, c *dynamodb.Client, table string, n int) {
	t.Helper()
	for i := range n {
		put(t, c, table, Item{"PK": S(oldInvoiceKey(i)), "SK": S("META"),
			"GSI1PK": S(oldStatusKey(i)), "GSI1SK": S(fmt.Sprint(i)),
			"capsule_id": S(fmt.Sprintf("c%d", i%2)), "count": N(strconv.Itoa(i % 5))})
	}
}

// increment adds one to the counter of invoice i: at its old key while
// that exists, else at its new one. It reports whether it counted.
func increment(ctx context.Context, c *dynamodb.Client, table string, i int) (bool, error) {
	for _, pk := range []string{oldInvoiceKey(i), newInvoiceKey(i)} {
		_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
			TableName: aws.String(table), Key: Item{"PK": S(pk), "SK": S("META")},
			UpdateExpression:          aws.String("ADD #c :one"),
			ConditionExpression:       aws.String("attribute_exists(PK)"),
			ExpressionAttributeNames:  map[string]string{"#c": "count"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":one": N("1")},
		})
		if err == nil {
			return true, nil
		}
		if !isCondFailed(err) {
			return false, err
		}
	}
	return false, nil // moved between the two tries: not counted
}

func sumCounts(t testing.TB, c *dynamodb.Client, table string) (sum, rows, old int) {
	var start Item
	for {
		page, err := c.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(table), ExclusiveStartKey: start})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			n, _ := strconv.Atoi(it["count"].(*types.AttributeValueMemberN).Value)
			sum += n
			rows++
			if pk, _ := stringAttr(it, "PK"); pk == oldInvoiceKey(mustAtoi(it)) {
				old++
			}
		}
		if start = page.LastEvaluatedKey; len(start) == 0 {
			return
		}
	}
}

func mustAtoi(it Item) int {
	n, _ := strconv.Atoi(it["GSI1SK"].(*types.AttributeValueMemberS).Value)
	return n
}

// TestConcurrentIncrements runs writers that increment counters on
// random invoices while rekey moves them: no increment may be lost.
func TestConcurrentIncrements(t *testing.T) {
	c := motoClient(t)
	table := newTable(t, c)
	const n = 150
	putInvoices(t, c, table, n)
	initial, _, _ := sumCounts(t, c, table)

	// Writers finish their request in flight when told to stop, so that
	// every increment the server applied is counted.
	var stopped atomic.Bool
	ctx := context.Background()
	var counted atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			for !stopped.Load() {
				ok, err := increment(ctx, c, table, rng.IntN(n))
				if err != nil {
					errs <- err
					return
				}
				if ok {
					counted.Add(1)
				}
			}
		}()
	}
	st := run(t, c, Options{Table: table, Map: mustMap(t, invoiceMap), Segments: 2, PageSize: 25})
	stopped.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal("writer:", err)
	}
	sum, rows, old := sumCounts(t, c, table)
	t.Logf("moved %d, retried %d after concurrent writes, %d increments", st.Moved(), st.retries.Load(), counted.Load())
	if rows != n || old != 0 || st.Moved() != n {
		t.Errorf("%d rows, %d at old keys, %d moved; want %d, 0, %d", rows, old, st.Moved(), n, n)
	}
	if want := initial + int(counted.Load()); sum != want {
		t.Errorf("final sum %d, want initial %d + %d increments = %d", sum, initial, counted.Load(), want)
	}
}

// TestResumeFromCheckpoint kills a run midway and resumes it.
func TestResumeFromCheckpoint(t *testing.T) {
	c := motoClient(t)
	table := newTable(t, c)
	const n = 120
	putInvoices(t, c, table, n)
	ckpt := filepath.Join(t.TempDir(), "rekey.ckpt")
	opt := Options{Table: table, Map: mustMap(t, invoiceMap), Segments: 2, PageSize: 10, Checkpoint: ckpt}
	killed := opt
	killed.stopAfter = 35
	first, err := Run(context.Background(), c, killed)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("killed run: err %v, want context.Canceled", err)
	}
	saved := 0
	for s := range 2 {
		if _, err := os.Stat(checkpointPath(ckpt, s)); err == nil {
			saved++
		}
	}
	if saved == 0 {
		t.Fatal("killed run left no checkpoint")
	}
	second := run(t, c, opt)
	t.Logf("killed run scanned %d moved %d; resumed run scanned %d moved %d", first.Scanned(), first.Moved(), second.Scanned(), second.Moved())
	if second.resumed.Load() == 0 || second.Scanned() >= n {
		t.Errorf("resumed run scanned %d of %d rows, resumed %d segments: it did not start from the checkpoint", second.Scanned(), n, second.resumed.Load())
	}
	// The request the kill interrupted may or may not have been applied,
	// so the two counts need not add up: the table must.
	if first.Moved() >= n || second.Moved() == 0 {
		t.Errorf("killed run moved %d, resumed run %d: the kill did not stop the first", first.Moved(), second.Moved())
	}
	if _, rows, old := sumCounts(t, c, table); rows != n || old != 0 {
		t.Errorf("%d rows, %d at old keys; want %d, 0", rows, old, n)
	}
	for s := range 2 {
		if _, err := os.Stat(checkpointPath(ckpt, s)); err == nil {
			t.Errorf("checkpoint of segment %d left after a complete run", s)
		}
	}
}

// throttling fails every other one of the first ten transactions with a
// throttling error.
type throttling struct {
	API
	calls atomic.Int64
}

func (f *throttling) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, o ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	if n := f.calls.Add(1); n <= 10 && n%2 == 0 {
		return nil, &smithy.GenericAPIError{Code: "ProvisionedThroughputExceededException", Message: "slow down"}
	}
	return f.API.TransactWriteItems(ctx, in, o...)
}

func TestThrottlingBacksOff(t *testing.T) {
	c := motoClient(t)
	table := newTable(t, c)
	putInvoices(t, c, table, 20)
	api := &throttling{API: c}
	st := run(t, api, Options{Table: table, Map: mustMap(t, invoiceMap)})
	if st.Moved() != 20 {
		t.Errorf("moved %d of 20 under throttling", st.Moved())
	}
	if api.calls.Load() != 25 {
		t.Errorf("%d transactions for 20 moves and 5 throttled, want 25", api.calls.Load())
	}
}

func TestPacer(t *testing.T) {
	var p pacer
	p.throttled()
	p.throttled()
	if d := p.current(); d != 2*minPause {
		t.Errorf("after two throttles: %v, want %v", d, 2*minPause)
	}
	for range 100 {
		p.ok()
	}
	if d := p.current(); d != 0 {
		t.Errorf("after successes: %v, want 0", d)
	}
	for range 20 {
		p.throttled()
	}
	if d := p.current(); d != 5e9 {
		t.Errorf("cap: %v", d)
	}
}

// TestSegmentsSharedByProcesses runs each segment as its own run, as
// several processes with -segment i -segments N do.
func TestSegmentsSharedByProcesses(t *testing.T) {
	c := motoClient(t)
	table := newTable(t, c)
	const n = 60
	putInvoices(t, c, table, n)
	m := mustMap(t, invoiceMap)
	stats := make([]*Stats, 3)
	var wg sync.WaitGroup
	for s := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := Run(context.Background(), c, Options{Table: table, Map: m, Segments: 3, OneSegment: true, Segment: s, PageSize: 7})
			if err != nil {
				t.Error(err)
			}
			stats[s] = st
		}()
	}
	wg.Wait()
	var moved int64
	for s, st := range stats {
		if st == nil {
			t.FailNow()
		}
		if st.Scanned() >= n {
			t.Errorf("segment %d scanned %d rows: the whole table", s, st.Scanned())
		}
		moved += st.Moved()
	}
	if moved != n {
		t.Errorf("the segments moved %d rows, want %d", moved, n)
	}
	if _, rows, old := sumCounts(t, c, table); rows != n || old != 0 {
		t.Errorf("%d rows, %d at old keys; want %d, 0", rows, old, n)
	}
}

// brokenSegment fails the scans of segment 1.
type brokenSegment struct{ API }

func (f brokenSegment) Scan(ctx context.Context, in *dynamodb.ScanInput, o ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
	if in.Segment != nil && *in.Segment == 1 {
		return nil, &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "no scan for you"}
	}
	return f.API.Scan(ctx, in, o...)
}

// TestSegmentErrorNotMasked: a segment that fails cancels the others;
// the run reports its error, not "interrupted" (a bug found on the way).
func TestSegmentErrorNotMasked(t *testing.T) {
	c := motoClient(t)
	table := newTable(t, c)
	putInvoices(t, c, table, 30)
	_, err := Run(context.Background(), brokenSegment{c}, Options{Table: table, Map: mustMap(t, invoiceMap), Segments: 2, PageSize: 5})
	if err == nil || errors.Is(err, context.Canceled) || errorCode(err) != "AccessDeniedException" {
		t.Errorf("err = %v, want the segment's AccessDeniedException alone", err)
	}
}
