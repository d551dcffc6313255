package integration

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// golangciVersion is the golangci-lint release the plugin is built into and
// tested with (.custom-gcl.yml pins the same version).
const golangciVersion = "v2.15.0"

const golangciModule = "github.com/golangci/golangci-lint/v2"

var golangci struct {
	once sync.Once
	path string
	err  error
}

// golangciBin returns a golangci-lint binary containing the capsulelint
// plugin of this checkout: $CAPSULELINT_GOLANGCI if set, else one built
// by buildGolangci, cached across test runs.
func golangciBin(t *testing.T) string {
	t.Helper()
	golangci.once.Do(func() {
		if p := os.Getenv("CAPSULELINT_GOLANGCI"); p != "" {
			golangci.path = p
			t.Logf("custom golangci-lint: using $CAPSULELINT_GOLANGCI=%s", p)
			return
		}
		golangci.path, golangci.err = cachedGolangci(t, checkoutRoot(t))
	})
	if golangci.err != nil {
		t.Fatal(golangci.err)
	}
	return golangci.path
}

// cachedGolangci returns the binary for this checkout from the user cache
// directory, building it on a miss.
func cachedGolangci(t *testing.T, root string) (string, error) {
	start := time.Now()
	key, err := sourceHash(root)
	if err != nil {
		return "", err
	}
	cacheDir := golangciCacheDir(t)
	bin := filepath.Join(cacheDir, "custom-gcl-"+key[:20]+exeSuffix())
	if _, err := os.Stat(bin); err == nil {
		t.Logf("custom golangci-lint %s: warm, reused %s (%v)", golangciVersion, bin, time.Since(start).Round(time.Millisecond))
		return bin, nil
	}
	tmp, err := os.MkdirTemp("", "custom-gcl-build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	built, err := buildGolangci(t, root, tmp)
	if err != nil {
		return "", err
	}
	// Publish atomically; drop the binaries of older checkouts.
	old, _ := filepath.Glob(filepath.Join(cacheDir, "custom-gcl-*"))
	staged := bin + ".tmp" + fmt.Sprint(os.Getpid())
	if err := copyFile(built, staged); err != nil {
		return "", err
	}
	if err := os.Rename(staged, bin); err != nil {
		return "", err
	}
	for _, o := range old {
		if o != bin {
			os.Remove(o)
		}
	}
	t.Logf("custom golangci-lint %s: cold, built %s in %v", golangciVersion, bin, time.Since(start).Round(time.Millisecond))
	return bin, nil
}

// golangciCacheDir returns (and creates) the directory where the built
// golangci-lint binaries are kept across test runs.
func golangciCacheDir(t *testing.T) string {
	t.Helper()
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "capsulelint-test")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// buildGolangci builds golangci-lint with the plugin in dir, offline but
// for the Go module proxy: golangci-lint's own cmd/golangci-lint/main.go
// from the module cache, a blank import of the plugin, and a replace of
// this module by the checkout. It is what `golangci-lint custom` does
// without cloning golangci-lint from GitHub.
func buildGolangci(t *testing.T, root, dir string) (string, error) {
	goCmd := func(args ...string) ([]byte, error) {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		out, err := cmd.Output()
		if err != nil {
			stderr := ""
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = string(ee.Stderr)
			}
			return out, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, stderr)
		}
		return out, nil
	}
	out, err := goCmd("mod", "download", "-json", golangciModule+"@"+golangciVersion)
	if err != nil {
		return "", err
	}
	var mod struct{ Dir, Error string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s: %v %s", golangciModule, golangciVersion, err, mod.Error)
	}
	mainGo, err := os.ReadFile(filepath.Join(mod.Dir, "cmd", "golangci-lint", "main.go"))
	if err != nil {
		return "", err
	}
	files := map[string]string{
		"main.go": string(mainGo),
		"plugins.go": "package main\n\n// The capsulelint module plugin registers itself in init.\n" +
			"import _ \"" + modulePath + "/plugin\"\n",
		"go.mod": fmt.Sprintf("module capsulelint.test/custom-gcl\n\ngo 1.26.0\n\nrequire (\n\t%s %s\n\t%s v0.0.0\n)\n\nreplace %s => %s\n",
			golangciModule, golangciVersion, modulePath, modulePath, filepath.ToSlash(root)),
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			return "", err
		}
	}
	if _, err := goCmd("mod", "tidy"); err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "custom-gcl"+exeSuffix())
	if _, err := goCmd("build", "-o", bin, "."); err != nil {
		return "", err
	}
	return bin, nil
}

// sourceHash hashes what the plugin is built from: the checkout's Go
// files (testdata excluded), go.mod and go.sum, the Go toolchain and the
// golangci-lint version.
func sourceHash(root string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s %s %s/%s\n", golangciVersion, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	var paths []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if (strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")) || name == "go.mod" || name == "go.sum" {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(paths)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func exeSuffix() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}
