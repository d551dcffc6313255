package integration

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/capsulelint/capsulelint/internal/txtartest"
)

const modulePath = "github.com/capsulelint/capsulelint"

// checkoutRoot returns the directory of this module's go.mod, found from
// the test's working directory upward.
func checkoutRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(bytes.TrimSpace(data), []byte("module "+modulePath+"\n")) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod of %s above the working directory", modulePath)
		}
		dir = parent
	}
}

// needTools skips t under -short and when the go command is missing.
func needTools(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs external tools; skipped with -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command in PATH")
	}
}

// skeleton reports whether analyzer name is still the skeleton that
// reports nothing: its run.go still says TODO(skeleton).
func skeleton(t testing.TB, name string) bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(checkoutRoot(t), "analyzers", name, "run.go"))
	if err != nil {
		return false // the analyzer moved on from the skeleton layout
	}
	return bytes.Contains(data, []byte("TODO(skeleton)"))
}

// skipIfSkeleton skips t when analyzer name is not implemented yet.
func skipIfSkeleton(t *testing.T, name string) {
	t.Helper()
	if skeleton(t, name) {
		t.Skipf("analyzer %s not implemented yet (analyzers/%s/run.go still has TODO(skeleton))", name, name)
	}
}

// fixture writes the txtar archive testdata/name.txtar into a new
// temporary directory and returns it.
func fixture(t *testing.T, name string) string {
	t.Helper()
	dir, _ := txtartest.Extract(t, filepath.Join("testdata", name+".txtar"))
	return dir
}

// want is a finding the fixture expects: analyzer at file:line.
type want struct {
	Analyzer string
	File     string // slash-separated, relative to the module root
	Line     int
}

func (w want) String() string { return fmt.Sprintf("%s at %s:%d", w.Analyzer, w.File, w.Line) }

var wantComment = regexp.MustCompile(`// (want|want-with-flags): (\w+)\s*$`)

// wants lists the "// want: analyzer" (kind "want") or
// "// want-with-flags: analyzer" comments of the Go files under dir.
func wants(t *testing.T, dir, kind string) []want {
	t.Helper()
	var out []want
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		sc := bufio.NewScanner(bytes.NewReader(data))
		for line := 1; sc.Scan(); line++ {
			if m := wantComment.FindStringSubmatch(sc.Text()); m != nil && m[1] == kind {
				out = append(out, want{Analyzer: m[2], File: filepath.ToSlash(rel), Line: line})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("fixture %s has no // %s: comments", dir, kind)
	}
	return out
}

// finding is one diagnostic as a route reports it.
type finding struct {
	Analyzer string
	File     string // slash-separated, relative to the module root
	Line     int
	Message  string
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", f.File, f.Line, f.Analyzer, f.Message)
}

// checkWants asserts a finding for each want (skipping analyzers that are
// still skeletons) and reports findings on no want line of the analyzers
// in strict.
func checkWants(t *testing.T, got []finding, ws []want) {
	t.Helper()
	for _, w := range ws {
		t.Run(w.Analyzer+"@"+strings.ReplaceAll(w.File, "/", "_")+":"+fmt.Sprint(w.Line), func(t *testing.T) {
			for _, f := range got {
				if f.Analyzer == w.Analyzer && f.File == w.File && f.Line == w.Line {
					if f.Message == "" {
						t.Errorf("%s: empty message", f)
					}
					return
				}
			}
			skipIfSkeleton(t, w.Analyzer)
			t.Errorf("no %s finding; got:\n%s", w, listFindings(got))
		})
	}
}

// checkNoneAt asserts there is no finding on the lines of ws.
func checkNoneAt(t *testing.T, got []finding, ws []want) {
	t.Helper()
	for _, w := range ws {
		for _, f := range got {
			if f.File == w.File && f.Line == w.Line {
				t.Errorf("unexpected finding %s (the line is reported only when configured)", f)
			}
		}
	}
}

func listFindings(fs []finding) string {
	if len(fs) == 0 {
		return "\t(none)"
	}
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\t%s\n", f)
	}
	return b.String()
}

// run runs name args in dir with extra environment variables and returns
// its stdout, stderr and exit code; it fails t if the command cannot run.
func run(t *testing.T, dir string, env []string, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOWORK=off"), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return out.String(), errb.String(), code
}

// mustRun runs name args in dir and fails t unless it exits 0.
func mustRun(t *testing.T, dir string, name string, args ...string) string {
	t.Helper()
	stdout, stderr, code := run(t, dir, nil, name, args...)
	if code != 0 {
		t.Fatalf("%s %s (in %s): exit %d\n%s%s", name, strings.Join(args, " "), dir, code, stdout, stderr)
	}
	return stdout
}

var capsulelint struct {
	once sync.Once
	path string
	err  error
}

// capsulelintBin builds cmd/capsulelint once per test process.
func capsulelintBin(t *testing.T) string {
	t.Helper()
	capsulelint.once.Do(func() {
		dir, err := os.MkdirTemp("", "capsulelint-integration-")
		if err != nil {
			capsulelint.err = err
			return
		}
		tempDirs = append(tempDirs, dir)
		capsulelint.path = filepath.Join(dir, "capsulelint"+exeSuffix())
		cmd := exec.Command("go", "build", "-o", capsulelint.path, "./cmd/capsulelint")
		cmd.Dir = checkoutRoot(t)
		cmd.Env = append(os.Environ(), "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			capsulelint.err = fmt.Errorf("go build ./cmd/capsulelint: %v\n%s", err, out)
		}
	})
	if capsulelint.err != nil {
		t.Fatal(capsulelint.err)
	}
	return capsulelint.path
}

// tempDirs are removed when the tests end.
var tempDirs []string

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// snapshot records the contents of the files under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// changedFiles lists the files under dir that differ from before
// (including new and removed ones), sorted.
func changedFiles(t *testing.T, dir string, before map[string]string) []string {
	t.Helper()
	after := snapshot(t, dir)
	var out []string
	for name, content := range after {
		if old, ok := before[name]; !ok || old != content {
			out = append(out, name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// diffs renders the changes of files against before, for failure
// messages.
func diffs(t *testing.T, dir string, before map[string]string, files []string) string {
	t.Helper()
	var b strings.Builder
	tmp := t.TempDir()
	for _, name := range files {
		old := filepath.Join(tmp, strings.ReplaceAll(name, "/", "_")+".orig")
		os.WriteFile(old, []byte(before[name]), 0o644)
		out, _ := exec.Command("diff", "-u", old, filepath.Join(dir, filepath.FromSlash(name))).CombinedOutput()
		if len(out) == 0 {
			out, _ = os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		}
		fmt.Fprintf(&b, "=== %s\n%s\n", name, out)
	}
	return b.String()
}
