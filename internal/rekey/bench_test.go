package rekey

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// BenchmarkRekeyMoto measures moves per second against moto:
//
//	go test -run '^$' -bench RekeyMoto -benchtime 1x ./internal/rekey
//
// moto deep-copies the whole table for every item of a transaction (its
// rollback), so its rate falls with the table's size; DynamoDB's does not.
func BenchmarkRekeyMoto(b *testing.B) {
	for _, rows := range []int{100, 300} {
		b.Run(fmt.Sprint("move/", rows, "rows"), func(b *testing.B) { benchRekey(b, rows, invoiceMap) })
	}
	// A GSI attribute rewritten in place: one conditional UpdateItem per
	// row, which moto serves without copying the table.
	b.Run("update/300rows", func(b *testing.B) { benchRekey(b, 300, gsiOnlyMap) })
}

const gsiOnlyMap = `{"rules": [
 {"entity": "Invoice", "attribute": "GSI1PK", "from": "TENANT#{tenant}#STATUS#{status}", "to": "TENANT#{tenant}#CAPSULE#{capsule}#STATUS#{status}"}
]}`

func benchRekey(b *testing.B, rows int, mapSrc string) {
	c := motoClient(b)
	m := mustMap(b, mapSrc)
	var total time.Duration
	for b.Loop() {
		b.StopTimer()
		table := newTable(b, c)
		for i := 0; i < rows; i += 25 {
			var reqs []types.WriteRequest
			for j := i; j < i+25 && j < rows; j++ {
				reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: Item{
					"PK": S(oldInvoiceKey(j)), "SK": S("META"), "GSI1PK": S(oldStatusKey(j)),
					"GSI1SK": S(fmt.Sprint(j)), "capsule_id": S("c1"), "count": N("1")}}})
			}
			if _, err := c.BatchWriteItem(context.Background(), &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{table: reqs}}); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		start := time.Now()
		st, err := Run(context.Background(), c, Options{Table: table, Map: m, Segments: 4})
		total += time.Since(start)
		if err != nil || st.Writes() != int64(rows) {
			b.Fatalf("wrote %d of %d: %v", st.Writes(), rows, err)
		}
		c.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(table)})
	}
	b.ReportMetric(float64(rows*b.N)/total.Seconds(), "rows/s")
}
