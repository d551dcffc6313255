package keyreaders

import (
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/capsulelint/capsulelint/internal/fixes"
)

// writers are the template changes the cases read keys of.
var writers = []Change{
	{Old: "TENANT#%s", New: "TENANT#%s#CAPSULE#%s", Writer: token.Position{Filename: "/m/store/keys.go", Line: 7}},
	{Old: "TENANT#%s#INVOICE#%s", New: "TENANT#%s#CAPSULE#%s#INVOICE#%s", Writer: token.Position{Filename: "/m/store/keys.go", Line: 9}},
	{Old: "ORG#%d", New: "ORG#%d#CAPSULE#%s", Writer: token.Position{Filename: "/m/store/keys.go", Line: 11}},
}

// find type-checks src (the body of package p, importing fmt and
// strings) and returns the places found and the source rewritten.
func find(t *testing.T, src string, changes []Change) ([]Place, string) {
	t.Helper()
	src = "package p\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nvar _ = fmt.Sprint\nvar _ = strings.Cut\n\n" + src
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "/m/read/p.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	places := Find([]Package{{Fset: fset, Files: []*ast.File{f}, Info: info}}, changes, Options{
		IsTenant: func(info *types.Info, e ast.Expr) bool {
			if id, ok := e.(*ast.Ident); ok && strings.Contains(strings.ToLower(id.Name), "tenant") {
				return true
			}
			t := info.TypeOf(e)
			return t != nil && strings.HasSuffix(t.String(), ".TenantID")
		},
		Src: func(string) ([]byte, error) { return []byte(src), nil },
	})
	es := fixes.NewEditSet()
	for _, p := range places {
		if _, ok := es.Add(p.Edits); !ok {
			t.Fatalf("edits of %s conflict", p.Pos)
		}
	}
	out, err := es.Apply("/m/read/p.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if formatted, err := format.Source(out); err == nil {
		out = formatted
	} else {
		t.Fatalf("rewrite does not parse: %v\n%s", err, out)
	}
	_, body, _ := strings.Cut(string(out), "var _ = strings.Cut\n\n")
	return places, body
}

func TestReaders(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		status    []Status // of the places, in order
		want      string   // the rewritten source; src when empty
		message   string   // a place's message contains it
		changes   []Change // default writers
	}{{
		name:    "trim prefix, tenant last",
		src:     "func tenantOf(sk string) string { return strings.TrimPrefix(sk, \"TENANT#\") }\n",
		status:  []Status{Rewritten},
		want:    "func tenantOf(sk string) string {\n\treturn strings.SplitN(strings.TrimPrefix(sk, \"TENANT#\"), \"#CAPSULE#\", 2)[0]\n}\n",
		changes: writers[:1],
	}, {
		name:    "trim prefix whose rest may be more than the tenant",
		src:     "func tenantOf(sk string) string { return strings.TrimPrefix(sk, \"TENANT#\") }\n",
		status:  []Status{Human},
		message: "more follows",
	}, {
		name:    "regression issue 17: gsi1SK[7:] after HasPrefix into a tenant result, prefix shared by templates",
		src:     "func get(sk string) (tenantSlug string) {\n\tif !strings.HasPrefix(sk, \"TENANT#\") {\n\t\treturn \"\"\n\t}\n\ttenantSlug = sk[7:]\n\treturn\n}\n",
		status:  []Status{Unchanged, Rewritten},
		want:    "func get(sk string) (tenantSlug string) {\n\tif !strings.HasPrefix(sk, \"TENANT#\") {\n\t\treturn \"\"\n\t}\n\ttenantSlug = strings.SplitN(sk[7:], \"#CAPSULE#\", 2)[0]\n\treturn\n}\n",
		message: "keys.go:7",
	}, {
		name:   "trim prefix converted to a tenant type",
		src:    "type TenantID string\n\nfunc tenantOf(sk string) TenantID { return TenantID(strings.TrimPrefix(sk, \"TENANT#\")) }\n",
		status: []Status{Rewritten},
		want:   "type TenantID string\n\nfunc tenantOf(sk string) TenantID {\n\treturn TenantID(strings.SplitN(strings.TrimPrefix(sk, \"TENANT#\"), \"#CAPSULE#\", 2)[0])\n}\n",
	}, {
		name:   "already cut",
		src:    "func get(sk string) string { return strings.SplitN(strings.TrimPrefix(sk, \"TENANT#\"), \"#CAPSULE#\", 2)[0] }\n",
		status: []Status{Unchanged},
	}, {
		name:   "cut prefix in an if",
		src:    "func get(sk string) string {\n\tif tenant, ok := strings.CutPrefix(sk, \"TENANT#\"); ok {\n\t\treturn tenant\n\t}\n\treturn \"\"\n}\n",
		status: []Status{Rewritten},
		want:   "func get(sk string) string {\n\tif tenant, ok := strings.CutPrefix(sk, \"TENANT#\"); ok {\n\t\ttenant = strings.SplitN(tenant, \"#CAPSULE#\", 2)[0]\n\t\treturn tenant\n\t}\n\treturn \"\"\n}\n",
	}, {
		name:   "split with labels: indexes after the tenant move",
		src:    "func invoice(k string) (string, string) {\n\tparts := strings.Split(k, \"#\")\n\tif len(parts) != 4 || parts[0] != \"TENANT\" || parts[2] != \"INVOICE\" {\n\t\treturn \"\", \"\"\n\t}\n\treturn parts[1], parts[3]\n}\n",
		status: []Status{Rewritten},
		want:   "func invoice(k string) (string, string) {\n\tparts := strings.Split(k, \"#\")\n\tif len(parts) != 6 || parts[0] != \"TENANT\" || parts[4] != \"INVOICE\" {\n\t\treturn \"\", \"\"\n\t}\n\treturn parts[1], parts[5]\n}\n",
	}, {
		name:   "split of the rest after TrimPrefix: indexes relative to the rest",
		src:    "func invoice(k string) (string, string) {\n\tparts := strings.Split(strings.TrimPrefix(k, \"TENANT#\"), \"#\")\n\tif len(parts) != 3 || parts[1] != \"INVOICE\" {\n\t\treturn \"\", \"\"\n\t}\n\treturn parts[0], parts[2]\n}\n",
		status: []Status{Rewritten},
		want:   "func invoice(k string) (string, string) {\n\tparts := strings.Split(strings.TrimPrefix(k, \"TENANT#\"), \"#\")\n\tif len(parts) != 5 || parts[3] != \"INVOICE\" {\n\t\treturn \"\", \"\"\n\t}\n\treturn parts[0], parts[4]\n}\n",
	}, {
		name:   "split using only segments before the insertion",
		src:    "func tenant(k string) string {\n\tparts := strings.Split(k, \"#\")\n\tif len(parts) < 2 || parts[0] != \"TENANT\" {\n\t\treturn \"\"\n\t}\n\treturn parts[1]\n}\n",
		status: []Status{Unchanged},
	}, {
		name:    "bounded split needs a human",
		src:     "func tenant(k string) string {\n\tparts := strings.SplitN(k, \"#\", 3)\n\tif parts[2] == \"INVOICE\" {\n\t\treturn parts[1]\n\t}\n\treturn \"\"\n}\n",
		status:  []Status{Human},
		message: "bounded number of parts",
	}, {
		name:    "split ranged over needs a human",
		src:     "func segs(k string) int {\n\tparts := strings.Split(k, \"#\")\n\tn := 0\n\tif parts[2] == \"INVOICE\" {\n\t\tfor range parts {\n\t\t\tn++\n\t\t}\n\t}\n\treturn n\n}\n",
		status:  []Status{Human},
		message: "written at keys.go:9",
	}, {
		name:   "trim prefix whose rest is more than the tenant",
		src:    "func rest(sk string) string { r := strings.TrimPrefix(sk, \"TENANT#\"); return r }\n",
		status: []Status{Human},
	}, {
		name:   "sscanf of an integer: gains the capsule",
		src:    "func org(k string) (id int) {\n\tfmt.Sscanf(k, \"ORG#%d\", &id)\n\treturn\n}\n",
		status: []Status{Rewritten},
		want:   "func org(k string) (id int) {\n\tfmt.Sscanf(k, \"ORG#%d#CAPSULE#%s\", &id, new(string))\n\treturn\n}\n",
	}, {
		name:    "sscanf of a string verb needs a human",
		src:     "func tenant(k string) (t string) {\n\tfmt.Sscanf(k, \"TENANT#%s\", &t)\n\treturn\n}\n",
		status:  []Status{Human},
		message: "reads up to a space",
	}, {
		name:    "comparison with a key built in place",
		src:     "func same(k, tenantSlug string) bool { return k == \"TENANT#\"+tenantSlug }\n",
		status:  []Status{Human},
		message: "never holds",
	}, {
		// Negative cases: nothing ties these to a changed template.
		name: "unrelated strings with separators",
		src: "func other(s, tag string) (string, bool, []string, string) {\n\tparts := strings.Split(s, \"#\")\n\t_ = parts[1]\n" +
			"\treturn strings.TrimPrefix(s, \"#\"), strings.HasPrefix(tag, \"APP#\"), strings.Split(tag, \"#\"), strings.TrimPrefix(tag, \"TENANTS#\")\n}\n",
	}, {
		name: "prefix that is not at a segment boundary",
		src:  "func partial(s string) string { return strings.TrimPrefix(s, \"TEN\") }\n",
	}, {
		name: "sscanf and comparison of other layouts",
		src:  "func other(k string) bool {\n\tvar n int\n\tfmt.Sscanf(k, \"APP#%d\", &n)\n\treturn k == fmt.Sprintf(\"USER#%s\", k)\n}\n",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			changes := tc.changes
			if changes == nil {
				changes = writers
			}
			places, got := find(t, tc.src, changes)
			var status []Status
			found := tc.message == ""
			for _, p := range places {
				status = append(status, p.Status)
				if strings.Contains(p.Message, tc.message) {
					found = true
				}
				if len(p.Writers) == 0 {
					t.Errorf("%s names no writer", p.Message)
				}
			}
			if !slicesEqual(status, tc.status) {
				for _, p := range places {
					t.Logf("%s: %s: %s", p.Pos, p.Status, p.Message)
				}
				t.Fatalf("statuses %v, want %v", status, tc.status)
			}
			if !found {
				t.Errorf("no message contains %q", tc.message)
			}
			want := tc.want
			if want == "" {
				b, _ := format.Source([]byte(tc.src))
				want = string(b)
			}
			if got != want {
				t.Errorf("rewritten:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestReadersNoChange(t *testing.T) {
	// A change that is no insertion (a reorder) is reported, never rewritten.
	reorder := []Change{{Old: "TENANT#%s#USER#%s", New: "USER#%s#TENANT#%s", Writer: token.Position{Filename: "k.go", Line: 3}}}
	places, _ := find(t, "func user(k string) string { u := strings.TrimPrefix(k, \"TENANT#\"); return u }\n", reorder)
	if len(places) != 1 || places[0].Status != Human || !strings.Contains(places[0].Message, "other than by inserting") {
		t.Fatalf("got %+v", places)
	}
}

func slicesEqual(a, b []Status) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
