package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/capsulelint/capsulelint/internal/baseline"
)

// SARIF 2.1.0, the subset capsulelint writes.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds"`
	Results            []sarifResult               `json:"results"`
	ColumnKind         string                      `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration map[string]any `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties,omitempty"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           sarifRegion      `json:"region"`
	} `json:"physicalLocation"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

// writeSARIF prints findings as a SARIF 2.1.0 log: ruleId is the analyzer,
// rule help its documentation, URIs relative to %SRCROOT% (the module
// root), columns in UTF-16 code units, fixes as SARIF fixes.
func writeSARIF(w io.Writer, all []*analysis.Analyzer, findings []finding) error {
	root := moduleRoot()
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "capsulelint", Version: numericVersion(),
			InformationURI: "https://pkg.go.dev/github.com/capsulelint/capsulelint",
		}},
		OriginalURIBaseIDs: map[string]sarifArtifactLoc{"%SRCROOT%": {URI: "file://" + filepath.ToSlash(root) + "/"}},
		Results:            []sarifResult{},
		ColumnKind:         "utf16CodeUnits",
	}
	index := map[string]int{}
	for i, a := range all {
		index[a.Name] = i
		short, _, _ := strings.Cut(a.Doc, "\n")
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID: a.Name, Name: ruleNames[a.Name],
			ShortDescription:     sarifText{Text: short},
			FullDescription:      sarifText{Text: a.Doc},
			Help:                 sarifText{Text: a.Doc, Markdown: a.Doc},
			HelpURI:              a.URL,
			DefaultConfiguration: map[string]any{"level": "error"},
			Properties:           map[string]any{"tags": []string{"security", "multi-tenant"}, "security-severity": "8.0"},
		})
	}
	lines := newLineCache()
	for _, f := range findings {
		loc := sarifLocation{}
		loc.PhysicalLocation.ArtifactLocation = artifact(root, f.posn.Filename)
		end := f.diag.End
		if !end.IsValid() {
			end = f.diag.Pos
		}
		loc.PhysicalLocation.Region = lines.region(f.fset, f.diag.Pos, end)
		fp := baseline.Fingerprint(f.fset, f.file, f.diag.Pos, f.analyzer.Name, f.diag.Message)
		sum := sha256.Sum256([]byte(fp.Analyzer + "\x00" + fp.File + "\x00" + fp.Decl + "\x00" + fp.Message))
		res := sarifResult{
			RuleID: f.analyzer.Name, RuleIndex: index[f.analyzer.Name], Level: "error",
			Message:             sarifText{Text: f.diag.Message},
			Locations:           []sarifLocation{loc},
			PartialFingerprints: map[string]string{"capsulelint/v1": hex.EncodeToString(sum[:16])},
		}
		for _, fix := range f.diag.SuggestedFixes {
			byFile := map[string]*sarifArtifactChange{}
			var order []string
			for _, e := range fix.TextEdits {
				name := f.fset.Position(e.Pos).Filename
				ch, ok := byFile[name]
				if !ok {
					ch = &sarifArtifactChange{ArtifactLocation: artifact(root, name)}
					byFile[name] = ch
					order = append(order, name)
				}
				end := e.End
				if !end.IsValid() {
					end = e.Pos
				}
				ch.Replacements = append(ch.Replacements, sarifReplacement{
					DeletedRegion:   lines.region(f.fset, e.Pos, end),
					InsertedContent: sarifText{Text: string(e.NewText)},
				})
			}
			sf := sarifFix{Description: sarifText{Text: fix.Message}}
			for _, name := range order {
				sf.ArtifactChanges = append(sf.ArtifactChanges, *byFile[name])
			}
			res.Fixes = append(res.Fixes, sf)
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// ruleNames are the SARIF rule names (which must differ from the ids).
var ruleNames = map[string]string{
	"capsulefield": "EntityWithoutCapsuleID",
	"keyformat":    "KeyWithoutTenantAndCapsuleSegments",
	"repocapsule":  "RepositoryMethodWithoutCapsuleID",
	"gsitenant":    "GSIKeyWithoutTenantID",
}

// numericVersion is the module version without its "v", as SARIF
// consumers compare versions numerically.
func numericVersion() string {
	v := strings.TrimPrefix(version(), "v")
	if v == "" || v[0] < '0' || v[0] > '9' {
		return "0.0.0-devel"
	}
	return v
}

func artifact(root, file string) sarifArtifactLoc {
	if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
		return sarifArtifactLoc{URI: filepath.ToSlash(rel), URIBaseID: "%SRCROOT%"}
	}
	return sarifArtifactLoc{URI: "file://" + filepath.ToSlash(file)}
}

// moduleRoot is the directory of the go.mod above the working directory,
// or the working directory.
func moduleRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			return wd
		}
	}
}

// lineCache converts byte columns to UTF-16 columns, reading each file
// once.
type lineCache map[string][]byte

func newLineCache() lineCache { return lineCache{} }

func (c lineCache) region(fset *token.FileSet, pos, end token.Pos) sarifRegion {
	start, stop := fset.Position(pos), fset.Position(end)
	return sarifRegion{
		StartLine: start.Line, StartColumn: c.utf16Col(start.Filename, start.Offset, start.Column),
		EndLine: stop.Line, EndColumn: c.utf16Col(stop.Filename, stop.Offset, stop.Column),
	}
}

// utf16Col returns the 1-based UTF-16 column of the byte offset.
func (c lineCache) utf16Col(file string, offset, byteCol int) int {
	src, ok := c[file]
	if !ok {
		src, _ = os.ReadFile(file)
		c[file] = src
	}
	lineStart := offset - (byteCol - 1)
	if lineStart < 0 || offset > len(src) {
		return byteCol
	}
	col := 1
	for _, r := range string(src[lineStart:offset]) {
		if r >= 0x10000 {
			col += 2
		} else {
			col++
		}
	}
	return col
}
