package core

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// run is the state of one extraction; the Extractor itself holds none.
// survey is the one walk over the whole page before scoring: metadata from
// every node, the stage-3 marks and the anchors for stage 5 from the body,
// and the body's headings for the title search. One walk instead of four
// is a good part of staying close to the cost of parsing.
func (r *run) survey(root, body *html.Node) *metaSource {
	m := newMetaSource(r)
	inBody := false
	walk(root, func(n *html.Node) bool {
		if !inBody {
			if n != body {
				return m.visit(n)
			}
			inBody = true
		}
		switch n.Type {
		case html.ElementNode:
		case html.CommentNode, html.DoctypeNode:
			return false
		case html.TextNode:
			r.bodyTexts++
			return true
		default:
			return true
		}
		more := m.visit(n) // also for junk: JSON-LD and <meta> sit in the body too
		if !r.markEnter(n, body) {
			return false
		}
		r.bodyElems++
		switch {
		case n.DataAtom == atom.A:
			r.collectAnchor(n)
		case isHeading(n.DataAtom):
			r.headings = append(r.headings, n)
		}
		return more
	}, func(n *html.Node) {
		if !inBody || n.Type != html.ElementNode {
			return
		}
		r.markLeave(n)
		if n == body {
			inBody = false
		}
	})
	return m
}

type run struct {
	ex             *Extractor
	start          time.Time
	p              *parsed
	marks          map[*html.Node]mark
	removed        Removed
	notes          []string
	headStamps     []string     // furniture lines removed above the article (datelines, bylines)
	tailStamps     []string     // date lines removed right after the article (a post's footer)
	articleNodes   []*html.Node // the page's nodes the article was taken from
	postedLine     string       // a "posted on <date>" line just after them
	postTitle      string       // the first post's title, when a row of posts gave the article
	endLines       []string     // short lines at the end of the body and just after it
	nearTitleLines []string     // text lines right after the title heading

	// Filled by the survey walk.
	protect      int // depth inside tables and code (markEnter)
	bodyElems    int // elements of the body outside junk: what scoring may measure
	bodyTexts    int // and text nodes
	anchorCount  int
	anchorGroups map[*html.Node]int32 // link container → its group in anchorOrder
	anchorOrder  []anchorGroup        // the groups, by container in document order
	anchorSeq    []anchorItem         // the anchors as the survey met them (groupAnchors)
	headings     []*html.Node         // the body's headings
	bitsNode     *html.Node           // the node classBits answered last
	bits         uint8
}

func (r *run) note(format string, args ...any) {
	if r.explaining() {
		r.notes = append(r.notes, fmt.Sprintf(format, args...))
	}
}

// explaining reports whether the notes are wanted (Options.Explain): note
// writes none otherwise, and a note whose arguments cost something to
// build is asked for under it.
func (r *run) explaining() bool { return r.ex.opts.Explain }

func (r *run) addDetail(kind, reason string, size int, sample string) {
	r.removed.Details = append(r.removed.Details, Removal{Kind: kind, Reason: reason, Size: size, Sample: truncate(normSpace(sample), 80)})
}

// remove records a removed block of the article, with the start of its
// text as a sample.
func (r *run) remove(n *html.Node, why string, size int) {
	r.removed.Blocks++
	r.addDetail("block", why, size, sampleText(n, 100))
}

// sampleText returns about the first max bytes of n's text, without
// collecting the rest.
func sampleText(n *html.Node, max int) string {
	var b strings.Builder
	walk(n, func(k *html.Node) bool {
		if b.Len() >= max {
			return false
		}
		if k.Type == html.TextNode {
			if !blank(k.Data) { // (indentation does not use up the budget)
				b.WriteString(k.Data)
				b.WriteByte(' ')
			}
			return false
		}
		return k.Type == html.ElementNode
	}, nil)
	return normSpace(b.String())
}

func (r *run) checkBudget(stage string) error {
	if c := r.ex.opts.Checkpoint; c != nil {
		c(stage)
	}
	b := r.ex.limits.Budget
	if b > 0 && time.Since(r.start) > b {
		return errorf(ErrTimeout, "after %s (budget %v)", stage, b)
	}
	return nil
}

func (r *run) extract(in Input) (*Article, error) {
	lim := r.ex.limits
	size := len(in.HTML)
	if in.Tree != nil {
		size = len(in.Tree)
	}
	if lim.MaxBytes > 0 && int64(size) > lim.MaxBytes {
		return nil, errorf(ErrTooLarge, "%d bytes, limit %d", size, lim.MaxBytes)
	}
	var p *parsed
	var d decoded
	var err error
	if in.Tree != nil {
		// Parsed by the browser: its text is UTF-8 now, and repaired as
		// decode repairs a UTF-8 page's double-encoded text.
		d.charset = "utf-8"
		flat := string(in.Tree)
		if !utf8.ValidString(flat) { // (ToValidUTF8 decodes every rune even when all are valid)
			flat = strings.ToValidUTF8(flat, "\uFFFD")
		}
		p, err = parseFlat(repairMojibake(flat), in.URL, lim)
	} else if d, err = decode(in.HTML, in.ContentType, r.ex.opts.LegacyDecoder); err == nil {
		p, err = parse(d.text, in.URL, lim)
	}
	if err != nil {
		return nil, err
	}
	r.p = p
	if err := r.checkBudget("parse"); err != nil {
		return nil, err
	}
	body := firstElem(p.root, atom.Body)
	if body == nil {
		return nil, errorf(ErrNoArticle, "the page has no body (a frameset?)")
	}
	r.marks = make(map[*html.Node]mark, p.nodes/8+16)
	meta := r.survey(p.root, body)
	a := &Article{Charset: d.charset}
	if p.base != nil {
		a.URL = p.base.String()
		if in.URL != "" {
			a.URL = in.URL
		}
	}
	fillTitle(a, meta) // the article stage uses the title
	if !r.ex.opts.NoLinkFarm {
		r.findLinkFarms()
		if err := r.checkBudget("link farms"); err != nil {
			return nil, err
		}
	}
	r.findNearTitle(body, a.Title)
	r.anchorGroups, r.anchorOrder, r.anchorSeq, r.headings = nil, nil, nil, nil

	art, err := r.grab(body)
	if err != nil {
		return nil, err
	}
	r.findPostedLine(body)
	if r.postTitle != "" {
		// The first of a row of posts is the article: the page's title
		// names the blog, the post's own line names the article.
		a.Title = r.postTitle
	}
	// No usable page title ("", FrontPage's "显示"): old pages open the
	// body with the headline in bold or in a heading.
	titleOpens := func() bool {
		if n, t := titleFromBody(art); n != nil && textBeside(art, n) {
			a.Title = t
			r.remove(n, "opening line taken for the missing title", len(t))
			removeNode(n)
			return true
		}
		return false
	}
	weak := weakTitle(a.Title, meta.heads)
	if weak && !titleOpens() && a.Title == "" {
		a.Title = meta.soleH1()
	}
	if !r.ex.opts.NoBoilerplate {
		r.dropTitleHeading(art, a.Title)
		r.stripBoilerplate(art)
		r.dropRepeatedLinks(art)
		if weak && weakTitle(a.Title, meta.heads) {
			// The furniture above the headline has gone (a link line, a
			// dateline): the headline may open the article now, as it
			// does when our own output is read again.
			titleOpens()
		}
	}
	if r.ex.opts.DropImages {
		var imgs []*html.Node
		walk(art, func(n *html.Node) bool {
			if isElem(n, atom.Img) {
				imgs = append(imgs, n)
			}
			return n.Type == html.ElementNode
		}, nil)
		for _, n := range imgs {
			removeNode(n)
		}
	}
	body2, text := toMarkdown(art, p)
	st := countText(text) // the article checks and the counts share it
	if why := notAnArticle(art, text, st); why != "" {
		return nil, errorf(ErrNoArticle, "%s", why)
	}
	a.Text = text
	r.fillMeta(a, meta, art) // bylines and dates, also those found around the article (and in the text)
	// The page's tree is done with: nothing past this point may hold it, so
	// that a collection at the checkpoint (the wasm's) finds little alive
	// and the rendering reuses the tree's memory.
	r.p, r.marks, r.bitsNode = nil, nil, nil
	if err := r.checkBudget("markdown"); err != nil {
		return nil, err
	}
	// The body alone for readers that draw their own header; the whole
	// document (header, then body) for the CLI and for export. The body's
	// fields are the tails of the document's: one copy of the article each
	// in Markdown and HTML, not two.
	head := headerMarkdown(a)
	headHTML, ok := headerHTML(a)
	if !ok {
		if headHTML, err = renderHTML(head); err != nil {
			return nil, fmt.Errorf("render: %w", err)
		}
	}
	a.Markdown = head + body2 + "\n"
	a.BodyMarkdown = a.Markdown[len(head):]
	if a.HTML, err = renderAfter(headHTML, a.BodyMarkdown); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	a.BodyHTML = a.HTML[len(headHTML):]
	finishCounts(a, st)
	a.Removed = r.removed
	if a.Removed.Details == nil {
		a.Removed.Details = []Removal{}
	}
	if r.explaining() {
		a.Explain = r.explainLines()
	}
	if in.Tree != nil {
		// The tree's names and texts are slices of one string, the whole
		// page: the metadata taken from them as they are would keep it
		// alive as long as the article.
		for _, f := range []*string{&a.URL, &a.Title, &a.Byline, &a.Published, &a.Modified, &a.SiteName, &a.Lang, &a.Dir, &a.Excerpt, &a.LeadImage} {
			*f = strings.Clone(*f)
		}
	}
	return a, nil
}

// grab runs the retry sieve and returns the cleaned article container.
func (r *run) grab(body *html.Node) (*html.Node, error) {
	base := r.removed
	base.Details = append([]Removal(nil), base.Details...)
	var best *html.Node
	var bestRemoved Removed
	var bestNodes []*html.Node
	var bestFlags flags
	bestEff := -1
	for i, f := range sieve {
		r.removed = base
		r.removed.Details = append([]Removal(nil), base.Details...)
		s := &scoring{r: r, f: f, body: body}
		s.measure()
		s.credit()
		top, nodes := s.pick()
		if top == nil {
			nodes = []*html.Node{body}
		}
		art := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		for _, n := range nodes {
			art.AppendChild(cloneTree(n, func(k *html.Node) bool { return k.Type == html.CommentNode || r.skipped(k, f) }))
		}
		e := eff(r.prepArticle(art, f, s.textCounts(nodes)))
		if r.explaining() {
			r.note("attempt %d (%s): chose %s with %d siblings, %d characters after cleaning; runners-up: %s",
				i+1, f, describe(top, s), len(nodes)-1, e, s.runnersUp(top))
		}
		if e > bestEff {
			best, bestEff, bestRemoved, bestNodes, bestFlags = art, e, r.removed, nodes, f
			r.articleNodes = nodes
			r.postTitle = s.postTitle
		}
		if e >= minArticleEff {
			break
		}
		if err := r.checkBudget(attemptStage[i]); err != nil {
			return nil, err
		}
	}
	r.removed = bestRemoved
	if best == nil || bestEff == 0 {
		return nil, errorf(ErrNoArticle, "no text on the page")
	}
	// The sieve relaxes to find articles in wrongly classed containers;
	// a short text found only that way, all of it inside furniture (a
	// cookie banner, a newsletter box), is furniture.
	if bestFlags&flagStripUnlikely == 0 && bestEff < furnitureOnlyEff && r.insideFurniture(bestNodes) {
		return nil, errorf(ErrNoArticle, "the page's only text is furniture (%d characters in blocks marked as such)", bestEff)
	}
	return best, nil
}

// furnitureOnlyEff is the most text a page may have and still be judged to
// hold nothing but furniture.
const furnitureOnlyEff = 150

// insideFurniture reports whether nearly all text of nodes sits inside
// blocks the page marks as furniture.
func (r *run) insideFurniture(nodes []*html.Node) bool {
	total, inside := 0, 0
	for _, root := range nodes {
		depth := 0
		for a := root; a != nil; a = a.Parent {
			if r.marks[a] == markUnlikely {
				depth = 1
				break
			}
		}
		walk(root, func(n *html.Node) bool {
			switch n.Type {
			case html.TextNode:
				e := eff(countText(n.Data))
				total += e
				if depth > 0 {
					inside += e
				}
				return false
			case html.ElementNode:
				if r.marks[n] == markJunk || r.marks[n] == markFarm {
					return false
				}
				if r.marks[n] == markUnlikely {
					depth++
				}
				return true
			}
			return n.Type == html.DocumentNode
		}, func(n *html.Node) {
			if n.Type == html.ElementNode && r.marks[n] == markUnlikely && n != root {
				depth--
			}
		})
	}
	return total > 0 && float64(inside) >= 0.9*float64(total)
}

// findNearTitle records the first short lines after the page's title
// heading: bylines and datelines sit there.
func (r *run) findNearTitle(body *html.Node, title string) {
	if title == "" {
		return
	}
	var h *html.Node
	for _, k := range r.headings {
		if similar(textOf(k), title) {
			h = k
			break
		}
	}
	if h == nil {
		h = titleBlock(body, title)
	}
	if h == nil {
		return
	}
	r.textsAfter(h, body, 6, func(n *html.Node) bool {
		if inKeyValueRow(n) {
			// An infobox (a row of a table with a header cell, "Founded
			// | 1998") states facts about the subject, not the article.
			return true
		}
		line := normSpace(n.Data)
		if n.Parent != nil {
			line = textOf(n.Parent)
		}
		if len([]rune(line)) <= 120 {
			r.nearTitleLines = append(r.nearTitleLines, line)
		}
		return true
	})
}

// textBeside reports whether root holds text outside n: an opening line
// taken for the title must leave an article behind.
func textBeside(root, n *html.Node) bool {
	found := false
	walk(root, func(k *html.Node) bool {
		if found || k == n {
			return false
		}
		if k.Type == html.TextNode && !blank(k.Data) {
			found = true
		}
		return k.Type == html.ElementNode
	}, nil)
	return found
}

// titleBlock finds the page's title where no heading holds it: the first
// element whose short text holds the title and little else ("Column | Title"
// in a styled div, as many Chinese portals set it).
func titleBlock(body *html.Node, title string) *html.Node {
	want := lowerText(normSpace(title))
	lt := len([]rune(want))
	if lt < 4 {
		return nil
	}
	var found, last *html.Node
	walk(body, func(n *html.Node) bool {
		if found != nil {
			return false
		}
		switch n.Type {
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Title, atom.A, atom.Nav:
				return false
			}
			return true
		case html.TextNode:
			if n.Parent == nil || n.Parent == last || len(n.Data) < len(want)/2 || blank(n.Data) {
				return false
			}
			// Each parent once, and no more of its text than can match:
			// a page of many text nodes under one parent stays linear.
			last = n.Parent
			t, ok := textUpTo(n.Parent, 2*len(want)+8, false)
			if !ok {
				return false
			}
			t = lowerText(normSpace(t))
			if lp := len([]rune(t)); lp <= 2*lt && strings.Contains(t, want) {
				found = n.Parent
			}
		}
		return n.Type == html.DocumentNode
	}, nil)
	return found
}

// postedLabels are the words that introduce a post's own date, lower-cased.
var postedLabels = []string{"发表于", "发表时间", "发布时间", "发布于", "发布日期", "發表於", "發表時間", "發佈時間", "张贴", "張貼",
	"發布時間", "posted", "published", "投稿日", "公開日", "publié", "veröffentlicht", "publicado", "опубликовано"}

// findPostedLine looks at the first lines after the article's nodes for the
// post's own date line ("发表于 2004年12月27日 12:40 | 阅读 | 评论", "Posted
// on March 3, 2021"): blogs sign off with it, outside the post's body. Only
// a line that says it is the posting date counts; comment and related-story
// dates follow it without saying so.
func (r *run) findPostedLine(body *html.Node) {
	if len(r.articleNodes) == 0 {
		return
	}
	posted := func(n *html.Node) bool {
		line, ok := textUpTo(n.Parent, 4*maxLineChars, true)
		if !ok {
			return true
		}
		low := lowerText(line)
		for _, w := range postedLabels {
			if strings.Contains(low, w) && isoDate(line) != "" {
				r.postedLine = normSpace(line)
				return false
			}
		}
		return true
	}
	r.textsAfter(r.articleNodes[len(r.articleNodes)-1], body, 8, posted)
	if r.postedLine != "" {
		return
	}
	// Else the post's header just above it ("[分类] 标题 / 某某 发表于
	// 2005-9-15"), in a block that shares one of the article's nearest
	// containers: a sidebar's list of other posts does not.
	first := r.articleNodes[0]
	near := first
	for k := 0; k < postedHeadLevels && near.Parent != nil && near.Parent != body; k++ {
		near = near.Parent
	}
	textsBefore(first, near, postedHeadTexts, posted)
}

// The post's header line is one of the last postedHeadTexts texts before
// the article, under the article's ancestor postedHeadLevels up.
const (
	postedHeadTexts  = 4
	postedHeadLevels = 6
)

// textsBefore calls fn on up to max text nodes with visible text before
// from in document order (not inside it), nearest first, without leaving
// root, until fn returns false.
func textsBefore(from, root *html.Node, max int, fn func(*html.Node) bool) {
	seen := 0
	for n := prevNode(from, root); n != nil && seen < max; n = prevNode(n, root) {
		if n.Type != html.TextNode || n.Parent == nil || blank(n.Data) || isJunkTag(n.Parent.DataAtom) {
			continue
		}
		seen++
		if !fn(n) {
			return
		}
	}
}

// prevNode returns the node before n in document order (its previous
// sibling's last descendant, or its parent), or nil at root.
func prevNode(n, root *html.Node) *html.Node {
	if n == root {
		return nil
	}
	if p := n.PrevSibling; p != nil {
		for p.LastChild != nil {
			p = p.LastChild
		}
		return p
	}
	if n.Parent == root {
		return nil
	}
	return n.Parent
}

// textsAfter calls fn on the first max text nodes with visible text that
// follow from in document order (not inside it), skipping junk, until fn
// returns false.
func (r *run) textsAfter(from, body *html.Node, max int, fn func(*html.Node) bool) {
	seen := 0
	for n := next(from, body, true); n != nil && seen < max; {
		if n.Type == html.ElementNode && r.marks[n] == markJunk {
			n = next(n, body, true)
			continue
		}
		if n.Type == html.TextNode && n.Parent != nil && !blank(n.Data) {
			seen++
			if !fn(n) {
				return
			}
		}
		n = next(n, body, false)
	}
}

// textUpTo returns the raw text of root when it is at most max bytes long;
// it stops reading as soon as the text is longer. With apart, its text
// nodes are set apart by a space (a title link and the name after it do
// not run together into one word).
//
// A whitespace-only text node reads as one space, so that a page's
// indentation (cut before parsing when it is long) never counts.
func textUpTo(root *html.Node, max int, apart bool) (string, bool) {
	var b strings.Builder
	for k := root; k != nil; k = next(k, root, false) {
		if k.Type != html.TextNode {
			continue
		}
		if blank(k.Data) {
			if !apart { // (apart, the separator before the next text says it)
				b.WriteByte(' ')
			}
			continue
		}
		if apart && b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k.Data)
		if b.Len() > max {
			return "", false
		}
	}
	return b.String(), true
}

// inKeyValueRow reports text in a table row that has a header cell.
func inKeyValueRow(n *html.Node) bool {
	for p, k := n.Parent, 0; p != nil && k < 6; p, k = p.Parent, k+1 {
		if p.DataAtom != atom.Tr {
			continue
		}
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if isElem(c, atom.Th) {
				return true
			}
		}
		return false
	}
	return false
}

// similar reports whether a heading is the page title: equal after
// normalisation, or one contains the other and they share most characters.
func similar(a, b string) bool {
	a, b = lowerText(normSpace(a)), lowerText(normSpace(b))
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	la, lb := len([]rune(a)), len([]rune(b))
	if strings.Contains(a, b) || strings.Contains(b, a) {
		short, long := la, lb
		if short > long {
			short, long = long, short
		}
		return float64(short) >= 0.75*float64(long)
	}
	return false
}

// dropTitleHeading removes the article's first heading when it repeats the
// title: the title is shown apart from the body.
func (r *run) dropTitleHeading(art *html.Node, title string) {
	if title == "" {
		return
	}
	var h *html.Node
	seenText := 0
	walk(art, func(n *html.Node) bool {
		if h != nil || seenText > 200 {
			return false
		}
		if n.Type == html.TextNode {
			seenText += eff(countText(n.Data))
			return false
		}
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if isHeading(n.DataAtom) {
			if similar(textOf(n), title) {
				h = n
			}
			return false
		}
		return true
	}, nil)
	if h != nil {
		r.remove(h, "heading repeats the title", len(textOf(h)))
		removeNode(h)
	}
}

// weakTitle reports a page title that names nothing: none, or a CJK word
// of three characters or fewer (an editor's default such as "显示") that
// no heading of the page repeats (a name, "金锺国", is headed by itself).
func weakTitle(t string, heads []string) bool {
	t = strings.TrimSpace(t)
	if t == "" {
		return true
	}
	if !hasCJKMajority(t) || len([]rune(t)) > 3 {
		return false
	}
	for _, h := range heads {
		if h == t {
			return false
		}
	}
	return true
}

// titleFromBody returns the article's opening block when it reads as a
// headline: a heading, or a short line set wholly in bold, without links.
func titleFromBody(art *html.Node) (*html.Node, string) {
	for n := art.FirstChild; n != nil; {
		if n.Type == html.TextNode {
			if strings.TrimSpace(n.Data) != "" {
				return nil, ""
			}
			n = n.NextSibling
			continue
		}
		if n.Type != html.ElementNode {
			n = n.NextSibling
			continue
		}
		t := textOf(n)
		if t == "" {
			n = n.NextSibling
			continue
		}
		linked := holdsLink(n)
		if !isBlock(n.DataAtom) && !linked {
			// An inline wrapper (a span, an anchor without an address)
			// around the opening heading: the heading is what opens.
			if c := firstElemChild(n); c != nil && isHeading(c.DataAtom) && strings.TrimSpace(textBefore(n, c)) == "" {
				n = c
				continue
			}
		}
		if k := len([]rune(t)); k < 4 || k > 60 || linked {
			// A container: look at its first block instead.
			if k > 60 && n.FirstChild != nil && !isHeading(n.DataAtom) && n.DataAtom != atom.P {
				n = n.FirstChild
				continue
			}
			return nil, ""
		}
		if isHeading(n.DataAtom) || allBold(n) {
			return n, strings.TrimRight(t, " -–—|_")
		}
		return nil, ""
	}
	return nil, ""
}

// firstElemChild returns n's first element child, or nil.
func firstElemChild(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// textBefore returns the text of n's children before c.
func textBefore(n, c *html.Node) string {
	var b strings.Builder
	for k := n.FirstChild; k != nil && k != c; k = k.NextSibling {
		appendText(&b, k)
	}
	return b.String()
}

// holdsLink reports whether n is or holds an anchor that goes somewhere
// (an <a> without href is no link, and the Markdown drops it).
func holdsLink(n *html.Node) bool {
	found := false
	walk(n, func(k *html.Node) bool {
		if found || k.Type != html.ElementNode {
			return false
		}
		if k.DataAtom == atom.A && attr(k, "href") != "" {
			found = true
		}
		return !found
	}, nil)
	return found
}

// allBold reports whether every text of n sits inside b or strong.
func allBold(n *html.Node) bool {
	ok, any := true, false
	var visit func(k *html.Node, bold bool)
	visit = func(k *html.Node, bold bool) {
		for c := k.FirstChild; c != nil && ok; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if strings.TrimSpace(c.Data) != "" {
					any = true
					ok = ok && bold
				}
			case html.ElementNode:
				visit(c, bold || c.DataAtom == atom.B || c.DataAtom == atom.Strong)
			}
		}
	}
	visit(n, n.DataAtom == atom.B || n.DataAtom == atom.Strong)
	return ok && any
}

// headerMarkdown is the title and the byline line that go above the body.
func headerMarkdown(a *Article) string {
	var b strings.Builder
	if a.Title != "" {
		b.WriteString(headingMD(1, escapeMD(a.Title)) + "\n\n")
	}
	var by []string
	if a.Byline != "" {
		by = append(by, escapeMD(a.Byline))
	}
	if a.Published != "" {
		by = append(by, a.Published)
	}
	if len(by) > 0 {
		b.WriteString(escapeLineStart(strings.Join(by, " · ")) + "\n\n")
	}
	return b.String()
}

// headerHTML is what goldmark makes of headerMarkdown(a), written
// directly when the title, byline and date hold nothing Markdown or HTML
// would read: letters, digits, single spaces inside, plain punctuation.
// Otherwise ok is false and goldmark renders the header as before.
func headerHTML(a *Article) (html string, ok bool) {
	by := a.Byline
	if a.Published != "" {
		if by != "" {
			by += " · "
		}
		by += a.Published
	}
	if !plainHeaderText(a.Title) || !plainHeaderText(by) {
		return "", false
	}
	var b strings.Builder
	if a.Title != "" {
		b.WriteString("<h1>")
		writeQuoted(&b, a.Title)
		b.WriteString("</h1>\n")
	}
	if by != "" {
		b.WriteString("<p>")
		writeQuoted(&b, by)
		b.WriteString("</p>\n")
	}
	return b.String(), true
}

// plainHeaderText reports text that goldmark renders as it stands (but
// for the HTML escape of '"'), as a heading or as a paragraph line.
func plainHeaderText(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' || strings.Contains(s, "  ") {
		return false // Markdown trims and may fold spaces
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if isWordByte(byte(r)) {
				continue
			}
			switch r {
			case ' ', ',', '.', ':', ';', '\'', '"', '?', '!', '/', '(', ')', '-', '+', '=', '@', '%', '$':
				continue
			}
			return false
		case r == utf8.RuneError, unicode.IsSpace(r), !unicode.IsGraphic(r):
			return false
		}
	}
	return true
}

// writeQuoted writes s with '"' escaped as goldmark escapes it.
func writeQuoted(b *strings.Builder, s string) {
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		b.WriteString("&quot;")
		s = s[i+1:]
	}
}

func (r *run) explainLines() []string {
	var out []string
	for _, d := range r.removed.Details {
		out = append(out, fmt.Sprintf("removed %s (%s, %d): %s", d.Kind, d.Reason, d.Size, d.Sample))
	}
	out = append(out, r.notes...)
	return out
}

func (f flags) String() string {
	var parts []string
	if f&flagStripUnlikely != 0 {
		parts = append(parts, "strip-unlikely")
	}
	if f&flagWeightClasses != 0 {
		parts = append(parts, "weight-classes")
	}
	if f&flagCleanConditionally != 0 {
		parts = append(parts, "clean-conditionally")
	}
	if len(parts) == 0 {
		return "no filters"
	}
	return strings.Join(parts, "+")
}

// describe names a node by its last few ancestors, with score, for -explain.
func describe(n *html.Node, s *scoring) string {
	if n == nil {
		return "the body (no candidate)"
	}
	// Written in one builder: every attempt describes four candidates.
	var path [4]*html.Node // the last ancestors, innermost first
	k := 0
	for a := n; a != nil && a.Type == html.ElementNode && k < len(path); a = a.Parent {
		path[k] = a
		k++
	}
	var b strings.Builder
	for i := k - 1; i >= 0; i-- {
		a := path[i]
		b.WriteString(a.Data)
		if id := attr(a, "id"); id != "" {
			b.WriteByte('#')
			b.WriteString(id)
		}
		for c := range strings.FieldsSeq(attr(a, "class")) {
			b.WriteByte('.')
			b.WriteString(c)
		}
		if i > 0 {
			b.WriteString(" > ")
		}
	}
	score := 0.0
	if in := s.info(n); in != nil {
		score = in.score
	}
	b.WriteString(" (score ")
	b.WriteString(strconv.FormatFloat(score, 'f', 1, 64)) // as %.1f
	b.WriteByte(')')
	return b.String()
}

func (s *scoring) runnersUp(top *html.Node) string {
	var out []string
	for _, c := range s.ranked {
		if c != top && len(out) < 3 {
			out = append(out, describe(c, s))
		}
	}
	return strings.Join(out, "; ")
}

// notAnArticle says why the extracted text is not an article, or returns
// "". Short texts pass (a page may hold one line); what fails is text that
// is not prose at all: nothing readable, only links (a menu), data (JSON),
// or bytes that decode to no language. st are the counts of text.
func notAnArticle(art *html.Node, text string, st textStats) string {
	if st.words == 0 {
		return "no readable text"
	}
	t := strings.TrimSpace(text)
	if (t[0] == '{' && t[len(t)-1] == '}' || t[0] == '[' && t[len(t)-1] == ']') && strings.Contains(t, "\":") {
		return "the page is data (JSON), not an article"
	}
	links, linkEff, inLink := 0, 0, 0
	walk(art, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			if inLink > 0 {
				linkEff += eff(countText(n.Data))
			}
			return false
		case html.ElementNode:
			if n.DataAtom == atom.A {
				links++
				inLink++
			}
			return true
		}
		return false
	}, func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			inLink--
		}
	})
	if total := eff(st); links >= 3 && float64(linkEff) >= 0.7*float64(total) {
		return "the page holds only links (navigation), no article"
	}
	if st.chars < 20 {
		return ""
	}
	// Letters are counted until they make the share that language has:
	// prose gets there well before its end, and the rest is not read.
	need := 0.6 * float64(st.chars)
	letters := 0
	for _, r := range t {
		if isAlnum(r) {
			if letters++; float64(letters) >= need {
				return ""
			}
		}
	}
	return "the text is not language (binary or garbled bytes)"
}
