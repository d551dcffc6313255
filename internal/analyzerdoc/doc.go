// Package analyzerdoc extracts an analyzer's documentation from the
// package doc comment of its doc.go, as golang.org/x/tools' passes do.
package analyzerdoc

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// MustExtract returns the text of the "# Analyzer name" section of the
// package doc comment in content (a doc.go file); it panics if absent, so
// a missing doc fails every test at package init.
func MustExtract(content, name string) string {
	doc, err := Extract(content, name)
	if err != nil {
		panic(err)
	}
	return doc
}

// Extract returns the "# Analyzer name" section of content's package doc.
func Extract(content, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", err
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go has no package doc comment")
	}
	text := f.Doc.Text()
	heading := "# Analyzer " + name
	_, section, ok := strings.Cut(text, heading+"\n")
	if !ok {
		return "", fmt.Errorf("doc.go has no %q section", heading)
	}
	if i := strings.Index(section, "\n# "); i >= 0 {
		section = section[:i]
	}
	section = strings.TrimSpace(section)
	if !strings.HasPrefix(section, name+": ") {
		return "", fmt.Errorf("the %q section must start with %q", heading, name+": ")
	}
	return strings.TrimPrefix(section, name+": "), nil
}
