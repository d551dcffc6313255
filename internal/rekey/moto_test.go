package rekey

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// motoEndpoint is the URL of the moto DynamoDB server TestMain started,
// or "" with motoMissing saying why.
var motoEndpoint, motoMissing string

func TestMain(m *testing.M) {
	stop, err := startMoto()
	if err != nil {
		if os.Getenv("CAPSULELINT_CI") != "" {
			fmt.Fprintf(os.Stderr, "rekey tests need moto's DynamoDB server under CI: %v\n(install it with: pip install 'moto[server]==5.2.1')\n", err)
			os.Exit(1)
		}
		motoMissing = err.Error()
	}
	code := m.Run()
	if stop != nil {
		stop()
	}
	os.Exit(code)
}

func startMoto() (func(), error) {
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		return nil, fmt.Errorf("moto_server not on PATH")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	// moto_server serves each request on its own thread without locking
	// its tables, so a conditional write races with a concurrent one:
	// DynamoDB's per-item atomicity does not hold. Run the same server
	// with one thread, which serializes requests as DynamoDB's
	// conditions and transactions are serializable.
	cmd := exec.Command(motoPython(bin), "-c", singleThreaded, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	stop := func() {
		// moto_server may fork a reloader child: end its process group.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		_ = cmd.Wait()
	}
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(url + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			stop()
			return nil, fmt.Errorf("moto_server on port %d did not answer in 30s: %v\n%s", port, err, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	motoEndpoint = url
	return stop, nil
}

const singleThreaded = `import sys, werkzeug.serving as s
run = s.run_simple
s.run_simple = lambda *a, **k: run(*a, **dict(k, threaded=False))
from moto.server import main
main(sys.argv[1:])`

// motoPython is the interpreter moto_server runs with: its script's
// #! line, or python3 when moto_server is a wrapper (pyenv's shims).
func motoPython(bin string) string {
	data, err := os.ReadFile(bin)
	if err == nil {
		line, _, _ := strings.Cut(string(data), "\n")
		if py, ok := strings.CutPrefix(line, "#!"); ok && strings.Contains(py, "python") && !strings.Contains(py, " ") {
			return strings.TrimSpace(py)
		}
	}
	return "python3"
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
