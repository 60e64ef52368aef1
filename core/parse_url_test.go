package core

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// fastAbsBases are page addresses of every form newFastBase sorts: plain
// ones it takes, and ones it leaves to net/url.
var fastAbsBases = []string{
	"http://example.com/",
	"https://www.news.example.cn/world/2012/01/0112/page_3.shtml?from=rss#top",
	"http://example.com",
	"https://example.com/a%20b/c%2Fd/e",
	"https://example.com/a/../b/./c.html",
	"http://user:pw@example.com/a/b",
	"http://EXAMPLE.com:8080/a/b",
	"https://例子.测试/路径/页",
	"http://example.com/a b/c",
}

var fastAbsRefs = []string{
	"", "/", "//", "a", "./a", "../a", ".", "..", "a/.", "a/..", "a/./b", "a/../b", "/a/b/..",
	"?q=1", "#f", "a?b#c", "a#b#c", "a#b?c", "/a?x=/../y", "/a#/../y", "%", "%4", "%41", "%zz/a",
	"http://example.org", "http://example.org/", "https://a.b-c.org/x/y.html?q=1&r=%20#h",
	"HTTP://example.org/", "http://Example.org/", "http://a:80/", "http://u@a/", "https://a.org/a b",
	"http:/a", "http:a", "https:", "http://", "http:///a", "mailto:x@y", "javascript:void(0)",
	"a:b/c", "a/b:c", "/a:b", "page.html?t=12:30", "a[1]", "/a/b(1)!$&'*+,;=:@~_-.c",
	"/a/%E4%B8%AD", "/中文", "a\\b", "a\"b", "a<b", "a{b}", "a|b", "a^b", "a`b", "a b",
	"http://example.org/a/../b", "http://example.org/.", "http://[::1]/", "http://a.org?x", "http://a.org#y",
}

// slowAbs is what parsed.abs made of ref before fastAbs: net/url's answer.
func slowAbs(base *url.URL, ref string) string {
	if u, err := resolveRef(base, ref); err == nil {
		return u.String()
	}
	return ref
}

func checkFastAbs(t *testing.T, base *url.URL, ref string) bool {
	t.Helper()
	p := &parsed{base: base}
	got, ok := p.fastAbs(ref)
	if !ok {
		return false
	}
	if want := slowAbs(base, ref); got != want {
		t.Errorf("base %q, ref %q: fastAbs %q, net/url %q", base, ref, got, want)
	}
	return true
}

// fastAbs gives net/url's answer whenever it gives one, on the listed
// references and on every href, src and srcset address of the corpus,
// against each base; and it does take the ordinary ones.
func TestFastAbs(t *testing.T) {
	var bases []*url.URL
	for _, b := range fastAbsBases {
		u, err := url.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		bases = append(bases, u)
	}
	refs := append([]string{}, fastAbsRefs...)
	eachCorpusText(t, func(_, text string) {
		root, err := html.Parse(strings.NewReader(text))
		if err != nil {
			return
		}
		walk(root, func(n *html.Node) bool {
			for _, a := range n.Attr {
				switch a.Key {
				case "href", "src", "data-src":
					refs = append(refs, strings.TrimSpace(a.Val))
				case "srcset":
					for _, c := range strings.Split(a.Val, ",") {
						if f := strings.Fields(c); len(f) > 0 {
							refs = append(refs, f[0])
						}
					}
				}
			}
			return true
		}, nil)
	})
	taken := 0
	for _, b := range bases {
		for _, r := range refs {
			if checkFastAbs(t, b, r) {
				taken++
			}
		}
	}
	t.Logf("%d references × %d bases: %d resolved without net/url", len(refs), len(bases), taken)
	for _, c := range []struct{ base, ref string }{
		{"http://example.com/", "/a/b.html"},
		{"https://example.com/x/y.html", "z.html?q=1"},
		{"http://example.com", "a"},
		{"http://example.com/", "https://example.org/a/b-c_d.html#x"},
	} {
		u, _ := url.Parse(c.base)
		if !checkFastAbs(t, u, c.ref) {
			t.Errorf("base %q, ref %q: left to net/url", c.base, c.ref)
		}
	}
}

func FuzzFastAbs(f *testing.F) {
	for i, r := range fastAbsRefs {
		f.Add(fastAbsBases[i%len(fastAbsBases)], r)
	}
	f.Fuzz(func(t *testing.T, base, ref string) {
		u, err := url.Parse(base)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return
		}
		checkFastAbs(t, u, strings.TrimSpace(ref))
	})
}
