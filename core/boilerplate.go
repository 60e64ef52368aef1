package core

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Stage 6: strip boilerplate inside the chosen container. Spam reposts and
// many CMS templates put site furniture in the same container as the
// article, as siblings of its paragraphs: a hotline above the headline, a
// "scan to read on your phone" line, a disclaimer, a re-edit stamp and rows
// of links below the last paragraph. The article is read as a sequence of
// leaf blocks, and each is classed:
//
//   - content: a paragraph as long as the article's own (relative to the
//     median paragraph) with few links;
//   - strong furniture: a row or list of links, a short line that is mostly
//     a date, time or phone number, a small image (badge, QR code) with a
//     short caption;
//   - weak: anything else short.
//
// Before the first content block and after the last one, strong furniture
// goes; weak blocks go when furniture stands on their outer side too (a
// disclaimer between a QR line and an edit stamp), and stay when they touch
// the article (a "reprinted from" line right after the last paragraph).
// Inside the article only repeated links are removed.

var (
	dateRe  = regexp.MustCompile(`(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d|\d{1,2}:\d\d`)
	phoneRe = regexp.MustCompile(`\+?\(?\d{2,5}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,5}`)
)

type blockClass uint8

const (
	classWeak blockClass = iota
	classContent
	classStrong
	classHeading
	classNeutral
	classByline // strong furniture before the article, weak after it
)

type leaf struct {
	nodes   []*html.Node // one block, or a run of inline siblings
	tag     atom.Atom    // the block's tag; 0 for an inline run
	text    string
	st      textStats
	linkEff int
	links   int
	images  int
	small   bool // every image is declared small (badge, icon, QR code)
	class   blockClass
	why     string
	gone    bool // dropped
}

// leafBlocks flattens the article into its leaves: blocks without block
// descendants (and whole lists, tables, quotes, figures), and runs of
// inline content that sit between blocks. Containers are opened.
func leafBlocks(art *html.Node) []*leaf {
	// One map of two flags: has a block inside; has lines split by <br>.
	const blockInside, brInside = 1, 2
	inside := make(map[*html.Node]uint8)
	walk(art, func(n *html.Node) bool { return n.Type == html.ElementNode }, func(n *html.Node) {
		if n.Type != html.ElementNode || n.Parent == nil {
			return
		}
		f := inside[n]
		var up uint8
		if isBlock(n.DataAtom) || f&blockInside != 0 {
			up |= blockInside
		}
		if n.DataAtom == atom.Br || f&brInside != 0 && !isBlock(n.DataAtom) {
			up |= brInside
		}
		if up != 0 {
			inside[n.Parent] |= up
		}
	})
	hasBlock := func(n *html.Node) bool { return inside[n]&blockInside != 0 }
	hasBr := func(n *html.Node) bool { return inside[n]&brInside != 0 }
	var out []*leaf
	type frame struct{ n, child *html.Node }
	stack := []frame{{art, art.FirstChild}}
	var run []*html.Node
	flush := func() {
		if len(run) > 0 {
			if l := measureLeaf(run, 0); l.st.chars > 0 || l.images > 0 {
				out = append(out, l)
			}
			run = nil
		}
	}
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		c := f.child
		if c == nil {
			flush()
			stack = stack[:len(stack)-1]
			continue
		}
		f.child = c.NextSibling
		switch {
		case c.Type == html.TextNode:
			run = append(run, c)
		case c.Type != html.ElementNode:
		case c.DataAtom == atom.Br:
			// Line breaks end a leaf: old pages and CMS editors write
			// whole articles, and their furniture, as <br>-separated lines.
			run = append(run, c)
			flush()
		case !isBlock(c.DataAtom) && !hasBlock(c):
			run = append(run, c)
		// A table that does not hold data lays the page out: it is opened
		// as a div is (the Markdown sets it as paragraphs too).
		case atomicBlock(c.DataAtom) && !(c.DataAtom == atom.Table && !isDataTable(c)) || !hasBlock(c) && !hasBr(c):
			flush()
			out = append(out, measureLeaf([]*html.Node{c}, c.DataAtom))
		default:
			flush()
			stack = append(stack, frame{c, c.FirstChild})
		}
	}
	return out
}

// atomicBlock names blocks that are judged whole even when they hold
// other blocks.
func atomicBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Dl,
		atom.Table, atom.Pre, atom.Blockquote, atom.Figure:
		return true
	}
	return false
}

func measureLeaf(nodes []*html.Node, tag atom.Atom) *leaf {
	l := &leaf{nodes: nodes, tag: tag, small: true}
	w := newSpaceNorm() // the leaf's text, normalised as it is read
	defer w.done()
	inLink := 0
	if len(nodes) > 0 && underLink(nodes[0]) {
		// Text inside a link that wraps blocks (<a><p>…</p></a>) is link
		// text all the same.
		inLink = 1
		l.links = 1
	}
	for _, n := range nodes {
		walk(n, func(k *html.Node) bool {
			switch k.Type {
			case html.TextNode:
				w.add(k.Data)
				if inLink > 0 {
					l.linkEff += eff(countText(k.Data))
				}
			case html.ElementNode:
				switch k.DataAtom {
				case atom.A:
					if !inertLink(k) {
						inLink++
						l.links++
					}
				case atom.Img:
					l.images++
					if !smallImage(k) {
						l.small = false
					}
				}
				if isBlockish(k.DataAtom) && k != n {
					w.addSpace()
				}
				return true
			}
			return false
		}, func(k *html.Node) {
			if k.Type == html.ElementNode && k.DataAtom == atom.A && !inertLink(k) {
				inLink--
			}
		})
	}
	l.text = w.String()
	if w.bad {
		l.text = normSpace(leafText(nodes))
	}
	l.st = countText(l.text)
	return l
}

// leafText is the raw text of a leaf's nodes, as measureLeaf reads it:
// for the rare text that spaceNorm cannot take piece by piece.
func leafText(nodes []*html.Node) string {
	var b strings.Builder
	for _, n := range nodes {
		walk(n, func(k *html.Node) bool {
			switch k.Type {
			case html.TextNode:
				b.WriteString(k.Data)
			case html.ElementNode:
				if isBlockish(k.DataAtom) && k != n {
					b.WriteByte(' ')
				}
				return true
			}
			return false
		}, nil)
	}
	return b.String()
}

// smallImage reports an image declared at badge size.
func smallImage(n *html.Node) bool {
	for _, k := range []string{"width", "height"} {
		if v := strings.TrimSuffix(strings.TrimSpace(attr(n, k)), "px"); v != "" {
			if x, err := strconv.Atoi(v); err == nil && x > 0 && x <= 200 {
				return true
			}
		}
	}
	return false
}

func (l *leaf) linkDensity() float64 {
	e := eff(l.st)
	if e == 0 {
		return 0
	}
	return float64(l.linkEff) / float64(e)
}

// stamp reports a short line that is mostly a date, a time or a phone
// number (edit stamps, hotlines, datelines).
func stamp(t string, st textStats) bool {
	if st.words > 30 || st.chars > maxLineChars {
		return false
	}
	d := digits(t)
	if d >= 6 && st.clause <= 2 && (dateRe.MatchString(t) || phoneRe.MatchString(t)) {
		return true
	}
	// A date with the month in words ("Posted on March 14, 2023 by …",
	// "Updated 5:27 am CST, Wednesday, November 20, 2019", "بقلم … · 12
	// أبريل 2024"): a short line is a dateline, whatever its commas.
	return d >= 4 && st.words <= 12 && isoDate(t) != ""
}

// classify sets each leaf's class. median is the median word count of the
// paragraph-like leaves.
func classify(ls []*leaf) {
	var sizes []int
	for _, l := range ls {
		if l.st.words >= 10 && l.linkDensity() < 0.3 {
			sizes = append(sizes, int(l.st.words))
		}
	}
	median := 0
	if len(sizes) > 0 {
		sort.Ints(sizes)
		median = sizes[len(sizes)/2]
	}
	for _, l := range ls {
		ld := l.linkDensity()
		w := l.st.words
		switch {
		case isHeading(l.tag):
			l.class = classHeading
		case (l.links >= 2 && ld >= 0.5 || l.links == 1 && ld >= 0.8 && w < 20) && !linkedSentence(l):
			l.class, l.why = classStrong, "links after the article"
		case stamp(l.text, l.st):
			l.class, l.why = classStrong, whyStamp
		case eff(l.st) <= legalNoticeMaxEff && noticeKind(l.text) != "":
			l.class, l.why = classStrong, noticeKind(l.text)
		case l.st.words <= 8 && l.st.chars <= maxLineChars && l.links <= 1 && bylineFromLine(l.text) != "":
			l.class, l.why = classByline, "byline"
		case l.images > 0 && l.small && w < 20 && l.st.clause == 0:
			l.class, l.why = classStrong, "small image with a short caption"
		case w == 0 && l.images == 0 && l.tag != atom.Table && l.tag != atom.Pre:
			l.class = classNeutral // separators: they neither start nor stop furniture
		case w >= 20 && float64(w) >= 0.3*float64(median) && ld < 0.3 && (l.st.clause+l.st.stops > 0):
			l.class = classContent
		case w >= 40 && ld < 0.3:
			l.class = classContent
		case l.tag == atom.Table || l.tag == atom.Pre || l.tag == atom.Figure ||
			l.tag == atom.Blockquote || (l.images > 0 && !l.small):
			l.class = classContent
		default:
			l.class = classWeak
		}
	}
}

// whyStamp is the reason given for date, time and phone lines.
const whyStamp = "date, time or phone line"

// maxTailStamps is how many date lines after the body are kept for the
// metadata: the post's own line ("发表于 2004年12月27日", "Posted at 10:02")
// comes first, comment times after it.
const maxTailStamps = 3

// truncatedCopy reports a block that is the start of the previous block's
// text, cut short and followed by an expander ("… more", "Read more"): at
// least 40 characters of it, and shorter than the whole.
func truncatedCopy(t, prev string) bool {
	if len(t) >= len(prev) {
		return false
	}
	cut := strings.TrimSpace(t)
	for _, suffix := range []string{"read more", "more", "更多", "展开", "全文"} {
		if len(cut) > len(suffix) && strings.EqualFold(cut[len(cut)-len(suffix):], suffix) {
			cut = strings.TrimSpace(cut[:len(cut)-len(suffix)])
			break
		}
	}
	cut = strings.TrimRight(cut, ".…· ")
	return len([]rune(cut)) >= 40 && len(cut) < len(prev) && strings.HasPrefix(prev, cut)
}

// legalNoticeMaxEff is the longest block that is judged a legal notice by
// its wording: a page's disclaimer or reprint ban is a sentence or two.
const legalNoticeMaxEff = 600

// legalNotices are the phrases, lower-cased, of the notices sites put under
// every article: reprint bans, disclaimers, reserved rights. They are a
// block's purpose stated in words, in the languages of the corpus and the
// major ones beside them; only a short block, and only outside the body's
// run of paragraphs (as any strong furniture), goes for them.
var legalNotices = []string{
	"免责声明", "免責聲明", "版权所有", "版權所有", "未经授权", "未經授權", "不得转载", "不得轉載",
	"严禁转载", "嚴禁轉載", "转载请注明", "轉載請註明", "本文仅代表作者", "本文僅代表作者",
	"無断転載", "無断複製", "무단 전재", "무단전재",
	"不代表本网", "不代表本站", "不代表本網", "本网站立场", "本網站立場", "并不意味着赞同其观点", "並不意味著贊同其觀點",
	"do not necessarily reflect the views", "may not be reproduced", "without prior written permission",
	"without the prior written permission", "without the written permission", "no part may be reproduced",
	"nie może być powielany",
	"all rights reserved", "may not be published, broadcast, rewritten or redistributed",
	"tous droits réservés", "todos los derechos reservados", "alle rechte vorbehalten",
	"tutti i diritti riservati", "wszelkie prawa zastrzeżone", "все права защищены",
}

// selfPromos are the phrases, lower-cased, of the lines a site sets under
// its articles to promote itself: follow us, like our page, get our app or
// newsletter. Like a legal notice, such a line says its purpose in words.
var selfPromos = []string{
	"facebook專頁", "facebook专页", "like我們", "like我们", "关注我们", "關注我們", "微信公众号", "微信公眾號",
	"下载客户端", "下載客戶端", "扫码关注", "掃碼關注", "扫描二维码关注", "掃描二維碼關注",
	"follow us on", "like us on facebook", "subscribe to our newsletter", "sign up for our newsletter",
	"download our app", "folgen sie uns", "suivez-nous", "síguenos en",
}

// legalNotice reports a text that holds one of legalNotices. The text is
// scanned once, and at each byte only the phrases that start with its two
// bytes are tried: a strings.Contains per phrase read every short block of
// the article forty times (2% of the pipeline).
func legalNotice(t string) bool { return noticeKind(t) == whyLegal }

// The reasons given for blocks found by their wording.
const (
	whyLegal = "legal notice"
	whyPromo = "the site's own promotion"
)

// noticeKind returns whyLegal or whyPromo when t holds one of the phrases
// of legalNotices or selfPromos, or "".
func noticeKind(t string) string {
	low := lowerText(t)
	for i := 0; i+1 < len(low); i++ {
		g := noticePairGroup[low[i]][low[i+1]]
		if g == 0 {
			continue
		}
		for _, p := range noticeGroups[g] {
			if strings.HasPrefix(low[i:], p.text) {
				return p.why
			}
		}
	}
	return ""
}

// notice is one phrase of the notice lexicons and the reason it gives.
type notice struct{ text, why string }

// noticePairGroup numbers the first two bytes of the legalNotices (each of
// at least two bytes); noticeGroups[g] are the phrases that start with the
// pair numbered g (0: none does).
var noticePairGroup, noticeGroups = func() (t [256][256]uint8, groups [][]notice) {
	groups = append(groups, nil)
	add := func(ps []string, why string) {
		for _, p := range ps {
			g := &t[p[0]][p[1]]
			if *g == 0 {
				*g = uint8(len(groups))
				groups = append(groups, nil)
			}
			groups[*g] = append(groups[*g], notice{p, why})
		}
	}
	add(legalNotices, whyLegal)
	add(selfPromos, whyPromo)
	return t, groups
}()

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// stripBoilerplate removes furniture around the article body.
func (r *run) stripBoilerplate(art *html.Node) {
	r.dropInlineCards(art)
	ls := leafBlocks(art)
	if len(ls) < 2 {
		return
	}
	classify(ls)
	// The article's paragraphs share a template: the same chain of
	// containers. Its last paragraph ends the body, and what follows in
	// other containers is the site's, not the author's.
	sigs := make([]string, len(ls))
	// Blocks the page sets in small type, when the body is not, are fine
	// print: they may share the body's template but do not end it.
	fine := make([]bool, len(ls))
	words := make(map[string]int)
	for i, l := range ls {
		sigs[i], fine[i] = signature(l.nodes[0], art)
		fine[i] = fine[i] && l.st.words > 0
		if l.class == classContent {
			words[sigs[i]] += int(l.st.words)
		}
	}
	main, best := "", 0
	for sg, w := range words {
		if w > best || w == best && sg < main {
			main, best = sg, w
		}
	}
	// The template's paragraphs may also carry a class of their own
	// ("zn-body__paragraph"); one in another wrapper (the part of the
	// body behind a "read more" fold) is of the template all the same.
	if own := mainOwnClass(ls, sigs, main); own != "" {
		for i, l := range ls {
			if len(l.nodes) == 1 && l.nodes[0].Type == html.ElementNode && ownClass(l.nodes[0]) == own {
				sigs[i] = main
			}
		}
	}
	var mainSizes []int
	for i, l := range ls {
		if l.class == classContent && sigs[i] == main {
			mainSizes = append(mainSizes, int(l.st.words))
		}
	}
	mainMedian := 0
	if len(mainSizes) > 0 {
		sort.Ints(mainSizes)
		mainMedian = mainSizes[len(mainSizes)/2]
	}
	fineWords := 0
	for i, l := range ls {
		if fine[i] && sigs[i] == main && l.class == classContent {
			fineWords += int(l.st.words)
		}
	}
	if 2*fineWords >= best {
		clear(fine)
	}
	first, last := -1, -1
	for i, l := range ls {
		// Text bounds the article; a lone image at either end does not.
		if l.class == classContent && l.st.words > 0 {
			if first < 0 {
				first = i
			}
			if sigs[i] == main && !fine[i] {
				last = i
			}
		}
	}
	if first < 0 {
		// No paragraph of the article's own (all of it inside a link, say):
		// nothing bounds it, but its empty sections go as they would once
		// it is read again without the link.
		r.dropEmptySections(ls)
		return
	}
	// A thread of comments pasted under the article ends it, with all
	// that follows.
	if h := threadStart(ls, first); h >= 0 {
		for i := h; i < len(ls); i++ {
			r.dropLeaf(ls[i], "comment thread after the article")
		}
		ls = ls[:h]
		if last >= h {
			last = -1
			for i, l := range ls {
				if l.class == classContent && l.st.words > 0 && sigs[i] == main && !fine[i] {
					last = i
				}
			}
			if last < first {
				last = first
			}
		}
	}
	// The body's last lines and the first ones after it: reporters sign
	// there ("新京报记者 彭冲 山东冠县报道", "（姚峰 上海报道）").
	for i := max(first, last-2); i < len(ls) && i <= last+3; i++ {
		if ls[i].st.chars <= maxLineChars {
			r.endLines = append(r.endLines, ls[i].text)
		}
	}
	// Tail: strong furniture goes; weak blocks go once furniture has begun.
	begun := false
	for i := last + 1; i < len(ls); i++ {
		l := ls[i]
		switch {
		case l.class == classStrong || startsWithBullet(l.text):
			begun = true
			r.dropLeaf(l, firstNonEmpty(l.why, "bulleted notice after the article"))
			if l.why == whyStamp && len(r.tailStamps) < maxTailStamps {
				r.tailStamps = append(r.tailStamps, l.text)
			}
			// The label that introduces it ("See also:") goes with it.
			if p := ls[i-1]; i-1 > last && p.class == classWeak && introduces(p) {
				r.dropLeaf(p, "label of furniture after the article")
			}
		case (l.class == classWeak || l.class == classByline) && begun &&
			!(l.class == classWeak && sigs[i] == main && l.links == 0 && l.st.words >= 8 && endsSentence(l.text)):
			r.dropLeaf(l, "short line among furniture after the article")
		case sigs[i] != main && l.st.words < tailForeignMax && l.class != classNeutral &&
			(l.class != classContent || float64(l.st.words) < tailForeignShare*float64(mainMedian)):
			begun = true
			r.dropLeaf(l, "after the article, outside its template")
		case l.class == classHeading && begun:
			r.dropLeaf(l, "heading among furniture after the article")
		case fine[i]:
			begun = true
			r.dropLeaf(l, "fine print after the article")
		}
	}
	// A "See also" label and the list of links it introduces, wherever
	// they sit after the body's start: the site's, however long its
	// items' descriptions.
	for i := first + 1; i < len(ls)-1; i++ {
		if l := ls[i]; l.gone || l.st.words > 6 || !relatedLabel(l.text) {
			continue
		}
		j := i + 1
		for j < len(ls) && (ls[j].gone || ls[j].class == classNeutral) {
			j++
		}
		if j == len(ls) || !linkList(ls[j]) {
			continue
		}
		r.dropLeaf(ls[i], "related-links label")
		for ; j < len(ls) && (ls[j].gone || ls[j].class == classNeutral || linkList(ls[j])); j++ {
			r.dropLeaf(ls[j], "related links after their label")
		}
		i = j - 1
	}
	// A truncated copy of the block before it ("… more" expanders, caption
	// previews) repeats what the reader has just read.
	for i := 1; i < len(ls); i++ {
		if truncatedCopy(ls[i].text, ls[i-1].text) {
			r.dropLeaf(ls[i], "truncated copy of the block before it")
		}
	}
	// Inside the body: a short paragraph that is all link is a teaser
	// ("Read more: …", "Click here to subscribe"), not the author's text.
	// Several headlines set as a paragraph, one link a line with little
	// text beside them ("Story one [VIDEO]<br>Story two"), are a
	// related-links list whatever their length.
	for i := first + 1; i < last; i++ {
		l := ls[i]
		if l.tag != atom.Li && l.tag != atom.Ul && l.tag != atom.Ol && l.tag != atom.Table &&
			!isHeading(l.tag) && l.links > 0 && l.linkEff >= teaserMinLinkEff && !inList(l.nodes[0], art) &&
			(l.st.words <= 25 && l.linkDensity() >= 0.6 || l.links >= 2 && l.linkEff >= 2*teaserMinLinkEff && l.linkDensity() >= 0.75 && lineBreaks(l) >= l.links-1) &&
			!strings.Contains(l.text, "http") && !strings.Contains(l.text, "www.") {
			// (An address written out is a reference the author cites.)
			r.dropLeaf(l, "link teaser inside the article")
			// A short label before it ("DON'T MISS", "Read more:") goes too.
			if p := ls[i-1]; i-1 > first && p.class == classWeak && p.links == 0 && p.st.words <= 4 && !endsSentence(strings.TrimSpace(p.text)) {
				r.dropLeaf(p, "label of a link teaser")
			}
		}
	}
	// Head: the mirror image, scanning up from the first content block.
	begun = false
	for i := first - 1; i >= 0; i-- {
		l := ls[i]
		switch {
		case l.class == classStrong || l.class == classByline:
			begun = true
			r.dropLeaf(l, l.why)
			// Only datelines and bylines speak of the article; a table of
			// links (an infobox) dated by its subject does not.
			if l.why == whyStamp || l.class == classByline || l.tag != atom.Table && l.tag != atom.Ul && l.tag != atom.Ol {
				r.headStamps = append(r.headStamps, l.text)
			}
		case l.class == classWeak && begun:
			r.dropLeaf(l, "short line among furniture before the article")
		}
	}
	r.dropEmptySections(ls)
}

// dropEmptySections drops the headings of empty sections. A heading
// introduces what follows it: one with nothing after it, or only a heading
// of its own rank or higher, heads an empty section (its list or its links
// went as furniture).
func (r *run) dropEmptySections(ls []*leaf) {
	var after *leaf
	for i := len(ls) - 1; i >= 0; i-- {
		l := ls[i]
		if l.gone || l.class == classNeutral {
			continue
		}
		if isHeading(l.tag) && (after == nil || isHeading(after.tag) && headingRank(after.tag) <= headingRank(l.tag)) {
			r.dropLeaf(l, "heading of an empty section")
			continue
		}
		after = l
	}
}

// headingRank is 1 for <h1> to 6 for <h6>.
func headingRank(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	}
	return 6
}

func (r *run) dropLeaf(l *leaf, why string) {
	if l.gone {
		return
	}
	l.gone = true
	r.removed.Blocks++
	r.addDetail("block", why, int(l.st.chars), l.text)
	for _, n := range l.nodes {
		removeNode(n)
	}
}

// dropRepeatedLinks removes links that repeat an earlier link of the
// article (same target or same text): standing alone in their block they
// go with it, inside running text they become plain text.
func (r *run) dropRepeatedLinks(art *html.Node) {
	seenHref := make(map[string]bool)
	seenText := make(map[string]bool)
	var alone, inline []*html.Node
	walk(art, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return false
		}
		if n.DataAtom != atom.A {
			return true
		}
		href := attr(n, "href")
		t := lowerText(textOf(n))
		if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(strings.ToLower(href), "javascript:") {
			return false
		}
		rep := seenHref[href] || (len([]rune(t)) >= farmMinRunes && seenText[t])
		seenHref[href] = true
		if t != "" {
			seenText[t] = true
		}
		if !rep {
			return false
		}
		if p := n.Parent; p != nil && isBlock(p.DataAtom) && soleElement(p) && p != art {
			alone = append(alone, p)
		} else {
			inline = append(inline, n)
		}
		return false
	}, nil)
	for _, p := range alone {
		if p.Parent != nil {
			r.removed.Links++
			r.addDetail("link", "repeated link", 1, textOf(p))
			removeNode(p)
		}
	}
	for _, a := range inline {
		if a.Parent != nil {
			r.removed.Links++
			replaceWithChildren(a)
		}
	}
}

// introduces reports a short line that ends in a colon: a label for what
// follows.
func introduces(l *leaf) bool {
	t := strings.TrimSpace(l.text)
	return l.st.words <= 8 && (strings.HasSuffix(t, ":") || strings.HasSuffix(t, "："))
}

// maxLineChars bounds the lines that the date, phone and byline patterns
// read: those are short, and a pattern over megabytes costs seconds.
const maxLineChars = 200

// tailForeignMax is the most words a block after the article may have and
// still be dropped for sitting outside the article's template.
const tailForeignMax = 80

// tailForeignShare: a paragraph outside the template that is shorter than
// this share of the article's median paragraph is furniture too.
const tailForeignShare = 0.6

// ownClass is a block's tag and class, or "" when it has no class.
func ownClass(n *html.Node) string {
	c := attr(n, "class")
	if c == "" {
		return ""
	}
	return n.Data + "." + c
}

// mainOwnClass returns the tag and class that most of the template's
// content blocks carry (by words), or "" when they carry none.
func mainOwnClass(ls []*leaf, sigs []string, main string) string {
	words := make(map[string]int)
	total := 0
	for i, l := range ls {
		if l.class != classContent || sigs[i] != main {
			continue
		}
		total += int(l.st.words)
		if len(l.nodes) == 1 && l.nodes[0].Type == html.ElementNode {
			if k := ownClass(l.nodes[0]); k != "" {
				words[k] += int(l.st.words)
			}
		}
	}
	for k, w := range words {
		if 2*w > total {
			return k
		}
	}
	return ""
}

// signature names the containers between n and the article root, and
// says whether n or one of them sets its text in small type (fine print:
// company boilerplate and notices typeset below the story).
func signature(n, art *html.Node) (sig string, small bool) {
	small = smallType(n)
	var b strings.Builder
	for p := n.Parent; p != nil && p != art; p = p.Parent {
		small = small || smallType(p)
		b.WriteString(p.Data)
		if c := attr(p, "class"); c != "" {
			b.WriteByte('.')
			b.WriteString(c)
		}
		b.WriteByte('/')
	}
	return b.String(), small
}

// inList reports a node inside a list item of the article.
func inList(n, art *html.Node) bool {
	for p := n.Parent; p != nil && p != art; p = p.Parent {
		if p.DataAtom == atom.Li {
			return true
		}
	}
	return false
}

// underLink reports whether n sits inside an anchor that is a link, not a
// page-swallowing wrapper (see wrapperLink).
func underLink(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.A {
			return !inertLink(p) && !wrapperLink(countText(textOf(p)))
		}
	}
	return false
}

// startsWithBullet reports text that opens with a bullet glyph: a list
// item written as a paragraph (site notices after an article often are).
func startsWithBullet(t string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(t))
	switch r {
	case '•', '●', '■', '◆', '▪', '※', '★', '☆', '◇', '□', '○':
		return true
	}
	return false
}

// teaserMinLinkEff is the least link text of a teaser: it links a headline
// ("Five things we learned from the interview"), where a label with a
// handle or a name ("Account: @maker", "Artist: Ansel") credits someone.
const teaserMinLinkEff = 20

// dropInlineCards removes the cards that sites tuck inside a paragraph's
// running text for hovering (a person's photo, name and latest headlines in
// a <span> within the <p>): the innermost inline element that holds a
// picture and two or more links and hardly any text outside them is not
// text the author wrote into the sentence.
func (r *run) dropInlineCards(art *html.Node) {
	type span struct {
		n                           *html.Node
		imgs, links, text, linkText int
	}
	var drop []*html.Node
	var stack []span // the open spans inside paragraphs, innermost last
	inLink := 0
	walk(art, func(n *html.Node) bool {
		var top *span
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		switch n.Type {
		case html.TextNode:
			if top != nil {
				k := len(strings.TrimSpace(n.Data))
				top.text += k
				if inLink > 0 {
					top.linkText += k
				}
			}
			return false
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Img:
				if top != nil {
					top.imgs++
				}
			case atom.A:
				inLink++
				if top != nil {
					top.links++
				}
			case atom.Span:
				if inParagraph(n) {
					stack = append(stack, span{n: n})
				}
			}
			return true
		}
		return n.Type == html.DocumentNode
	}, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if n.DataAtom == atom.A {
			inLink--
		}
		if len(stack) == 0 || stack[len(stack)-1].n != n {
			return
		}
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.imgs > 0 && c.links >= 2 && 10*(c.text-c.linkText) <= c.text {
			drop = append(drop, n) // the card goes alone: its counts stay out of its parent's
			return
		}
		if len(stack) > 0 {
			p := &stack[len(stack)-1]
			p.imgs += c.imgs
			p.links += c.links
			p.text += c.text
			p.linkText += c.linkText
		}
	})
	for _, n := range drop {
		r.remove(n, "card inside a paragraph", len(textOf(n)))
		removeNode(n)
	}
}

// inParagraph reports an element inside a <p>.
func inParagraph(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode {
			if p.DataAtom == atom.P {
				return true
			}
			if isBlock(p.DataAtom) {
				return false
			}
		}
	}
	return false
}

// smallType reports an element that sets its text in small type: a
// <small>, or an inline font size under 13px or 10pt, or a "small" keyword.
func smallType(n *html.Node) bool {
	return n.Type == html.ElementNode && (n.DataAtom == atom.Small || smallFont(attr(n, "style")))
}

func smallFont(st string) bool {
	v := styleValue(st, "font-size")
	if strings.HasPrefix(v, "small") || strings.HasPrefix(v, "x-small") || strings.HasPrefix(v, "xx-small") {
		return true
	}
	j := 0
	for j < len(v) && (v[j] >= '0' && v[j] <= '9' || v[j] == '.') {
		j++
	}
	if j == 0 {
		return false // no size: most blocks (ParseFloat's error allocates)
	}
	f, err := strconv.ParseFloat(v[:j], 64)
	if err != nil {
		return false
	}
	switch unit := strings.TrimSpace(v[j:]); {
	case strings.HasPrefix(unit, "px"): // "px", "px !important"
		return f < 13
	case strings.HasPrefix(unit, "pt"):
		return f < 10
	}
	return false
}

// lineBreaks counts the <br> elements in a leaf.
func lineBreaks(l *leaf) int {
	n := 0
	for _, x := range l.nodes {
		walk(x, func(k *html.Node) bool {
			if k.DataAtom == atom.Br && k.Type == html.ElementNode {
				n++
			}
			return k.Type == html.ElementNode
		}, nil)
	}
	return n
}

// A comment thread: a list (or table) whose items open with a line made
// from one template ("瑞雪对圣元奶粉致死的评论:", "Jane says:"), a name and
// the same words before a colon. Three such lines, from two names at
// least, are a thread.
const (
	threadMinPosts  = 3
	threadKeyRunes  = 3  // the shared words: at least this many runes
	threadHeadRunes = 60 // the longest opening line
	threadMinBefore = 2  // content blocks the article keeps above it
)

// threadStart returns the index of the first comment's opening line when
// ls holds a thread after at least threadMinBefore content blocks, else -1.
func threadStart(ls []*leaf, first int) int {
	type group struct {
		first, n int
		texts    map[string]bool
	}
	groups := map[string]*group{}
	add := func(i int, t string) {
		t = strings.TrimSpace(t)
		if !strings.HasSuffix(t, ":") && !strings.HasSuffix(t, "：") {
			return
		}
		t = strings.TrimSpace(strings.TrimRight(t, ":："))
		rs := []rune(t)
		if len(rs) <= threadKeyRunes+1 || len(rs) > threadHeadRunes {
			return
		}
		key := string(rs[len(rs)-threadKeyRunes:])
		if strings.TrimSpace(key) != key || strings.ContainsAny(key, "0123456789") {
			return // a time or a number is no template
		}
		g := groups[key]
		if g == nil {
			g = &group{first: i, texts: map[string]bool{}}
			groups[key] = g
		}
		g.n++
		g.texts[t] = true
	}
	// Only lists are read (a list of comments is one leaf, its lines are
	// read inside it): opening lines set as paragraphs of their own,
	// between others, are the author quoting people ("Someone else
	// wrote:"), not a thread.
	for i := first + 1; i < len(ls); i++ {
		l := ls[i]
		if l.tag != atom.Ul && l.tag != atom.Ol && l.tag != atom.Dl && l.tag != atom.Table {
			continue
		}
		for _, n := range l.nodes {
			walk(n, func(k *html.Node) bool {
				if k.Type != html.ElementNode || isJunkTag(k.DataAtom) {
					return false
				}
				if k != n && isBlock(k.DataAtom) && !hasBlockChild(k) {
					if t, ok := textUpTo(k, 4*threadHeadRunes, false); ok {
						add(i, t)
					}
					return false
				}
				return true
			}, nil)
		}
	}
	start := -1
	for _, g := range groups {
		if g.n >= threadMinPosts && len(g.texts) >= 2 && (start < 0 || g.first < start) {
			start = g.first
		}
	}
	if start < 0 {
		return -1
	}
	content := 0
	for _, l := range ls[:start] {
		if l.class == classContent {
			content++
		}
	}
	if content < threadMinBefore {
		return -1
	}
	return start
}

// hasBlockChild reports whether n has a block-level element child.
func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && isBlock(c.DataAtom) {
			return true
		}
	}
	return false
}

// inertLink reports an anchor that goes nowhere: one without an address
// (a named anchor, or an unclosed <a> the parser carried over the page's
// text), one whose address is blank (the Markdown writes the text of
// both as text, so our own output read again has none) or one that runs
// script (scriptLink). Its words are the author's text, not a link away.
func inertLink(a *html.Node) bool {
	return !hasAttr(a, "href") || readURL(attr(a, "href")) == "" || scriptLink(a)
}

// scriptLink reports an anchor that runs script instead of going anywhere
// (an annotation popup on a word, "javascript:void(0)").
func scriptLink(a *html.Node) bool {
	h := strings.TrimSpace(attr(a, "href"))
	return len(h) >= 11 && strings.EqualFold(h[:11], "javascript:")
}

// relatedLabels are the labels, lower-cased, that introduce links to other
// pages of the site.
var relatedLabels = []string{
	"see also", "related", "related articles", "related stories", "related posts", "related content",
	"more on this story", "more on this topic", "you may also like", "you might also like", "read more",
	"相关阅读", "相關閱讀", "相关新闻", "相關新聞", "延伸阅读", "延伸閱讀", "相关文章", "相關文章", "推荐阅读", "推薦閱讀",
	"相关链接", "相關連結", "関連記事", "관련기사", "관련 기사",
	"смотрите также", "читайте также", "см. также", "zobacz także", "zobacz też", "czytaj także", "czytaj też",
	"lesen sie auch", "mehr zum thema", "voir aussi", "lire aussi", "à lire aussi", "leia também", "veja também",
	"lee también", "ver también", "leggi anche", "vedi anche", "δείτε επίσης", "διαβάστε επίσης",
}

// relatedLabel reports a line that is one of relatedLabels, give or take
// its colon and arrows.
func relatedLabel(t string) bool {
	t = strings.TrimSpace(strings.Trim(strings.TrimSpace(t), ":：»›>|-–—·• "))
	if t == "" || len(t) > 40 {
		return false
	}
	low := lowerText(t)
	for _, p := range relatedLabels {
		if low == p {
			return true
		}
	}
	return false
}

// linkList reports a leaf that is a list whose items start with a link, or
// a block that starts with one and is mostly link (a teaser).
func linkList(l *leaf) bool {
	if l.links == 0 {
		return false
	}
	if l.tag == atom.Ul || l.tag == atom.Ol {
		items, led := 0, 0
		for _, n := range l.nodes {
			for li := n.FirstChild; li != nil; li = li.NextSibling {
				if li.Type != html.ElementNode || li.DataAtom != atom.Li {
					continue
				}
				items++
				if startsWithLink(li) {
					led++
				}
			}
		}
		return items > 0 && 2*led > items
	}
	return len(l.nodes) > 0 && startsWithLink(l.nodes[0]) && l.linkDensity() >= 0.5
}

// startsWithLink reports whether the first visible text under n is in a link.
func startsWithLink(n *html.Node) bool {
	for k := next(n, n, false); k != nil; k = next(k, n, false) {
		if k.Type == html.TextNode && !blank(k.Data) {
			for p := k.Parent; p != nil && p != n.Parent; p = p.Parent {
				if p.DataAtom == atom.A && !inertLink(p) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// linkedSentence reports a leaf that is a sentence with its links in it
// ("<a>James Van Der Beek</a> has been eliminated from “<a>Dancing with the
// Stars</a>.”"): it ends as a sentence does, says some words of its own
// between them, and holds a few links, not a row of them ("Follow us on
// Instagram, Facebook, Twitter and YouTube.").
func linkedSentence(l *leaf) bool {
	return l.links <= linkedSentenceLinks && eff(l.st)-l.linkEff >= linkedSentenceEff && endsSentence(strings.TrimSpace(l.text))
}

// linkedSentenceLinks is the most links a linked sentence holds.
const linkedSentenceLinks = 3

// linkedSentenceEff is the text outside links a linked sentence needs.
const linkedSentenceEff = 20
