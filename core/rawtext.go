package core

import (
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/atom"
)

// Before the parser: most of the bytes of a large page are often the text
// of its <script> and <style> elements (56 to 84% of five of the corpus's
// six largest pages), which x/net/html's tokenizer reads a byte at a time
// into text nodes that no stage reads: they are junk (isJunkTag), and only
// JSON-LD scripts are read, for metadata. blankRawText cuts that text down
// to one space before parsing, so the tree is the same but for the data of
// those text nodes (one space instead of the code; the nodes stay, so node
// counts and limits are unchanged). Strings are searched at memchr speed
// here; in the wasm build, where the tokenizer's per-byte calls cost most,
// it halves the time of such pages.
//
// It must find exactly the script and style elements that the tokenizer
// will read as raw text, so it follows x/net/html's tokenizer state by
// state (tags and their quoted attributes, comments, doctypes, bogus
// comments, the raw text of iframe, noembed, noframes, noscript, textarea,
// title and xmp, the escapes in script text). Where the parser's tree
// construction could change that (inside <svg> and <math>, where script
// and style are not raw text), it does not guess: it keeps the rest of the
// page as it is.
//
// The text of comments goes too (a comment node stays in its place, empty):
// no stage reads it, and the tokenizer reads it a byte at a time.
//
// On the way it also takes out the attributes that no stage reads (event
// handlers, data-* but the lazy-image ones, svg path data, titles...) when
// their value is quoted: the tokenizer copies every attribute's name and
// value twice and unescapes it, so an attribute costs the parser more than
// its bytes. The stages read attributes by name only (attr, hasAttr, and
// the fast paths on len(n.Attr) give the same answer without them), so
// cutAttr lists every name they ask for; and some names are read on a few
// elements only (src on img, name on meta...), so cutAttrOn takes those
// from the other elements. The parser itself compares the attributes of
// formatting elements (the Noah's Ark clause), so theirs stay; the other
// attributes it reads (input's type, annotation-xml's encoding) are kept.
//
// The parser reads the page through blankedReader, which applies the cuts
// as it reads: the blanked page is never built as a string of its own.
//
// Indentation goes too: a run of whitespace between two tags (8 bytes or
// more) keeps its first byte, so the parser makes the same text node, one
// whose runs of whitespace read the same (the stages collapse them). Not
// once a <pre> or <listing> has opened, where whitespace is text.

// blankRawText returns text with the contents of its script (but JSON-LD
// ones) and style elements cut to one space, the text of its comments and
// the attributes no stage reads taken out, or text itself when there is not
// enough to cut.
func blankRawText(text string) string {
	cuts := rawCuts(text)
	if cuts == nil {
		return text
	}
	size := len(text)
	for _, c := range cuts {
		size -= int(c.end - c.start)
		if c.space {
			size++
		}
	}
	var b strings.Builder
	b.Grow(size)
	last := 0
	for _, c := range cuts {
		b.WriteString(text[last:int(c.start)])
		if c.space {
			b.WriteByte(' ')
		}
		last = int(c.end)
	}
	b.WriteString(text[last:])
	return b.String()
}

// blankedReader reads what blankRawText returns, from text and its cuts in
// place: the parser copies what it reads into its own buffer anyway, so
// the blanked page need not be built (a copy of half the page's bytes, in
// one large allocation).
func blankedReader(text string) io.Reader {
	cuts := rawCuts(text)
	if cuts == nil {
		return strings.NewReader(text)
	}
	return &cutReader{text: text, cuts: cuts}
}

// rawCuts returns the cuts of text in order, or nil when there are too few
// to be worth it.
func rawCuts(text string) []rawCut {
	if len(text) > math.MaxInt32 {
		return nil // (a rawCut holds int32 offsets)
	}
	s := rawScanner{text: text}
	for s.next() {
		if s.end-s.start > 1 {
			s.cuts = append(s.cuts, rawCut{int32(s.start), int32(s.end), true})
			s.cut += s.end - s.start - 1
		}
	}
	if s.cut < 4096 || s.cut < len(text)/16 {
		return nil
	}
	return s.cuts
}

// cutReader reads text with its cuts applied.
type cutReader struct {
	text  string
	cuts  []rawCut
	pos   int  // the next byte of text to read
	space bool // a cut's space is still to be read
}

func (r *cutReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if r.space {
			p[n] = ' '
			n++
			r.space = false
			continue
		}
		end := len(r.text)
		if len(r.cuts) > 0 {
			end = int(r.cuts[0].start)
		}
		if r.pos < end {
			m := copy(p[n:], r.text[r.pos:end])
			n += m
			r.pos += m
			continue
		}
		if len(r.cuts) == 0 {
			break // the end of the text
		}
		r.pos, r.space = int(r.cuts[0].end), r.cuts[0].space
		r.cuts = r.cuts[1:]
	}
	if n == 0 && len(p) > 0 {
		return 0, io.EOF
	}
	return n, nil
}

// rawCut is a part of the page to cut: the text of a script or style
// element (replaced by one space) or a whole attribute, name to closing
// quote (replaced by nothing).
type rawCut struct {
	start, end int32 // (12 bytes a cut, not 24: a large page has 100 k; rawCuts takes no page of 2 GB)
	space      bool
}

// rawScanner walks text as x/net/html's tokenizer does; next stops at each
// script or style content that may be cut.
type rawScanner struct {
	text       string
	i          int // next byte to read
	svg, math  int // open <svg> and <math> start tags, an upper bound of the parser's
	start, end int // the content found by next
	cuts       []rawCut
	cut        int // bytes the cuts take out
	// pre: a <pre> or <listing> was opened. Where it ends is the
	// parser's business (an end tag out of scope is ignored, an
	// ancestor's closes it), so no whitespace is cut after it.
	pre bool
	// afterMarkup: s.i is where a tag, comment or raw text ended, so the
	// text up to the next '<' is a text node of its own.
	afterMarkup bool
}

// next finds the next content to cut; false at the end, or where the
// scanner can no longer be sure to read the page as the parser will.
func (s *rawScanner) next() bool {
	t := s.text
	for {
		j := strings.IndexByte(t[s.i:], '<')
		if j < 0 {
			return false
		}
		if s.afterMarkup && j >= minSpaceCut && !s.pre && allSpace(t[s.i:s.i+j]) {
			// Indentation between two tags: a whitespace-only text node
			// whose first byte says all the parser's tree will say of it.
			s.cuts = append(s.cuts, rawCut{int32(s.i + 1), int32(s.i + j), false})
			s.cut += j - 1
		}
		s.afterMarkup = true
		s.i += j + 1
		if s.i >= len(t) {
			return false
		}
		switch c := t[s.i]; {
		case isASCIILetter(c):
			tagStart := s.i - 1
			nameEnd, end, attrs, ok := s.tag(s.i, true)
			if !ok {
				return false
			}
			name := t[s.i:nameEnd]
			s.i = end
			selfClosing := !attrs && t[end-2] == '/'
			foreign := s.svg > 0 || s.math > 0
			switch {
			case preTag(name):
				s.pre = true
			case foldEq(name, "svg"):
				if !selfClosing {
					s.svg++
				}
				continue
			case foldEq(name, "math"):
				if !selfClosing {
					s.math++
				}
				continue
			}
			if foldEq(name, "frameset") {
				// In a frameset the parser drops the non-space text of the
				// elements it ignores, and would keep a space.
				return false
			}
			raw := rawTag(name)
			if foreign && t[end-2] != '/' && (raw == rawTitle || foldEq(name, "desc")) {
				// An svg title or desc (icons have them): the parser reads
				// what is in it as HTML, so only text is followed, up to
				// the end tag. (Were the parser not in foreign content, a
				// title would be RCDATA ending there all the same.)
				low := "desc"
				if raw == rawTitle {
					low = "title"
				}
				k := strings.IndexByte(t[end:], '<')
				if k < 0 || !closesRaw(t, end+k, low) {
					return false
				}
				s.i = end + k
				continue
			}
			if foreign {
				// Only plain foreign elements are followed: anything that may
				// take the parser back to HTML (integration points, breakout
				// tags) or that the tokenizer reads differently there ends
				// the scan.
				if raw != rawNone || foreignExit(name) {
					return false
				}
				continue
			}
			switch raw {
			case rawNone:
				continue
			case rawPlaintext:
				return false
			case rawScript:
				e, ok := scriptEnd(t, end)
				if !ok {
					return false
				}
				s.i = e
				if !ldJSON(t[tagStart:end]) {
					s.start, s.end = end, e
					return true
				}
			case rawStyle:
				e, ok := rawEnd(t, end, "style")
				if !ok {
					return false
				}
				s.i = e
				s.start, s.end = end, e
				return true
			default:
				e, ok := rawEnd(t, end, raw.name())
				if !ok {
					return false
				}
				s.i = e
			}
		case c == '/':
			if s.i+1 >= len(t) {
				return false
			}
			switch c2 := t[s.i+1]; {
			case c2 == '>':
				s.i += 2
			case isASCIILetter(c2):
				nameEnd, end, _, ok := s.tag(s.i+1, false)
				if !ok {
					return false
				}
				name := t[s.i+1 : nameEnd]
				s.i = end
				if s.svg > 0 && foldEq(name, "svg") {
					s.svg--
				} else if s.math > 0 && foldEq(name, "math") {
					s.math--
				}
			default:
				if !s.skipTo('>') {
					return false
				}
			}
		case c == '!':
			if strings.HasPrefix(t[s.i:], "!--") {
				e, ok := commentEnd(t, s.i+3)
				if !ok {
					return false
				}
				// No stage reads a comment's text (the walks pass over
				// comment nodes, the article copy leaves them out): it
				// goes, and "<!---->" is an empty comment node in the
				// same place. (Comments ending otherwise than "-->" stay.)
				if c0, c1 := s.i+3, e-3; c1 > c0 && t[c1:e] == "-->" {
					s.cuts = append(s.cuts, rawCut{int32(c0), int32(c1), false})
					s.cut += c1 - c0
				}
				s.i = e
				continue
			}
			if s.svg > 0 || s.math > 0 {
				return false // CDATA sections are read there
			}
			// A doctype or a bogus comment: up to the next '>'.
			if !s.skipTo('>') {
				return false
			}
		case c == '?':
			if !s.skipTo('>') {
				return false
			}
		default:
			// The '<' was text, and so is what follows it.
			s.afterMarkup = false
		}
	}
}

// minSpaceCut is the shortest run of whitespace between tags worth a cut.
const minSpaceCut = 8

// preTag reports whether name is an element whose whitespace is kept as
// written (pre, listing: the parser also drops the newline that opens
// them).
func preTag(name string) bool { return foldEq(name, "pre") || foldEq(name, "listing") }

// allSpace reports whether t is HTML whitespace only.
func allSpace(t string) bool {
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case ' ', '\n', '\t', '\r', '\f':
		default:
			return false
		}
	}
	return true
}

func (s *rawScanner) skipTo(c byte) bool {
	k := strings.IndexByte(s.text[s.i:], c)
	if k < 0 {
		return false
	}
	s.i += k + 1
	return true
}

// tag reads a tag from its name's first byte at i as the tokenizer's
// readTag does: it returns the end of the name, the index after the closing
// '>', whether an attribute with a name was read, and false when the page
// ends first. On a start tag it adds the quoted values that may be cut
// (cutAttr) to s.cuts.
func (s *rawScanner) tag(i int, start bool) (nameEnd, end int, attrs, ok bool) {
	t := s.text
	n := len(t)
	first := i
	// A tag the page ends in is not read at all: its cuts go again.
	cuts, cut := len(s.cuts), s.cut
	defer func() {
		if !ok {
			s.cuts, s.cut = s.cuts[:cuts], cut
		}
	}()
	// readTagName
	for i++; ; i++ {
		if i >= n {
			return 0, 0, false, false
		}
		if c := t[i]; isTagSpace(c) || c == '/' || c == '>' {
			break
		}
	}
	nameEnd = i
	// The parser compares the attributes of formatting elements (the
	// Noah's Ark clause) and sorts them: theirs stay as they are.
	var home attrHome
	if start {
		home = attrHomeOf(t[first:nameEnd])
	}
	cutAttrs := start && home != homeFormatting
	// A script's type is cut by its value, so only when it is the tag's
	// one type: the tokenizer keeps the first of two, which the cut would
	// otherwise make the second.
	types, typeCut := 0, -1
	i = skipTagSpace(t, i)
	for {
		if i >= n {
			return 0, 0, false, false
		}
		if t[i] == '>' {
			if types > 1 && typeCut >= 0 {
				c := s.cuts[typeCut]
				s.cuts = append(s.cuts[:typeCut], s.cuts[typeCut+1:]...)
				s.cut -= int(c.end - c.start)
			}
			return nameEnd, i + 1, attrs, true
		}
		// readTagAttrKey
		k := i
		for ; i < n; i++ {
			c := t[i]
			if c == '=' && i == k {
				continue // a leading '=' is part of the name
			}
			if c == '=' || isTagSpace(c) || c == '/' || c == '>' {
				break
			}
		}
		if i >= n {
			return 0, 0, false, false
		}
		keyEnd := i
		if home == homeScript && foldEq(t[k:keyEnd], "type") {
			types++
		}
		if i > k {
			attrs = true
		} else {
			// An empty name: the character is consumed by readTagAttrVal
			// below ('/') or ends the tag ('>').
		}
		// readTagAttrVal
		i = skipTagSpace(t, i)
		if i >= n {
			return 0, 0, false, false
		}
		switch t[i] {
		case '/':
			i++
		case '=':
			i = skipTagSpace(t, i+1)
			if i >= n {
				return 0, 0, false, false
			}
			switch q := t[i]; q {
			case '>':
			case '\'', '"':
				e := strings.IndexByte(t[i+1:], q)
				if e < 0 {
					return 0, 0, false, false
				}
				if cutAttrs && keyEnd > k && isTagSpace(t[k-1]) && cutAttrOn(home, t[k:keyEnd], t[i+1:i+1+e]) {
					// The whole attribute goes, from its name to its
					// closing quote: what was before it (a space) and
					// what follows are read as they were.
					if home == homeScript && foldEq(t[k:keyEnd], "type") {
						typeCut = len(s.cuts)
					}
					s.cuts = append(s.cuts, rawCut{int32(k), int32(i + e + 2), false})
					s.cut += i + e + 2 - k
				}
				i += e + 2
			default:
				for i++; i < n && !isTagSpace(t[i]) && t[i] != '>'; i++ {
				}
				if i < n && t[i] != '>' {
					i++ // the space that ended the value is consumed
				}
			}
		}
		i = skipTagSpace(t, i)
	}
}

// formattingTag reports the formatting elements, whose attributes the
// parser compares when it adds one to the list of active formatting
// elements (three alike, attributes and all, and the earliest goes). Even
// <a> is one: a misnested <a> leaves a copy of itself in the list.
func formattingTag(name string) bool { return attrHomeOf(name) == homeFormatting }

// lowerName copies name, ASCII lower-cased, into buf and returns that part
// of buf; false when name is longer than buf (than any name it is matched
// against). The callers switch on string(low), which does not allocate.
func lowerName(buf []byte, name string) (low []byte, ok bool) {
	if len(name) > len(buf) {
		return nil, false
	}
	for i := 0; i < len(name); i++ {
		buf[i] = lowerASCII(name[i])
	}
	return buf[:len(name)], true
}

// cutAttr reports whether the value of an attribute of this name (as in
// the page, in any case) may be cut on any element: no stage reads it, and
// the parser does not look at it. The stages read attributes by name
// (attr, hasAttr), and these are all the names they ask for; the parser
// reads the type of input elements and the encoding of annotation-xml.
func cutAttr(key string) bool { return cutAttrOn(homeAny, key, "") }

// attrHome says on which of the elements that matter to cutAttrOn a tag
// is: the stages read some attributes on a few elements only.
type attrHome uint8

const (
	homeOther      attrHome = iota
	homeFormatting          // the formatting elements: their attributes all stay
	homeImg                 // img, and image (which the parser makes an img): src, width, height, the lazy sources
	homeSource              // source: data-srcset (and srcset, read everywhere)
	homeAreaBase            // area and base: href (a's attributes are never cut)
	homeMeta                // meta: name
	homeScript              // script: type, when it may say ld+json
	homeInput               // input: type, which the parser reads
	homeLink                // link: neither rel nor href is read there
	homeAny                 // cutAttr: any element
)

// attrHomeOf classifies a tag name (it runs on every start tag of the
// page): by its atom, as the flat tree's reader does (attrHomeOfAtom), no
// home being longer than six letters.
func attrHomeOf(name string) attrHome {
	var buf [6]byte
	low, ok := lowerName(buf[:], name)
	if !ok {
		return homeOther
	}
	return attrHomeOfAtom(atom.Lookup(low))
}

// attrHomeOfAtom classifies an HTML element by its atom (that of its
// lower-cased name).
func attrHomeOfAtom(a atom.Atom) attrHome {
	switch a {
	case atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.Nobr, atom.S, atom.Small,
		atom.Strike, atom.Strong, atom.Tt, atom.U:
		return homeFormatting
	case atom.Img, atom.Image:
		return homeImg
	case atom.Source:
		return homeSource
	case atom.Area, atom.Base:
		return homeAreaBase
	case atom.Meta:
		return homeMeta
	case atom.Script:
		return homeScript
	case atom.Input:
		return homeInput
	case atom.Link:
		return homeLink
	}
	return homeOther
}

// cutAttrOn reports whether an attribute with this name (as in the page,
// in any case) and (raw, quoted) value may be cut from an element of home:
// the names no stage reads (cutAttr), and those that the stages read only
// on some elements (TestCutAttrOnKeepsWhatTheStagesRead lists where each
// is read):
//   - src, width, height and the lazy sources on img only (fixImage,
//     smallImage, the Markdown's image, the lead image), data-srcset on
//     img and source (fixImage);
//   - href on a, area and base only (normalise, setBase, the Markdown's
//     link and the repeated links, all on a);
//   - name on meta only (the metadata);
//   - type on script only, for "ld+json" (the metadata), and on input,
//     where the parser reads it;
//   - rel is read on every element, for rel="author", but then only the
//     element's text counts: a link has none.
//
// One switch for all: it runs on every quoted attribute of the page.
func cutAttrOn(home attrHome, key, val string) bool {
	var buf [16]byte
	low, ok := lowerName(buf[:], key)
	if !ok {
		return true
	}
	switch string(low) {
	case "align", "alt", "alttext", "aria-hidden", "class", "colspan", "content", "datatable",
		"datetime", "dir", "encoding", "hidden", "http-equiv", "id", "itemprop",
		"lang", "property", "role", "rowspan", "srcset", "start", "style",
		"summary", "xml:lang", "xlink:href":
		return false
	case "src", "width", "height",
		// lazyAttrs
		"data-src", "data-original", "data-lazy-src", "data-lazy", "data-url",
		"data-echo", "data-actualsrc", "data-hi-res-src", "data-full-src":
		return home != homeImg && home != homeAny
	case "data-srcset": // the lazy srcset
		return home != homeImg && home != homeSource && home != homeAny
	case "href":
		return home != homeAreaBase && home != homeAny
	case "name":
		return home != homeMeta && home != homeAny
	case "type":
		switch home {
		case homeInput, homeAny:
			return false
		case homeScript:
			// As ldJSON keeps a script's text: a value that could read
			// "ld+json" once unescaped and lower-cased stays.
			if strings.IndexByte(val, '&') >= 0 {
				return false
			}
			for i := 0; i < len(val); i++ {
				if val[i] >= utf8.RuneSelf || i+4 <= len(val) && foldEq(val[i:i+4], "json") {
					return false
				}
			}
		}
		return true
	case "rel":
		return home == homeLink
	}
	return true
}

// foldEq compares an ASCII name as the tokenizer does: ASCII letters in
// any case, nothing else folded (strings.EqualFold would match "ſ" to "s").
func foldEq(s, name string) bool {
	if len(s) != len(name) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lowerASCII(s[i]) != name[i] {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isTagSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

func skipTagSpace(t string, i int) int {
	for i < len(t) && isTagSpace(t[i]) {
		i++
	}
	return i
}

// commentEnd returns the index after the comment whose text starts at i
// (after "<!--"), as the tokenizer's readComment ends it.
func commentEnd(t string, i int) (int, bool) {
	dashes := 0
	beginning := true
	for ; i < len(t); i++ {
		switch t[i] {
		case '-':
			dashes++
			continue
		case '>':
			if dashes >= 2 || beginning {
				return i + 1, true
			}
		case '!':
			if dashes >= 2 {
				if i+1 >= len(t) {
					return 0, false
				}
				i++
				switch t[i] {
				case '>':
					return i + 1, true
				case '-':
					dashes = 1
					beginning = false
					continue
				}
			}
		}
		dashes = 0
		beginning = false
	}
	return 0, false
}

type rawKind uint8

const (
	rawNone rawKind = iota
	rawScript
	rawStyle
	rawPlaintext
	rawIframe
	rawNoembed
	rawNoframes
	rawNoscript
	rawTextarea
	rawTitle
	rawXmp
)

var rawNames = [...]string{rawScript: "script", rawStyle: "style", rawPlaintext: "plaintext",
	rawIframe: "iframe", rawNoembed: "noembed", rawNoframes: "noframes", rawNoscript: "noscript",
	rawTextarea: "textarea", rawTitle: "title", rawXmp: "xmp"}

func (k rawKind) name() string { return rawNames[k] }

// rawTag says whether the tokenizer reads the text after a start tag of
// this name as raw text (or RCDATA), and which.
func rawTag(name string) rawKind {
	for k := rawScript; k <= rawXmp; k++ {
		if foldEq(name, rawNames[k]) {
			return k
		}
	}
	return rawNone
}

// foreignExit reports the start tags that may take the parser from foreign
// content (svg, math) back to HTML: the HTML integration points and the
// tags that break out of foreign content.
func foreignExit(name string) bool {
	var buf [16]byte
	low, ok := lowerName(buf[:], name)
	if !ok {
		return false
	}
	switch string(low) {
	case "foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml",
		"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt",
		"em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li",
		"listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span",
		"strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var", "font":
		return true
	}
	return false
}

// rawEnd finds the end tag that closes raw text starting at i, as the
// tokenizer's readRawEndTag does: "</" name, any case, then a space, '/' or
// '>'. It returns the index of its '<'.
func rawEnd(t string, i int, name string) (int, bool) {
	for {
		k := strings.Index(t[i:], "</")
		if k < 0 {
			return 0, false
		}
		i += k
		if closesRaw(t, i, name) {
			return i, true
		}
		i += 2
	}
}

// closesRaw reports whether "</" at i starts the end tag of name.
func closesRaw(t string, i int, name string) bool {
	e := i + 2 + len(name)
	if e >= len(t) || !foldEq(t[i+2:e], name) {
		return false
	}
	c := t[e]
	return isTagSpace(c) || c == '/' || c == '>'
}

// scriptEnd finds the end of script text starting at i: the index of the
// "</script" that ends it, following the tokenizer's readScript state by
// state (the escapes that "<!--" opens). False when the page ends first.
func scriptEnd(t string, i int) (int, bool) {
	// Without "<!--" before the first </script>, that ends it.
	e, ok := rawEnd(t, i, "script")
	if ok && !strings.Contains(t[i:e], "<!--") {
		return e, true
	}
	return readScript(t, i)
}

// readScript is x/net/html's Tokenizer.readScript on a string: p is the
// next byte to read; at each state, running out of bytes ends the text
// unclosed.
func readScript(t string, p int) (int, bool) {
	const (
		data = iota
		lessThan
		endTagOpen
		escapeStart
		escapeStartDash
		escaped
		escapedDash
		escapedDashDash
		escapedLessThan
		escapedEndTagOpen
		doubleEscapeStart
		doubleEscaped
		doubleEscapedDash
		doubleEscapedDashDash
		doubleEscapedLessThan
		doubleEscapeEnd
	)
	n := len(t)
	// endTag is readRawEndTag after "</": the tag closes when "script" in
	// any case and a delimiter follow; otherwise the bytes that matched
	// stay read and the first that did not is read again.
	endTag := func() (closes bool) {
		for k := 0; k < len("script"); k++ {
			if p >= n {
				return false
			}
			if c := t[p]; c != "script"[k] && c != "SCRIPT"[k] {
				return false
			}
			p++
		}
		if p >= n {
			return false
		}
		switch t[p] {
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			p -= 2 + len("script")
			return true
		}
		return false
	}
	state := data
	for {
		if p >= n {
			return 0, false
		}
		switch state {
		case data:
			if t[p] == '<' {
				state = lessThan
			}
			p++
		case lessThan:
			switch t[p] {
			case '/':
				p++
				state = endTagOpen
			case '!':
				p++
				state = escapeStart
			default:
				state = data
			}
		case endTagOpen:
			if endTag() {
				return p, true
			}
			state = data
		case escapeStart:
			if t[p] == '-' {
				p++
				state = escapeStartDash
			} else {
				state = data
			}
		case escapeStartDash:
			if t[p] == '-' {
				p++
				state = escapedDashDash
			} else {
				state = data
			}
		case escaped:
			switch t[p] {
			case '-':
				state = escapedDash
			case '<':
				state = escapedLessThan
			}
			p++
		case escapedDash:
			switch t[p] {
			case '-':
				state = escapedDashDash
			case '<':
				state = escapedLessThan
			default:
				state = escaped
			}
			p++
		case escapedDashDash:
			switch t[p] {
			case '-':
			case '<':
				state = escapedLessThan
			case '>':
				state = data
			default:
				state = escaped
			}
			p++
		case escapedLessThan:
			switch c := t[p]; {
			case c == '/':
				p++
				state = escapedEndTagOpen
			case isASCIILetter(c):
				state = doubleEscapeStart
			default:
				state = data
			}
		case escapedEndTagOpen:
			if endTag() {
				return p, true
			}
			state = escaped
		case doubleEscapeStart:
			state = doubleEscaped
			for k := 0; k < len("script"); k++ {
				if p >= n {
					return 0, false
				}
				if c := t[p]; c != "script"[k] && c != "SCRIPT"[k] {
					state = escaped
					break
				}
				p++
			}
			if state == escaped {
				continue
			}
			if p >= n {
				return 0, false
			}
			switch t[p] {
			case ' ', '\n', '\r', '\t', '\f', '/', '>':
				p++
			default:
				state = escaped
			}
		case doubleEscaped:
			switch t[p] {
			case '-':
				state = doubleEscapedDash
			case '<':
				state = doubleEscapedLessThan
			}
			p++
		case doubleEscapedDash:
			switch t[p] {
			case '-':
				state = doubleEscapedDashDash
			case '<':
				state = doubleEscapedLessThan
			default:
				state = doubleEscaped
			}
			p++
		case doubleEscapedDashDash:
			switch t[p] {
			case '-':
			case '<':
				state = doubleEscapedLessThan
			case '>':
				state = data
			default:
				state = doubleEscaped
			}
			p++
		case doubleEscapedLessThan:
			if t[p] == '/' {
				p++
				state = doubleEscapeEnd
			} else {
				state = doubleEscaped
			}
		case doubleEscapeEnd:
			if endTag() {
				p += len("</script>")
				state = escaped
			} else {
				state = doubleEscaped
			}
		}
	}
}

// ldJSON reports whether a script start tag may hold JSON-LD, which the
// metadata stage reads: any mention of JSON, or an entity that could spell
// it.
func ldJSON(tag string) bool {
	return strings.IndexByte(tag, '&') >= 0 || jsonType(tag)
}

// jsonType reports whether s holds "json" in any case: a script's type
// that may name JSON-LD, whose text the metadata reads.
func jsonType(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if foldEq(s[i:i+4], "json") {
			return true
		}
	}
	return false
}
