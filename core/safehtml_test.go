package core

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The safe-output checker. The HTML we emit is put into someone's live
// page, so it may hold only what goldmark's renderer makes from Markdown:
// the elements and attributes below, and URLs whose scheme, as a browser
// reads it, is allow-listed. The checker reads the output twice, as tokens
// (what the bytes say) and as a parsed fragment (what a browser builds),
// so that neither a tag the parser would fold away nor a tree the parser
// would build from odd bytes gets past it.

// safeElems are the elements goldmark renders from CommonMark plus the GFM
// table and strikethrough extensions.
var safeElems = map[string]bool{
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"a": true, "img": true, "em": true, "strong": true, "del": true, "code": true, "pre": true,
	"blockquote": true, "ul": true, "ol": true, "li": true, "table": true, "thead": true,
	"tbody": true, "tr": true, "th": true, "td": true, "hr": true, "br": true,
}

// safeAttrs maps each attribute to the elements it may appear on.
var safeAttrs = map[string]map[string]bool{
	"href":  {"a": true},
	"src":   {"img": true},
	"alt":   {"img": true},
	"title": {"a": true, "img": true},
	"align": {"th": true, "td": true},
	"start": {"ol": true},
	"class": {"code": true},
}

var (
	langClass  = regexp.MustCompile(`^language-[A-Za-z0-9+#_.-]+$`)
	alignValue = regexp.MustCompile(`^(left|right|center)$`)
	startValue = regexp.MustCompile(`^[0-9]{1,9}$`)
	// dataImage are the data: URLs allowed in img src: raster images,
	// which cannot run script (unlike image/svg+xml).
	dataImage = regexp.MustCompile(`^data:image/(png|jpeg|gif|webp)[;,]`)
)

// browserURL reads an attribute value (already entity-decoded) the way
// the URL parser of a browser does before it looks at the scheme: leading
// and trailing C0 controls and spaces stripped, tabs and newlines removed
// anywhere, the scheme case-insensitive.
func browserURL(v string) string {
	v = strings.TrimFunc(v, func(r rune) bool { return r <= 0x20 })
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	return v
}

// urlProblem returns why the URL attribute value v is unsafe, or "".
func urlProblem(v string, image bool) string {
	u := browserURL(v)
	low := strings.ToLower(u)
	scheme := ""
	if i := strings.IndexAny(low, ":/?#"); i > 0 && low[i] == ':' {
		scheme = low[:i]
	} else if i == 0 && low[0] == ':' {
		return "starts with a colon"
	}
	// A dangerous scheme name anywhere in the address is refused too,
	// unless the address is plainly http(s) or mailto (where it is only
	// part of a path or query): a relative address that spells one
	// means some decoding step is one rendering away from running it.
	if scheme != "http" && scheme != "https" && scheme != "mailto" {
		for _, bad := range []string{"javascript:", "vbscript:", "data:text", "livescript:", "file:"} {
			if strings.Contains(low, bad) {
				return fmt.Sprintf("contains %q", bad)
			}
		}
	}
	switch scheme {
	case "", "http", "https":
		return ""
	case "mailto":
		if image {
			return "mailto: as an image"
		}
		return ""
	case "data":
		if image && dataImage.MatchString(low) {
			return ""
		}
		return "data: URL that is not a raster image"
	}
	return fmt.Sprintf("scheme %q not allowed", scheme)
}

// checkSafeHTML returns every reason out is not safe output; none means it
// is.
func checkSafeHTML(out string) []string {
	var probs []string
	add := func(format string, args ...any) {
		if len(probs) < 20 {
			probs = append(probs, fmt.Sprintf(format, args...))
		}
	}
	checkAttrs := func(el string, attrs []html.Attribute) {
		for _, a := range attrs {
			if a.Namespace != "" {
				add("<%s> has namespaced attribute %s:%s", el, a.Namespace, a.Key)
				continue
			}
			on, ok := safeAttrs[a.Key]
			if !ok || !on[el] {
				add("<%s> has attribute %s=%q", el, a.Key, a.Val)
				continue
			}
			switch a.Key {
			case "href", "src":
				if p := urlProblem(a.Val, a.Key == "src"); p != "" {
					add("<%s %s=%q>: %s", el, a.Key, a.Val, p)
				}
			case "class":
				if !langClass.MatchString(a.Val) {
					add("<%s class=%q>", el, a.Val)
				}
			case "align":
				if !alignValue.MatchString(a.Val) {
					add("<%s align=%q>", el, a.Val)
				}
			case "start":
				if !startValue.MatchString(a.Val) {
					add("<%s start=%q>", el, a.Val)
				}
			}
		}
	}

	// As tokens.
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				add("tokenizer: %v", z.Err())
			}
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			if !safeElems[tok.Data] {
				add("element <%s>", tok.Data)
			}
			checkAttrs(tok.Data, tok.Attr)
		case html.EndTagToken:
			if !safeElems[tok.Data] {
				add("end tag </%s>", tok.Data)
			}
		case html.CommentToken:
			// goldmark writes "<!-- raw HTML omitted -->" where raw
			// HTML reached the Markdown: escaping failed upstream.
			add("comment <!--%s-->", tok.Data)
		case html.DoctypeToken:
			add("doctype %q", tok.Data)
		}
	}

	// As a browser builds it.
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(out), ctx)
	if err != nil {
		add("parse: %v", err)
		return probs
	}
	for _, root := range nodes {
		walk(root, func(n *html.Node) bool {
			switch n.Type {
			case html.ElementNode:
				if n.Namespace != "" {
					add("foreign element %s:%s", n.Namespace, n.Data)
				}
				if !safeElems[n.Data] {
					add("parsed element <%s>", n.Data)
				}
				checkAttrs(n.Data, n.Attr)
			case html.CommentNode:
				add("parsed comment")
			}
			return true
		}, nil)
	}
	return probs
}

// unsafeMD renders Markdown with raw HTML and every URL passed through:
// what any other Markdown renderer might do with our Markdown field. If
// that output passes the checker, the Markdown holds no raw HTML and no
// dangerous link, whoever renders it.
var unsafeMD = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

// safeMD is goldmark as the pipeline configures it (render.go).
var safeMD = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

func renderWith(t testing.TB, g goldmark.Markdown, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := g.Convert([]byte(src), &b); err != nil {
		t.Fatalf("goldmark: %v", err)
	}
	return b.String()
}

// checkMarkdownSafe returns the problems of the Markdown field: raw HTML or
// unsafe URLs that a renderer with raw HTML enabled would pass on.
func checkMarkdownSafe(t testing.TB, md string) []string {
	t.Helper()
	return checkSafeHTML(renderWith(t, unsafeMD, md))
}

// checkArticleSafe checks every output field of a: the HTML, the Markdown
// as rendered by goldmark safe and unsafe, and that the title shows as the
// same plain text it is in a.Title.
func checkArticleSafe(t testing.TB, a *Article) []string {
	t.Helper()
	var probs []string
	for _, p := range checkSafeHTML(a.HTML) {
		probs = append(probs, "HTML: "+p)
	}
	for _, p := range checkSafeHTML(renderWith(t, safeMD, a.Markdown)) {
		probs = append(probs, "Markdown rendered: "+p)
	}
	for _, p := range checkMarkdownSafe(t, a.Markdown) {
		probs = append(probs, "Markdown with raw HTML on: "+p)
	}
	if a.Title != "" {
		if got := firstHeadingText(a.HTML); got != normSpace(a.Title) {
			probs = append(probs, fmt.Sprintf("title %q shows as %q", a.Title, got))
		}
	}
	return probs
}

// visibleText returns the text a browser shows for an HTML fragment, with
// whitespace collapsed.
func visibleText(out string) string {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(out), ctx)
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, n := range nodes {
		walk(n, func(k *html.Node) bool {
			if k.Type == html.TextNode {
				b.WriteString(k.Data)
			} else if k.Type == html.ElementNode && k.DataAtom != 0 && isBlockish(k.DataAtom) {
				b.WriteByte(' ')
			}
			return true
		}, nil)
	}
	return normSpace(b.String())
}

// firstHeadingText returns the text of the first <h1> of out.
func firstHeadingText(out string) string {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(out), ctx)
	if err != nil {
		return ""
	}
	for _, n := range nodes {
		if h := firstElem(n, atom.H1); h != nil {
			return textOf(h)
		}
	}
	return ""
}

// TestSafeHTMLChecker pins the checker itself: it must refuse what it is
// there to refuse, or every test built on it passes for nothing.
func TestSafeHTMLChecker(t *testing.T) {
	safe := []string{
		`<h1>T</h1><p>a <a href="https://x.test/a?b#c">b</a> <em>c</em> <strong>d</strong> <del>e</del></p>`,
		`<p><img src="https://x.test/i.png" alt="i" title="t"> <img src="data:image/png;base64,AAAA" alt=""></p>`,
		`<p><a href="/rel">r</a> <a href="mailto:a@b.test">m</a> <a href="#frag">f</a> <a href="">e</a></p>`,
		"<pre><code class=\"language-go\">x := &lt;script&gt;\n</code></pre>",
		`<ol start="3"><li>x</li></ol><ul><li>y<br></li></ul><blockquote><p>q</p></blockquote><hr>`,
		`<table><thead><tr><th align="left">a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>`,
		`<p>&lt;script&gt;alert(1)&lt;/script&gt; and javascript:alert(1) as text</p>`,
	}
	for _, s := range safe {
		if p := checkSafeHTML(s); len(p) > 0 {
			t.Errorf("safe output refused: %s\n%q", strings.Join(p, "; "), s)
		}
	}
	unsafe := []string{
		`<script>alert(1)</script>`,
		`<p onclick="x">a</p>`,
		`<img src=x onerror=alert(1)>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href="jav&#x09;ascript:alert(1)">x</a>`,
		`<a href="&#106;avascript:alert(1)">x</a>`,
		`<a href=" JaVaScRiPt:alert(1)">x</a>`,
		"<a href=\"\x01javascript:alert(1)\">x</a>",
		`<a href="java&#10;script:alert(1)">x</a>`,
		`<a href="vbscript:msgbox(1)">x</a>`,
		`<a href="data:text/html,<script>alert(1)</script>">x</a>`,
		`<img src="data:image/svg+xml,<svg onload=alert(1)>">`,
		`<a href="data:image/png;base64,AAAA">x</a>`,
		`<svg><a href="https://x">x</a></svg>`,
		`<math><mi>x</mi></math>`,
		`<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>`,
		`<p style="background:url(javascript:alert(1))">x</p>`,
		`<code class="x onclick">y</code>`,
		`<!-- raw HTML omitted -->`,
		`<p>a<form><button formaction="javascript:alert(1)">b</button></form></p>`,
		`<base href="javascript:alert(1)//">`,
		`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
		`<a href="https://x" target="_blank">x</a>`,
	}
	for _, s := range unsafe {
		if p := checkSafeHTML(s); len(p) == 0 {
			t.Errorf("unsafe output passed: %q", s)
		}
	}
	// Markdown: raw HTML or a dangerous link must be caught.
	for _, md := range []string{"a <script>alert(1)</script>", "[x](javascript:alert(1))", "![x](javascript:alert(1))", "<img src=x onerror=alert(1)>", "<javascript:alert(1)>"} {
		if p := checkMarkdownSafe(t, md); len(p) == 0 {
			t.Errorf("unsafe Markdown passed: %q", md)
		}
	}
	for _, md := range []string{`a \<script\>alert(1)\</script\>`, `\[x\](javascript:alert(1))`, "[x](https://x.test/)"} {
		if p := checkMarkdownSafe(t, md); len(p) > 0 {
			t.Errorf("safe Markdown refused: %q: %v", md, p)
		}
	}
}
