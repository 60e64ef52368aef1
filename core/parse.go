package core

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Stage 2: parse. The decoded text becomes an x/net/html tree; in the same
// pass every link and image is resolved against the page's address (or its
// <base>), lazy-loading image sources are normalised to a plain src, and
// the node-count and depth limits are applied.

type parsed struct {
	root  *html.Node
	base  *url.URL // nil when the page has no usable address
	nodes int
	// absolute addresses already resolved against base: pages repeat
	// their links (menus at the top and bottom, the same article linked
	// from its title, image and "more")
	absCache map[string]string
	// the base's parts for the references resolved without net/url
	// (fastAbs), made once per base
	fast fastBase
}

func parse(text string, pageURL string, lim Limits) (*parsed, error) {
	root, err := html.ParseWithOptions(blankedReader(text))
	blanked := ""
	for _, depth := range []int{200, 60} {
		if err == nil || !strings.Contains(err.Error(), "open stack") {
			break
		}
		// x/net/html refuses documents nested deeper than 512 elements;
		// browsers take them. Degraded result: elements past the depth
		// are dropped, their text kept.
		if blanked == "" {
			blanked = blankRawText(text)
		}
		root, err = html.ParseWithOptions(strings.NewReader(clampDepth(blanked, depth)))
	}
	if err != nil {
		return nil, errorf(ErrNotHTML, "parse: %v", err)
	}
	return parsedTree(root, pageURL, lim)
}

// parsedTree finishes the parse stage on a page's tree, however it was
// built: its address, limits and normalisation.
func parsedTree(root *html.Node, pageURL string, lim Limits) (*parsed, error) {
	p := &parsed{root: root}
	if u, err := url.Parse(strings.TrimSpace(pageURL)); err == nil && u.Scheme != "" && u.Host != "" {
		p.base = u
	}
	if err := p.normalise(lim); err != nil {
		return nil, err
	}
	return p, nil
}

// setBase makes the page's first <base> element, b (nil when it has
// none), the base of its addresses when it names an http(s) one.
func (p *parsed) setBase(b *html.Node) {
	if b != nil && hasAttr(b, "href") {
		if u, err := resolveRef(p.base, attr(b, "href")); err == nil && u.Scheme != "" && (u.Scheme == "http" || u.Scheme == "https") {
			p.base = u
		}
	}
}

func resolveRef(base *url.URL, ref string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return nil, err
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	return u, nil
}

// abs resolves ref against the page's base, or returns it trimmed when it
// cannot be resolved.
func (p *parsed) abs(ref string) string {
	// Browsers drop tabs and newlines inside addresses before resolving.
	// (Three IndexByte scans take half the time of a ContainsAny, which
	// builds its set of bytes on every call, over the corpus's links.)
	if strings.IndexByte(ref, '\t') >= 0 || strings.IndexByte(ref, '\n') >= 0 || strings.IndexByte(ref, '\r') >= 0 {
		ref = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(ref)
	}
	ref = strings.TrimSpace(ref)
	if ref == "" || p.base == nil || strings.HasPrefix(ref, "#") {
		return ref
	}
	if a, ok := p.fastAbs(ref); ok {
		return a // (cheaper than the cache)
	}
	if a, ok := p.absCache[ref]; ok {
		return a
	}
	a := ref
	if u, err := resolveRef(p.base, ref); err == nil {
		a = u.String()
	}
	if p.absCache == nil {
		p.absCache = make(map[string]string)
	}
	p.absCache[ref] = a
	return a
}

// fastBase holds what fastAbs needs of a base: its origin
// ("scheme://host") and its directory ("/a/b/" of "/a/b/c.html").
type fastBase struct {
	of     *url.URL // the base these are of
	ok     bool     // an http(s) base of the simple form fastAbs handles
	origin string
	dir    string
}

// fastAbs resolves the references nearly every page's links are made of
// (an http(s) address, a path from the root, a path beside the page) by
// joining strings, to the byte what net/url's Parse, ResolveReference and
// String make of them (TestFastAbs checks this on every link of the
// corpus and FuzzFastAbs on any): in the wasm, net/url took a tenth of a
// small page's extraction. Anything else (dot segments, "//host", a scheme
// other than http(s), characters net/url would escape, a query or a
// fragment alone) is left to net/url: ok is false.
func (p *parsed) fastAbs(ref string) (string, bool) {
	if p.fast.of != p.base {
		p.fast = newFastBase(p.base)
	}
	if !p.fast.ok || ref == "" {
		return "", false
	}
	if rest, ok := cutHTTP(ref); ok {
		// An address of its own: the host up to the path, then a path
		// net/url keeps as it is.
		i := 0
		for i < len(rest) && rest[i] != '/' && rest[i] != '?' && rest[i] != '#' {
			c := rest[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
				return "", false
			}
			i++
		}
		if i == 0 || !plainPath(rest[i:]) {
			return "", false
		}
		return ref, true
	}
	switch {
	case ref[0] == '/':
		if len(ref) > 1 && ref[1] == '/' || !plainPath(ref) {
			return "", false
		}
		return p.fast.origin + ref, true
	case ref[0] == '?' || ref[0] == '#':
		return "", false
	}
	// A path beside the page's: no scheme can start it.
	for i := 0; i < len(ref) && ref[i] != '/' && ref[i] != '?' && ref[i] != '#'; i++ {
		if ref[i] == ':' {
			return "", false
		}
	}
	if !plainPath(ref) {
		return "", false
	}
	return p.fast.origin + p.fast.dir + ref, true
}

func newFastBase(base *url.URL) fastBase {
	f := fastBase{of: base}
	if base == nil || base.User != nil || base.Opaque != "" || base.Host == "" ||
		(base.Scheme != "http" && base.Scheme != "https") {
		return f
	}
	origin := (&url.URL{Scheme: base.Scheme, Host: base.Host}).String()
	rest, ok := cutHTTP(origin)
	if !ok || rest != base.Host {
		return f // a host net/url escapes
	}
	dir := base.EscapedPath()
	dir = dir[:strings.LastIndexByte(dir, '/')+1]
	if dir == "" {
		dir = "/"
	}
	if dir[0] != '/' || !plainPath(dir) {
		return f
	}
	f.ok, f.origin, f.dir = true, origin, dir
	return f
}

// cutHTTP returns what follows "http://" or "https://" in s.
func cutHTTP(s string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, "http://"); ok {
		return rest, true
	}
	return strings.CutPrefix(s, "https://")
}

// plainPath reports whether s (a path, then perhaps "?query" and
// "#fragment") is one net/url gives back unchanged: no "." or ".."
// segment, no byte it would escape, every "%" an escape, no second "#"
// nor an empty fragment.
func plainPath(s string) bool {
	seg, query, frag := 0, false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if plainURLByte[c] {
			continue
		}
		switch c {
		case '/', '?', '#':
			if !query {
				if d := s[seg:i]; d == "." || d == ".." {
					return false
				}
				seg = i + 1
			}
			switch c {
			case '?':
				query = true
			case '#':
				if frag || i == len(s)-1 {
					return false // (net/url drops an empty fragment)
				}
				query, frag = true, true
			}
		case '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
		default:
			return false
		}
	}
	if !query {
		if d := s[seg:]; d == "." || d == ".." {
			return false
		}
	}
	return true
}

// plainURLByte marks the bytes net/url leaves as they are anywhere in a
// path, query or fragment but for "/", "?", "#" and "%", which
// plainPath reads itself.
var plainURLByte = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "-._~!$&'()*+,;=:@" {
		t[c] = true
	}
	return t
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// normalise walks the tree once: it counts nodes against the limit, cuts the
// tree at the depth limit, finds the <base>, then resolves URLs and
// normalises images. The addresses wait for the end of the walk, as the
// <base> may come after them; it is found on the same walk, not on one of
// its own.
func (p *parsed) normalise(lim Limits) error {
	depth := 0
	var base *html.Node // the first <base>
	// findBase looks for the first <base> in a part of the tree that is
	// about to be cut, as it was read before the limits applied.
	findBase := func(n *html.Node) {
		if base == nil {
			base = firstElem(n, atom.Base)
		}
	}
	var links, noscripts []*html.Node
	cut := false
	n := p.root
	for n != nil {
		p.nodes++
		if lim.MaxNodes > 0 && p.nodes > lim.MaxNodes {
			// Degraded result: everything after the limit is dropped.
			findBase(p.root)
			nx := next(n, p.root, true)
			removeNode(n)
			for nx != nil {
				after := next(nx, p.root, true)
				removeNode(nx)
				nx = after
			}
			cut = true
			break
		}
		skip := false
		if n.Type == html.ElementNode {
			if lim.MaxDepth > 0 && depth >= lim.MaxDepth && n.FirstChild != nil {
				findBase(n)
				flatten(n)
			}
			switch n.DataAtom {
			case atom.A, atom.Area, atom.Img, atom.Source:
				links = append(links, n)
			case atom.Base:
				findBase(n)
			case atom.Noscript:
				noscripts = append(noscripts, n)
			}
		}
		// Advance, tracking depth.
		if !skip && n.FirstChild != nil {
			n = n.FirstChild
			depth++
			continue
		}
		for n != nil {
			if n == p.root {
				n = nil
				break
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
			depth--
		}
	}
	p.setBase(base)
	for _, n := range links {
		switch n.DataAtom {
		case atom.A, atom.Area:
			if v := attr(n, "href"); v != "" {
				setAttr(n, "href", p.abs(v))
			}
		case atom.Img:
			p.fixImage(n)
		case atom.Source:
			if v := attr(n, "srcset"); v != "" {
				setAttr(n, "srcset", p.absSrcset(v))
			}
		}
	}
	if cut {
		return nil // (noscript images are not looked at in a cut page)
	}
	for _, ns := range noscripts {
		p.unwrapNoscriptImage(ns)
	}
	return nil
}

// flatten replaces the children of n by their text, for elements past the
// depth limit: the words survive, the structure does not.
func flatten(n *html.Node) {
	var b strings.Builder
	appendText(&b, n)
	for c := n.FirstChild; c != nil; {
		nx := c.NextSibling
		n.RemoveChild(c)
		c = nx
	}
	if t := b.String(); t != "" {
		n.AppendChild(&html.Node{Type: html.TextNode, Data: t})
	}
}

// lazyAttrs are the attributes lazy-loading scripts keep the real image
// address in, most specific first.
var lazyAttrs = []string{"data-src", "data-original", "data-lazy-src", "data-lazy", "data-url", "data-echo", "data-actualsrc", "data-hi-res-src", "data-full-src"}

// isPlaceholder reports whether an image src is a stand-in that a script
// swaps for the real image: empty, a tiny data: URI, or a blank/spacer file.
func isPlaceholder(src string) bool {
	s := lowerText(strings.TrimSpace(src))
	if s == "" || s == "#" || s == "about:blank" {
		return true
	}
	if strings.HasPrefix(s, "data:") {
		return len(s) < 200 || strings.HasPrefix(s, "data:image/svg")
	}
	for _, w := range []string{"placeholder", "blank.", "spacer", "lazy", "loading.", "pixel.", "1x1", "grey.gif", "transparent."} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// fixImage gives img a real, absolute src.
func (p *parsed) fixImage(n *html.Node) {
	src := attr(n, "src")
	if isPlaceholder(src) {
		src = ""
		for _, k := range lazyAttrs {
			if v := strings.TrimSpace(attr(n, k)); v != "" && !strings.HasPrefix(v, "data:") {
				src = v
				break
			}
		}
		if src == "" {
			for _, k := range []string{"data-srcset", "srcset"} {
				if v := attr(n, k); v != "" {
					src = bestSrcset(v)
					break
				}
			}
		}
		if src == "" && n.Parent != nil && isElem(n.Parent, atom.Picture) {
			for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
				if isElem(s, atom.Source) {
					if v := attr(s, "srcset"); v != "" {
						src = bestSrcset(v)
						break
					}
					if v := attr(s, "data-srcset"); v != "" {
						src = bestSrcset(v)
						break
					}
				}
			}
		}
	}
	// (Only ASCII letters lower-case to those of "data:": no copy of a
	// long address is needed to compare it.)
	if hasPrefixFold(src, "data:") && !isPlaceholder(src) {
		setAttr(n, "src", src)
	} else if src != "" {
		setAttr(n, "src", p.abs(src))
	} else {
		setAttr(n, "src", "")
	}
	if v := attr(n, "srcset"); v != "" {
		setAttr(n, "srcset", p.absSrcset(v))
	}
}

// bestSrcset returns the widest candidate of a srcset value.
func bestSrcset(v string) string {
	best, bestW := "", -1.0
	for _, c := range strings.Split(v, ",") {
		f := strings.Fields(c)
		if len(f) == 0 {
			continue
		}
		w := 1.0
		if len(f) > 1 {
			d := f[1]
			num := strings.TrimRight(d, "wxWX")
			var x float64
			for _, r := range num {
				if r >= '0' && r <= '9' {
					x = x*10 + float64(r-'0')
				} else {
					break
				}
			}
			if x > 0 {
				w = x
			}
		}
		if w > bestW {
			best, bestW = f[0], w
		}
	}
	return best
}

func (p *parsed) absSrcset(v string) string {
	parts := strings.Split(v, ",")
	for i, c := range parts {
		f := strings.Fields(c)
		if len(f) == 0 {
			continue
		}
		f[0] = p.abs(f[0])
		parts[i] = strings.Join(f, " ")
	}
	return strings.Join(parts, ", ")
}

// unwrapNoscriptImage replaces a lazy placeholder image by the real image
// that the page keeps in the <noscript> beside it (the scripting-enabled
// parser leaves noscript content as raw text, so it is parsed here).
func (p *parsed) unwrapNoscriptImage(ns *html.Node) {
	if ns.Parent == nil || ns.FirstChild == nil || ns.FirstChild.Type != html.TextNode {
		return
	}
	raw := ns.FirstChild.Data
	if !strings.Contains(lowerText(raw), "<img") {
		return
	}
	nodes, err := html.ParseFragment(strings.NewReader(raw), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return
	}
	var img *html.Node
	for _, c := range nodes {
		if i := firstElem(c, atom.Img); i != nil {
			if img != nil {
				return // several images: not a simple lazy copy
			}
			img = i
		}
	}
	if img == nil {
		return
	}
	if img.Parent != nil {
		img.Parent.RemoveChild(img)
	}
	p.fixImage(img)
	if attr(img, "src") == "" {
		return
	}
	prev := ns.PrevSibling
	for prev != nil && prev.Type == html.TextNode && strings.TrimSpace(prev.Data) == "" {
		prev = prev.PrevSibling
	}
	if prev != nil && isElem(prev, atom.Img) {
		ns.Parent.InsertBefore(img, prev)
		removeNode(prev)
		removeNode(ns)
		return
	}
	ns.Parent.InsertBefore(img, ns)
	removeNode(ns)
}

// clampDepth rewrites markup so that no element opens deeper than max:
// start tags past that depth (and their end tags) are left out, text and
// everything else is kept. It follows tag names only, as a first
// approximation of the tree the parser will build.
func clampDepth(text string, max int) string {
	z := html.NewTokenizer(strings.NewReader(text))
	var b strings.Builder
	b.Grow(len(text))
	var open []string
	skipped := make(map[string]int)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String()
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElement(string(name)) {
				break
			}
			if len(open) >= max {
				skipped[string(name)]++
				continue
			}
			open = append(open, string(name))
		case html.EndTagToken:
			name, _ := z.TagName()
			n := string(name)
			if skipped[n] > 0 {
				skipped[n]--
				continue
			}
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == n {
					open = open[:i]
					break
				}
			}
		}
		b.Write(raw)
	}
}

func voidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
		"track", "wbr", "keygen":
		return true
	}
	return false
}
