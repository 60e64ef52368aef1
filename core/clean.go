package core

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Stage 3: clean. One walk over the page marks what can never be article
// text (scripts, styles, hidden elements, forms, embedded objects) and what
// is probably not (navigation, share bars, comments, ads, footers, found by
// tag, role, class and id). Nothing is detached: the marks are read by the
// scorer under the flags of the current retry, so a retry needs no
// re-parse. The second half of this file cleans the chosen article.

type mark uint8

const (
	markNone     mark = iota
	markJunk          // never article text
	markUnlikely      // probably furniture: skipped while flagStripUnlikely holds
	markFarm          // a link farm (stage 5)
)

// flags are the retry sieve: each attempt drops one, from the strictest.
type flags uint8

const (
	flagStripUnlikely flags = 1 << iota
	flagWeightClasses
	flagCleanConditionally
)

// sieve is the order of attempts; an attempt whose article is shorter than
// minArticleUnits falls through to the next.
var sieve = []flags{
	flagStripUnlikely | flagWeightClasses | flagCleanConditionally,
	flagWeightClasses | flagCleanConditionally,
	flagCleanConditionally,
	0,
}

// attemptStage names the checkpoints after each attempt (Options.Checkpoint).
var attemptStage = func() []string {
	out := make([]string, len(sieve))
	for i := range out {
		out[i] = "attempt " + strconv.Itoa(i+1)
	}
	return out
}()

// junkTags never hold article text.
func isJunkTag(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Iframe, atom.Object, atom.Embed,
		atom.Applet, atom.Input, atom.Button, atom.Select, atom.Textarea, atom.Option,
		atom.Svg, atom.Canvas, atom.Link, atom.Meta, atom.Frame, atom.Frameset,
		atom.Dialog, atom.Head, atom.Title, atom.Audio, atom.Video, atom.Map, atom.Param,
		atom.Datalist, atom.Output, atom.Menu, atom.Base:
		return true
	}
	return false
}

// Class and id words. The lists follow what Readability and trafilatura
// learned on the web at large; each word is matched as a substring of the
// lower-cased class and id.
var (
	// unlikelyWords mark furniture.
	unlikelyWords = []string{"-ad-", "ad-break", "agegate", "banner", "breadcrumb", "combx", "comment",
		"community", "cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu",
		"related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
		"supplemental", "pagination", "pager", "popup", "yom-remote"}
	// maybeWords rescue an element from unlikelyWords: they name content.
	maybeWords = []string{"and", "article", "body", "column", "content", "main", "mathjax", "shadow"}
	// positiveWords and negativeWords weigh candidates (±25).
	positiveWords = []string{"article", "body", "content", "entry", "hentry", "h-entry", "main", "page",
		"pagination", "post", "text", "blog", "story", "detail", "zhengwen", "neirong"}
	negativeWords = []string{"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
		"footer", "gdpr", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll",
		"share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget",
		"breadcrumb", "copyright", "nav", "menu"}
)

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// classWeight is Readability's class/id weight: +25 for a content word,
// -25 for a furniture word, each side once.
func (r *run) classWeight(n *html.Node) int {
	b := r.classBits(n)
	w := 0
	if b&clsNegative != 0 {
		w -= 25
	}
	if b&clsPositive != 0 {
		w += 25
	}
	return w
}

// isHidden reports elements that a browser would not show.
func isHidden(n *html.Node) bool {
	if hasAttr(n, "hidden") {
		return true
	}
	if attr(n, "aria-hidden") == "true" && n.DataAtom != atom.Img {
		return true
	}
	st := attr(n, "style")
	if st == "" {
		return false
	}
	return styleHides(st)
}

// styleHides reports a style declaring display:none or visibility:hidden
// (spaces and case aside).
func styleHides(st string) bool {
	// Short ASCII styles, nearly all of them, are folded on the stack.
	var buf [256]byte
	if len(st) <= len(buf) {
		n := 0
		for i := 0; i < len(st); i++ {
			c := st[i]
			if c >= utf8.RuneSelf {
				n = -1 // ToLower folds some non-ASCII letters to ASCII
				break
			}
			if c != ' ' {
				buf[n] = lowerASCII(c)
				n++
			}
		}
		if n >= 0 {
			b := buf[:n]
			return bytes.Contains(b, []byte("display:none")) || bytes.Contains(b, []byte("visibility:hidden"))
		}
	}
	st = strings.ToLower(strings.ReplaceAll(st, " ", ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

var unlikelyRoles = map[string]bool{"menu": true, "menubar": true, "complementary": true,
	"navigation": true, "alert": true, "alertdialog": true, "dialog": true, "banner": true,
	"contentinfo": true, "search": true}

// markEnter makes the marks of stage 3 for one element of the body, on
// the survey walk's way down, and says whether to go into its children.
func (r *run) markEnter(n, body *html.Node) bool {
	if isJunkTag(n.DataAtom) || isHidden(n) {
		r.marks[n] = markJunk
		return false
	}
	if n.DataAtom == atom.Table || n.DataAtom == atom.Code || n.DataAtom == atom.Pre {
		r.protect++
	}
	// Inside a table or code, class words describe data, not layout.
	if r.protect == 0 && n != body && r.unlikely(n) {
		r.marks[n] = markUnlikely
	}
	return true
}

// markLeave closes what markEnter opened, on the way back up.
func (r *run) markLeave(n *html.Node) {
	if (n.DataAtom == atom.Table || n.DataAtom == atom.Code || n.DataAtom == atom.Pre) && r.marks[n] != markJunk {
		r.protect--
	}
}

func (r *run) unlikely(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer:
		return true
	case atom.A, atom.Body, atom.Html, atom.Article, atom.Main:
		return false
	}
	if role := attr(n, "role"); role != "" && unlikelyRoles[role] {
		return true
	}
	b := r.classBits(n)
	return b&clsUnlikely != 0 && b&clsMaybe == 0
}

// skipped reports whether the scorer and the article builder leave n out
// under flags f.
func (r *run) skipped(n *html.Node, f flags) bool {
	switch r.marks[n] {
	case markNone:
		return false
	case markUnlikely:
		return f&flagStripUnlikely != 0
	}
	return true
}

// ---- Cleaning the chosen article ----

// cstats are the counts that conditional cleaning decides on.
type cstats struct {
	text       textStats
	linkEff    int
	p, img     int
	li, input  int
	embed      int
	headingEff int
	listEff    int // text inside ul and ol
	preEff     int // text inside pre: code and its output
}

func (c *cstats) add(o *cstats) {
	c.text.add(o.text)
	c.linkEff += o.linkEff
	c.p += o.p
	c.img += o.img
	c.li += o.li
	c.input += o.input
	c.embed += o.embed
	c.headingEff += o.headingEff
	c.listEff += o.listEff
	c.preEff += o.preEff
}

// conditional names the elements that conditional cleaning judges.
func conditional(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Ul, atom.Div, atom.Form, atom.Fieldset:
		return true
	}
	return false
}

// checkTextCounts makes prepArticle check the counts it is given against
// the text (the tests set it).
var checkTextCounts = false

// prepArticle cleans the copied article under flags f and returns the
// counts of the text it kept: conditional
// cleaning of tables, lists and divisions that look like furniture
// (Readability's _cleanConditionally, counted in eff units), headings with
// furniture classes, and empty blocks. A copy carries its original's
// attributes, so its class weight is the original's.
//
// texts, when not nil, are the counts of art's text nodes in document
// order, as scoring measured them on the page: the copy's text is the
// page's, and is not counted again.
func (r *run) prepArticle(art *html.Node, f flags, texts []textStats) (kept textStats) {
	// The counts of each open element, summed on the way up: an element's
	// counts are its text children's and those of its element children
	// that stay.
	var open []cstats
	var drop []*html.Node
	nt := 0 // text nodes seen
	figures := 0
	// Inside a table of data every cell is content, however short
	// (Readability spares them too).
	var dataTables []*html.Node // the open ones
	walk(art, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			var t textStats
			if nt < len(texts) {
				t = texts[nt]
				if checkTextCounts && t != countText(n.Data) {
					panic("prepArticle: text counts out of step")
				}
			} else {
				if checkTextCounts && texts != nil {
					panic("prepArticle: too few text counts")
				}
				t = countText(n.Data)
			}
			nt++
			if len(open) > 0 {
				open[len(open)-1].text.add(t)
			}
			return false
		case html.ElementNode:
		default:
			return n.Type == html.DocumentNode
		}
		if n.DataAtom == atom.Figure {
			figures++
		}
		if n.DataAtom == atom.Table && isDataTable(n) {
			dataTables = append(dataTables, n)
		}
		open = append(open, cstats{})
		return true
	}, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if len(dataTables) > 0 && dataTables[len(dataTables)-1] == n {
			dataTables = dataTables[:len(dataTables)-1]
		}
		c := &open[len(open)-1]
		switch n.DataAtom {
		case atom.A:
			if !wrapperLink(c.text) {
				c.linkEff = eff(c.text)
			}
		case atom.P:
			c.p++
		case atom.Img:
			if !inlineGlyph(n) {
				c.img++
			}
		case atom.Li:
			c.li++
		case atom.Ul, atom.Ol:
			c.listEff = eff(c.text)
		case atom.Pre:
			c.preEff = eff(c.text)
		case atom.Input:
			c.input++
		case atom.Object, atom.Embed, atom.Iframe, atom.Video, atom.Audio:
			c.embed++
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			c.headingEff = eff(c.text)
			if f&flagWeightClasses != 0 && n.DataAtom <= atom.H3 && r.classWeight(n) < 0 && n != art {
				r.remove(n, "heading with a furniture class", eff(c.text))
				drop = append(drop, n)
				open = open[:len(open)-1]
				return
			}
		case atom.Figure:
			figures--
		}
		if n == art {
			kept = c.text
			open = open[:len(open)-1]
			return
		}
		if f&flagCleanConditionally != 0 && conditional(n.DataAtom) && len(dataTables) == 0 {
			if why := r.furniture(n, c, f, figures > 0); why != "" {
				r.remove(n, why, eff(c.text))
				drop = append(drop, n)
				open = open[:len(open)-1]
				return
			}
		}
		mine := *c
		open = open[:len(open)-1]
		if len(open) > 0 {
			open[len(open)-1].add(&mine)
		}
	})
	if checkTextCounts && texts != nil && nt != len(texts) {
		panic("prepArticle: text counts left over")
	}
	for _, n := range drop {
		removeNode(n)
	}
	removeEmpty(art)
	return kept
}

// textCaption reports a block of text alone (no block or image inside)
// whose class or id names it a caption: "media-caption" weighs as
// furniture by its "media", but a picture's caption is the article's, as
// readers keep figcaptions. (Readability keeps it too: it turns such a
// div into a paragraph, which it does not judge by class.)
func textCaption(n *html.Node) bool {
	if !containsFoldASCII([]byte(attr(n, "class")), "caption") && !containsFoldASCII([]byte(attr(n, "id")), "caption") {
		return false
	}
	for k := n.FirstChild; k != nil; k = next(k, n, false) {
		if k.Type == html.ElementNode && (isBlock(k.DataAtom) || k.DataAtom == atom.Img) {
			return false
		}
	}
	return true
}

// mediaPicture reports a block that holds one picture and nothing else,
// whose class or id weighs as furniture only for its word "media"
// ("media-container", "media_file"): that word names what the block
// holds, the article's photograph. A linked picture (a teaser), a video's
// thumbnail (its player is gone) or a block with other furniture words
// ("social-media", "media-promo") still goes.
func mediaPicture(n *html.Node, c *cstats) bool {
	if c.img != 1 || c.text.chars > 0 || c.embed > 0 || c.input > 0 {
		return false
	}
	names := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	if !strings.Contains(names, "media") || strings.Contains(names, "video") || strings.Contains(names, "thumb") ||
		wordBits(strings.ReplaceAll(names, "media", " "))&clsNegative != 0 || strings.Contains(names, "social") {
		return false
	}
	img := firstElem(n, atom.Img)
	if img == nil || smallImage(img) || firstElem(n, atom.A) != nil {
		return false
	}
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.A && hasAttr(p, "href") {
			return false
		}
	}
	return true
}

// imageItems reports a list whose items each hold a single element (the
// picture, or a figure around it).
func imageItems(list *html.Node) bool {
	for li := list.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode {
			continue
		}
		elems := 0
		for k := li.FirstChild; k != nil; k = k.NextSibling {
			if k.Type == html.ElementNode {
				elems++
			}
		}
		if elems > 1 {
			return false
		}
	}
	return true
}

// listShare is the share of a block's text inside lists that makes the
// block a list (Readability).
const listShare = 0.9

// furniture says why an element of the article looks like furniture, or
// returns "" to keep it.
func (r *run) furniture(n *html.Node, c *cstats, f flags, inFigure bool) string {
	if n.DataAtom == atom.Table && isDataTable(n) {
		return ""
	}
	weight := 0
	if f&flagWeightClasses != 0 {
		weight = r.classWeight(n)
	}
	if weight < 0 && !r.positiveSoleChild(n) && !(r.classBits(n)&clsUnlikely == 0 && outweighsClass(c)) && !textCaption(n) && !mediaPicture(n, c) {
		return "negative class weight"
	}
	if c.text.clause >= 10 {
		return ""
	}
	te := eff(c.text)
	if te > 0 && 2*c.preEff > te {
		// Mostly code: a command or a listing is short and has no
		// commas, and is the article's all the same.
		return ""
	}
	// A block that is a list all but a heading is judged as the list
	// (Readability: nine tenths of its text inside lists).
	strictList := n.DataAtom == atom.Ul || n.DataAtom == atom.Ol || n.DataAtom == atom.Dl
	isList := strictList || te > 0 && float64(c.listEff) > listShare*float64(te)
	ld := 0.0
	if te > 0 {
		ld = float64(c.linkEff) / float64(te)
	}
	hd := 0.0
	if te > 0 {
		hd = float64(c.headingEff) / float64(te)
	}
	li := c.li - 100
	if strictList && c.li > 0 && c.img == c.li && imageItems(n) {
		// A list of pictures, one to an item, is a gallery (Readability
		// keeps these too).
		return ""
	}
	switch {
	case c.img > 1 && float64(c.p)/float64(c.img) < 0.5 && !inFigure:
		return "more images than paragraphs"
	case !isList && li > c.p:
		return "more list items than paragraphs"
	case c.input > c.p/3:
		return "form inputs"
	case !isList && hd < 0.9 && te < minParagraphEff && (c.img == 0 || c.img > 2) && !inFigure &&
		!(c.linkEff == 0 && (endsSentence(textOf(n)) || rightAligned(n))):
		// A short line that ends a sentence is a paragraph ("特此通告。"),
		// and one set flush right without links is a signature (a
		// notice's issuer and date, a letter's sender).
		return "too little text"
	case !isList && weight < 25 && ld > 0.2:
		return "link density"
	case weight >= 25 && ld > 0.5:
		return "link density"
	case (c.embed == 1 && te < 75) || c.embed > 1:
		return "embeds"
	case strictList && ld > 0.5 && te > 0 && !itemHoldsProse(n) && !(n.Parent != nil && n.Parent.DataAtom == atom.Li):
		// (A list nested in an item is the item's detail: the outer list
		// is judged with it.)
		return "list of links"
	}
	return ""
}

// isDataTable tells tables of data from layout tables.
func isDataTable(t *html.Node) bool {
	if attr(t, "role") == "presentation" || attr(t, "datatable") == "0" {
		return false
	}
	if attr(t, "summary") != "" {
		return true
	}
	rows, cols := 0, 0
	data := false
	walk(t, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return false
		}
		switch n.DataAtom {
		case atom.Table:
			if n != t {
				data = false
				rows = -1 << 20 // nested tables are layout
				return false
			}
		case atom.Caption, atom.Thead, atom.Tfoot, atom.Colgroup, atom.Th:
			data = true
		case atom.Tr:
			rows++
			k := 0
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if isElem(c, atom.Td) || isElem(c, atom.Th) {
					k++
				}
			}
			if k > cols {
				cols = k
			}
		}
		return true
	}, nil)
	if rows < 0 {
		return false
	}
	return data || rows >= 10 || cols > 4 || rows*cols > 10
}

// removeEmpty drops blocks left without text or media. One post-order
// walk: a stack holds, per open element, whether anything inside it has
// content.
func removeEmpty(art *html.Node) {
	var empty []*html.Node
	var has []bool
	walk(art, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			if len(has) > 0 && !has[len(has)-1] && !isBlankText(n.Data) {
				has[len(has)-1] = true
			}
			return false
		case html.ElementNode:
			has = append(has, false)
			return true
		}
		return false
	}, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		mine := has[len(has)-1]
		has = has[:len(has)-1]
		switch n.DataAtom {
		case atom.Img, atom.Br, atom.Hr, atom.Td, atom.Th, atom.Tr, atom.Picture, atom.Source:
			mine = true
		}
		if mine || n == art {
			if len(has) > 0 {
				has[len(has)-1] = true
			}
			return
		}
		if isBlock(n.DataAtom) || n.DataAtom == atom.A || n.DataAtom == atom.Span {
			empty = append(empty, n)
		}
	})
	for _, n := range empty {
		removeNode(n)
	}
}

// isBlankText reports text of only whitespace.
func isBlankText(s string) bool {
	for _, r := range s {
		if !isSpaceRune(r) {
			return false
		}
	}
	return true
}

// itemHoldsProse reports a list with an item that says a sentence of its
// own outside links and nested lists ("We've got the green light for …";
// the bugs linked below it are its details): a list of notes, not of
// links.
func itemHoldsProse(list *html.Node) bool {
	items, worded := 0, 0
	for li := list.FirstChild; li != nil; li = li.NextSibling {
		if li.DataAtom != atom.Li {
			continue
		}
		items++
		var b strings.Builder
		walk(li, func(k *html.Node) bool {
			switch {
			case k.Type == html.TextNode:
				b.WriteString(k.Data)
				return false
			case k.Type != html.ElementNode:
				return false
			}
			return k == li || k.DataAtom != atom.A && k.DataAtom != atom.Ul && k.DataAtom != atom.Ol
		}, nil)
		t := strings.TrimSpace(b.String())
		st := countText(t)
		if eff(st) >= proseItemMinEff && endsSentence(t) {
			return true
		}
		if st.words >= proseItemWords {
			worded++
		}
	}
	// Items that each say something around their links ("gero <a>removed
	// the attribute</a> from dialogs where we did not need it"): a list of
	// what happened, not of where to go.
	return items > 0 && 3*worded >= 2*items
}

// proseItemWords is the number of words outside links that makes an item
// say something of its own; two thirds of a list's items must.
const proseItemWords = 3

// proseItemMinEff is the least text outside links that makes a list item
// a sentence of its own.
const proseItemMinEff = 60

// rightAligned reports an element that sets its own text flush right.
func rightAligned(n *html.Node) bool {
	if strings.EqualFold(strings.TrimSpace(attr(n, "align")), "right") {
		return true
	}
	return strings.HasPrefix(styleValue(attr(n, "style"), "text-align"), "right")
}

// styleValue returns, lower-cased, the value an inline style gives prop
// ("12.0px" for "font-size" in "FONT-SIZE: 12.0px; color: grey"), or "".
func styleValue(st, prop string) string {
	if st == "" {
		return ""
	}
	st = strings.ToLower(st)
	i := strings.Index(st, prop)
	if i < 0 {
		return ""
	}
	v := strings.TrimLeft(st[i+len(prop):], " :")
	if j := strings.IndexByte(v, ';'); j >= 0 {
		v = v[:j]
	}
	return strings.TrimSpace(v)
}

// inlineGlyph reports an image set in a line of text, words on both sides
// of it (a formula, a symbol), inline wrappers around it looked through:
// the sentence's, not a picture.
func inlineGlyph(img *html.Node) bool {
	if attr(img, "alt") == "" {
		return false
	}
	return wordsBeside(img, true) && wordsBeside(img, false)
}

// wordsBeside reports words before (or after) n in its line: in one of
// its nearest siblings, or beside the inline elements that wrap it. Only
// a few siblings are looked at: a glyph sits among words, and a row of a
// hundred thousand images must not cost a hundred thousand looks each.
func wordsBeside(n *html.Node, before bool) bool {
	for k := 0; n != nil && k < 4; k++ {
		sib := n.NextSibling
		if before {
			sib = n.PrevSibling
		}
		for seen := 0; sib != nil && seen < glyphSiblings; seen++ {
			switch {
			case sib.Type == html.TextNode && !blank(sib.Data):
				return true
			case sib.Type == html.ElementNode && (isBlock(sib.DataAtom) || sib.DataAtom == atom.Br):
				return false
			}
			if before {
				sib = sib.PrevSibling
			} else {
				sib = sib.NextSibling
			}
		}
		p := n.Parent
		if p == nil || p.Type != html.ElementNode || isBlock(p.DataAtom) {
			return false
		}
		n = p
	}
	return false
}

// glyphSiblings is how many siblings on each side wordsBeside reads.
const glyphSiblings = 8

// positiveSoleChild reports a wrapper whose one child element, all its
// text, carries a class the scoring counts for the article: the body's
// own paragraph ("zn-body__paragraph") wrapped in a block named for the
// media it can also hold ("el__leafmedia--sourced-paragraph") is the
// paragraph's.
func (r *run) positiveSoleChild(n *html.Node) bool {
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode:
			if only != nil {
				return false
			}
			only = c
		case c.Type == html.TextNode && !blank(c.Data):
			return false
		}
	}
	return only != nil && r.classWeight(only) > 0
}

// outweighsClass reports a block whose own prose outweighs a furniture word
// in its class or id: Readability removes a block for its class only when
// the class's weight is more than its content score, and a section of
// several paragraphs scores more than a class weighs ("share" inside the
// id "example-1-amend-a-shared-changeset"). Only for the words that merely
// weigh: those that name furniture outright (comment, footer, sidebar,
// related...) keep the block out whatever its length.
func outweighsClass(c *cstats) bool {
	te := eff(c.text)
	return te >= classOutweighEff && c.p >= 3 && float64(c.linkEff) < 0.25*float64(te)
}

// classOutweighEff is the text a block needs to outweigh its class.
const classOutweighEff = 1000
