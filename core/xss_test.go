package core

import (
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/cleanread/cleanread/internal/xssvectors"
)

// XSS vectors of our own (internal/xssvectors, shared with the Chromium
// test in web/), each put inside a real article so that it survives
// extraction. Every output field is checked with the safe-output checker
// (safehtml_test.go); text that looks like markup must come out as the same
// visible text.

// xssPage builds a news page whose article holds vector between its
// second and third paragraphs; head goes into <head>, title is the raw
// <title> markup and byline the raw byline markup.
func xssPage(title, head, byline, vector string) []byte {
	return xssvectors.Page(title, head, byline, vector)
}

// xssCase is one of xssvectors.Cases; see there for the fields.
type xssCase struct {
	name, title, head, byline, vector string
	keep                              []string
	bug, bugNoURL                     string
}

var xssCases = func() []xssCase {
	out := make([]xssCase, len(xssvectors.Cases))
	for i, c := range xssvectors.Cases {
		out[i] = xssCase{name: c.Name, title: c.Title, head: c.Head, byline: c.Byline, vector: c.Vector,
			keep: c.Keep, bug: c.Bug, bugNoURL: c.BugNoURL}
	}
	return out
}()

func TestXSS(t *testing.T) {
	for _, withURL := range []bool{true, false} {
		for _, c := range xssCases {
			name := c.name
			if !withURL {
				name += "/no URL"
			}
			t.Run(name, func(t *testing.T) {
				in := Input{HTML: xssPage(c.title, c.head, c.byline, c.vector)}
				if withURL {
					in.URL = "https://harbour.test/news/2024/lighthouse"
				}
				a, err := New(Options{}).Extract(in)
				if err != nil {
					t.Fatalf("extract: %v (the vector must sit in an article that survives)", err)
				}
				bug := c.bug
				if !withURL && c.bugNoURL != "" {
					bug = c.bugNoURL
				}
				rep, kb := checker(t, bug)
				for _, p := range checkArticleSafe(t, a) {
					rep.Errorf("%s", p)
				}
				vis := visibleText(a.HTML)
				for _, k := range c.keep {
					if !strings.Contains(vis, normSpace(k)) {
						rep.Errorf("visible text lacks %q", k)
					}
				}
				if !strings.Contains(vis, "After four years of scaffolding") || !strings.Contains(vis, "coming home") {
					rep.Errorf("the article around the vector was lost:\n%s", a.Markdown)
				}
				if a.Byline != "" && !strings.Contains(vis, normSpace(a.Byline)) {
					rep.Errorf("byline %q is not shown as text: %s", a.Byline, vis[:min(len(vis), 300)])
				}
				if t.Failed() || (kb != nil && len(kb.msgs) > 0) {
					t.Logf("Markdown:\n%s\nHTML:\n%s", a.Markdown, a.HTML)
				}
				kb.done(t)
			})
		}
	}
}

// TestXSSMetadataURLs checks the metadata fields that are addresses: a
// reader shows LeadImage as an image and URL as a link, so they obey the
// same URL rules as the article's own links and images. Dir and Lang go
// into attributes of the reader's page.
func TestXSSMetadataURLs(t *testing.T) {
	cases := []struct {
		name, head, vector, url string
		bug                     string
	}{
		{name: "og:image javascript", head: `<meta property="og:image" content="javascript:alert(1)">`, url: "https://harbour.test/a"},
		{name: "og:image javascript no URL", head: `<meta property="og:image" content="javascript:alert(1)">`},
		{name: "og:image split", head: "<meta property=\"og:image\" content=\"java\tscript:alert(1)\">", url: "https://harbour.test/a"},
		{name: "og:image data html", head: `<meta property="og:image" content="data:text/html,<script>alert(1)</script>">`},
		{name: "og:image svg", head: `<meta property="og:image" content="data:image/svg+xml,<svg onload=alert(1)>">`},
		{name: "json-ld image", head: `<script type="application/ld+json">{"@type":"Article","image":{"url":"vbscript:msgbox(1)"}}</script>`},
		{name: "first img javascript", vector: `<p><img src="javascript:alert(1)" alt="x"> An image with a script address.</p>`, url: "https://harbour.test/a"},
		{name: "page URL javascript", url: "javascript:alert(1)//https://harbour.test/"},
		{name: "dir attribute"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page := xssPage("", c.head, "", c.vector)
			if c.name == "dir attribute" {
				page = []byte(strings.Replace(string(page), `<html lang="en">`, `<html lang="en&quot; onload=&quot;x" dir="rtl&quot; onclick=&quot;alert(1)">`, 1))
			}
			a, err := New(Options{}).Extract(Input{HTML: page, URL: c.url})
			if err != nil {
				t.Fatalf("extract: %v", err)
			}
			rep, kb := checker(t, c.bug)
			if a.LeadImage != "" {
				if p := urlProblem(a.LeadImage, true); p != "" {
					rep.Errorf("LeadImage %q: %s", a.LeadImage, p)
				}
			}
			if a.URL != "" {
				if p := urlProblem(a.URL, false); p != "" {
					rep.Errorf("URL %q: %s", a.URL, p)
				}
			}
			switch a.Dir {
			case "", "ltr", "rtl", "auto":
			default:
				rep.Errorf("Dir %q is not ltr, rtl or auto", a.Dir)
			}
			if strings.ContainsAny(a.Lang, `"'<> `) {
				rep.Errorf("Lang %q holds characters no language tag has", a.Lang)
			}
			kb.done(t)
		})
	}
}

// TestXSSTextRoundTrip puts characters that mean something in Markdown or
// HTML into every place text can be (paragraph, heading, link text, alt,
// list item, table cell, quote, title, byline) and checks the rendered
// HTML shows them exactly.
func TestXSSTextRoundTrip(t *testing.T) {
	nasty := []string{
		`<script>alert(1)</script>`, `**bold** __u__ *i* _j_ ~~s~~`, "`code`", `[a](b) ![c](d) [e]: f`,
		`<https://evil.test>`, `&amp; &lt; &#106; &colon;`, `\* \\ \[`, `| a | b |`, `# h`, `1. x`, `- y`, `> q`,
		`<!-- c -->`, `<?x?>`, `<![CDATA[x]]>`, `===`, `---`, `***`, `    indented`, "~~~", "```",
	}
	for i, s := range nasty {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			esc := html.EscapeString(s)
			vec := `<p>The keepers wrote ` + esc + ` in the margin of the logbook on a stormy night.</p>` +
				`<p>` + esc + `</p>` +
				`<h2>Section ` + esc + `</h2><p>The section starts with a sentence about the weather on the pier.</p>` +
				`<ul><li>Item ` + esc + `</li><li>` + esc + `</li></ul>` +
				`<blockquote><p>Quote ` + esc + `</p></blockquote>` +
				`<p>Link <a href="https://harbour.test/x">text ` + esc + `</a> and image <img src="https://harbour.test/i.png" alt="` + esc + `">. The keepers kept a record of every ship that passed the pier in fog, and the trust has now put those pages on show.</p>` +
				`<table><tr><th>A</th><th>B</th></tr><tr><td>` + esc + `</td><td>cell</td></tr></table>`
			a, err := New(Options{}).Extract(Input{HTML: xssPage("Lighthouse "+esc, "", "By Jane "+esc, vec), URL: "https://harbour.test/a"})
			if err != nil {
				t.Fatalf("extract: %v", err)
			}
			for _, p := range checkArticleSafe(t, a) {
				t.Errorf("%s", p)
			}
			vis := visibleText(a.HTML)
			want := normSpace(s)
			for _, ctx := range []string{"wrote " + want + " in the margin", "Section " + want, "Item " + want, "Quote " + want, "text " + want} {
				if !strings.Contains(vis, ctx) {
					t.Errorf("visible text lacks %q", ctx)
				}
			}
			if !strings.Contains(a.Text, "wrote "+want+" in the margin") {
				t.Errorf("Text lacks %q", want)
			}
			if t.Failed() {
				t.Logf("Markdown:\n%s\nHTML:\n%s", a.Markdown, a.HTML)
			}
		})
	}
}

// TestLinksResolvedAfterNormalising: an address with the tabs and
// newlines browsers ignore is still resolved against the page's URL, or the
// reader (on another origin) points the link somewhere else.
func TestLinksResolvedAfterNormalising(t *testing.T) {
	vec := "<p>Read <a href=\"/news/\n2024/log\tbook\">the logbook</a> and <a href=\"0&#10A\">the other page</a> on the trust's site, where the keepers' records are kept in full.</p>"
	a, err := New(Options{}).Extract(Input{HTML: xssPage("", "", "", vec), URL: "https://harbour.test/news/story"})
	if err != nil {
		t.Fatalf("extract: %v", err)
	}
	rep, kb := checker(t, "")
	for _, want := range []string{"](https://harbour.test/news/2024/logbook)", "](https://harbour.test/news/0A)"} {
		if !strings.Contains(a.Markdown, want) {
			rep.Errorf("Markdown lacks %q", want)
		}
	}
	kb.done(t)
}
