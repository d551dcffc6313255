package plan

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteJSON writes the plan as indented JSON (schema: docs/plan-schema.md).
func (p *Plan) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}

// WriteMarkdown writes the plan as Markdown, readable in a pull request
// description: the totals, the template, the order, then per entity in
// order the changes with their call sites, then the shared changes.
func (p *Plan) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	m := &md{w: bw}
	t := p.Totals
	m.f("# Capsule migration plan\n\n")
	if t.Findings == 0 {
		m.f("Nothing to migrate: the analyzers report nothing in %s.\n", strings.Join(p.Patterns, " "))
		return cmp.Or(m.err, bw.Flush())
	}
	m.f("%s, %s, %s, %s: **%s** (%s prod, %s test) in %s and %s.\n\n",
		plural(t.Entities, "entity", "entities"), plural(t.Methods, "repository method", "repository methods"),
		plural(t.KeyTemplates, "key template", "key templates"), plural(t.GSIHelpers, "GSI helper", "GSI helpers"),
		plural(t.CallSites.Total, "call site", "call sites"), thousands(t.CallSites.Prod), thousands(t.CallSites.Test),
		plural(t.Callers.Prod, "function", "functions"), plural(t.Tests, "test", "tests"))
	m.f("| | count | prod | test |\n|---|---:|---:|---:|\n")
	m.f("| entities | %d | | |\n", t.Entities)
	if t.Structs > 0 {
		m.f("| other structs that gain a capsule ID field | %d | | |\n", t.Structs)
	}
	m.f("| repository methods (implementations) | %d (%d) | | |\n", t.Methods, t.Implementations)
	m.f("| key templates (key functions) | %d (%d) | | |\n", t.KeyTemplates, t.KeyFunctions)
	m.f("| GSI helpers | %d | | |\n", t.GSIHelpers)
	m.count("call sites of repository methods", t.MethodCallSites)
	m.count("call sites of key functions", t.KeyCallSites)
	m.count("call sites of GSI helpers", t.GSICallSites)
	m.f("| **call sites** | **%d** | %d | %d |\n", t.CallSites.Total, t.CallSites.Prod, t.CallSites.Test)
	m.count("functions with call sites", t.Callers)
	m.f("| tests with call sites | %d | | |\n", t.Tests)
	m.f("| analyzer findings | %d | | |\n\n", t.Findings)

	if p.Template != "" {
		var tmpl *Entity
		for _, e := range p.Entities {
			if e.Template {
				tmpl = e
			}
		}
		m.f("**Template entity: %s** — no dependencies and the fewest call sites (%d). Migrate it completely, "+
			"GSI helpers included, and verify it before the others.\n\n", p.Template, tmpl.CallSites.Total)
	} else if len(p.Entities) > 0 {
		m.f("**No template entity**: every entity depends on another.\n\n")
	} else {
		m.f("No entity lacks a capsule ID: the changes below are not tied to one.\n\n")
	}

	if len(p.Entities) > 0 {
		m.f("## Order\n\nParents before children; entities that are ready at the same time by fewest call sites.\n\n")
		m.f("| # | entity | depends on | call sites | prod | test | GSI helper call sites |\n|---:|---|---|---:|---:|---:|---:|\n")
		for _, e := range p.Entities {
			name := e.Name
			if e.Template {
				name += " (template)"
			}
			var deps []string
			for _, d := range e.DependsOn {
				deps = append(deps, d.Entity)
			}
			m.f("| %d | %s | %s | %d | %d | %d | %d |\n", e.Order, cell(name), cell(orDash(strings.Join(deps, ", "))),
				e.CallSites.Total, e.CallSites.Prod, e.CallSites.Test, e.GSICallSites.Total)
		}
		m.f("\n")
		if len(p.Cycles) == 0 {
			m.f("No dependency cycles.\n\n")
		} else {
			for _, c := range p.Cycles {
				m.f("**Dependency cycle**: %s → %s. Migrate these entities together.\n\n", strings.Join(c, " → "), c[0])
			}
		}
	}

	for _, e := range p.Entities {
		title := e.Name
		if e.Template {
			title += " (template)"
		}
		m.f("## %d. %s\n\n", e.Order, title)
		m.f("`%s.%s` at %s.", lastElem(e.Package), e.Name, e.Pos)
		if len(e.DependsOn) == 0 {
			m.f(" No dependencies.")
		} else {
			var deps []string
			for _, d := range e.DependsOn {
				deps = append(deps, fmt.Sprintf("%s (%s)", d.Entity, strings.Join(d.Via, "; ")))
			}
			m.f(" Depends on %s.", strings.Join(deps, ", "))
		}
		if len(e.Dependents) > 0 {
			m.f(" Needed by %s.", strings.Join(e.Dependents, ", "))
		}
		m.f("\n\n")
		m.group(&e.Group)
	}
	if len(p.Shared.Structs)+len(p.Shared.Methods)+len(p.Shared.Keys)+len(p.Shared.GSIHelpers) > 0 {
		m.f("## Shared\n\nUsed by several entities or by none: change each with the first entity above that uses it.\n\n")
		m.group(&p.Shared)
	}
	if len(p.Unplaced) > 0 {
		m.f("## Other findings\n\n")
		for _, f := range p.Unplaced {
			m.f("- %s: %s: %s\n", f.Pos, f.Analyzer, f.Message)
		}
		m.f("\n")
	}
	if m.err != nil {
		return m.err
	}
	return bw.Flush()
}

type md struct {
	w   io.Writer
	err error
}

func (m *md) f(format string, args ...any) {
	if m.err == nil {
		_, m.err = fmt.Fprintf(m.w, format, args...)
	}
}

func (m *md) count(what string, c Count) {
	m.f("| %s | %d | %d | %d |\n", what, c.Total, c.Prod, c.Test)
}

func (m *md) group(g *Group) {
	if len(g.Structs) > 0 {
		var s []string
		for _, x := range g.Structs {
			s = append(s, fmt.Sprintf("`%s` (%s)", x.Name, x.Pos))
		}
		m.f("Also gain a capsule ID field: %s.\n\n", strings.Join(s, ", "))
	}
	if len(g.Methods)+len(g.Keys)+len(g.GSIHelpers) == 0 {
		return
	}
	m.f("| change | declared at | call sites | prod | test |\n|---|---|---:|---:|---:|\n")
	for _, x := range g.Methods {
		what := "method " + code(x.Name)
		if n := len(x.Implementations); n > 0 {
			what += " + " + plural(n, "implementation", "implementations")
		}
		m.f("| %s | %s | %d | %d | %d |\n", cell(what), x.Pos, x.CallSites.Total, x.CallSites.Prod, x.CallSites.Test)
	}
	for _, x := range g.Keys {
		what := "key " + code(x.Text)
		if x.In != "" {
			what += " in " + code(x.In)
		}
		var fs []string
		inMethod := false
		for _, f := range x.Functions {
			if f.Method {
				inMethod = true
			} else if f.Name != x.In {
				fs = append(fs, code(f.Name))
			}
		}
		if len(fs) > 0 {
			what += ", built by " + strings.Join(fs, ", ")
		}
		if inMethod && len(fs) == 0 {
			m.f("| %s | %s | with the method | | |\n", cell(what), x.Pos)
			continue
		}
		m.f("| %s | %s | %d | %d | %d |\n", cell(what), x.Pos, x.CallSites.Total, x.CallSites.Prod, x.CallSites.Test)
	}
	for _, x := range g.GSIHelpers {
		what := "GSI helper " + code(x.Name)
		if len(x.UsedBy) > 1 {
			what += " (used by " + strings.Join(x.UsedBy, ", ") + ")"
		}
		m.f("| %s | %s | %d | %d | %d |\n", cell(what), x.Pos, x.CallSites.Total, x.CallSites.Prod, x.CallSites.Test)
	}
	m.f("| **total** (without GSI helpers) | | **%d** | %d | %d |\n", g.CallSites.Total, g.CallSites.Prod, g.CallSites.Test)
	if g.GSICallSites.Total > 0 {
		m.f("| GSI helpers | | %d | %d | %d |\n", g.GSICallSites.Total, g.GSICallSites.Prod, g.GSICallSites.Test)
	}
	m.f("\n")
}

// code returns s as a Markdown code span.
func code(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// cell escapes s for a table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

// thousands formats n with comma separators, as in the seeds' "1,003 tests".
func thousands(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func lastElem(path string) string {
	return path[strings.LastIndex(path, "/")+1:]
}
