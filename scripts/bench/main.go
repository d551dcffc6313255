// Command bench compares capsulelint with the no-op analyzer run through
// the same binary and driver (CAPSULELINT_BENCH_NOOP=1), on one machine in
// one run, interleaving the two: the standard library and generated
// services of several sizes. It prints median wall time and peak RSS of
// each, and their ratios, and the cost of migrate per lint run and round
// on the largest service and on each -project (a copy of it is migrated;
// the project itself is not touched).
//
//	go run ./scripts/bench [-runs 5] [-sizes 100,1000] [-std=true] [-migrate=true] [-project DIR]...
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/capsulelint/capsulelint/internal/gen"
)

type sample struct {
	wall time.Duration
	rss  int64 // KiB
}

func main() {
	runs := flag.Int("runs", 5, "runs of each tool per target")
	sizes := flag.String("sizes", "100,1000", "generated service sizes (packages)")
	std := flag.Bool("std", true, "benchmark the standard library")
	mig := flag.Bool("migrate", true, "measure migrate on the largest service")
	var projects []string
	flag.Func("project", "a module to lint and migrate (a copy) as well; repeatable", func(dir string) error {
		abs, err := filepath.Abs(dir)
		projects = append(projects, abs)
		return err
	})
	flag.Parse()

	work, err := os.MkdirTemp("", "capsulelint-bench-")
	check(err)
	defer os.RemoveAll(work)
	capsulelint := filepath.Join(work, "capsulelint")
	build(capsulelint, "./cmd/capsulelint")
	noop := tool{capsulelint, []string{"CAPSULELINT_BENCH_NOOP=1"}}
	lint := tool{path: capsulelint}

	type target struct{ name, dir, pattern string }
	var targets []target
	if *std {
		targets = append(targets, target{"std", ".", "std"})
	}
	var largest string
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		check(err)
		dir := filepath.Join(work, fmt.Sprintf("svc%d", n))
		check(gen.Write(gen.Options{Dir: dir, Packages: n, Bad: 10}))
		check(os.WriteFile(filepath.Join(dir, "capsulelint.yaml"), []byte("test-capsule:\n  expr: testCapsule()\n"), 0o644))
		targets = append(targets, target{fmt.Sprintf("service, %d packages", n), dir, "./..."})
		largest = dir
	}
	for _, p := range projects {
		targets = append(targets, target{filepath.Base(p), p, "./..."})
	}

	fmt.Printf("| target | no-op wall | capsulelint wall | ratio | no-op RSS | capsulelint RSS | ratio |\n|---|---|---|---|---|---|---|\n")
	lintWall := map[string]time.Duration{}
	for _, t := range targets {
		// Warm the build cache (export data) for both.
		run(noop, t.dir, t.pattern)
		run(lint, t.dir, t.pattern)
		var a, b []sample
		for range *runs {
			a = append(a, run(noop, t.dir, t.pattern))
			b = append(b, run(lint, t.dir, t.pattern))
		}
		na, nb := median(a), median(b)
		lintWall[t.dir] = nb.wall
		fmt.Printf("| %s | %.2fs | %.2fs | %.2f× | %d MiB | %d MiB | %.2f× |\n", t.name,
			na.wall.Seconds(), nb.wall.Seconds(), nb.wall.Seconds()/na.wall.Seconds(),
			na.rss/1024, nb.rss/1024, float64(nb.rss)/float64(na.rss))
	}
	if *mig && largest != "" {
		migrate(capsulelint, largest, lintWall[largest])
	}
	for _, p := range projects {
		migrate(capsulelint, p, lintWall[p])
	}
}

// migrate runs capsulelint migrate on a copy of dir and prints its cost
// per round against one lint run.
func migrate(capsulelint, dir string, lint time.Duration) {
	copyDir, err := os.MkdirTemp("", "capsulelint-bench-migrate-")
	check(err)
	defer os.RemoveAll(copyDir)
	check(exec.Command("cp", "-r", dir+"/.", copyDir).Run())
	cmd := exec.Command(capsulelint, "migrate", "./...")
	cmd.Dir = copyDir
	start := time.Now()
	out, _ := cmd.CombinedOutput()
	wall := time.Since(start)
	m := regexp.MustCompile(`(\d+) rounds, (\d+) files changed, (\d+) call sites`).FindSubmatch(out)
	if m == nil {
		fmt.Printf("\nmigrate on %s: output not understood:\n%s\n", filepath.Base(dir), tail(out))
		return
	}
	rounds, _ := strconv.Atoi(string(m[1]))
	fmt.Printf("\nmigrate on %s: %s rounds, %s files, %s call sites across packages, %.1fs\n", filepath.Base(dir), m[1], m[2], m[3], wall.Seconds())
	if rounds > 0 && lint > 0 {
		fmt.Printf("migrate cost per round = %.2f× one lint run of %.2fs (target ≤ 3×)\n", wall.Seconds()/float64(rounds)/lint.Seconds(), lint.Seconds())
	}
}

// tool is a binary and the environment it runs with.
type tool struct {
	path string
	env  []string
}

func build(out, pkg string) {
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Stderr = os.Stderr
	check(cmd.Run())
}

// run runs tool on pattern in dir and measures its wall time and the peak
// RSS of it and its children.
func run(t tool, dir, pattern string) sample {
	cmd := exec.Command(t.path, pattern)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), t.env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(start)
	if err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
			fmt.Fprintf(os.Stderr, "%s %s %s: %v\n%s\n", t.env, filepath.Base(t.path), pattern, err, tail(out))
			os.Exit(1)
		}
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return sample{wall, rss}
}

func median(s []sample) sample {
	walls := make([]time.Duration, len(s))
	rss := make([]int64, len(s))
	for i, x := range s {
		walls[i], rss[i] = x.wall, x.rss
	}
	slices.Sort(walls)
	slices.Sort(rss)
	return sample{walls[len(s)/2], rss[len(s)/2]}
}

func tail(b []byte) string {
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
