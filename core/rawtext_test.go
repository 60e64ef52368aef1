package core

import (
	"bufio"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// sameTree reports where the trees of the original and the blanked text
// differ: they must be the same node for node, but for the text of script
// and style elements, which is one space when it was cut, the text of
// comments, which may be empty, and the attributes that cutAttr lets go,
// which may be missing (never on formatting elements).
func sameTree(t *testing.T, orig, blanked string) string {
	t.Helper()
	a, err := html.ParseWithOptions(strings.NewReader(orig))
	if err != nil {
		return "" // the parser refuses both alike (depth): not this test's business
	}
	b, err := html.ParseWithOptions(strings.NewReader(blanked))
	if err != nil {
		return "blanked text does not parse: " + err.Error()
	}
	return sameNodes(a, b)
}

// sameNodes compares a page's tree, a, with b, the tree of the same page
// with the cuts that no stage can tell (see blankRawText), and describes
// the first difference ("" when there is none). Doctypes are passed over.
func sameNodes(a, b *html.Node) string {
	var diff string
	var cmp func(x, y *html.Node, path string) bool
	cmp = func(x, y *html.Node, path string) bool {
		xa, ya := x.Attr, y.Attr
		if x.Type == html.ElementNode && !formattingTag(x.Data) {
			home := attrHomeOf(x.Data)
			xa, ya = readAttrs(home, xa), readAttrs(home, ya)
		}
		if x.Type != y.Type || x.DataAtom != y.DataAtom || x.Namespace != y.Namespace || x.Data != y.Data && x.Type == html.ElementNode {
			diff = path + ": node " + x.Data + " vs " + y.Data
			return false
		}
		if x.Data != y.Data {
			p := x.Parent
			rawText := x.Type == html.TextNode && p != nil && p.Namespace == "" && (p.DataAtom == atom.Script || p.DataAtom == atom.Style) && y.Data == " "
			// a comment's text, cut
			comment := x.Type == html.CommentNode && y.Data == ""
			// Whitespace between tags is cut to its first byte: the same
			// text once runs of whitespace are one, but inside <pre>.
			spaces := x.Type == html.TextNode && !inPre(x) && collapseSpace(x.Data) == collapseSpace(y.Data)
			if !rawText && !comment && !spaces {
				diff = path + ": data " + truncate(x.Data, 60) + " vs " + truncate(y.Data, 60)
				return false
			}
		}
		if len(xa) != len(ya) {
			diff = path + ": attributes"
			return false
		}
		for i := range xa {
			if xa[i] != ya[i] {
				diff = path + ": attribute " + xa[i].Key + "=" + truncate(xa[i].Val, 30) + " vs " + ya[i].Key + "=" + truncate(ya[i].Val, 30)
				return false
			}
		}
		if len(y.Attr) > len(x.Attr) {
			diff = path + ": more attributes"
			return false
		}
		xc, yc := x.FirstChild, y.FirstChild
		for ; ; xc, yc = xc.NextSibling, yc.NextSibling {
			for xc != nil && xc.Type == html.DoctypeNode {
				xc = xc.NextSibling
			}
			for yc != nil && yc.Type == html.DoctypeNode {
				yc = yc.NextSibling
			}
			if xc == nil || yc == nil {
				break
			}
			if !cmp(xc, yc, path+"/"+xc.Data) {
				return false
			}
		}
		if xc != nil || yc != nil {
			diff = path + ": children"
			return false
		}
		return true
	}
	cmp(a, b, "")
	return diff
}

// readAttrs returns the attributes that cutAttrOn keeps on an element of
// home, in their order.
func readAttrs(home attrHome, a []html.Attribute) []html.Attribute {
	var r []html.Attribute
	for _, x := range a {
		k := x.Key // as in the page: svg's xlink:href is {xlink href}
		if x.Namespace != "" {
			k = x.Namespace + ":" + k
		}
		if !cutAttrOn(home, k, x.Val) {
			r = append(r, x)
		}
	}
	return r
}

var rawTextCases = []string{
	`<html><head><style>body{color:red}</style><script>var a = "</div>";</script></head><body><p>x</p></body></html>`,
	`<script type="application/ld+json">{"@type":"NewsArticle"}</script><script>if (a<b) c();</script><p>t</p>`,
	`<script>document.write("<!--<script>x</script>-->")</script><style>a{}</style><p>after</p>`,
	`<svg><style>.a{fill:red}</style><title>icon</title></svg><style>p{}</style><script>x()</script>`,
	`<svg><p>breakout</p><style>in html</style></svg><script>y()</script>`,
	`<math><mi><style>z</style></mi></math><script>y()</script>`,
	`<svg/><style>after a self-closing svg</style><svg a=b/><style>not self-closing</style>`,
	`<textarea><script>not a script</script></textarea><title><style>not a style</style></title><script>real()</script>`,
	`<!-- <script> --><style>s{}</style><!--> <script>a</script><!---> <style>b</style>`,
	`<script type="text/javascript" type='application/ld+json'>{"@type":"NewsArticle"}</script><script type=text/x type="ld+json">b</script><script src="a.js" TYPE="text/javascript"></script>`,
	`<link rel="stylesheet" href="a.css" type="text/css"><img src="a.jpg" width="10" height="2" data-src="b.jpg"><image src="c.jpg" width="3"><iframe src="f" width="1" name="n"></iframe>`,
	`<area href="/a" name="m" type="x"><base href="/b"><meta name="author" content="x"><input type="hidden" name="q" src="s"><picture><source data-srcset="a" src="b" type="image/webp"></picture>`,
	`<table><input type="hidden" name="x"><tr><td width="10" height="3">c</td></tr></table><form name="f"><input type=text name="q"></form>`,
	`<!-- a --><!----><!-- b --!><p>c</p><!-- d ---><!--e-- f--><!-- <!-- g --><table><!-- h --><tr><!--i--></table>`,
	`<svg><!-- in svg --><path/></svg><math><!-- in math --></math><!--- j ----><p>k</p><!-- unclosed`,
	`<div title="<script>"><script>x</script></div><div title='>'><style>q</style></div><div a=<style>>t</div>`,
	`<noscript><style>n</style></noscript><iframe><script>i</script></iframe><xmp><style></xmp><script>z</script>`,
	`<select><style>in select</style><option>o</option></select><frameset><style>f</style></frameset>`,
	`<SCRIPT>upper()</SCRIPT ><Style>U{}</STYLE/><script>never closed`,
	`<p>a</p><plaintext><script>x</script>`,
	`<!DOCTYPE html><?xml x?><!bogus><![CDATA[<script>]]><script>c</script></ scr><style>s</style>`,
	`<table><style>t{}</style><tr><td><script>d()</script></td></tr></table>`,
	`<script>a</script` + "\x00" + `><script>b</scripts></script><style>c</styl></style >`,
	`<script><!-- a = "<script>b</script>"; --></script><style>after escapes</style><p>x</p>`,
	`<script><!--<SCRIPT x></script ><style>still script</style></SCRIPT>--></script><p>y</p>`,
	`<script><!-- --!></script><script><!-- -- > </script><!--></script><style>z</style>`,
	`<script><!--<script></scr</script/ --></script><style>w</style><script><!--<scripts></script>`,
	`<script><!--<script></script><script></script><p>vis</p></script><style>S</style><p>v</p>`,
	`<p>x</p>` + strings.Repeat(`<script>`+strings.Repeat("var x = 1; ", 500)+`</script>`, 4),
	`<svg><title>icon</title><desc>d</desc><path d="x"/></svg><style>after the title</style>`,
	`<svg><TITLE data-a="1">i</Title ><title/><style>s</style></svg><style>h</style>`,
	`<svg><title><b>not text</b></title></svg><style>h</style><svg><desc>a</desc x><title>b</titles></svg><style>i</style>`,
	`<select><svg><title>t</title></svg><style>h</style></select><math><title>m</title><mi>x</mi></math><style>j</style>`,
	`<b><p><svg><title>reconstructed</title><style>svg style</style></svg></p></b><style>k</style>`,
	// attributes
	`<div onclick="go()" class="c" data-x='{"a":1}' ID="i" data-src="lazy.jpg"><p TITLE="t&amp;t" hidden>x</p></div>`,
	`<img src="a.png" data-foo="bar" width=10 data-srcset="b.png 2x" alt='x'><input type="hidden" value="v"><input TYPE='text' name=q>`,
	`<b onclick="x"><i title="a">1<b onclick="y">2<b onclick="x">3<b onclick="x">4<b onclick="y">5</p>`,
	`<a href="/1" title="a"><a href="/1" title="b"><div><a href="/1" title="c">x</div><a href="/1" title="d">y`,
	`<p title="x"/><br data-a="1"/><svg viewBox="0 0 1 1"><path d="M0 0L1 1" fill="red"/><a xlink:href="#h" xlink:title="t">l</a></svg><p>after</p>`,
	`<div data-a="1"data-b="2"class="c"/><div/data-c="3"><div data-d="4"/ data-e=5 data-f=6/><div data-g="7"=8>t</div>`,
	`<div data-a="unterminated><p>in the attribute</p><script>x</script>`,
	`<body onload="x()" class="b"><body data-y="1" lang="en"><html data-z="2" dir="rtl"><p>t</p>`,
	`<math><annotation-xml encoding="text/html" data-a="1"><div data-b="2">h</div></annotation-xml></math>`,
	`<table data-t="1"><input type="hidden" data-h="2"><tr data-r="3"><td data-d="4" colspan="2">c</td></tr></table>`,
	`<div aria-label="x" aria-hidden="true" ROLE="menu" Style="display:none" itemprop="author" rel="author">a</div>`,
	`<div data-a="&quot;>" data-b='"' data-c="'" data-d="` + "\x00" + `" data-e="a&#x3e;b">t</div>`,
	// whitespace between tags
	"<div>\n            <p>x</p>\r\n\t\t\t\t\t\t</div>\n        <pre>\n        <b>kept</b>\n\n          as written</pre>\n              <p>after</p>",
	"<p>a</p>          <3 is text          <p>b</p>\f\f\f\f\f\f\f\f<table>          <tr>          <td>c</td></tr></table>",
	"<listing>\n\n        x</listing>          <p>y</p><div>\n</PRE>          <pre>          </pre></div>",
}

func TestBlankRawTextKeepsTheTree(t *testing.T) {
	for _, c := range rawTextCases {
		// Large enough to be worth cutting.
		page := c + strings.Repeat("<style>"+strings.Repeat("a{b:c}", 1000)+"</style>", 2)
		if d := sameTree(t, page, blankRawText(page)); d != "" {
			t.Errorf("%.80q: %s", c, d)
		}
		checkBlankedReader(t, page)
	}
	// Indentation goes but its first byte; inside <pre>, and after one,
	// whitespace is the page's.
	big := strings.Repeat("<style>"+strings.Repeat("a{b:c}", 1000)+"</style>", 2)
	got := blankRawText("<div>\n" + strings.Repeat(" ", 40) + "<p>x</p>\n        </div><pre>          <b>y</b></pre>          <p>z</p>" + big)
	if want := "<div>\n<p>x</p>\n</div><pre>          <b>y</b></pre>          <p>z</p>"; !strings.HasPrefix(got, want) {
		t.Errorf("whitespace cut: got %.80q, want %q", got, want)
	}
	if got := blankRawText("<p>small</p><script>x()</script>"); got != "<p>small</p><script>x()</script>" {
		t.Errorf("a small cut copied the page: %q", got)
	}
}

// Random pages of misnested formatting elements, tables, svg and math,
// with attributes of every kind and quoting, keep their tree too.
func TestBlankRawTextRandom(t *testing.T) {
	tags := []string{"a", "b", "i", "em", "nobr", "font", "div", "p", "span", "table", "tr", "td", "li",
		"svg", "path", "math", "mi", "img", "input", "select", "option", "body", "html", "br", "template",
		"annotation-xml", "foreignObject", "title", "desc", "textarea", "script", "style", "form", "button", "h1",
		"link", "meta", "area", "base", "source", "image", "iframe", "SCRIPT", "Img", "pre", "listing", "code"}
	keys := []string{"onclick", "data-x", "data-src", "class", "id", "title", "d", "type", "href", "hidden",
		"style", "encoding", "color", "xlink:href", "xlink:title", "DATA-Y", "On", "value", "srcset", "aria-hidden",
		"src", "name", "rel", "width", "data-srcset", "TYPE", "Src"}
	vals := []string{`"x"`, `'y'`, `z`, `"hidden"`, `"text/html"`, `""`, `"a b"`, `'&quot;'`, `"display:none"`, `"1"`, `x/`, `"/"`, `"application/ld+json"`, `'ld&#43;json'`, `"text/javascript"`, `json`}
	rng := rand.New(rand.NewSource(1))
	pick := func(l []string) string { return l[rng.Intn(len(l))] }
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		for k := rng.Intn(40); k >= 0; k-- {
			switch rng.Intn(6) {
			case 0:
				b.WriteString("</" + pick(tags) + ">")
			case 1:
				b.WriteString(pick([]string{"text ", " ", "<!-- c -->", "<!--d--->", "<!-- e --!>", "&amp;", "<![CDATA[x]]>", "</p>",
					"\n          ", "\r\n\t\t\t\t\t\t\t\t", "          < 3"}))
			default:
				b.WriteString("<" + pick(tags))
				for a := rng.Intn(4); a > 0; a-- {
					b.WriteString(pick([]string{" ", "  ", "\n", "/"}) + pick(keys))
					if rng.Intn(4) > 0 {
						b.WriteString("=" + pick(vals))
					}
				}
				b.WriteString(pick([]string{">", "/>", " >"}))
			}
		}
		page := b.String() + "<style>" + strings.Repeat("x", 8192) + "</style>"
		if d := sameTree(t, page, blankRawText(page)); d != "" {
			t.Errorf("%q: %s", b.String(), d)
		}
		if n%10 == 0 {
			checkBlankedReader(t, page)
		}
	}
}

// On the corpus (when it is beside the repository), every page's tree is
// the same with and without the cut.
func TestBlankRawTextOnTheCorpus(t *testing.T) {
	if len(corpusFiles(t)) == 0 {
		t.Skip("no corpus beside the repository, or -short")
	}
	cut, total, pages := 0, 0, 0
	eachCorpusText(t, func(f, text string) {
		pages++
		b := blankRawText(text)
		total += len(text)
		cut += len(text) - len(b)
		if diff := sameTree(t, text, b); diff != "" {
			t.Errorf("%s: %s", f, diff)
		}
		if got, err := io.ReadAll(blankedReader(text)); err != nil || string(got) != b {
			t.Errorf("%s: blankedReader reads other text than blankRawText (%v)", f, err)
		}
	})
	t.Logf("%d pages: %.1f of %.1f MB cut", pages, float64(cut)/1e6, float64(total)/1e6)
}

// checkBlankedReader checks that blankedReader reads blankRawText's text,
// whatever the sizes of the reads.
func checkBlankedReader(t *testing.T, page string) {
	t.Helper()
	want := blankRawText(page)
	for _, r := range []io.Reader{blankedReader(page), iotest.OneByteReader(blankedReader(page)),
		iotest.HalfReader(blankedReader(page)), bufio.NewReaderSize(blankedReader(page), 16)} {
		got, err := io.ReadAll(r)
		if err != nil || string(got) != want {
			t.Errorf("blankedReader: %d bytes (%v), want %d", len(got), err, len(want))
			return
		}
	}
}

func FuzzBlankRawText(f *testing.F) {
	for _, c := range rawTextCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		page := s + "<style>" + strings.Repeat("x", 8192) + "</style>"
		if d := sameTree(t, page, blankRawText(page)); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	})
}

// Every attribute name a stage reads must be one cutAttr keeps: the names
// are read from the source, so a new attr(n, "x") without a line in
// cutAttr fails here. Reads by a variable name are counted, and their
// names listed by hand: one more means one more list to check.
func TestCutAttrKeepsWhatTheStagesRead(t *testing.T) {
	lit := regexp.MustCompile(`\b(?:attr|hasAttr|setAttr)\([^,()]+, "([^"]*)"`)
	variable := regexp.MustCompile(`\b(?:attr|hasAttr|setAttr)\([^,()]+, [a-zA-Z_]\w*\)`)
	vars := 0
	for f, src := range stageSources(t) {
		for _, m := range lit.FindAllStringSubmatch(src, -1) {
			if cutAttr(m[1]) {
				t.Errorf("%s reads %q, which blankRawText cuts", f, m[1])
			}
		}
		vars += len(variable.FindAllString(src, -1))
	}
	// lazyAttrs in fixImage, {"data-srcset", "srcset"} there too,
	// {"width", "height"} in smallImage.
	if vars != 3 {
		t.Errorf("%d reads by a variable name, 3 known: check the new one's names against cutAttr", vars)
	}
	for _, k := range append(lazyAttrs, "data-srcset", "srcset", "width", "height") {
		if cutAttr(k) {
			t.Errorf("%q is read and cut", k)
		}
	}
}

// The names that cutAttrOn cuts on some elements are read on the others
// only: each read of one is listed here with the element it reads, so a
// new read fails until its element is checked against cutAttrOn.
func TestCutAttrOnKeepsWhatTheStagesRead(t *testing.T) {
	known := map[string]int{
		`boilerplate.go attr(n, "href"`:    1, // dropRepeatedLinks: a
		`boilerplate.go attr(a, "href"`:    2, // scriptLink, inertLink: a
		`boilerplate.go hasAttr(a, "href"`: 1, // inertLink: a
		`pipeline.go attr(k, "href"`:       1, // holdsLink: a
		`markdown.go attr(n, "href"`:       1, // link: a
		`markdown.go attr(n, "src"`:        1, // image: img
		`metadata.go attr(img, "src"`:      1, // the lead image: img
		`metadata.go attr(n, "name"`:       1, // meta
		`metadata.go attr(n, "rel"`:        1, // any element, but only its text counts (a link has none)
		`metadata.go attr(n, "type"`:       1, // script, for ld+json
		`clean.go hasAttr(p, "href"`:       1, // mediaPicture: a
		`dom.go attr(n, "type"`:            1, // codeElem: script, for ld+json
		`parse.go attr(b, "href"`:          1, // base
		`parse.go hasAttr(b, "href"`:       1, // base
		`parse.go attr(n, "href"`:          1, // a and area
		`parse.go setAttr(n, "href"`:       1, // a and area
		`parse.go attr(n, "src"`:           1, // fixImage: img
		`parse.go setAttr(n, "src"`:        3, // fixImage: img
		`parse.go attr(img, "src"`:         1, // a noscript's img
		`parse.go attr(s, "data-srcset"`:   1, // source
	}
	re := regexp.MustCompile(`\b(?:attr|hasAttr|setAttr)\([^,()]+, "(?:src|width|height|href|name|type|rel|data-srcset|data-src|data-original|data-lazy-src|data-lazy|data-url|data-echo|data-actualsrc|data-hi-res-src|data-full-src)"`)
	got := map[string]int{}
	for f, src := range stageSources(t) {
		for _, m := range re.FindAllString(src, -1) {
			got[f+" "+m]++
		}
	}
	for k, n := range got {
		if known[k] != n {
			t.Errorf("%s: %d reads, %d known: check the element it reads against cutAttrOn", k, n, known[k])
		}
	}
	for k, n := range known {
		if got[k] != n {
			t.Errorf("%s: %d reads, %d known", k, got[k], n)
		}
	}
	// (The reads by a variable name, counted above, are on img: lazyAttrs,
	// data-srcset and srcset in fixImage, width and height in smallImage.)
	for _, c := range []struct {
		home     attrHome
		key, val string
		cut      bool
	}{
		{homeImg, "src", "a.jpg", false}, {homeOther, "SRC", "a.js", true}, {homeImg, "width", "1", false},
		{homeOther, "height", "1", true}, {homeSource, "data-srcset", "a", false}, {homeOther, "data-srcset", "a", true},
		{homeAreaBase, "href", "/", false}, {homeLink, "href", "/", true}, {homeMeta, "name", "author", false},
		{homeInput, "name", "q", true}, {homeInput, "type", "hidden", false}, {homeScript, "type", "text/javascript", true},
		{homeScript, "type", "application/ld+json", false}, {homeScript, "type", "application/LD+JSON", false},
		{homeScript, "type", "ld&#43;json", false}, {homeScript, "type", "ld＋json", false}, {homeOther, "type", "x", true},
		{homeLink, "rel", "author", true}, {homeOther, "rel", "author", false}, {homeOther, "class", "x", false},
		{homeOther, "onclick", "x", true},
	} {
		if got := cutAttrOn(c.home, c.key, c.val); got != c.cut {
			t.Errorf("cutAttrOn(%d, %q, %q) = %v", c.home, c.key, c.val, got)
		}
	}
}

// collapseSpace turns every run of HTML whitespace in s into one space.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\n', '\t', '\r', '\f':
			if !space {
				b.WriteByte(' ')
			}
			space = true
		default:
			b.WriteByte(s[i])
			space = false
		}
	}
	return b.String()
}

// inPre reports whether n is inside an element whose whitespace is kept.
func inPre(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Namespace == "" && (p.DataAtom == atom.Pre || p.DataAtom == atom.Listing || p.DataAtom == atom.Textarea) {
			return true
		}
	}
	return false
}

// stageSources returns the source of each of core's non-test files, by
// name.
func stageSources(t *testing.T) map[string]string {
	t.Helper()
	files, _ := filepath.Glob("*.go")
	srcs := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = string(src)
	}
	return srcs
}
