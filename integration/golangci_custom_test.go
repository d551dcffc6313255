package integration

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestGolangciLintCustom builds custom-gcl the documented way, with
// `golangci-lint custom` and the repository's .custom-gcl.yml, offline:
// golangci-lint itself comes from the module proxy, and the git clone that
// `golangci-lint custom` makes of github.com/golangci/golangci-lint is
// redirected (git url.<base>.insteadOf) to a local repository made from
// the module cache. The binary is cached like the one of
// TestGolangciLintPlugin.
func TestGolangciLintCustom(t *testing.T) {
	needTools(t)
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("golangci-lint custom needs git")
	}
	root := checkoutRoot(t)
	spec, err := os.ReadFile(filepath.Join(root, ".custom-gcl.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(spec), "\n    path: .\n"); n != 1 {
		t.Fatalf(".custom-gcl.yml: want one plugin with `path: .` (this checkout), found %d", n)
	}
	if !strings.Contains(string(spec), "version: "+golangciVersion+"\n") {
		t.Errorf(".custom-gcl.yml does not pin golangci-lint %s, the version the tests build", golangciVersion)
	}

	key, err := sourceHash(root)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256([]byte(key + string(spec)))
	cacheDir := golangciCacheDir(t)
	bin := filepath.Join(cacheDir, "gcl-custom-"+hex.EncodeToString(h[:10])+exeSuffix())
	if _, err := os.Stat(bin); err != nil {
		start := time.Now()
		built := golangciCustom(t, root, string(spec))
		old, _ := filepath.Glob(filepath.Join(cacheDir, "gcl-custom-*"))
		staged := bin + ".tmp"
		if err := copyFile(built, staged); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(staged, bin); err != nil {
			t.Fatal(err)
		}
		for _, o := range old {
			if o != bin {
				os.Remove(o)
			}
		}
		t.Logf("golangci-lint custom: built %s in %v", bin, time.Since(start).Round(time.Millisecond))
	} else {
		t.Logf("golangci-lint custom: reused %s", bin)
	}

	out := mustRun(t, ".", bin, "version")
	if !strings.Contains(out, strings.TrimPrefix(golangciVersion, "v")+"-custom-gcl") {
		t.Errorf("custom-gcl version = %q, want golangci-lint %s-custom-gcl-...", out, golangciVersion)
	}
	dir := fixture(t, "billing")
	stdout, stderr, code := run(t, dir, []string{"GOLANGCI_LINT_CACHE=" + t.TempDir()}, bin, "run",
		"--output.text.path=stdout", "--output.text.print-issued-lines=false", "--output.text.colors=false", "--show-stats=false", "./...")
	got := parseText(t, stdout)
	if len(got) == 0 && code != golangciClean || len(got) > 0 && code != golangciIssues {
		t.Fatalf("exit %d with %d findings\n%s%s", code, len(got), stdout, stderr)
	}
	var entity []want
	for _, w := range wants(t, dir, "want") {
		if w.Analyzer == "capsulefield" {
			entity = append(entity, w)
		}
	}
	checkWants(t, got, entity)
}

// golangciCustom runs `golangci-lint custom` on .custom-gcl.yml (its
// `path: .` pointed at root) in a temporary directory and returns the
// binary.
func golangciCustom(t *testing.T, root, spec string) string {
	t.Helper()
	tools := t.TempDir()
	// golangci-lint itself, from the module proxy.
	if out, err := goCmd(tools, []string{"GOBIN=" + tools},
		"install", golangciModule+"/cmd/golangci-lint@"+golangciVersion).CombinedOutput(); err != nil {
		t.Fatalf("go install golangci-lint: %v\n%s", err, out)
	}
	// A local git repository of golangci-lint at the release tag, from the
	// module cache, stands in for the GitHub clone.
	out, err := goCmd(tools, nil, "mod", "download", "-json", golangciModule+"@"+golangciVersion).Output()
	var mod struct{ Dir string }
	if err != nil || json.Unmarshal(out, &mod) != nil || mod.Dir == "" {
		t.Fatalf("go mod download %s@%s: %v\n%s", golangciModule, golangciVersion, err, out)
	}
	modDir := mod.Dir
	mirror := filepath.Join(t.TempDir(), "golangci-lint")
	if err := os.CopyFS(mirror, os.DirFS(modDir)); err != nil {
		t.Fatal(err)
	}
	gitEnv := []string{"GIT_AUTHOR_NAME=capsulelint", "GIT_AUTHOR_EMAIL=test@capsulelint.invalid",
		"GIT_COMMITTER_NAME=capsulelint", "GIT_COMMITTER_EMAIL=test@capsulelint.invalid", "GIT_CONFIG_NOSYSTEM=1"}
	for _, args := range [][]string{
		{"init", "-q"}, {"add", "-A"}, {"commit", "-q", "--no-gpg-sign", "-m", golangciVersion}, {"tag", golangciVersion},
	} {
		cmd := exec.Command("git", args...)
		cmd.Dir = mirror
		cmd.Env = append(os.Environ(), gitEnv...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}

	work := t.TempDir()
	spec = strings.Replace(spec, "\n    path: .\n", "\n    path: "+root+"\n", 1)
	if err := os.WriteFile(filepath.Join(work, ".custom-gcl.yml"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(tools, "golangci-lint"+exeSuffix()), "custom", "-v")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "GOWORK=off",
		"GIT_CONFIG_COUNT=1",
		"GIT_CONFIG_KEY_0=url.file://"+filepath.ToSlash(mirror)+".insteadOf",
		"GIT_CONFIG_VALUE_0=https://github.com/golangci/golangci-lint.git")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("golangci-lint custom: %v\n%s", err, out)
	}
	return filepath.Join(work, "custom-gcl"+exeSuffix())
}

// goCmd returns a go command in dir with extra environment variables.
func goCmd(dir string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOWORK=off"), env...)
	return cmd
}
