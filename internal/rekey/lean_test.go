package rekey

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLeanLinter keeps the AWS SDK out of everything but the CLI: the
// analyzers, the vet tool's analyzers and the golangci-lint plugin.
func TestLeanLinter(t *testing.T) {
	if testing.Short() {
		t.Skip("go list of the module")
	}
	const mod = "github.com/capsulelint/capsulelint"
	out, err := exec.Command("go", "list", "-deps", mod+"/plugin", mod+"/analyzers/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	var aws []string
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "github.com/aws/") || p == mod+"/internal/rekey" {
			aws = append(aws, p)
		}
	}
	if len(aws) > 0 {
		t.Errorf("the linter links %s", strings.Join(aws, ", "))
	}
	if !strings.Contains(string(out), mod+"/analyzers\n") {
		t.Errorf("go list did not list the analyzers:\n%s", out)
	}
}
