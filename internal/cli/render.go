package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"strings"

	"github.com/cleanread/cleanread/core"
)

// Render returns the output of one input in format (markdown, html, text or
// json), as the CLI writes it. For json, a failed input (err != nil) gives
// the object with its "error"; for the other formats it gives nil. The
// evaluation tool uses it so that its predictions are the CLI's -f text.
func Render(format, name string, a *core.Article, err error) []byte {
	if format == "json" {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(core.NewResult(name, a, err)); err != nil {
			// Result holds only strings, numbers and slices of them.
			panic(fmt.Sprintf("cleanread: encoding the result of %s: %v", name, err))
		}
		return b.Bytes()
	}
	if err != nil || a == nil {
		return nil
	}
	var s string
	switch format {
	case "text":
		s = a.Text
	case "html":
		s = htmlHead(a) + a.HTML
	default:
		s = markdownHead(a) + a.Markdown
	}
	return []byte(strings.TrimRight(s, "\n") + "\n")
}

// byline is the "byline · date" line under the title.
func byline(a *core.Article) string {
	var parts []string
	for _, p := range []string{a.Byline, a.Published} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// markdownHead is the title and byline/date line that start -f markdown,
// unless the core's Markdown already starts with a title.
func markdownHead(a *core.Article) string {
	if strings.HasPrefix(strings.TrimLeft(a.Markdown, "\n"), "# ") {
		return ""
	}
	var b strings.Builder
	if t := strings.TrimSpace(a.Title); t != "" {
		b.WriteString("# " + strings.ReplaceAll(t, "\n", " ") + "\n\n")
	}
	if l := byline(a); l != "" {
		b.WriteString("*" + l + "*\n\n")
	}
	return b.String()
}

// htmlHead is markdownHead for -f html, unless the core's HTML already
// has an <h1> before its first paragraph.
func htmlHead(a *core.Article) string {
	lower := strings.ToLower(a.HTML)
	if h1 := strings.Index(lower, "<h1"); h1 >= 0 {
		if p := strings.Index(lower, "<p"); p < 0 || h1 < p {
			return ""
		}
	}
	var b strings.Builder
	if t := strings.TrimSpace(a.Title); t != "" {
		b.WriteString("<h1>" + html.EscapeString(t) + "</h1>\n")
	}
	if l := byline(a); l != "" {
		b.WriteString(`<p class="byline">` + html.EscapeString(l) + "</p>\n")
	}
	return b.String()
}

// explainLines says what was removed and why, one line each: the core's
// own Explain lines, or else one line per removal.
func explainLines(a *core.Article) []string {
	if a == nil {
		return nil
	}
	if len(a.Explain) > 0 {
		return a.Explain
	}
	var lines []string
	for _, d := range a.Removed.Details {
		lines = append(lines, fmt.Sprintf("removed %s (%s, size %d): %q", d.Kind, d.Reason, d.Size, d.Sample))
	}
	return lines
}
