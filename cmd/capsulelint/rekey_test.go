package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/capsulelint/capsulelint/internal/rekey"
	"github.com/capsulelint/capsulelint/internal/rekey/motoserver"
)

func TestRekeyRejectsBadMap(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "map.json")
	os.WriteFile(bad, []byte(`{"rules": [{"entity": "Invoice", "attribute": "", "from": "INVOICE#{id}", "to": "CAPSULE#{capsule}#INVOICE#{id}"}]}`), 0o644)
	var out, errb bytes.Buffer
	if code := runRekey([]string{"-table", "T", "-map", bad}, &out, &errb); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errb.String(), "rule 1 (Invoice.): empty attribute") {
		t.Errorf("stderr %q does not name the rule", errb.String())
	}
	errb.Reset()
	if code := runRekey([]string{"-map", bad}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "usage: capsulelint rekey") {
		t.Errorf("no -table: exit %d, stderr %q", code, errb.String())
	}
}

// TestRekeyCommand runs the command's flow against moto: dry run,
// verify, move, verify.
func TestRekeyCommand(t *testing.T) {
	url, stop, err := motoserver.Start()
	if err != nil {
		if os.Getenv("CAPSULELINT_CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	defer stop()
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_REGION", "us-east-1")
	ctx := context.Background()
	c, err := rekey.NewClient(ctx, url, "", config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("test", "test", "")))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("Main"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("PK"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("PK"), KeyType: types.KeyTypeHash}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, pk := range []string{"TENANT#t1#INVOICE#1", "TENANT#t1#INVOICE#2", "AUDIT#1"} {
		c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Main"), Item: map[string]types.AttributeValue{
			"PK": &types.AttributeValueMemberS{Value: pk}, "capsule_id": &types.AttributeValueMemberS{Value: "c9"}}})
	}
	mapFile := filepath.Join(t.TempDir(), "map.json")
	os.WriteFile(mapFile, []byte(`{"rules": [{"entity": "Invoice", "attribute": "PK", "from": "TENANT#{tenant}#INVOICE#{id}", "to": "TENANT#{tenant}#CAPSULE#{capsule}#INVOICE#{id}"}]}`), 0o644)
	rekeyCmd := func(want int, extra ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		args := append([]string{"-table", "Main", "-map", mapFile, "-endpoint", url, "-segments", "2"}, extra...)
		if code := runRekey(args, &out, &errb); code != want {
			t.Fatalf("rekey %v: exit %d, want %d\n%s%s", extra, code, want, out.String(), errb.String())
		}
		return out.String() + errb.String()
	}
	out := rekeyCmd(0, "-dry-run")
	if !strings.Contains(out, "rule Invoice.PK: 2 rows would be rewritten") || !strings.Contains(out, `-> "TENANT#t1#CAPSULE#c9#INVOICE#`) {
		t.Errorf("dry run output:\n%s", out)
	}
	if out := rekeyCmd(3, "-verify"); !strings.Contains(out, "2 rows still match") {
		t.Errorf("verify before:\n%s", out)
	}
	out = rekeyCmd(0, "-checkpoint", filepath.Join(t.TempDir(), "ck"))
	if !strings.Contains(out, "moved 2,") || !strings.Contains(out, "rows/s") {
		t.Errorf("run output (summary and progress line):\n%s", out)
	}
	if out := rekeyCmd(0, "-verify"); !strings.Contains(out, "0 rows still match") {
		t.Errorf("verify after:\n%s", out)
	}

	// The map plan writes for the bundled example moves its rows: the
	// GSI rule takes {tenant} from the PK rule of the same entity.
	example, _ := filepath.Abs("../../testdata/migration")
	planned := filepath.Join(t.TempDir(), "planned.json")
	if code, _, stderr := runPlanIn(t, example, "-rekey-map", planned, "./..."); code != 0 {
		t.Fatalf("plan: exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(planned)
	var pm struct {
		Rules []map[string]string `json:"rules"`
	}
	json.Unmarshal(data, &pm)
	var kept []map[string]string
	for _, r := range pm.Rules {
		if r["attribute"] != "" { // the query prefixes, as their notes say
			kept = append(kept, r)
		}
	}
	pm.Rules = kept
	data, _ = json.Marshal(pm)
	os.WriteFile(mapFile, data, 0o644)
	_, err = c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("Billing"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("PK"), AttributeType: types.ScalarAttributeTypeS}, {AttributeName: aws.String("SK"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("PK"), KeyType: types.KeyTypeHash}, {AttributeName: aws.String("SK"), KeyType: types.KeyTypeRange}},
	})
	if err != nil {
		t.Fatal(err)
	}
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Billing"), Item: map[string]types.AttributeValue{
		"PK": s("TENANT#t1#CONFIG#FINANCIAL"), "SK": s("METADATA"), "GSI1PK": s("CAPSULE#c1#INDUSTRY#retail"), "capsule_id": s("c1")}})
	var out2, errb bytes.Buffer
	if code := runRekey([]string{"-table", "Billing", "-map", mapFile, "-endpoint", url}, &out2, &errb); code != 0 {
		t.Fatalf("rekey with the planned map: exit %d\n%s%s", code, out2.String(), errb.String())
	}
	got, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Billing"), Key: map[string]types.AttributeValue{
		"PK": s("TENANT#t1#CAPSULE#c1#CONFIG#FINANCIAL"), "SK": s("METADATA")}})
	if err != nil || got.Item == nil {
		t.Fatalf("moved row not found (%v)\n%s", err, out2.String())
	}
	if g := got.Item["GSI1PK"].(*types.AttributeValueMemberS).Value; g != "TENANT#t1#CAPSULE#c1#INDUSTRY#retail" {
		t.Errorf("GSI1PK = %q, want the PK rule's tenant in it", g)
	}
}
