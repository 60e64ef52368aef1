package core

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Small helpers over *html.Node. The pipeline works on the parsed nodes
// directly rather than through goquery selections: a selection allocates
// on every step, and these walks run over every node of every page. Every
// walk is iterative, because browsers accept documents nested thousands of
// levels deep and so must we, natively and in wasm.

func attr(n *html.Node, key string) string {
	for i := range n.Attr {
		if n.Attr[i].Key == key && n.Attr[i].Namespace == "" {
			return n.Attr[i].Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for i := range n.Attr {
		if n.Attr[i].Key == key && n.Attr[i].Namespace == "" {
			return true
		}
	}
	return false
}

func setAttr(n *html.Node, key, val string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key && n.Attr[i].Namespace == "" {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

func isElem(n *html.Node, a atom.Atom) bool {
	return n != nil && n.Type == html.ElementNode && n.DataAtom == a
}

// next returns the node after n in document order, staying inside root;
// with skip it does not enter n's children.
func next(n, root *html.Node, skip bool) *html.Node {
	if !skip && n.FirstChild != nil {
		return n.FirstChild
	}
	for n != nil && n != root {
		if n.NextSibling != nil {
			return n.NextSibling
		}
		n = n.Parent
	}
	return nil
}

// textOf returns the text content of n with whitespace collapsed.
func textOf(n *html.Node) string {
	if c := n.FirstChild; c != nil && c.NextSibling == nil && c.Type == html.TextNode {
		return normSpace(c.Data) // one text (a link's, a heading's): no copy to build
	}
	if n.Type == html.TextNode {
		return normSpace(n.Data)
	}
	w := newSpaceNorm()
	defer w.done()
	for k := n.FirstChild; k != nil; k = next(k, n, false) {
		// appendText's walk, normalised on the way
		if k.Type == html.TextNode {
			w.add(readText(k))
		} else if k.Type == html.ElementNode && isBlockish(k.DataAtom) {
			w.addSpace()
		}
	}
	if w.bad {
		var b strings.Builder
		appendText(&b, n)
		return normSpace(b.String())
	}
	return w.String()
}

// readText is the text of the text node n as the stages read it: the code
// of a script (but JSON-LD) or style sheet is one space, as blankRawText
// leaves it, whether or not the page was cut (a small page is not), so
// that a script inside a byline line does not make it long on one page and
// not on another.
func readText(n *html.Node) string {
	if p := n.Parent; p != nil && n.Data != "" && codeElem(p) {
		return " "
	}
	return n.Data
}

// codeElem reports a script (but JSON-LD) or a style sheet: its text is
// code, which no stage reads.
func codeElem(n *html.Node) bool {
	return n.Namespace == "" && (n.DataAtom == atom.Style || n.DataAtom == atom.Script && !jsonType(attr(n, "type")))
}

// appendText appends the raw text of n's subtree to b.
func appendText(b *strings.Builder, root *html.Node) {
	if root.Type == html.TextNode {
		b.WriteString(root.Data)
		return
	}
	for n := root.FirstChild; n != nil; n = next(n, root, false) {
		if n.Type == html.TextNode {
			b.WriteString(readText(n))
		} else if n.Type == html.ElementNode && isBlockish(n.DataAtom) {
			b.WriteByte(' ')
		}
	}
}

// isBlockish reports elements whose boundaries separate words.
func isBlockish(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Li, atom.Td, atom.Th, atom.Tr, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Section, atom.Article, atom.Blockquote, atom.Pre, atom.Ul,
		atom.Ol, atom.Table, atom.Dd, atom.Dt, atom.Figure, atom.Figcaption, atom.Header, atom.Footer,
		atom.Hr, atom.Main, atom.Aside, atom.Nav, atom.Address, atom.Dl, atom.Form, atom.Option:
		return true
	}
	return false
}

// isBlock reports elements that start a new block of text when serialised.
func isBlock(a atom.Atom) bool {
	switch a {
	case 0:
		// Unknown and custom elements are inline, as browsers display
		// them; one that holds blocks is opened as a container anyway.
		return false
	case atom.Span, atom.A, atom.B, atom.I, atom.Em, atom.Strong, atom.Font, atom.Small, atom.Big,
		atom.U, atom.S, atom.Sub, atom.Sup, atom.Code, atom.Abbr, atom.Cite, atom.Q, atom.Mark,
		atom.Time, atom.Label, atom.Img, atom.Br, atom.Wbr, atom.Strike, atom.Del, atom.Ins, atom.Kbd,
		atom.Samp, atom.Var, atom.Tt, atom.Dfn, atom.Bdi, atom.Bdo, atom.Data, atom.Picture,
		atom.Source, atom.Nobr, atom.Math:
		return false
	}
	return true
}

// removeNode detaches n from its parent.
func removeNode(n *html.Node) {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

// replaceWithChildren moves n's children into n's place and removes n.
func replaceWithChildren(n *html.Node) {
	p := n.Parent
	if p == nil {
		return
	}
	for c := n.FirstChild; c != nil; {
		nx := c.NextSibling
		n.RemoveChild(c)
		p.InsertBefore(c, n)
		c = nx
	}
	p.RemoveChild(n)
}

// Which word lists of clean.go a class or id matches, as bits.
const (
	clsUnlikely uint8 = 1 << iota
	clsMaybe
	clsPositive
	clsNegative
	clsByline
	clsComment
)

// wordBits matches s against every word list in one pass: at each byte
// only the words that start with it are tried.
func wordBits(s string) uint8 {
	var b uint8
	for i := 0; i+2 < len(s); i++ {
		g := wordPairGroup[s[i]][s[i+1]] // (the tables hold both cases)
		if g == 0 {
			continue // no word starts with these two bytes (all are longer)
		}
		if c := s[i+2]; pairThird[g][c>>6]&(1<<(c&63)) == 0 {
			continue // nor with these three
		}
		for _, w := range pairWords[g] {
			if b&w.bit == 0 && hasPrefixFold(s[i+2:], w.word[2:]) && !otherWord(s[i+len(w.word):], w.bit) {
				b |= w.bit
			}
		}
	}
	return b
}

// otherWord reports a byline word that goes on into another word:
// "authority-control" (Wikipedia's navigation box) and "authorize" hold
// "author" but name no author.
func otherWord(rest string, bit uint8) bool {
	return bit == clsByline && (hasPrefixFold(rest, "it") || hasPrefixFold(rest, "iz") || hasPrefixFold(rest, "is"))
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasPrefixFold reports whether s starts with the lower-case word,
// ignoring ASCII case (class names are ASCII in practice; no copy is made).
func hasPrefixFold(s, word string) bool {
	if len(s) < len(word) {
		return false
	}
	for i := 0; i < len(word); i++ {
		if lowerASCII(s[i]) != word[i] {
			return false
		}
	}
	return true
}

type listWord struct {
	word string
	bit  uint8
}

// wordPairGroup numbers the first two bytes of the words of clean.go's
// lists (all of at least three bytes), in either ASCII case, so that
// wordBits reads the table without folding each byte; pairWords[g] are the
// words that start with the pair numbered g
// (0: none does).
var wordPairGroup, pairWords = func() (t [256][256]uint8, groups [][]listWord) {
	groups = append(groups, nil)
	for _, l := range []struct {
		bit   uint8
		words []string
	}{{clsUnlikely, unlikelyWords}, {clsMaybe, maybeWords}, {clsPositive, positiveWords},
		{clsNegative, negativeWords}, {clsByline, bylineWords}, {clsComment, commentWords}} {
		for _, w := range l.words {
			g := &t[w[0]][w[1]]
			if *g == 0 {
				*g = uint8(len(groups))
				groups = append(groups, nil)
			}
			groups[*g] = append(groups[*g], listWord{w, l.bit})
			for _, c0 := range []byte{w[0], upperASCII(w[0])} {
				for _, c1 := range []byte{w[1], upperASCII(w[1])} {
					t[c0][c1] = *g
				}
			}
		}
	}
	return t, groups
}()

func upperASCII(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// pairThird[g] is the set of the third bytes of the words in pairWords[g],
// in either ASCII case.
var pairThird = func() [][4]uint64 {
	t := make([][4]uint64, len(pairWords))
	for g, ws := range pairWords {
		for _, w := range ws {
			for _, c := range []byte{w.word[2], upperASCII(w.word[2])} {
				t[g][c>>6] |= 1 << (c & 63)
			}
		}
	}
	return t
}()

// classBits returns the word lists n's class or id match.
func (r *run) classBits(n *html.Node) uint8 {
	if len(n.Attr) == 0 {
		return 0
	}
	// The survey asks twice in a row for the same node (metadata, marks).
	if n == r.bitsNode {
		return r.bits
	}
	r.bitsNode, r.bits = n, wordBits(attr(n, "class"))|wordBits(attr(n, "id"))
	return r.bits
}

// firstElem returns the first element descendant of root with atom a.
func firstElem(root *html.Node, a atom.Atom) *html.Node {
	for n := root; n != nil; n = next(n, root, false) {
		if n.Type == html.ElementNode && n.DataAtom == a {
			return n
		}
	}
	return nil
}
