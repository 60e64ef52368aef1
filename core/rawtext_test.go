package core

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// sameTree reports where the trees of the original and the blanked text
// differ: they must be the same node for node, but for the text of script
// and style elements, which is one space when it was cut.
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
	var diff string
	var cmp func(x, y *html.Node, path string) bool
	cmp = func(x, y *html.Node, path string) bool {
		if x.Type != y.Type || x.DataAtom != y.DataAtom || x.Namespace != y.Namespace || len(x.Attr) != len(y.Attr) {
			diff = path + ": node " + x.Data + " vs " + y.Data
			return false
		}
		if x.Data != y.Data {
			p := x.Parent
			if x.Type != html.TextNode || p == nil || p.Namespace != "" || (p.DataAtom != atom.Script && p.DataAtom != atom.Style) || y.Data != " " {
				diff = path + ": data " + truncate(x.Data, 60) + " vs " + truncate(y.Data, 60)
				return false
			}
		}
		for i := range x.Attr {
			if x.Attr[i] != y.Attr[i] {
				diff = path + ": attribute"
				return false
			}
		}
		xc, yc := x.FirstChild, y.FirstChild
		for ; xc != nil && yc != nil; xc, yc = xc.NextSibling, yc.NextSibling {
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
}

func TestBlankRawTextKeepsTheTree(t *testing.T) {
	for _, c := range rawTextCases {
		// Large enough to be worth cutting.
		page := c + strings.Repeat("<style>"+strings.Repeat("a{b:c}", 1000)+"</style>", 2)
		if d := sameTree(t, page, blankRawText(page)); d != "" {
			t.Errorf("%.80q: %s", c, d)
		}
	}
	if got := blankRawText("<p>small</p><script>x()</script>"); got != "<p>small</p><script>x()</script>" {
		t.Errorf("a small cut copied the page: %q", got)
	}
}

// On the corpus (when it is beside the repository), every page's tree is
// the same with and without the cut.
func TestBlankRawTextOnTheCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus pass skipped under -short")
	}
	dirs, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "*", "*", "source.html"))
	if len(dirs) == 0 {
		t.Skip("no corpus beside the repository")
	}
	cut, total := 0, 0
	for _, f := range dirs {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := decode(src, "", nil)
		if err != nil {
			continue
		}
		b := blankRawText(d.text)
		total += len(d.text)
		cut += len(d.text) - len(b)
		if diff := sameTree(t, d.text, b); diff != "" {
			t.Errorf("%s: %s", f, diff)
		}
	}
	t.Logf("%d pages: %.1f of %.1f MB cut", len(dirs), float64(cut)/1e6, float64(total)/1e6)
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
