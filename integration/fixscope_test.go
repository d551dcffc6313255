package integration

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestPerPackageFixesKeepTheModuleBuilding applies capsulelint's fixes
// through the go command's per-package drivers, go fix -fixtool and go
// vet -vettool -fix, to a module whose key helpers (keys) and callers
// (store) live in different packages: the module builds and vets
// afterwards, the fixes that stay in their package are applied, and the
// fixes that change a signature other packages depend on are withheld,
// with a message pointing to capsulelint migrate.
func TestPerPackageFixesKeepTheModuleBuilding(t *testing.T) {
	needTools(t)
	tool := capsulelintBin(t)
	for _, route := range []struct {
		name string
		args []string
	}{
		{"go fix -fixtool", []string{"fix", "-fixtool=" + tool, "./..."}},
		{"go vet -vettool -fix", []string{"vet", "-vettool=" + tool, "-fix", "./..."}},
	} {
		t.Run(route.name, func(t *testing.T) {
			dir := fixture(t, "twopkg")
			mustRun(t, dir, "go", "build", "./...")
			before := snapshot(t, dir)
			stdout, stderr, code := run(t, dir, nil, "go", route.args...)
			changed := changedFiles(t, dir, before)
			t.Logf("go %s: exit %d, changed %v\n%s%s", strings.Join(route.args, " "), code, changed, stdout, stderr)
			for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
				if out, errOut, code := run(t, dir, nil, "go", args...); code != 0 {
					t.Errorf("after %s, go %s fails:\n%s%s\n%s", route.name, strings.Join(args, " "), out, errOut, diffs(t, dir, before, changed))
				}
			}
			keys, store := readFile(t, dir, "keys/keys.go"), readFile(t, dir, "store/store.go")
			for _, want := range []string{
				`"TENANT#%s#CAPSULE#%s#AUDIT#%s", tenantID, capsuleID, id`,                // the capsule in scope
				"func lineKey(tenantID ids.TenantID, capsuleID ids.CapsuleID, id string)", // unexported: completed in its package
				"return lineKey(tenantID, capsuleID, id)",
				"func InvoicePK(tenantID ids.TenantID, id string) string", // exported: withheld
				"func Gsi1pkForAccount(capsuleID ids.CapsuleID, accountID string) string",
			} {
				if !strings.Contains(keys, want) {
					t.Errorf("keys/keys.go lacks %q:\n%s", want, keys)
				}
			}
			for _, want := range []string{
				"CapsuleID ids.CapsuleID `json:\"capsule_id\"`", // a new field breaks no importer
				"Get(ctx context.Context, tenantID ids.TenantID, id string) (Invoice, error)",
			} {
				if !strings.Contains(store, want) {
					t.Errorf("store/store.go lacks %q:\n%s", want, store)
				}
			}
			if !slices.Equal(changed, []string{"keys/keys.go", "store/store.go"}) {
				t.Errorf("changed %v, want keys/keys.go and store/store.go", changed)
			}
		})
	}

	// The findings whose fixes were withheld say so, and where to go.
	dir := fixture(t, "twopkg")
	got := vetJSON(t, dir, "./...")
	checkWants(t, got, wants(t, dir, "want"))
	withheld := map[string]string{
		"keys/keys.go:11":   "it changes the signature of InvoicePK,",
		"keys/keys.go:15":   "it changes the signature of Gsi1pkForAccount,",
		"store/store.go:19": "it changes the signature of InvoiceStore.Get, memStore.Get,",
	}
	for _, f := range got {
		where := fmt.Sprintf("%s:%d", f.File, f.Line)
		note, ok := withheld[where]
		if !ok {
			if strings.Contains(f.Message, "fix withheld") {
				t.Errorf("%s: fix withheld, want it kept", f)
			}
			continue
		}
		delete(withheld, where)
		if !strings.Contains(f.Message, "(fix withheld: "+note) || !strings.HasSuffix(f.Message, "run capsulelint migrate (or capsulelint -fix), which completes it in every package)") {
			t.Errorf("%s: want the withheld fix explained (%s ... capsulelint migrate)", f, note)
		}
	}
	for where := range withheld {
		t.Errorf("no finding at %s", where)
	}
}
