package rekey

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// maxAttempts bounds the re-read-and-retry loop of one item: a row that
// a writer changes this often between our reads is reported, not moved.
const maxAttempts = 25

// process applies the map to one scanned item.
func (r *runner) process(ctx context.Context, it Item) error {
	r.stats.scanned.Add(1)
	if r.opt.Verify {
		if r.opt.Map.matches(it) {
			r.stats.matched.Add(1)
			r.stats.remaining.Add(1)
			r.stats.report(&r.stats.left, describeKey(it, r.keys), "still matches a \"from\" template")
		}
		return nil
	}
	first := true
	for attempt := 0; attempt < maxAttempts; attempt++ {
		c := r.opt.Map.rewrite(it, r.opt.capsuleAttr(), r.opt.DefaultCapsule)
		if c == nil || c.noop(it) {
			if !first {
				r.stats.gone.Add(1) // a writer moved or rewrote it meanwhile
			}
			return nil
		}
		if first {
			r.stats.matched.Add(1)
			first = false
		}
		if c.skip != "" {
			r.stats.skipped.Add(1)
			r.stats.report(&r.stats.skips, describeKey(it, r.keys), c.skip)
			return nil
		}
		next := c.apply(it)
		if r.opt.DryRun {
			r.stats.would(c, it, next, r.keys)
			return nil
		}
		var (
			again Item
			done  bool
			err   error
		)
		if c.keyChanged(it, r.keys) {
			again, done, err = r.move(ctx, it, next)
		} else if r.opt.KeepOld {
			// Rewriting a GSI attribute in place would hide the row from
			// readers of the old index value during the dual-read phase.
			r.stats.deferred.Add(1)
			return nil
		} else {
			again, done, err = r.update(ctx, it, c)
		}
		if err != nil && errorCode(err) == "ValidationException" {
			// This row cannot be written so (an expression over too many
			// attributes, an item grown too large): report it, go on.
			r.stats.failed.Add(1)
			r.stats.report(&r.stats.skips, describeKey(it, r.keys), err.Error())
			return nil
		}
		if err != nil || done {
			return err
		}
		if again == nil {
			r.stats.gone.Add(1)
			return nil
		}
		r.stats.retries.Add(1)
		it = again
	}
	r.stats.failed.Add(1)
	r.stats.report(&r.stats.skips, describeKey(it, r.keys), fmt.Sprintf("changed by writers %d times in a row; run again", maxAttempts))
	return nil
}

// move writes next under its new key and deletes (or, with -keep-old,
// keeps) old, in one transaction conditioned on old being unchanged since
// read and the new key being free. It returns done, or the re-read old
// item to retry with (nil when it is gone).
func (r *runner) move(ctx context.Context, old, next Item) (Item, bool, error) {
	put := cond{}
	put.add("attribute_not_exists(" + put.name(r.keys[0]) + ")")
	same := cond{}
	same.equalTo(old, attrNames(old))
	items := []types.TransactWriteItem{{Put: &types.Put{
		TableName: r.table(), Item: next,
		ConditionExpression: put.exprPtr(), ExpressionAttributeNames: put.names,
	}}}
	if r.opt.KeepOld {
		items = append(items, types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
			TableName: r.table(), Key: keyOf(old, r.keys),
			ConditionExpression: same.exprPtr(), ExpressionAttributeNames: same.names, ExpressionAttributeValues: same.values,
		}})
	} else {
		items = append(items, types.TransactWriteItem{Delete: &types.Delete{
			TableName: r.table(), Key: keyOf(old, r.keys),
			ConditionExpression: same.exprPtr(), ExpressionAttributeNames: same.names, ExpressionAttributeValues: same.values,
		}})
	}
	codes, err := r.transact(ctx, items)
	if err != nil {
		return nil, false, err
	}
	switch {
	case codes == nil:
		if r.opt.KeepOld {
			r.stats.copied.Add(1)
		} else {
			r.stats.moved.Add(1)
		}
		return nil, true, nil
	case codes[1] == "ConditionalCheckFailed":
		// A writer changed or removed the old row first: read it again.
		again, err := r.get(ctx, keyOf(old, r.keys))
		return again, false, err
	case codes[0] == "ConditionalCheckFailed":
		return r.existing(ctx, old, next)
	}
	// Conflicting transaction in flight: the same item again, later.
	return old, false, nil
}

// existing handles a new key that is already taken: by an earlier
// -keep-old run or a dual-writing service when it holds exactly what the
// move would write (then, without -keep-old, the old row is deleted on
// both rows being unchanged), else by something else: reported, never
// overwritten.
func (r *runner) existing(ctx context.Context, old, next Item) (Item, bool, error) {
	cur, err := r.get(ctx, keyOf(next, r.keys))
	if err != nil {
		return nil, false, err
	}
	if cur == nil {
		return old, false, nil // deleted meanwhile: try the move again
	}
	if !equalItems(cur, next) {
		r.stats.conflicts.Add(1)
		r.stats.report(&r.stats.conflict, describeKey(old, r.keys), "new key "+describeKey(next, r.keys)+" already exists with other content; left both as they are")
		return nil, true, nil
	}
	if r.opt.KeepOld {
		r.stats.present.Add(1)
		return nil, true, nil
	}
	sameNew, sameOld := cond{}, cond{}
	sameNew.equalTo(cur, attrNames(cur))
	sameOld.equalTo(old, attrNames(old))
	codes, err := r.transact(ctx, []types.TransactWriteItem{
		{ConditionCheck: &types.ConditionCheck{
			TableName: r.table(), Key: keyOf(cur, r.keys),
			ConditionExpression: sameNew.exprPtr(), ExpressionAttributeNames: sameNew.names, ExpressionAttributeValues: sameNew.values,
		}},
		{Delete: &types.Delete{
			TableName: r.table(), Key: keyOf(old, r.keys),
			ConditionExpression: sameOld.exprPtr(), ExpressionAttributeNames: sameOld.names, ExpressionAttributeValues: sameOld.values,
		}},
	})
	if err != nil {
		return nil, false, err
	}
	if codes == nil {
		r.stats.oldDeleted.Add(1)
		return nil, true, nil
	}
	// One of the two rows changed: start over from the old one.
	again, err := r.get(ctx, keyOf(old, r.keys))
	return again, false, err
}

// update rewrites non-key attributes in place, conditioned on each still
// holding the value read (the only attributes the update writes).
func (r *runner) update(ctx context.Context, old Item, c *change) (Item, bool, error) {
	e := cond{}
	set := ""
	var attrs []string
	for a, v := range c.newVals {
		attrs = append(attrs, a)
		if set != "" {
			set += ", "
		}
		set += e.name(a) + " = " + e.value(&types.AttributeValueMemberS{Value: v})
	}
	if _, rewritten := c.newVals[r.opt.capsuleAttr()]; !rewritten && old[r.opt.capsuleAttr()] != nil {
		attrs = append(attrs, r.opt.capsuleAttr()) // {capsule} came from it
	}
	e.equalTo(old, attrs)
	for {
		if err := r.pace.wait(ctx); err != nil {
			return nil, false, err
		}
		_, err := r.api.UpdateItem(ctx, &dynamodb.UpdateItemInput{
			TableName: r.table(), Key: keyOf(old, r.keys),
			UpdateExpression:    aws.String("SET " + set),
			ConditionExpression: e.exprPtr(), ExpressionAttributeNames: e.names, ExpressionAttributeValues: e.values,
		})
		switch {
		case err == nil:
			r.pace.ok()
			r.stats.updated.Add(1)
			return nil, true, nil
		case isCondFailed(err):
			again, err := r.get(ctx, keyOf(old, r.keys))
			return again, false, err
		case transient(errorCode(err)):
			if throttled(errorCode(err)) {
				r.pace.throttled()
			}
			continue
		}
		return nil, false, fmt.Errorf("update %s: %w", describeKey(old, r.keys), err)
	}
}

// transact runs a transaction; a nil result is success, else the
// cancellation code of each item. Throttling and transaction conflicts
// are waited out here.
func (r *runner) transact(ctx context.Context, items []types.TransactWriteItem) ([]string, error) {
	for {
		if err := r.pace.wait(ctx); err != nil {
			return nil, err
		}
		_, err := r.api.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
		if err == nil {
			r.pace.ok()
			return nil, nil
		}
		codes, cancelled := cancelReasons(err)
		retry := transient(errorCode(err))
		if cancelled {
			failed := false
			retry = false
			for _, c := range codes {
				failed = failed || c == "ConditionalCheckFailed"
				retry = retry || transient(c)
				if throttled(c) {
					r.pace.throttled()
				}
			}
			if failed {
				return padCodes(codes, len(items)), nil
			}
		} else if throttled(errorCode(err)) {
			r.pace.throttled()
		}
		if !retry {
			return nil, fmt.Errorf("transaction: %w", err)
		}
	}
}

func padCodes(codes []string, n int) []string {
	for len(codes) < n {
		codes = append(codes, "")
	}
	return codes
}

// get reads an item with a strongly consistent read; nil when absent.
func (r *runner) get(ctx context.Context, key Item) (Item, error) {
	for {
		if err := r.pace.wait(ctx); err != nil {
			return nil, err
		}
		out, err := r.api.GetItem(ctx, &dynamodb.GetItemInput{TableName: r.table(), Key: key, ConsistentRead: aws.Bool(true)})
		if err == nil {
			r.pace.ok()
			if len(out.Item) == 0 {
				return nil, nil
			}
			return out.Item, nil
		}
		if !throttled(errorCode(err)) {
			return nil, fmt.Errorf("get %s: %w", describeKey(key, r.keys), err)
		}
		r.pace.throttled()
	}
}

func (r *runner) table() *string { return aws.String(r.opt.Table) }
