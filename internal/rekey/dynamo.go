package rekey

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

// API is the part of the DynamoDB client rekey uses.
type API interface {
	DescribeTable(context.Context, *dynamodb.DescribeTableInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error)
	Scan(context.Context, *dynamodb.ScanInput, ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error)
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

// NewClient returns a DynamoDB client from the default credential chain;
// endpoint, when set, points it at a local server.
func NewClient(ctx context.Context, endpoint, region string, opts ...func(*config.LoadOptions) error) (*dynamodb.Client, error) {
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	// The SDK retries a throttled request a few times; without its
	// client-side retry quota, which fails requests outright once spent,
	// the run's own pacer (pacer.go) slows down instead.
	opts = append(opts, config.WithRetryer(func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) { o.RateLimiter = ratelimit.None })
	}))
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, err
	}
	if cfg.Region == "" {
		return nil, fmt.Errorf("no AWS region: pass -region or set AWS_REGION")
	}
	return dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
	}), nil
}

// keySchema returns the table's key attributes, partition key first.
func keySchema(ctx context.Context, api API, table string) ([]string, error) {
	out, err := api.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
	if err != nil {
		return nil, err
	}
	var keys []string
	for _, k := range out.Table.KeySchema {
		if k.KeyType == types.KeyTypeHash {
			keys = append([]string{aws.ToString(k.AttributeName)}, keys...)
		} else {
			keys = append(keys, aws.ToString(k.AttributeName))
		}
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("table %s has no key schema", table)
	}
	return keys, nil
}

func keyOf(it Item, keyAttrs []string) Item {
	k := make(Item, len(keyAttrs))
	for _, a := range keyAttrs {
		k[a] = it[a]
	}
	return k
}

// A cond builds a condition expression with its name and value maps.
type cond struct {
	expr   string
	names  map[string]string
	values map[string]types.AttributeValue
}

func (c *cond) add(term string) {
	if c.expr != "" {
		c.expr += " AND "
	}
	c.expr += term
}

func (c *cond) name(a string) string {
	if c.names == nil {
		c.names = map[string]string{}
	}
	n := fmt.Sprintf("#n%d", len(c.names))
	c.names[n] = a
	return n
}

func (c *cond) value(v types.AttributeValue) string {
	if c.values == nil {
		c.values = map[string]types.AttributeValue{}
	}
	n := fmt.Sprintf(":v%d", len(c.values))
	c.values[n] = v
	return n
}

// equalTo conditions on the given attributes having the values they had
// when the item was read. Over every attribute it is "unchanged since
// read": a writer that modified the row makes it fail.
func (c *cond) equalTo(it Item, attrs []string) {
	sort.Strings(attrs)
	for _, a := range attrs {
		c.add(c.name(a) + " = " + c.value(it[a]))
	}
}

func attrNames(it Item) []string {
	names := make([]string, 0, len(it))
	for k := range it {
		names = append(names, k)
	}
	return names
}

func (c *cond) exprPtr() *string {
	if c.expr == "" {
		return nil
	}
	return aws.String(c.expr)
}

// equalItems reports whether two items hold the same attributes and
// values (sets compared as sets).
func equalItems(a, b Item) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !equalAV(v, w) {
			return false
		}
	}
	return true
}

func equalAV(a, b types.AttributeValue) bool {
	switch a := a.(type) {
	case *types.AttributeValueMemberS:
		b, ok := b.(*types.AttributeValueMemberS)
		return ok && a.Value == b.Value
	case *types.AttributeValueMemberN:
		b, ok := b.(*types.AttributeValueMemberN)
		return ok && a.Value == b.Value
	case *types.AttributeValueMemberB:
		b, ok := b.(*types.AttributeValueMemberB)
		return ok && bytes.Equal(a.Value, b.Value)
	case *types.AttributeValueMemberBOOL:
		b, ok := b.(*types.AttributeValueMemberBOOL)
		return ok && a.Value == b.Value
	case *types.AttributeValueMemberNULL:
		b, ok := b.(*types.AttributeValueMemberNULL)
		return ok && a.Value == b.Value
	case *types.AttributeValueMemberL:
		b, ok := b.(*types.AttributeValueMemberL)
		if !ok || len(a.Value) != len(b.Value) {
			return false
		}
		for i := range a.Value {
			if !equalAV(a.Value[i], b.Value[i]) {
				return false
			}
		}
		return true
	case *types.AttributeValueMemberM:
		b, ok := b.(*types.AttributeValueMemberM)
		return ok && equalItems(a.Value, b.Value)
	case *types.AttributeValueMemberSS:
		b, ok := b.(*types.AttributeValueMemberSS)
		return ok && sameSet(a.Value, b.Value)
	case *types.AttributeValueMemberNS:
		b, ok := b.(*types.AttributeValueMemberNS)
		return ok && sameSet(a.Value, b.Value)
	case *types.AttributeValueMemberBS:
		b, ok := b.(*types.AttributeValueMemberBS)
		if !ok || len(a.Value) != len(b.Value) {
			return false
		}
		as, bs := make([]string, len(a.Value)), make([]string, len(b.Value))
		for i := range a.Value {
			as[i], bs[i] = string(a.Value[i]), string(b.Value[i])
		}
		return sameSet(as, bs)
	}
	return false
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := make(map[string]int, len(a))
	for _, s := range a {
		m[s]++
	}
	for _, s := range b {
		if m[s] == 0 {
			return false
		}
		m[s]--
	}
	return true
}

// errorCode returns the API error code of err, or "".
func errorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// throttled reports whether err (or a cancellation reason code) says the
// table or a request rate limit is exhausted.
func throttled(code string) bool {
	switch code {
	case "ProvisionedThroughputExceededException", "ProvisionedThroughputExceeded",
		"ThrottlingException", "ThrottlingError", "RequestLimitExceeded", "LimitExceededException":
		return true
	}
	return false
}

// transient reports whether a write can simply be tried again.
func transient(code string) bool {
	switch code {
	case "TransactionConflict", "TransactionConflictException", "TransactionInProgressException", "InternalServerError":
		return true
	}
	return throttled(code)
}

// cancelReasons returns the per-item codes of a cancelled transaction.
func cancelReasons(err error) ([]string, bool) {
	var tc *types.TransactionCanceledException
	if !errors.As(err, &tc) {
		return nil, false
	}
	codes := make([]string, len(tc.CancellationReasons))
	for i, r := range tc.CancellationReasons {
		codes[i] = aws.ToString(r.Code)
	}
	return codes, true
}

func isCondFailed(err error) bool {
	var cf *types.ConditionalCheckFailedException
	return errors.As(err, &cf)
}
