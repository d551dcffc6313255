package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"

	"github.com/capsulelint/capsulelint/internal/config"
)

// printVetToolID answers the go command's `-V=full` query, which names
// the vet tool in the build cache's keys. Beside the executable's hash
// (what unitchecker prints) it hashes the capsulelint.yaml found from the
// working directory, so that editing the configuration invalidates cached
// go vet results: the go command hashes only flags and sources.
func printVetToolID(w io.Writer) error {
	h := sha256.New()
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	f, err := os.Open(exe)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if path := config.Find("."); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "\n%s\n", path)
		h.Write(data)
	}
	_, err = fmt.Fprintf(w, "capsulelint version devel comments-go-here buildID=%02x\n", h.Sum(nil))
	return err
}
