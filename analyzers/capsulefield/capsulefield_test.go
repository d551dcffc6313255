package capsulefield_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/capsulelint/capsulelint/analyzers/capsulefield"
	"github.com/capsulelint/capsulelint/internal/config"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestAnalyzer(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), capsulefield.New(config.Default()), "capsulefield")
}
