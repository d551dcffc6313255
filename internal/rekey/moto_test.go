package rekey

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/capsulelint/capsulelint/internal/rekey/motoserver"
)

// motoEndpoint is the URL of the moto DynamoDB server TestMain started,
// or "" with motoMissing saying why.
var motoEndpoint, motoMissing string

func TestMain(m *testing.M) {
	os.Exit(motoserver.Main(m.Run, &motoEndpoint, &motoMissing))
}

// motoClient returns a client of the test server, skipping the test
// where the server is missing (outside CI).
func motoClient(t testing.TB) *dynamodb.Client {
	t.Helper()
	if motoEndpoint == "" {
		t.Skip("moto_server unavailable:", motoMissing)
	}
	c, err := NewClient(context.Background(), motoEndpoint, "us-east-1",
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("test", "test", "")))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// newTable creates a table keyed PK/SK with a GSI on GSI1PK/GSI1SK.
func newTable(t testing.TB, c *dynamodb.Client) string {
	t.Helper()
	name := strings.NewReplacer("/", "-", " ", "-").Replace(t.Name()) + fmt.Sprint(time.Now().UnixNano()%1e6)
	s := func(n string) types.AttributeDefinition {
		return types.AttributeDefinition{AttributeName: aws.String(n), AttributeType: types.ScalarAttributeTypeS}
	}
	key := func(pk, sk string) []types.KeySchemaElement {
		return []types.KeySchemaElement{
			{AttributeName: aws.String(pk), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String(sk), KeyType: types.KeyTypeRange},
		}
	}
	_, err := c.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String(name),
		AttributeDefinitions: []types.AttributeDefinition{s("PK"), s("SK"), s("GSI1PK"), s("GSI1SK")},
		KeySchema:            key("PK", "SK"),
		BillingMode:          types.BillingModePayPerRequest,
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName: aws.String("GSI1"), KeySchema: key("GSI1PK", "GSI1SK"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	})
	return name
}

func put(t testing.TB, c *dynamodb.Client, table string, items ...Item) {
	t.Helper()
	for _, it := range items {
		if _, err := c.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String(table), Item: it}); err != nil {
			t.Fatal(err)
		}
	}
}

// dump returns every item of the table, canonically rendered, by key.
func dump(t testing.TB, c *dynamodb.Client, table string) map[string]string {
	t.Helper()
	out := map[string]string{}
	var start Item
	for {
		page, err := c.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(table), ExclusiveStartKey: start})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			out[canonKey(it)] = canon(&types.AttributeValueMemberM{Value: it})
		}
		if start = page.LastEvaluatedKey; len(start) == 0 {
			return out
		}
	}
}

func canonKey(it Item) string { return describeKey(it, []string{"PK", "SK"}) }

// canon renders a value with its types and sorted map keys and sets, so
// two renderings are equal exactly when the values are.
func canon(v types.AttributeValue) string {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return fmt.Sprintf("S:%q", v.Value)
	case *types.AttributeValueMemberN:
		return "N:" + v.Value
	case *types.AttributeValueMemberB:
		return fmt.Sprintf("B:%x", v.Value)
	case *types.AttributeValueMemberBOOL:
		return fmt.Sprint("BOOL:", v.Value)
	case *types.AttributeValueMemberNULL:
		return "NULL"
	case *types.AttributeValueMemberL:
		parts := make([]string, len(v.Value))
		for i, x := range v.Value {
			parts[i] = canon(x)
		}
		return "L[" + strings.Join(parts, ",") + "]"
	case *types.AttributeValueMemberM:
		parts := make([]string, 0, len(v.Value))
		for k, x := range v.Value {
			parts = append(parts, fmt.Sprintf("%q=%s", k, canon(x)))
		}
		sort.Strings(parts)
		return "M{" + strings.Join(parts, ",") + "}"
	case *types.AttributeValueMemberSS:
		s := append([]string(nil), v.Value...)
		sort.Strings(s)
		return fmt.Sprintf("SS%q", s)
	case *types.AttributeValueMemberNS:
		s := append([]string(nil), v.Value...)
		sort.Strings(s)
		return fmt.Sprintf("NS%q", s)
	case *types.AttributeValueMemberBS:
		s := make([]string, len(v.Value))
		for i, b := range v.Value {
			s[i] = fmt.Sprintf("%x", b)
		}
		sort.Strings(s)
		return fmt.Sprint("BS", s)
	}
	return fmt.Sprintf("?%T", v)
}

func S(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func N(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
