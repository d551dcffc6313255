package repocapsule_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/capsulelint/capsulelint/analyzers/repocapsule"
	"github.com/capsulelint/capsulelint/internal/config"
)

var testdata = func() string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		panic(err)
	}
	return dir
}()

func TestDiagnostics(t *testing.T) {
	analysistest.Run(t, testdata, repocapsule.New(config.Default()), "repocapsule")
}
