package integration

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// vetJSON runs go vet -vettool=capsulelint -json with extra args in dir
// and returns the findings, with analyzer names.
func vetJSON(t *testing.T, dir string, args ...string) []finding {
	t.Helper()
	root := realPath(t, dir)
	vetArgs := append([]string{"vet", "-vettool=" + capsulelintBin(t), "-json"}, args...)
	stdout, stderr, code := run(t, dir, nil, "go", vetArgs...)
	if code != 0 {
		t.Fatalf("go %s: exit %d (-json reports findings with exit 0)\n%s%s", strings.Join(vetArgs, " "), code, stdout, stderr)
	}
	// A stream of {"pkg": {"analyzer": [diagnostic...] or {"error": ...}}}.
	dec := json.NewDecoder(strings.NewReader(stdout))
	var got []finding
	for dec.More() {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			t.Fatalf("go vet -json output does not parse: %v\n%s", err, stdout)
		}
		for pkg, byAnalyzer := range tree {
			for analyzer, raw := range byAnalyzer {
				var diags []struct{ Posn, Message string }
				if err := json.Unmarshal(raw, &diags); err != nil {
					t.Errorf("%s: %s failed: %s", pkg, analyzer, raw)
					continue
				}
				for _, d := range diags {
					file, line := splitPosn(t, d.Posn)
					rel, err := filepath.Rel(root, realPath(t, file))
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, finding{Analyzer: analyzer, File: filepath.ToSlash(rel), Line: line, Message: d.Message})
				}
			}
		}
	}
	sortFindings(got)
	return got
}

func sortFindings(fs []finding) {
	slices.SortFunc(fs, func(a, b finding) int { return strings.Compare(a.String(), b.String()) })
}

// splitPosn splits "file:line:col".
func splitPosn(t *testing.T, posn string) (string, int) {
	t.Helper()
	rest, _, _ := cutLast(posn, ":") // column
	file, line, ok := cutLast(rest, ":")
	n, err := strconv.Atoi(line)
	if !ok || err != nil {
		t.Fatalf("bad position %q", posn)
	}
	return file, n
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

func realPath(t *testing.T, path string) string {
	t.Helper()
	p, err := filepath.EvalSymlinks(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var vetTextLine = regexp.MustCompile(`^(\S+?\.go):(\d+):(\d+): (.*)$`)

// vetText runs go vet -vettool=capsulelint with extra args in dir and
// returns its text diagnostics (no analyzer names) and exit code.
func vetText(t *testing.T, dir string, args ...string) ([]finding, string, int) {
	t.Helper()
	vetArgs := append([]string{"vet", "-vettool=" + capsulelintBin(t)}, args...)
	stdout, stderr, code := run(t, dir, nil, "go", vetArgs...)
	var got []finding
	sc := bufio.NewScanner(strings.NewReader(stderr))
	for sc.Scan() {
		m := vetTextLine.FindStringSubmatch(sc.Text())
		if m == nil || strings.HasPrefix(m[4], "\t") { // related information
			continue
		}
		n, _ := strconv.Atoi(m[2])
		got = append(got, finding{File: strings.TrimPrefix(filepath.ToSlash(m[1]), "./"), Line: n, Message: m[4]})
	}
	return got, stdout + stderr, code
}

// TestVet runs go vet -vettool=capsulelint on the fixture module: the
// findings are reported and the exit status is non-zero.
func TestVet(t *testing.T) {
	needTools(t)
	dir := fixture(t, "billing")
	ws := wants(t, dir, "want")

	got := vetJSON(t, dir, "./...")
	t.Logf("findings:\n%s", listFindings(got))
	checkWants(t, got, ws)
	for _, w := range wants(t, dir, "want-with-flags") {
		if w.Analyzer == "capsulefield" {
			checkNoneAt(t, got, []want{w})
		}
	}

	text, out, code := vetText(t, dir, "./...")
	if len(got) > 0 && code == 0 {
		t.Errorf("go vet -vettool: exit 0 with %d findings; want a non-zero exit\n%s", len(got), out)
	}
	if len(got) == 0 && code != 0 {
		t.Errorf("go vet -vettool: exit %d without findings\n%s", code, out)
	}
	// The text output carries the same findings as -json.
	for _, f := range got {
		found := false
		for _, g := range text {
			found = found || (g.File == f.File && g.Line == f.Line && g.Message == strings.SplitN(f.Message, "\n", 2)[0])
		}
		if !found {
			t.Errorf("go vet text output lacks %s\n%s", f, out)
		}
	}
}

// TestVetFlagOnlyConfig configures capsulelint through analyzer flags
// only, as Bazel nogo and go vet -vettool do: a tenant named by a plain
// string field, and other key labels.
func TestVetFlagOnlyConfig(t *testing.T) {
	needTools(t)
	dir := fixture(t, "billing")
	flagWants := wants(t, dir, "want-with-flags")
	var fieldWants []want
	for _, w := range flagWants {
		if w.Analyzer == "capsulefield" {
			fieldWants = append(fieldWants, w)
		}
	}

	t.Run("without flags", func(t *testing.T) {
		checkNoneAt(t, vetJSON(t, dir, "./orgs"), fieldWants)
	})

	t.Run("analyzer flags", func(t *testing.T) {
		got := vetJSON(t, dir,
			"-capsulefield.tenant-names=OrgSlug",
			"-keyformat.labels.tenant=ORG", "-keyformat.labels.capsule=PROJ",
			"./orgs")
		t.Logf("findings:\n%s", listFindings(got))
		checkWants(t, got, flagWants)
		for _, f := range got {
			if f.Analyzer == "keyformat" && !strings.Contains(f.Message, "PROJ") {
				t.Errorf("keyformat configured with -keyformat.labels.capsule=PROJ: message does not mention PROJ: %s", f)
			}
		}
	})

	t.Run("config file flag", func(t *testing.T) {
		cfg := filepath.Join(t.TempDir(), "capsulelint.yaml")
		if err := os.WriteFile(cfg, []byte("tenant-names: [OrgSlug]\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		got := vetJSON(t, dir, "-capsulefield.config="+cfg, "./orgs")
		checkWants(t, got, fieldWants)
	})

	t.Run("bad flag value", func(t *testing.T) {
		_, out, code := vetText(t, dir, "-capsulefield.nested-depth=deep", "./orgs")
		if code == 0 || !strings.Contains(out, "nested-depth") {
			t.Errorf("go vet with -capsulefield.nested-depth=deep: exit %d; want an error naming the flag\n%s", code, out)
		}
	})
}

// TestVetCache checks the incremental CI route: a second go vet run is
// served from the go build cache (the tool is not run again), and after an
// edit only the edited package and its importers are re-analysed. The
// go command prints each tool invocation with -x.
func TestVetCache(t *testing.T) {
	needTools(t)
	if out := mustRun(t, ".", "go", "env", "GOCACHE"); strings.TrimSpace(out) == "off" {
		t.Skip("GOCACHE=off")
	}
	dir := fixture(t, "billing")
	first, out1, code1 := vetText(t, dir, "./...")

	second, code2, analysed := vetX(t, dir)
	if len(analysed) != 0 {
		t.Errorf("second go vet run re-ran capsulelint on %v; want every package served from the build cache", analysed)
	}
	// Packages are vetted in parallel: compare the findings, not their order.
	sortFindings(first)
	sortFindings(second)
	if code1 != code2 || fmt.Sprint(first) != fmt.Sprint(second) {
		t.Errorf("cached run differs: exit %d then %d\nfirst:\n%s\nsecond:\n%s", code1, code2, out1, listFindings(second))
	}

	// Change the API of keys: keys and its importer repository are
	// re-analysed; ids and model, which do not import keys, are not.
	keys := filepath.Join(dir, "keys", "keys.go")
	src := readFile(t, dir, "keys/keys.go")
	if err := os.WriteFile(keys, []byte(src+"\n// Version is the key schema version.\nconst Version = 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, analysed = vetX(t, dir)
	t.Logf("after editing keys, capsulelint re-ran on %v", analysed)
	for _, pkg := range []string{"keys", "repository"} {
		if !slices.Contains(analysed, pkg) {
			t.Errorf("after editing keys, %s was not re-analysed (analysed: %v)", pkg, analysed)
		}
	}
	for _, pkg := range []string{"ids", "model", "orgs"} {
		if slices.Contains(analysed, pkg) {
			t.Errorf("after editing keys, %s was re-analysed though it does not import keys (analysed: %v)", pkg, analysed)
		}
	}
}

// vetX runs go vet -x -vettool=capsulelint ./... in dir and returns the
// findings, the exit code and the packages (directories relative to dir)
// on which the go command ran capsulelint.
func vetX(t *testing.T, dir string) ([]finding, int, []string) {
	t.Helper()
	tool := capsulelintBin(t)
	got, out, code := vetText(t, dir, "-x", "./...")
	root := realPath(t, dir)
	var analysed []string
	cwd := ""
	for _, line := range strings.Split(out, "\n") {
		if d, ok := strings.CutPrefix(line, "cd "); ok {
			cwd = d
			continue
		}
		if strings.Contains(line, tool) && strings.Contains(line, "vet.cfg") {
			rel, err := filepath.Rel(root, realPath(t, cwd))
			if err != nil || strings.HasPrefix(rel, "..") {
				continue // a dependency outside the module
			}
			analysed = append(analysed, filepath.ToSlash(rel))
		}
	}
	slices.Sort(analysed)
	return got, code, analysed
}

// TestGoFix applies the fixes through Go 1.26's go fix -fixtool on a copy
// of the fixture: -diff previews without writing, then go fix writes them
// and the fixed packages build.
func TestGoFix(t *testing.T) {
	needTools(t)
	dir := fixture(t, "billing")
	before := snapshot(t, dir)
	tool := "-fixtool=" + capsulelintBin(t)

	diff, stderr, code := run(t, dir, nil, "go", "fix", tool, "-diff", "./...")
	if changed := changedFiles(t, dir, before); len(changed) != 0 {
		t.Fatalf("go fix -diff changed %v", changed)
	}
	t.Logf("go fix -diff: exit %d\n%s%s", code, diff, stderr)

	stdout, stderr, code := run(t, dir, nil, "go", "fix", tool, "./...")
	if code != 0 {
		t.Fatalf("go fix -fixtool: exit %d\n%s%s", code, stdout, stderr)
	}
	changed := changedFiles(t, dir, before)
	t.Logf("files changed by go fix: %v", changed)
	if (diff != "") != (len(changed) > 0) {
		t.Errorf("go fix -diff printed %d bytes but go fix changed %v", len(diff), changed)
	}
	for _, name := range changed {
		if !strings.Contains(diff, name) {
			t.Errorf("go fix changed %s, which go fix -diff did not show", name)
		}
	}

	t.Run("capsulefield", func(t *testing.T) {
		skipIfSkeleton(t, "capsulefield")
		if !slices.Contains(changed, "model/model.go") {
			t.Fatalf("go fix did not fix model/model.go")
		}
		if !strings.Contains(readFile(t, dir, "model/model.go"), "CapsuleID ids.CapsuleID") {
			t.Errorf("no CapsuleID field in model/model.go:\n%s", readFile(t, dir, "model/model.go"))
		}
	})

	// Each package go fix changed still builds, and so does the module:
	// go fix works package by package, so capsulelint withholds the fixes
	// an importer in another package would have to follow.
	pkgs := map[string]bool{}
	for _, name := range changed {
		if strings.HasSuffix(name, ".go") {
			pkgs["./"+filepath.ToSlash(filepath.Dir(name))] = true
		}
	}
	for pkg := range pkgs {
		if out, errOut, code := run(t, dir, nil, "go", "build", pkg); code != 0 {
			t.Errorf("after go fix, go build %s fails:\n%s%s\n%s", pkg, out, errOut, diffs(t, dir, before, changed))
		}
	}
	if out, errOut, code := run(t, dir, nil, "go", "build", "./..."); code != 0 {
		t.Errorf("after go fix, go build ./... fails:\n%s%s\n%s", out, errOut, diffs(t, dir, before, changed))
	}

	// Fixed is fixed: applying again changes nothing.
	again := snapshot(t, dir)
	if _, _, code := run(t, dir, nil, "go", "fix", tool, "./..."); code != 0 {
		t.Logf("second go fix: exit %d", code)
	}
	if changed := changedFiles(t, dir, again); len(changed) != 0 {
		t.Errorf("second go fix changed %v again; fixes must be idempotent\n%s", changed, diffs(t, dir, again, changed))
	}
}

// TestVetCacheSeesConfigEdits: the go command keys cached vet results by
// the tool's identity, its flags and the package sources, not by
// capsulelint.yaml; editing the file must still change the results.
func TestVetCacheSeesConfigEdits(t *testing.T) {
	needTools(t)
	dir := fixture(t, "billing")
	var fieldWants []want
	for _, w := range wants(t, dir, "want-with-flags") {
		if w.Analyzer == "capsulefield" {
			fieldWants = append(fieldWants, w)
		}
	}
	checkNoneAt(t, vetJSON(t, dir, "./orgs"), fieldWants)
	if err := os.WriteFile(filepath.Join(dir, "capsulelint.yaml"), []byte("tenant-names: [OrgSlug]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := vetJSON(t, dir, "./orgs")
	for _, w := range fieldWants {
		found := false
		for _, f := range got {
			found = found || f.Analyzer == w.Analyzer && f.File == w.File && f.Line == w.Line
		}
		if !found {
			t.Errorf("after adding capsulelint.yaml with tenant-names: [OrgSlug], go vet still reports no %s: "+
				"it replayed the result cached before the edit (capsulelint -V=full must hash the configuration)", w)
		}
	}
}
