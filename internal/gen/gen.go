// Package gen writes a synthetic multi-tenant service of N packages for
// benchmarks: entities, key builders, GSI helpers, repositories with
// in-memory stores, handlers and tests. Every Bad-th package is in the
// tenant-only state the seeds describe (no capsule field, keys without
// CAPSULE#, repositories without a capsule parameter, a GSI helper
// without a tenant parameter), the others are compliant. Package i
// imports package i/2, so helpers are called across packages.
package gen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

// Options describe the service to write.
type Options struct {
	Dir      string // output directory (created)
	Module   string // module path, default example.com/svc
	Packages int    // number of domain packages
	Bad      int    // every Bad-th package is non-compliant; 0 = none
}

// Write generates the service into opts.Dir, with its go.mod.
func Write(opts Options) error {
	if opts.Module == "" {
		opts.Module = "example.com/svc"
	}
	files := map[string]string{
		"go.mod":     fmt.Sprintf("module %s\n\ngo 1.26\n", opts.Module),
		"ids/ids.go": idsFile,
	}
	for i := 1; i <= opts.Packages; i++ {
		d := data{Module: opts.Module, I: i, Name: pkgName(i), Parent: 0, Bad: opts.Bad > 0 && i%opts.Bad == 0}
		if i > 1 {
			d.Parent = i / 2
			d.ParentName = pkgName(i / 2)
			d.ParentBad = opts.Bad > 0 && d.Parent%opts.Bad == 0
		}
		var src, test strings.Builder
		if err := pkgTemplate.Execute(&src, d); err != nil {
			return err
		}
		if err := testTemplate.Execute(&test, d); err != nil {
			return err
		}
		files[filepath.Join(d.Name, d.Name+".go")] = src.String()
		files[filepath.Join(d.Name, d.Name+"_test.go")] = test.String()
	}
	for name, content := range files {
		path := filepath.Join(opts.Dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func pkgName(i int) string { return fmt.Sprintf("d%04d", i) }

type data struct {
	Module           string
	I                int
	Name, ParentName string
	Parent           int
	Bad, ParentBad   bool
}

const idsFile = `// Package ids holds the service's identifier types.
package ids

import "context"

type TenantID string
type CapsuleID string

type tenantKey struct{}
type capsuleKey struct{}

func WithTenant(ctx context.Context, t TenantID) context.Context { return context.WithValue(ctx, tenantKey{}, t) }
func WithCapsule(ctx context.Context, c CapsuleID) context.Context { return context.WithValue(ctx, capsuleKey{}, c) }

func TenantFromContext(ctx context.Context) TenantID {
	t, _ := ctx.Value(tenantKey{}).(TenantID)
	return t
}

func CapsuleFromContext(ctx context.Context) CapsuleID {
	c, _ := ctx.Value(capsuleKey{}).(CapsuleID)
	return c
}
`

var pkgTemplate = template.Must(template.New("pkg").Parse(`// Package {{.Name}} is one domain of the synthetic service.
package {{.Name}}

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"{{.Module}}/ids"
{{- if .Parent}}
	parent "{{.Module}}/{{.ParentName}}"
{{- end}}
)

// Order{{.I}} is an entity.
type Order{{.I}} struct {
	TenantID  ids.TenantID  ` + "`json:\"tenant_id\"`" + `
{{- if not .Bad}}
	CapsuleID ids.CapsuleID ` + "`json:\"capsule_id\"`" + `
{{- end}}
	ID        string ` + "`json:\"id\"`" + `
	AccountID string ` + "`json:\"account_id\"`" + `
	Amount    int64  ` + "`json:\"amount\"`" + `
}

// Money is not an entity.
type Money struct {
	Currency string
	Units    int64
}

{{if .Bad -}}
func orderPK(tenantID ids.TenantID, id string) string {
	return fmt.Sprintf("TENANT#%s#ORDER{{.I}}#%s", tenantID, id)
}

// Gsi1pkForAccount builds the account index key.
func Gsi1pkForAccount(capsuleID ids.CapsuleID, accountID string) string {
	return "CAPSULE#" + string(capsuleID) + "#ACCOUNT#" + accountID
}
{{- else -}}
func orderPK(tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) string {
	return fmt.Sprintf("TENANT#%s#CAPSULE#%s#ORDER{{.I}}#%s", tenantID, capsuleID, id)
}

// Gsi1pkForAccount builds the account index key.
func Gsi1pkForAccount(tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID string) string {
	return "TENANT#" + string(tenantID) + "#CAPSULE#" + string(capsuleID) + "#ACCOUNT#" + accountID
}
{{- end}}

// Color is a CSS color, not a key.
func Color(n int) string { return fmt.Sprintf("#%06x", n) }

// Title is a heading, not a key.
func Title(issue int) string { return "## Totals for issue #" + fmt.Sprint(issue) }

// OrderRepository stores orders.
type OrderRepository interface {
{{- if .Bad}}
	Get(ctx context.Context, tenantID ids.TenantID, id string) (Order{{.I}}, bool)
	Save(ctx context.Context, tenantID ids.TenantID, o Order{{.I}}) error
	ListByAccount(ctx context.Context, tenantID ids.TenantID, accountID string) []Order{{.I}}
{{- else}}
	Get(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) (Order{{.I}}, bool)
	Save(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, o Order{{.I}}) error
	ListByAccount(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID string) []Order{{.I}}
{{- end}}
}

type memOrderRepository struct {
	mu   sync.Mutex
	rows map[string]Order{{.I}}
	gsi  map[string][]string
}

// NewOrderRepository returns an in-memory repository.
func NewOrderRepository() OrderRepository {
	return &memOrderRepository{rows: map[string]Order{{.I}}{}, gsi: map[string][]string{}}
}
{{if .Bad}}
func (r *memOrderRepository) Get(ctx context.Context, tenantID ids.TenantID, id string) (Order{{.I}}, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	o, ok := r.rows[orderPK(tenantID, id)]
	return o, ok
}

func (r *memOrderRepository) Save(ctx context.Context, tenantID ids.TenantID, o Order{{.I}}) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	pk := orderPK(tenantID, o.ID)
	r.rows[pk] = o
	gsi := Gsi1pkForAccount(ids.CapsuleFromContext(ctx), o.AccountID)
	r.gsi[gsi] = append(r.gsi[gsi], pk)
	return nil
}

func (r *memOrderRepository) ListByAccount(ctx context.Context, tenantID ids.TenantID, accountID string) []Order{{.I}} {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Order{{.I}}
	for _, pk := range r.gsi[Gsi1pkForAccount(ids.CapsuleFromContext(ctx), accountID)] {
		if strings.HasPrefix(pk, "TENANT#") {
			out = append(out, r.rows[pk])
		}
	}
	return out
}
{{else}}
func (r *memOrderRepository) Get(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, id string) (Order{{.I}}, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	o, ok := r.rows[orderPK(tenantID, capsuleID, id)]
	return o, ok
}

func (r *memOrderRepository) Save(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, o Order{{.I}}) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	pk := orderPK(tenantID, capsuleID, o.ID)
	r.rows[pk] = o
	gsi := Gsi1pkForAccount(tenantID, capsuleID, o.AccountID)
	r.gsi[gsi] = append(r.gsi[gsi], pk)
	return nil
}

func (r *memOrderRepository) ListByAccount(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, accountID string) []Order{{.I}} {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Order{{.I}}
	for _, pk := range r.gsi[Gsi1pkForAccount(tenantID, capsuleID, accountID)] {
		if strings.HasPrefix(pk, "TENANT#") {
			out = append(out, r.rows[pk])
		}
	}
	return out
}
{{end}}
// Handle serves a request for an order.
func Handle(ctx context.Context, repo OrderRepository, id string) (Order{{.I}}, bool) {
	tenantID := ids.TenantFromContext(ctx)
{{- if .Bad}}
	return repo.Get(ctx, tenantID, id)
{{- else}}
	capsuleID := ids.CapsuleFromContext(ctx)
	return repo.Get(ctx, tenantID, capsuleID, id)
{{- end}}
}

// AccountIndex returns the index keys this domain and its parent use.
func AccountIndex(ctx context.Context, accountID string) []string {
	tenantID := ids.TenantFromContext(ctx)
	capsuleID := ids.CapsuleFromContext(ctx)
	_ = tenantID
	keys := []string{
{{- if .Bad}}
		Gsi1pkForAccount(capsuleID, accountID),
{{- else}}
		Gsi1pkForAccount(tenantID, capsuleID, accountID),
{{- end}}
	}
{{- if .Parent}}
{{- if .ParentBad}}
	keys = append(keys, parent.Gsi1pkForAccount(capsuleID, accountID), parent.Gsi1pkForAccount(capsuleID, "shared"))
{{- else}}
	keys = append(keys, parent.Gsi1pkForAccount(tenantID, capsuleID, accountID), parent.Gsi1pkForAccount(tenantID, capsuleID, "shared"))
{{- end}}
{{- end}}
	return keys
}
`))

var testTemplate = template.Must(template.New("test").Parse(`package {{.Name}}

import (
	"context"
	"testing"

	"{{.Module}}/ids"
)

func testCapsule() ids.CapsuleID { return "PRODUS" }

func TestSaveGet(t *testing.T) {
	ctx := ids.WithCapsule(ids.WithTenant(context.Background(), "acme"), testCapsule())
	repo := NewOrderRepository()
{{- if .Bad}}
	if err := repo.Save(ctx, "acme", Order{{.I}}{TenantID: "acme", ID: "o1", AccountID: "a1"}); err != nil {
{{- else}}
	if err := repo.Save(ctx, "acme", testCapsule(), Order{{.I}}{TenantID: "acme", CapsuleID: testCapsule(), ID: "o1", AccountID: "a1"}); err != nil {
{{- end}}
		t.Fatal(err)
	}
	if _, ok := Handle(ctx, repo, "o1"); !ok {
		t.Fatal("saved order not found")
	}
	if got := len(AccountIndex(ctx, "a1")); got == 0 {
		t.Fatal("no index keys")
	}
}
`))
