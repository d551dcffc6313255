// Package motoserver starts moto's DynamoDB server for tests against a
// real server.
package motoserver

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// Start runs moto on a free local port and returns its URL and a stop
// function. A missing moto_server is an error; under CI (CAPSULELINT_CI
// set) callers fail on it, elsewhere they skip.
func Start() (url string, stop func(), err error) {
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		return "", nil, fmt.Errorf("moto_server not on PATH (install it with: pip install 'moto[server]==5.2.1')")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	// moto_server serves each request on its own thread without locking
	// its tables, so a conditional write races with a concurrent one and
	// DynamoDB's per-item atomicity does not hold. Run the same server
	// with one thread: requests are serialized, as DynamoDB's conditional
	// writes and transactions are.
	cmd := exec.Command(python(bin), "-c", singleThreaded, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	// Pdeathsig: a test binary killed by its timeout takes moto with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	stop = func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	}
	url = fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(url + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			return url, stop, nil
		}
		select {
		case <-exited:
			return "", nil, fmt.Errorf("moto_server exited: %s", logs.String())
		default:
		}
		if time.Now().After(deadline) {
			stop()
			return "", nil, fmt.Errorf("moto_server on port %d did not answer in 30s: %v\n%s", port, err, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

const singleThreaded = `import sys, werkzeug.serving as s
run = s.run_simple
s.run_simple = lambda *a, **k: run(*a, **dict(k, threaded=False))
from moto.server import main
main(sys.argv[1:])`

// python is the interpreter moto_server runs with: its script's #! line,
// or python3 when moto_server is a wrapper (pyenv's shims).
func python(bin string) string {
	data, err := os.ReadFile(bin)
	if err == nil {
		line, _, _ := strings.Cut(string(data), "\n")
		if py, ok := strings.CutPrefix(line, "#!"); ok && strings.Contains(py, "python") && !strings.Contains(strings.TrimSpace(py), " ") {
			return strings.TrimSpace(py)
		}
	}
	return "python3"
}

// Main runs a test binary's tests with a server: url is set for them, or
// missing says why there is none. Under CI a missing server fails.
func Main(run func() int, url, missing *string) int {
	u, stop, err := Start()
	if err != nil {
		if os.Getenv("CAPSULELINT_CI") != "" {
			fmt.Fprintf(os.Stderr, "tests against DynamoDB need moto's server under CI: %v\n", err)
			return 1
		}
		*missing = err.Error()
	} else {
		*url = u
		defer stop()
	}
	return run()
}
