// Package robust_hash has strings with '#' that are not storage keys.
package robust_hash

import (
	"fmt"
	"net/url"
	"strings"

	"ids"
)

const (
	red       = "#ff0000"
	heading   = "# Title"
	totals    = "## Totals"
	csharp    = "C# SDK"
	shebang   = "#!/bin/sh\nset -e\n"
	fragment  = "https://example.com/docs#section-2"
	hashtag   = "#golang #gophers"
	upperTag  = "#NEWS"
	comment   = "# TODO: FIX#1"
	colorFmt  = "#%06x"
	pragma    = "#pragma once"
	include   = "#include <stdio.h>"
	anchors   = "README.md#INSTALL"
	markdown  = "### STEP#3"
	numbering = "NO#1"
)

func render(tenantID ids.TenantID, n int, color uint32, u *url.URL) []string {
	return []string{
		fmt.Sprintf("issue #%d", n),
		fmt.Sprintf(colorFmt, color),
		fmt.Sprintf("#%06x", color),
		fmt.Sprintf("tenant %s: see issue #%d", tenantID, n),
		fmt.Sprintf("https://app.example.com/%s/settings#billing", tenantID),
		fmt.Sprintf("## Report for %s", tenantID),
		fmt.Sprintf("C# client for tenant %s", tenantID),
		fmt.Sprintf("%s#%d", tenantID, n),
		"# " + string(tenantID),
		"<a href=\"#" + string(tenantID) + "\">",
		u.Fragment + "#" + u.Path,
		strings.Join([]string{"a", "b"}, "#"),
		strings.Repeat("#", n),
		red, heading, totals, csharp, shebang, fragment, hashtag, upperTag, comment, pragma, include, anchors, markdown, numbering,
	}
}

// parse uses a bare label to parse keys: not a key.
func parse(pk string) (ids.TenantID, bool) {
	rest, ok := strings.CutPrefix(pk, "TENANT#")
	if !ok || !strings.HasPrefix(pk, "TENANT#") {
		return "", false
	}
	t, _, _ := strings.Cut(rest, "#")
	return ids.TenantID(strings.TrimPrefix(t, "TENANT#")), true
}
