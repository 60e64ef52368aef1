package core

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Stage 8: Markdown. The article DOM is serialised to CommonMark with GFM
// tables, and in the same walk to plain text (paragraphs, headings and list
// items separated by blank lines). Every piece of page text is escaped, so
// text can never become markup: a page that shows "**x**" or "<script>"
// shows exactly that in the reader. Only links and images whose address
// passes safeURL become Markdown links and images.
//
// The converter recurses over the article, whose depth the parse stage has
// already capped at Limits.MaxDepth, so the page cannot choose the depth.

type block struct {
	md, tx string
}

type conv struct {
	p        *parsed
	hasBlock map[*html.Node]bool // inline elements that contain blocks
}

// toMarkdown converts the article to Markdown and text blocks.
func toMarkdown(art *html.Node, p *parsed) (md, text string) {
	c := &conv{p: p, hasBlock: make(map[*html.Node]bool)}
	// Math is one inline unit whatever its MathML children are.
	walk(art, func(n *html.Node) bool { return n.Type == html.ElementNode && n.DataAtom != atom.Math }, func(n *html.Node) {
		if n.Type != html.ElementNode || n.Parent == nil {
			return
		}
		if (isBlock(n.DataAtom) && n.DataAtom != atom.Img) || c.hasBlock[n] {
			if !isBlock(n.Parent.DataAtom) {
				c.hasBlock[n.Parent] = true
			}
		}
	})
	bs := trimRules(c.blocks(art))
	var mb, tb strings.Builder
	nm, nt := 0, 0
	for _, b := range bs {
		nm += len(b.md) + 2
		nt += len(b.tx) + 2
	}
	mb.Grow(nm)
	tb.Grow(nt)
	for _, b := range bs {
		if b.md != "" {
			if mb.Len() > 0 {
				mb.WriteString("\n\n")
			}
			mb.WriteString(b.md)
		}
		if b.tx != "" {
			if tb.Len() > 0 {
				tb.WriteString("\n\n")
			}
			tb.WriteString(b.tx)
		}
	}
	return mb.String(), tb.String()
}

// trimRules drops the thematic breaks that separate nothing: at the start
// or end of the article (the rule above a removed appendix or below a
// removed header) and the second of two in a row.
func trimRules(bs []block) []block {
	isRule := func(b block) bool { return b.md == "---" && b.tx == "" }
	out := bs[:0]
	for _, b := range bs {
		if isRule(b) && (len(out) == 0 || isRule(out[len(out)-1])) {
			continue
		}
		out = append(out, b)
	}
	for len(out) > 0 && isRule(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	return out
}

// mdBuf is a paragraph's Markdown. It can take back the markers of the
// last emphasis when what follows would stop CommonMark from reading them:
// a closing marker after punctuation must be followed by a space or
// punctuation, which is only known once the next text is written.
type mdBuf struct {
	b    []byte
	pend *pendingEm
}

type pendingEm struct{ open, close, n int }

func (m *mdBuf) resolve(next rune) {
	if m.pend == nil {
		return
	}
	pe := m.pend
	m.pend = nil
	if unicode.IsSpace(next) || unicode.IsPunct(next) || unicode.IsSymbol(next) {
		return
	}
	m.b = append(m.b[:pe.close], m.b[pe.close+pe.n:]...)
	m.b = append(m.b[:pe.open], m.b[pe.open+pe.n:]...)
}

func (m *mdBuf) WriteString(s string) {
	if s == "" {
		return
	}
	r, _ := utf8.DecodeRuneInString(s)
	m.resolve(r)
	m.b = append(m.b, s...)
}

func (m *mdBuf) WriteByte(c byte) error {
	m.resolve(rune(c))
	m.b = append(m.b, c)
	return nil
}

func (m *mdBuf) Len() int       { return len(m.b) }
func (m *mdBuf) String() string { return string(m.b) }

// lastRune returns the last rune written, or ' ' at the start.
func (m *mdBuf) lastRune() rune {
	if len(m.b) == 0 {
		return ' '
	}
	r, _ := utf8.DecodeLastRune(m.b)
	return r
}

// lastEm and lastCode remember where the last emphasis and code span
// ended, so that an adjacent one of the same kind continues it.
type lastEm struct {
	open, close, end int
	marker           string
}

type lastCode struct {
	start, end int
	text       string
}

// para accumulates one paragraph's inline content.
type para struct {
	md       mdBuf
	lastEm   *lastEm
	lastCode *lastCode
	tx       strings.Builder
	space    bool // a space is pending before the next word
	lead     bool // whitespace came before any content
	hasImage bool
}

func (p *para) text(s string) {
	// Words go out in spans: a run of words separated by single ASCII
	// spaces is written at once, as writing it word by word would write
	// it (each word after a space is preceded by one ' ').
	start := -1 // of the pending span
	for i := 0; i < len(s); {
		if start >= 0 {
			// Inside a span, the bytes that cannot start a whitespace
			// rune are passed over without decoding.
			for i < len(s) && !spaceLead[s[i]] {
				i++
			}
			if i == len(s) {
				break
			}
		}
		c := s[i]
		n, sp := 1, false
		if c < utf8.RuneSelf {
			if c == ' ' && start >= 0 && i+1 < len(s) && !spaceAt(s, i+1) {
				i++ // a single space inside the span
				continue
			}
			sp = asciiKind[c] == akSpace || c == '\v'
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			sp = isSpaceRune(r)
		}
		if sp {
			p.span(s, start, i)
			start = -1
			p.space = true
			if p.tx.Len() == 0 && p.md.Len() == 0 {
				p.lead = true
			}
			for i+n+8 <= len(s) && s[i+n:i+n+8] == "        " {
				n += 8 // indentation, eight spaces at a time: the same space
			}
		} else if start < 0 {
			start = i
		}
		i += n
	}
	p.span(s, start, len(s))
}

// spaceAt reports whether the rune of s at i is whitespace.
func spaceAt(s string, i int) bool {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiKind[c] == akSpace || c == '\v'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isSpaceRune(r)
}

// span writes the words of s[start:end], separated by single spaces.
func (p *para) span(s string, start, end int) {
	if start < 0 {
		return
	}
	p.flushSpace()
	w := s[start:end]
	if !hasMDEscape(w) {
		p.md.WriteString(w)
	} else {
		// Escaped word by word, as escapeMD rewrites a whole word when it
		// escapes anything in it.
		first := true
		for w := range strings.SplitSeq(w, " ") {
			if !first {
				p.md.WriteByte(' ')
			}
			first = false
			p.md.WriteString(escapeMD(w))
		}
	}
	p.tx.WriteString(s[start:end])
}

func (p *para) flushSpace() {
	if p.space && p.tx.Len() > 0 {
		last, _ := utf8.DecodeLastRuneInString(p.tx.String())
		if last != '\n' {
			p.md.WriteByte(' ')
			p.tx.WriteByte(' ')
		}
	}
	p.space = false
}

func (p *para) empty() bool { return strings.TrimSpace(p.tx.String()) == "" && !p.hasImage }

// finish returns the paragraph as a block, with line-start escapes.
func (p *para) finish() block {
	md := trimBreaks(p.md.String())
	tx := strings.TrimSpace(p.tx.String())
	if strings.IndexByte(md, '\n') < 0 {
		// One line, most paragraphs: no slice of lines to split and join.
		return block{md: escapeLineStart(strings.TrimLeft(md, " \t")), tx: tx}
	}
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimLeft(l, " \t")
	}
	if b, ok := reflow(lines, tx); ok {
		return b
	}
	for i, l := range lines {
		lines[i] = escapeLineStart(l)
	}
	return block{md: strings.Join(lines, "\n"), tx: tx}
}

// trimBreaks trims a paragraph's Markdown of the whitespace and the hard
// breaks (a <br> at its end, or several) around it. A backslash that
// escapes one before it is text, not a break.
func trimBreaks(md string) string {
	md = strings.TrimSpace(md)
	for strings.HasSuffix(md, "\\") {
		k := len(md) - len(strings.TrimRight(md, "\\"))
		if k%2 == 0 {
			break
		}
		md = strings.TrimSpace(md[:len(md)-1])
	}
	return md
}

// reflow reads a paragraph whose lines are set by <br>: md's lines (each
// but the last ending in the hard break's backslash, none escaped yet at
// its start: a line that runs on into the one before is not at a line's
// start any more) and tx's, line for line. A run of breaks with nothing between them (<br><br>) ends a
// paragraph, as it does on screen. And text that was hard-wrapped at a
// fixed width (old pages of plain text, BBS posts and essays, each line
// ended by a <br> in the middle of a sentence) is set as paragraphs
// again: a line as wide as the wrap width runs on into the next (with no
// space between CJK characters), and so does one of words nearly as wide
// that stops in the middle of a sentence; a shorter one ends its
// paragraph. It returns false when neither applies.
func reflow(mdLines []string, tx string) (block, bool) {
	txLines := strings.Split(tx, "\n")
	for len(mdLines) > 1 && strings.Trim(mdLines[len(mdLines)-1], " \\") == "" {
		mdLines = mdLines[:len(mdLines)-1]
	}
	if len(txLines) != len(mdLines) {
		return block{}, false // (a break the text does not show: leave it)
	}
	n := len(mdLines)
	blank := make([]bool, n)
	width := make([]int, n)
	breaks := false
	for i, t := range txLines {
		t = strings.TrimSpace(t)
		blank[i] = t == "" || strings.Trim(mdLines[i], " \\") == ""
		breaks = breaks || blank[i]
		width[i] = lineWidth(t)
	}
	wrap := wrapWidth(blank, width, txLines)
	if !breaks && wrap == 0 {
		return block{}, false
	}
	var md, txt []string
	var pm, pt strings.Builder
	runOn := false // the line before runs on into the next
	end := func() {
		if pt.Len() > 0 {
			md, txt = append(md, pm.String()), append(txt, pt.String())
		}
		pm.Reset()
		pt.Reset()
	}
	for i := 0; i < n; i++ {
		if blank[i] {
			end()
			continue
		}
		m := strings.TrimSuffix(mdLines[i], "\\")
		t := strings.TrimSpace(txLines[i])
		if runOn && !cjkJoin(pt.String(), t) {
			pm.WriteByte(' ')
			pt.WriteByte(' ')
		}
		if runOn {
			pm.WriteString(m) // (inside a line now: no line-start escape)
		} else {
			pm.WriteString(escapeLineStart(m))
		}
		pt.WriteString(t)
		last := i+1 == n || blank[i+1]
		runOn = false
		switch {
		case last:
		case wrap > 0 && (width[i] >= wrap*17/20 || width[i] >= wrap*3/5 && !endsSentence(t) && !hasCJKMajority(t)):
			// A full line, or one nearly so in the middle of a sentence
			// (words wrap early when the next one is long; CJK text
			// wraps anywhere, so its lines are full but the last): the
			// sentence goes on.
			runOn = true
			continue
		case wrap > 0:
			// A short line ends its paragraph.
		default:
			pm.WriteString("\\\n") // no wrap: the line's own break stays
			pt.WriteByte('\n')
			continue
		}
		end()
	}
	end()
	if len(md) == 0 {
		return block{}, false
	}
	return block{md: strings.Join(md, "\n\n"), tx: strings.Join(txt, "\n\n")}, true
}

// wrapWidth returns the width at which the non-blank lines were
// hard-wrapped, or 0 when they were not: at least four lines followed by
// another, a width of 40 columns or more, three in four of those lines
// within 12% of it (a wrap fills its lines: a list's lines, a track list
// or a programme, vary more), and most of those ending in the middle of a
// sentence (lines that are sentences of their own are not wrapped text).
func wrapWidth(blank []bool, width []int, lines []string) int {
	var runOn []int // the lines followed by another
	for i := range width {
		if !blank[i] && i+1 < len(width) && !blank[i+1] {
			runOn = append(runOn, i)
		}
	}
	if len(runOn) < 4 {
		return 0
	}
	ws := make([]int, len(runOn))
	for k, i := range runOn {
		ws[k] = width[i]
	}
	slices.Sort(ws)
	w := ws[len(ws)*3/4]
	if w < 40 {
		return 0
	}
	full, open := 0, 0
	for _, i := range runOn {
		if width[i] >= w*22/25 && width[i] <= w*21/20+2 {
			full++
			if !endsSentence(strings.TrimSpace(lines[i])) {
				open++
			}
		}
	}
	if full*4 < len(runOn)*3 || open*2 <= full {
		return 0
	}
	return w
}

// lineWidth is the width of a line of text in columns as the fixed-width
// screens of hard-wrapped text counted them: CJK characters and the other
// characters of the East Asian double-byte encodings take two.
func lineWidth(s string) int {
	w := 0
	for _, r := range s {
		if r < 0x1100 {
			w++
		} else {
			w += 2
		}
	}
	return w
}

// cjkJoin reports whether two wrapped lines join without a space: a CJK
// character or CJK punctuation on either side of the wrap.
func cjkJoin(before, after string) bool {
	a, _ := utf8.DecodeLastRuneInString(before)
	b, _ := utf8.DecodeRuneInString(after)
	if hangul(a) && hangul(b) {
		return false // Korean sets its words apart with spaces, and wraps at them
	}
	wide := func(r rune) bool {
		return isCJK(r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF || r == '“' || r == '”'
	}
	return wide(a) || wide(b)
}

// hangul reports Korean letters: syllables and jamo.
func hangul(r rune) bool {
	return r >= 0xAC00 && r <= 0xD7A3 || r >= 0x1100 && r <= 0x11FF || r >= 0x3130 && r <= 0x318F
}

// blocks converts the children of n into blocks.
func (c *conv) blocks(n *html.Node) []block {
	var out []block
	cur := &para{}
	flush := func() {
		if !cur.empty() {
			out = append(out, cur.finish())
		}
		cur = &para{}
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		switch k.Type {
		case html.TextNode:
			cur.text(k.Data)
			continue
		case html.ElementNode:
		default:
			continue
		}
		if !isBlock(k.DataAtom) && !c.hasBlock[k] {
			c.inline(k, cur, false)
			continue
		}
		flush()
		if k.DataAtom == atom.Li && !insideList(k) {
			// Items with no list around them (the parser makes none
			// for them): a browser draws them with their bullets, and
			// so does our output, which read again has its list.
			last := lastOfItemRun(k)
			out = append(out, c.listItems(k, last.NextSibling, false, 1)...)
			k = last
			continue
		}
		out = append(out, c.blockElem(k)...)
	}
	flush()
	return out
}

// insideList reports an element inside a list (an item in a <div> of a
// <ul> is written with the list's item).
func insideList(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if isElem(p, atom.Ul) || isElem(p, atom.Ol) || isElem(p, atom.Menu) {
			return true
		}
	}
	return false
}

// lastOfItemRun returns the last <li> of the run of sibling items that
// starts at li (whitespace and comments between them belong to the run).
func lastOfItemRun(li *html.Node) *html.Node {
	last := li
	for k := li.NextSibling; k != nil; k = k.NextSibling {
		switch {
		case isElem(k, atom.Li):
			last = k
		case k.Type == html.CommentNode, k.Type == html.TextNode && strings.TrimSpace(k.Data) == "":
		default:
			return last
		}
	}
	return last
}

func (c *conv) blockElem(n *html.Node) []block {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		p := &para{}
		c.inlineChildren(n, p, true)
		if p.empty() {
			return nil
		}
		b := p.finish()
		b.md = headingMD(int(n.Data[1]-'0'), b.md)
		return []block{b}
	case atom.Ul, atom.Ol:
		return c.list(n)
	case atom.Blockquote:
		inner := c.blocks(n)
		if len(inner) == 0 {
			return nil
		}
		md, tx := splitBlocks(inner)
		q := strings.Join(md, "\n\n")
		lines := strings.Split(q, "\n")
		for i, l := range lines {
			if l == "" {
				lines[i] = ">"
			} else {
				lines[i] = "> " + l
			}
		}
		return []block{{md: strings.Join(lines, "\n"), tx: strings.Join(tx, "\n\n")}}
	case atom.Pre:
		return c.pre(n)
	case atom.Table:
		if isDataTable(n) {
			if b, ok := c.table(n); ok {
				return []block{b}
			}
		}
		return c.blocks(n)
	case atom.Hr:
		return []block{{md: "---"}}
	case atom.Figure:
		return c.figure(n)
	case atom.Dl:
		var out []block
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			if isElem(k, atom.Dt) {
				p := &para{}
				c.inlineChildren(k, p, true)
				if !p.empty() {
					b := p.finish()
					b.md = "**" + b.md + "**"
					if !emphasisSafe(b.md[2 : len(b.md)-2]) {
						b.md = b.md[2 : len(b.md)-2]
					}
					out = append(out, b)
				}
			} else if k.Type == html.ElementNode {
				out = append(out, c.blocks(k)...)
			}
		}
		return out
	}
	if textCaption(n) {
		// A picture's caption set in a block of its own ("media-caption",
		// "wp-caption-text"): in italics, as a figure's caption is.
		if out := c.blocks(n); len(out) == 1 {
			if b := &out[0]; emphasisSafe(b.md) && !strings.ContainsAny(b.md, "*\n") && len([]rune(b.md)) <= maxCaptionRunes {
				b.md = "*" + unescapeLineStart(b.md) + "*"
			}
			return out
		}
	}
	return c.blocks(n)
}

// maxCaptionRunes is the longest caption set in italics: a longer block
// classed "caption" is more likely text.
const maxCaptionRunes = 400

func (c *conv) list(n *html.Node) []block {
	ordered := n.DataAtom == atom.Ol
	num := 1
	if ordered {
		if s, err := strconv.Atoi(attr(n, "start")); err == nil && s >= 0 && s < 1e9 {
			num = s
		}
	}
	return c.listItems(n.FirstChild, nil, ordered, num)
}

// listItems writes the nodes from first up to stop (nil: to the end) as
// the items of a list.
func (c *conv) listItems(first, stop *html.Node, ordered bool, num int) []block {
	var md []string
	var tx []string
	loose := false
	for k := first; k != stop; k = k.NextSibling {
		if k.Type != html.ElementNode {
			if k.Type == html.TextNode && strings.TrimSpace(k.Data) != "" {
				// Text loose in the list: an item of its own, in the
				// list's own kind, so that the list is not split.
				p := &para{}
				p.text(k.Data)
				b := p.finish()
				marker := "- "
				if ordered {
					marker = strconv.Itoa(num) + ". "
					num++
				}
				md = append(md, marker+b.md)
				tx = append(tx, b.tx)
			}
			continue
		}
		var inner []block
		if k.DataAtom == atom.Li {
			inner = c.blocks(k)
		} else {
			inner = c.blockElem(k)
			if !isBlock(k.DataAtom) {
				p := &para{}
				c.inline(k, p, false)
				inner = []block{p.finish()}
			}
		}
		parts, itemTx := splitBlocks(inner)
		tx = append(tx, itemTx...)
		if len(parts) == 0 {
			continue
		}
		if len(parts) > 1 {
			loose = true
		}
		marker := "- "
		if ordered {
			marker = strconv.Itoa(num) + ". "
			num++
		}
		indent := strings.Repeat(" ", len(marker))
		body := strings.Join(parts, "\n\n")
		lines := strings.Split(body, "\n")
		for i := range lines {
			if i == 0 {
				lines[i] = marker + lines[i]
			} else if lines[i] != "" {
				lines[i] = indent + lines[i]
			}
		}
		md = append(md, strings.Join(lines, "\n"))
	}
	if len(md) == 0 {
		return nil
	}
	sep := "\n"
	if loose {
		sep = "\n\n"
	}
	return []block{{md: strings.Join(md, sep), tx: strings.Join(tx, "\n\n")}}
}

func (c *conv) pre(n *html.Node) []block {
	var b strings.Builder
	walk(n, func(k *html.Node) bool {
		if k.Type == html.TextNode {
			b.WriteString(k.Data)
		} else if isElem(k, atom.Br) {
			b.WriteByte('\n')
		}
		return k.Type == html.ElementNode
	}, nil)
	code := strings.Trim(b.String(), "\n")
	code = strings.TrimRight(code, " \t\n")
	if strings.TrimSpace(code) == "" {
		return nil
	}
	lang := ""
	for _, x := range []*html.Node{n, firstElem(n, atom.Code)} {
		if x == nil {
			continue
		}
		for _, cl := range strings.Fields(attr(x, "class")) {
			for _, pre := range []string{"language-", "lang-"} {
				if strings.HasPrefix(cl, pre) && lang == "" {
					lang = sanitizeLang(cl[len(pre):])
				}
			}
		}
	}
	fence := "```"
	for strings.Contains(code, fence) {
		fence += "`"
	}
	return []block{{md: fence + lang + "\n" + code + "\n" + fence, tx: code}}
}

func sanitizeLang(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '+' || r == '#') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (c *conv) figure(n *html.Node) []block {
	var out []block
	var caption *html.Node
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if isElem(k, atom.Figcaption) {
			caption = k
			continue
		}
	}
	// Everything but the caption, then the caption in italics.
	p := &para{}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k == caption {
			continue
		}
		if k.Type == html.ElementNode && (isBlock(k.DataAtom) || c.hasBlock[k]) {
			if !p.empty() {
				out = append(out, p.finish())
				p = &para{}
			}
			out = append(out, c.blockElem(k)...)
			continue
		}
		if k.Type == html.TextNode {
			p.text(k.Data)
		} else if k.Type == html.ElementNode {
			c.inline(k, p, false)
		}
	}
	if !p.empty() {
		out = append(out, p.finish())
	}
	if caption != nil {
		cp := &para{}
		c.inlineChildren(caption, cp, true)
		if !cp.empty() {
			b := cp.finish()
			if emphasisSafe(b.md) && !strings.Contains(b.md, "*") {
				b.md = "*" + unescapeLineStart(b.md) + "*"
			}
			out = append(out, b)
		}
	}
	return out
}

// table writes a GFM table. Spanned columns repeat nothing: the content
// stays in the first cell and the spanned cells are empty, so columns line
// up. It reports false for tables that do not fit GFM (a single column).
func (c *conv) table(t *html.Node) (block, bool) {
	var rows [][]string
	var txRows []string
	var carry []int // rows still spanned down, per column
	var collect func(n *html.Node)
	collect = func(n *html.Node) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			if k.Type != html.ElementNode {
				continue
			}
			switch k.DataAtom {
			case atom.Thead, atom.Tbody, atom.Tfoot:
				collect(k)
			case atom.Tr:
				var row []string
				var txCells []string
				// Cells spanning down from rows above take their columns
				// first, left empty, so the columns line up.
				fill := func() {
					for len(row) < len(carry) && carry[len(row)] > 0 {
						carry[len(row)]--
						row = append(row, "")
					}
				}
				for cell := k.FirstChild; cell != nil; cell = cell.NextSibling {
					if !isElem(cell, atom.Td) && !isElem(cell, atom.Th) {
						continue
					}
					fill()
					// A cell is one line: its blocks joined by spaces.
					md, tx := splitBlocks(c.blocks(cell))
					for i := range md {
						md[i] = strings.ReplaceAll(md[i], "\n", " ")
					}
					for i := range tx {
						tx[i] = strings.ReplaceAll(tx[i], "\n", " ")
					}
					span := clampSpan(attr(cell, "colspan"), 50)
					down := clampSpan(attr(cell, "rowspan"), 500) - 1
					for i := 0; i < span; i++ {
						col := len(row)
						for len(carry) <= col {
							carry = append(carry, 0)
						}
						if down > carry[col] {
							carry[col] = down
						}
						if i == 0 {
							row = append(row, escapeCellPipes(strings.Join(md, " ")))
						} else {
							row = append(row, "")
						}
					}
					txCells = append(txCells, strings.Join(tx, " "))
				}
				fill()
				if len(row) > 0 {
					rows = append(rows, row)
					if s := strings.TrimSpace(strings.Join(txCells, " ")); s != "" {
						txRows = append(txRows, strings.Join(nonEmpty(txCells), " | "))
					}
				}
			}
		}
	}
	collect(t)
	cols := 0
	for _, r := range rows {
		if len(r) > cols {
			cols = len(r)
		}
	}
	if len(rows) == 0 || cols < 2 {
		return block{}, false
	}
	var b strings.Builder
	for i, r := range rows {
		for len(r) < cols {
			r = append(r, "")
		}
		b.WriteString("|")
		for _, cell := range r {
			b.WriteString(" " + cell + " |")
		}
		b.WriteByte('\n')
		if i == 0 {
			b.WriteString("|")
			for j := 0; j < cols; j++ {
				b.WriteString(" --- |")
			}
			b.WriteByte('\n')
		}
	}
	// The caption stays as text above the table.
	md := strings.TrimRight(b.String(), "\n")
	tx := strings.Join(txRows, "\n\n")
	if cap := firstElem(t, atom.Caption); cap != nil {
		p := &para{}
		c.inlineChildren(cap, p, true)
		if !p.empty() {
			cb := p.finish()
			md = cb.md + "\n\n" + md
			tx = cb.tx + "\n\n" + tx
		}
	}
	return block{md: md, tx: tx}, true
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func (c *conv) inlineChildren(n *html.Node, p *para, oneLine bool) {
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		switch k.Type {
		case html.TextNode:
			p.text(k.Data)
		case html.ElementNode:
			c.inline(k, p, oneLine)
		}
	}
}

// inline writes an inline element (or, in one-line contexts such as
// headings and cells, any element) into p.
func (c *conv) inline(n *html.Node, p *para, oneLine bool) {
	switch n.DataAtom {
	case atom.Br:
		if oneLine {
			p.space = true
			return
		}
		if p.tx.Len() > 0 {
			p.md.WriteString("\\\n")
			p.tx.WriteString("\n")
		}
		p.space = false
		return
	case atom.Img:
		c.image(n, p)
		return
	case atom.A:
		c.link(n, p, oneLine)
		return
	case atom.Strong, atom.B, atom.Em, atom.I, atom.Cite, atom.Dfn, atom.Del, atom.S, atom.Strike:
		c.wrap(n, p, oneLine, emphasisMarker(n.DataAtom))
		return
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		c.code(n, p)
		return
	case atom.Math:
		c.math(n, p)
		return
	case atom.Sup, atom.Sub, atom.Wbr:
	}
	if isBlock(n.DataAtom) {
		p.space = true
		c.inlineChildren(n, p, oneLine)
		p.space = true
		return
	}
	c.inlineChildren(n, p, oneLine)
}

// wrap writes n's content inside a Markdown emphasis marker. Emphasis that
// CommonMark would not recognise (content starting or ending in
// punctuation next to a letter, as happens in CJK text) is left out rather
// than printed as stray asterisks.
func (c *conv) wrap(n *html.Node, p *para, oneLine bool, marker string) {
	if sameEmphasisAbove(n, marker) {
		// Bold inside bold is bold: markers inside markers of their own
		// kind would touch ("********") and be read as text.
		c.inlineChildren(n, p, oneLine)
		return
	}
	inner := &para{}
	c.inlineChildren(n, inner, oneLine)
	md := strings.TrimSpace(inner.md.String())
	tx := strings.TrimSpace(inner.tx.String())
	if tx == "" {
		if inner.hasImage {
			p.flushSpace()
			p.md.WriteString(md)
			p.hasImage = true
		}
		return
	}
	if inner.lead {
		p.space = true
	}
	p.flushSpace()
	first, _ := utf8.DecodeRuneInString(md)
	last, _ := utf8.DecodeLastRuneInString(md)
	prev := p.md.lastRune()
	// An opening marker before punctuation needs space or punctuation
	// before it; a closing one after punctuation is settled by mdBuf.
	openOK := !isPunctOrSymbol(first) || unicode.IsSpace(prev) || isPunctOrSymbol(prev)
	if le := p.lastEm; le != nil && le.end == p.md.Len() && le.marker == marker && !p.space {
		// <b>bold</b><b>er</b>: continue the emphasis just closed instead
		// of writing touching markers ("**bold****er**").
		p.md.pend = nil
		p.md.b = p.md.b[:le.end-len(marker)]
		p.md.WriteString(md)
		le.close = p.md.Len()
		p.md.WriteString(marker)
		le.end = p.md.Len()
		if isPunctOrSymbol(last) {
			p.md.pend = &pendingEm{open: le.open, close: le.close, n: len(marker)}
		}
	} else if openOK && !strings.Contains(md, "\n") && last != '\\' {
		open := p.md.Len()
		p.md.WriteString(marker + md)
		close := p.md.Len()
		p.md.WriteString(marker)
		p.lastEm = &lastEm{open: open, close: close, end: p.md.Len(), marker: marker}
		if isPunctOrSymbol(last) {
			p.md.pend = &pendingEm{open: open, close: close, n: len(marker)}
		}
	} else {
		p.md.WriteString(md)
	}
	p.tx.WriteString(tx)
	p.hasImage = p.hasImage || inner.hasImage
	if inner.space || endsWithSpace(inner.tx.String()) {
		p.space = true
	}
}

// sameEmphasisAbove reports whether an inline ancestor of n already sets
// its text with marker.
func sameEmphasisAbove(n *html.Node, marker string) bool {
	for a := n.Parent; a != nil && a.Type == html.ElementNode && !isBlock(a.DataAtom); a = a.Parent {
		if emphasisMarker(a.DataAtom) == marker {
			return true
		}
	}
	return false
}

// emphasisMarker is the Markdown marker wrap writes for an element, or "".
func emphasisMarker(a atom.Atom) string {
	switch a {
	case atom.Strong, atom.B:
		return "**"
	case atom.Em, atom.I, atom.Cite, atom.Dfn:
		return "*"
	case atom.Del, atom.S, atom.Strike:
		return "~~"
	}
	return ""
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

func isPunctOrSymbol(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// emphasisSafe reports whether a whole line can be set in emphasis: a line
// starts and ends at space, so only a dangling escape or a line break can
// stop it.
func emphasisSafe(md string) bool {
	return md != "" && !strings.Contains(md, "\n") && !strings.HasSuffix(md, "\\")
}

func (c *conv) code(n *html.Node, p *para) {
	var b strings.Builder
	appendText(&b, n)
	s := strings.Join(strings.Fields(b.String()), " ")
	if s == "" {
		return
	}
	p.flushSpace()
	if lc := p.lastCode; lc != nil && lc.end == p.md.Len() {
		// <code>co</code><code>de</code>: one span, not "`co``de`".
		p.md.pend = nil
		p.md.b = p.md.b[:lc.start]
		joined := lc.text + s
		c.writeCode(p, joined)
		p.tx.WriteString(s)
		return
	}
	c.writeCode(p, s)
	p.tx.WriteString(s)
}

// writeCode writes s as a code span, fenced with more backticks than it
// holds in a row.
func (c *conv) writeCode(p *para, s string) {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			if run > longest {
				longest = run
			}
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	inner := s
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		inner = " " + s + " "
	}
	start := p.md.Len()
	p.md.WriteString(fence + inner + fence)
	p.lastCode = &lastCode{start: start, end: p.md.Len(), text: s}
}

func (c *conv) link(n *html.Node, p *para, oneLine bool) {
	inner := &para{}
	c.inlineChildren(n, inner, true)
	md := strings.TrimSpace(inner.md.String())
	tx := strings.TrimSpace(inner.tx.String())
	if tx == "" && !inner.hasImage {
		return
	}
	if inner.lead {
		p.space = true
	}
	p.flushSpace()
	href, ok := safeURL(attr(n, "href"), false)
	if ok && !strings.HasPrefix(href, "#") {
		// Piece by piece, as one string: only the first write can settle
		// a pending emphasis.
		p.md.WriteString("[")
		p.md.WriteString(md)
		p.md.WriteString("](")
		p.md.WriteString(href)
		p.md.WriteString(")")
	} else {
		p.md.WriteString(md)
	}
	p.tx.WriteString(tx)
	p.hasImage = p.hasImage || inner.hasImage
	if endsWithSpace(inner.tx.String()) || inner.space {
		p.space = true
	}
}

func (c *conv) image(n *html.Node, p *para) {
	src, ok := safeURL(attr(n, "src"), true)
	if !ok || src == "" {
		return
	}
	alt := normSpace(attr(n, "alt"))
	p.flushSpace()
	p.md.WriteString("![") // piece by piece, as in link
	p.md.WriteString(escapeMD(alt))
	p.md.WriteString("](")
	p.md.WriteString(src)
	p.md.WriteString(")")
	p.hasImage = true
}

// mdEscapes are the characters escaped wherever they appear in text.
const mdEscapes = "\\`*_[]<>|~&"

// isMDEscape is mdEscapes as a table: text is asked for them word by word,
// and strings.ContainsAny builds its set of them on every call.
var isMDEscape = func() (t [256]bool) {
	for i := 0; i < len(mdEscapes); i++ {
		t[mdEscapes[i]] = true
	}
	return t
}()

// hasMDEscape reports whether s holds a character of mdEscapes.
func hasMDEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if isMDEscape[s[i]] {
			return true
		}
	}
	return false
}

// escapeMD escapes text so that Markdown reads it as text.
func escapeMD(s string) string {
	if !hasMDEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		if r < 0x80 && isMDEscape[r] {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escapeLineStart escapes what would start a block at the beginning of a
// line: headings, list markers, block quotes, setext underlines, fences.
func escapeLineStart(l string) string {
	if l == "" {
		return l
	}
	switch l[0] {
	case '#', '-', '+', '=', '>', ':':
		return "\\" + l
	}
	i := 0
	for i < len(l) && i < 10 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	if i > 0 && i < len(l) && (l[i] == '.' || l[i] == ')') {
		return l[:i] + "\\" + l[i:]
	}
	return l
}

// unescapeLineStart takes back what escapeLineStart added to l, for a
// line that is set inside something now ("*" + l + "*"): its start is
// not a line's start any more. (Of the characters escapeLineStart
// escapes, only '>' is escaped anywhere in text too, by escapeMD: that
// escape stays.)
func unescapeLineStart(l string) string {
	if len(l) > 1 && l[0] == '\\' {
		switch l[1] {
		case '#', '-', '+', '=', ':':
			return l[1:]
		}
	}
	i := 0
	for i < len(l) && i < 10 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(l) && l[i] == '\\' && (l[i+1] == '.' || l[i+1] == ')') {
		return l[:i] + l[i+1:]
	}
	return l
}

// safeURL normalises an address the way a browser would read it (control
// characters and whitespace inside it ignored, scheme case-insensitive) and
// allows only http, https, mailto and relative addresses, plus data:image
// for images (raster types only). The result is safe inside Markdown link
// parentheses.
func safeURL(raw string, image bool) (string, bool) {
	u := readURL(raw)
	if u == "" || !allowedScheme(u, image) {
		return "", false
	}
	// Whatever reads the address next may decode entities in it; it must
	// be safe read either way.
	if strings.Contains(u, "&") && !allowedScheme(readURL(html.UnescapeString(u)), image) {
		return "", false
	}
	if strings.HasPrefix(u, "//") {
		u = "https:" + u
	}
	// "&" is escaped so that goldmark cannot read an entity into the
	// address after our check ("jav&#x09;ascript:"); "|" would end a table
	// cell.
	return destEscaper.Replace(u), true
}

// destEscaper makes an address safe inside Markdown link parentheses.
var destEscaper = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\\", "%5C", "`", "%60", "\"", "%22", "&", "\\&", "|", "%7C")

// escapeCellPipes escapes the pipes of a table cell that text escaping has
// not already escaped (those inside code spans).
func escapeCellPipes(md string) string {
	if !strings.Contains(md, "|") {
		return md
	}
	var b strings.Builder
	for i := 0; i < len(md); i++ {
		c := md[i]
		if c == '\\' && i+1 < len(md) {
			b.WriteByte(c)
			b.WriteByte(md[i+1])
			i++
			continue
		}
		if c == '|' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// clampSpan reads a colspan or rowspan value: at least 1, at most max.
func clampSpan(v string, max int) int {
	v = strings.TrimSpace(v)
	if v == "" {
		return 1 // most cells: no span, and no error for Atoi to allocate
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 1
	}
	if n > max {
		return max
	}
	return n
}

// readURL reads an address as a browser does: surrounding space
// trimmed, tabs, newlines and control characters inside it dropped.
func readURL(raw string) string {
	s := strings.TrimSpace(raw)
	// Nearly every address has nothing to drop (and no invalid byte, which
	// the loop below would write as U+FFFD): it is returned as it is.
	clean := true
	for i := 0; i < len(s) && clean; {
		if c := s[i]; c < utf8.RuneSelf {
			clean = c >= 0x20 && c != 0x7F
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		clean = !(r == utf8.RuneError && n == 1) && !unicode.IsSpace(r)
		i += n
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r == 0x7F || unicode.IsSpace(r) && r != ' ' {
			continue
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// allowedScheme reports whether u is relative or uses an allowed scheme:
// http, https, mailto (links), data:image of a raster type (images).
func allowedScheme(u string, image bool) bool {
	scheme := ""
	if i := strings.IndexAny(u, ":/?#"); i > 0 && u[i] == ':' {
		scheme = strings.ToLower(u[:i])
	}
	switch scheme {
	case "", "http", "https":
		return true
	case "mailto":
		return !image
	case "data":
		if !image {
			return false
		}
		low := strings.ToLower(u)
		for _, t := range []string{"data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp", "data:image/avif"} {
			if strings.HasPrefix(low, t) {
				return true
			}
		}
	}
	return false
}

// headingMD writes an ATX heading of escaped text md on one line.
func headingMD(level int, md string) string {
	h := strings.ReplaceAll(md, "\n", " ")
	if strings.HasSuffix(h, "#") {
		// A closing run of # would be read as the heading's end marker.
		i := strings.TrimRight(h, "#")
		h = i + "\\" + h[len(i):]
	}
	return strings.Repeat("#", level) + " " + h
}

// math writes MathML as a code span of its TeX source when the page gives
// one (an annotation, or alttext), else of its text: Markdown has no math,
// and MathML itself never reaches our output.
func (c *conv) math(n *html.Node, p *para) {
	src := ""
	walk(n, func(k *html.Node) bool {
		if src != "" || k.Type != html.ElementNode {
			return false
		}
		if k.Data == "annotation" && strings.Contains(strings.ToLower(attr(k, "encoding")), "tex") {
			src = textOf(k)
			return false
		}
		return true
	}, nil)
	if src == "" {
		src = normSpace(attr(n, "alttext"))
	}
	if src == "" {
		var b strings.Builder
		walk(n, func(k *html.Node) bool {
			if k.Type == html.TextNode {
				b.WriteString(k.Data)
				b.WriteByte(' ')
				return false
			}
			// Annotations repeat the formula in another notation.
			return k.Type == html.ElementNode && k.Data != "annotation" && k.Data != "annotation-xml"
		}, nil)
		src = normSpace(b.String())
	}
	if src == "" {
		return
	}
	p.flushSpace()
	c.writeCode(p, src)
	p.tx.WriteString(src)
}

// splitBlocks returns the non-empty Markdown and text of blocks, in order.
func splitBlocks(bs []block) (md, tx []string) {
	for _, b := range bs {
		if b.md != "" {
			md = append(md, b.md)
		}
		if b.tx != "" {
			tx = append(tx, b.tx)
		}
	}
	return md, tx
}
