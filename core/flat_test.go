package core

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// appendFlat appends n's subtree in the flat form of flat.go, as
// cleanread.js's pageTree writes a live document (its twin in Go, for the
// tests: the browser tests check that the two agree).
func appendFlat(b []byte, n *html.Node) []byte {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.ElementNode:
			switch c.Namespace {
			case "svg":
				b = append(b, flatSVG)
			case "math":
				b = append(b, flatMath)
			default:
				b = append(b, flatElem)
			}
			b = append(append(b, c.Data...), 0)
			for _, a := range c.Attr {
				k := a.Key
				if a.Namespace != "" {
					k = a.Namespace + ":" + k
				}
				if k == "" || k[0] < flatRecord {
					continue
				}
				b = append(append(b, k...), 0)
				b = append(append(b, noNUL(a.Val)...), 0)
			}
			b = appendFlat(b, c)
			b = append(b, flatEnd)
		case html.TextNode:
			b = append(b, flatText)
			b = append(append(b, noNUL(c.Data)...), 0)
		case html.CommentNode:
			b = append(b, flatCmt)
		}
	}
	return b
}

func noNUL(s string) string { return strings.ReplaceAll(s, "\x00", "\uFFFD") }

// flatOf is the flat form of page's parsed tree.
func flatOf(t testing.TB, page string) (*html.Node, string) {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return nil, ""
	}
	return root, string(appendFlat(nil, root))
}

var flatCases = append([]string{
	`<!DOCTYPE html><html lang=en><head><title>T</title><script type="application/ld+json">{"a":1}</script>
<script>var x = "<p>";</script><style>p{}</style></head><body>
<p class=a id=b onclick="go()" data-x=1>One <b class=c onclick="y()">two</b>
                  three</p><!-- note --><pre>
   kept      as is   </pre><img src=a.png width=3 data-src=b.png alt=x>
<svg viewBox="0 0 1 1"><image xlink:href="i.png" width=1></image><foreignObject><p>in</p></foreignObject></svg>
<math><mi>x</mi></math><template><p>t</p></template><noscript><img src=n.png></noscript>
<table><tr><td>cell<td>two</table><a href="/x">link</a> &amp; text</body></html>`,
	"<p>a\x00b</p><p title=\"x\x00y\">c</p>",
	"no markup at all",
	"",
}, rawTextCases...)

// The flat tree of a parsed page builds the parser's tree again, but for
// the cuts no stage can tell (blankRawText's, see sameNodes).
func TestFlatTreeIsTheParsedTree(t *testing.T) {
	check := func(name, page string) {
		t.Helper()
		root, flat := flatOf(t, page)
		if root == nil {
			return
		}
		b := flatBuilder{s: flat}
		if d := sameNodes(root, b.build()); d != "" {
			t.Errorf("%s: %s", name, d)
		}
	}
	for i, c := range flatCases {
		check("case "+string(rune('0'+i%10)), c)
	}
	eachCorpusText(t, check)
}

// corpusFiles lists the corpus's pages (none under -short or without the
// corpus beside the repository).
func corpusFiles(t *testing.T) []string {
	if testing.Short() {
		return nil
	}
	dir := os.Getenv("CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpus")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*", "source.html"))
	if len(files) == 0 {
		t.Log("no corpus beside the repository (../shared/corpus): corpus part skipped")
	}
	return files
}

// eachCorpusText calls f with each corpus page's path and decoded text
// (a page that does not decode is passed over).
func eachCorpusText(t *testing.T, f func(file, text string)) {
	t.Helper()
	for _, file := range corpusFiles(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if d, err := decode(src, "", nil); err == nil {
			f(file, d.text)
		}
	}
}

// An extraction from the flat tree is the extraction from the page's HTML:
// every field of the result but the charset (the tree's text is UTF-8).
func TestFlatExtractIsHTMLExtract(t *testing.T) {
	ex := New(Options{})
	resultOf := func(in Input) string {
		a, err := ex.Extract(in)
		if a != nil {
			a.Charset = ""
		}
		j, _ := json.Marshal(NewResult(in.URL, a, err))
		return string(j)
	}
	check := func(name, url string, src []byte) {
		t.Helper()
		d, err := decode(src, "", nil)
		if err != nil {
			return
		}
		text := d.text
		if d.charset == "utf-8" {
			// The browser's text: not repaired (the tree's reader does it).
			text = strings.ToValidUTF8(strings.TrimPrefix(string(src), "\uFEFF"), "\uFFFD")
		}
		root, flat := flatOf(t, text)
		if root == nil {
			return
		}
		want := resultOf(Input{HTML: src, URL: url})
		got := resultOf(Input{Tree: []byte(flat), URL: url})
		if got != want {
			t.Errorf("%s: the flat tree's result differs:\n got %s\nwant %s", name, truncate(got, 600), truncate(want, 600))
		}
	}
	for i, c := range flatCases {
		check("case "+string(rune('0'+i%10)), "https://example.org/a/b", []byte(c))
	}
	for _, f := range corpusFiles(t) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		url := ""
		if m, err := os.ReadFile(filepath.Join(filepath.Dir(f), "meta.json")); err == nil {
			var meta struct {
				URL string `json:"url"`
			}
			_ = json.Unmarshal(m, &meta)
			url = meta.URL
		}
		check(f, url, src)
	}
}

// Any bytes make a tree, within the limits, without a panic; a page whose
// HTML extracts extracts from its flat form too.
func FuzzParseFlat(f *testing.F) {
	for _, c := range flatCases {
		_, flat := flatOf(f, c)
		f.Add(flat)
	}
	f.Add("\x01a\x00\x01\x03\x03\x03\x02x")
	f.Add("\x05svg\x00xlink:href\x00a\x00\x06\x02\x00\x04\x01script\x00\x02x\x00\x02y\x00")
	ex := New(Options{Limits: Limits{MaxNodes: 5000, MaxDepth: 64}})
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		a, err := ex.Extract(Input{Tree: []byte(s), URL: "https://example.org/"})
		checkOutcome(t, a, err)
	})
}

// A hostile tree: far deeper than any parser would build (x/net/html
// stops at 512), and a million siblings. The reader is iterative and the
// parse stage's limits apply as they do to HTML.
func TestFlatHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile trees skipped under -short")
	}
	para := "\x01p\x00\x02" + strings.Repeat("The ferry runs again after a winter of repairs. ", 20) + "\x00\x03"
	deep := "\x01html\x00\x01body\x00" + strings.Repeat("\x01div\x00", 200_000) + para + strings.Repeat("\x03", 200_002)
	wide := "\x01html\x00\x01body\x00" + para + strings.Repeat("\x01span\x00\x02x\x00\x03", 1_000_000) + "\x03\x03"
	// Adjacent text records are one node: a million of them, joined once.
	texts := "\x01html\x00\x01body\x00" + para + "\x01p\x00" + strings.Repeat("\x02word \x00", 1_000_000) + "\x03\x03\x03"
	ex := New(Options{})
	for name, tree := range map[string]string{"deep": deep, "wide": wide, "texts": texts} {
		a, err := ex.Extract(Input{Tree: []byte(tree)})
		checkOutcome(t, a, err)
		if name == "deep" && (err != nil || !strings.Contains(a.Text, "The ferry runs again")) {
			t.Errorf("%s: the text under 200000 levels is lost (%v)", name, err)
		}
	}
}

// attrHomeOfAtom answers as attrHomeOf for every HTML element name, in any
// case: those attrHomeOf knows, and the others of the corpus and of HTML.
func TestAttrHomeOfAtom(t *testing.T) {
	names := []string{"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
		"img", "image", "source", "area", "base", "meta", "script", "input", "link",
		"A", "IMG", "Image", "SCRIPT", "Strong", "div", "p", "span", "table", "td", "article", "section", "nav", "picture",
		"figure", "figcaption", "video", "style", "title", "head", "body", "html", "form", "button", "select", "option",
		"sub", "sup", "mark", "abbr", "cite", "q", "ins", "del", "kbd", "samp", "var", "dfn", "time", "data", "bdi", "bdo",
		"imgs", "scripts", "custom-element", "x", ""}
	eachCorpusText(t, func(_, text string) {
		root, err := html.Parse(strings.NewReader(text))
		if err != nil {
			return
		}
		walk(root, func(n *html.Node) bool {
			if n.Type == html.ElementNode && n.Namespace == "" {
				names = append(names, n.Data)
			}
			return true
		}, nil)
	})
	for _, name := range names {
		var buf [16]byte
		a := atom.Atom(0)
		if low, ok := lowerName(buf[:], name); ok {
			a = atom.Lookup(low)
		}
		if got, want := attrHomeOfAtom(a), attrHomeOf(name); got != want {
			t.Errorf("%q: attrHomeOfAtom %d, attrHomeOf %d", name, got, want)
		}
	}
}
