package core

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Stage 2, for pages a browser has already parsed: the reader overlay and
// the bookmarklet run on a live document, which the browser's own parser
// built with the same algorithm as x/net/html. Serialising it to HTML and
// parsing that again in the wasm was most of the overlay's time on large
// pages (x/net/html's tokenizer runs about four times slower in wasm than
// natively); cleanread.js's pageTree walks the document once instead and
// hands over a flat tree, which parseFlat turns into the x/net/html tree
// without a tokenizer: no character references, no tree-construction
// rules, and every name, value and text is a slice of one string.
//
// The flat tree is UTF-8 text: the document's nodes in document order
// (depth first, parents before children), each a record that opens with a
// control byte; the fields of a record each end with a NUL byte.
//
//	0x01 name NUL (attr-name NUL attr-value NUL)*  an HTML element opens
//	0x05 ...  an SVG element opens (same fields)
//	0x06 ...  a MathML element opens (same fields)
//	0x02 data NUL  a text node
//	0x03           the element opened last closes
//	0x04           a comment (its text is not carried: no stage reads it)
//
// An element's attributes run until the next record: attribute names never
// start with a byte below 0x08 (the encoder leaves out any that would).
// Names are as the DOM has them (lower-case HTML names, SVG's mixed-case
// ones, qualified attribute names such as "xlink:href"); a NUL inside a
// value or text is sent as U+FFFD, as the HTML parser itself would have it.
// Input that breaks these rules still makes a tree (unclosed elements close
// at the end, extra closes are ignored, a cut field ends the text).
//
// The tree parseFlat makes is what parse makes of the same document
// serialised, for every stage: the text no stage reads (scripts but
// JSON-LD, style sheets, comments, attributes no stage asks for,
// indentation) is cut as blankedReader cuts it from HTML, here from every
// element, and adjacent text nodes are one node as the parser makes them.
const (
	flatElem   = 0x01
	flatText   = 0x02
	flatEnd    = 0x03
	flatCmt    = 0x04
	flatSVG    = 0x05
	flatMath   = 0x06
	flatRecord = 0x08 // record bytes are below this
)

// parseFlat builds the page's tree from its flat form (see above) and
// applies the parse stage's limits and normalisation.
func parseFlat(flat string, pageURL string, lim Limits) (*parsed, error) {
	b := flatBuilder{s: flat}
	root := b.build()
	if b.elems == 0 {
		return nil, errorf(ErrNotHTML, "the page's tree is empty")
	}
	return parsedTree(root, pageURL, lim)
}

type flatBuilder struct {
	s     string
	i     int
	elems int
	nodes []html.Node // allocated in slabs: one tree, freed together
	attrs []html.Attribute

	joining *html.Node // the text node that adjacent text records join
	join    strings.Builder
}

// field reads up to the next NUL (or the end) and steps past it.
func (b *flatBuilder) field() string {
	s := b.s[b.i:]
	j := strings.IndexByte(s, 0)
	if j < 0 {
		b.i = len(b.s)
		return s
	}
	b.i += j + 1
	return s[:j]
}

func (b *flatBuilder) node() *html.Node {
	if len(b.nodes) == 0 {
		b.nodes = make([]html.Node, 256)
	}
	n := &b.nodes[0]
	b.nodes = b.nodes[1:]
	return n
}

func (b *flatBuilder) build() *html.Node {
	root := &html.Node{Type: html.DocumentNode}
	cur := root
	raw := 0     // inside a script or style whose text goes: how deep
	pre := false // a pre or listing has opened: whitespace is kept from there on, as blankedReader keeps it
	for b.i < len(b.s) {
		c := b.s[b.i]
		b.i++
		if c != flatText {
			b.endJoin()
		}
		switch c {
		case flatElem, flatSVG, flatMath:
			n := b.node()
			n.Type = html.ElementNode
			n.Data = b.field()
			switch c {
			case flatSVG:
				n.Namespace = "svg"
			case flatMath:
				n.Namespace = "math"
			}
			if n.Namespace == "" {
				var buf [16]byte
				if low, ok := lowerName(buf[:], n.Data); ok {
					n.DataAtom = atom.Lookup(low)
				}
			} else {
				// As the parser: the atom of the name as adjusted
				// (svg's "foreignObject" has none).
				n.DataAtom = atom.Lookup([]byte(n.Data))
			}
			b.readAttrs(n)
			cur.AppendChild(n)
			cur = n
			b.elems++
			if codeElem(n) {
				raw++
			} else if n.Namespace == "" && (n.DataAtom == atom.Pre || n.DataAtom == atom.Listing) {
				pre = true
			}
		case flatEnd:
			if cur == root {
				continue
			}
			if codeElem(cur) {
				raw--
			}
			cur = cur.Parent
		case flatText:
			t := b.field()
			if t == "" {
				continue
			}
			if raw > 0 {
				t = " " // the code no stage reads, as blankRawText leaves it
			} else if !pre && len(t) >= minSpaceCut && !rawTextParent(cur) && allSpace(t) {
				t = t[:1] // indentation
			}
			if l := cur.LastChild; l != nil && l.Type == html.TextNode {
				// The parser makes one node of adjacent text; a live
				// document may hold several (joined once the run ends:
				// a string grown piece by piece would be quadratic).
				if raw == 0 {
					if b.joining != l {
						b.endJoin()
						b.joining = l
						b.join.WriteString(l.Data)
					}
					b.join.WriteString(t)
				}
				continue
			}
			n := b.node()
			n.Type = html.TextNode
			n.Data = t
			cur.AppendChild(n)
		case flatCmt:
			n := b.node()
			n.Type = html.CommentNode
			cur.AppendChild(n)
		default:
			// Not a record: skip to the next one.
			for b.i < len(b.s) && b.s[b.i] >= flatRecord {
				b.i++
			}
		}
	}
	b.endJoin()
	return root
}

// endJoin sets the text node being joined from adjacent records to their
// text.
func (b *flatBuilder) endJoin() {
	if b.joining != nil {
		b.joining.Data = b.join.String()
		b.joining = nil
		b.join = strings.Builder{}
	}
}

// readAttrs reads an element's attributes, keeping those a stage reads
// (cutAttrOn) and splitting foreign elements' namespaced names as the
// parser does.
func (b *flatBuilder) readAttrs(n *html.Node) {
	if b.i >= len(b.s) || b.s[b.i] < flatRecord {
		return // (no attributes: no home to find)
	}
	home := attrHomeOfAtom(n.DataAtom)
	if n.Namespace != "" {
		home = attrHomeOf(n.Data)
	}
	if cap(b.attrs)-len(b.attrs) < 8 {
		b.attrs = make([]html.Attribute, 0, 512)
	}
	start := len(b.attrs)
	for b.i < len(b.s) && b.s[b.i] >= flatRecord {
		key := b.field()
		val := b.field()
		if home != homeFormatting && cutAttrOn(home, key, val) {
			continue
		}
		a := html.Attribute{Key: key, Val: val}
		if n.Namespace != "" {
			if p, k, ok := strings.Cut(key, ":"); ok && (p == "xlink" || p == "xml" || p == "xmlns") {
				a.Namespace, a.Key = p, k
			}
		}
		b.attrs = append(b.attrs, a)
	}
	if k := len(b.attrs) - start; k > 0 {
		n.Attr = b.attrs[start:len(b.attrs):len(b.attrs)]
	}
}

// rawTextParent reports the elements whose text the parser reads as raw
// text or RCDATA (rawTag's): their whitespace is text, not indentation.
func rawTextParent(n *html.Node) bool {
	return n.Namespace == "" && rawTag(n.Data) != rawNone
}
