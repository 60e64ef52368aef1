package core

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Stage 4: score. Every block of running text credits its ancestors, as
// Readability does: one point, one per clause mark, one per 100 characters
// up to three; the parent gets all of it, the grandparent half, further
// ancestors a third per level. Lengths are counted in Latin-equivalent
// characters, a CJK character counting three (see eff), so that a Chinese
// paragraph of 40 characters weighs like an English one of 120: thresholds
// made for space-separated words would otherwise starve Chinese pages.
// Each candidate's score is then discounted by its link density, the best
// is chosen, and its siblings that look like more of the same are added.

// Weights and thresholds, each with the reason it exists.
const (
	minParagraphEff   = 25   // shorter runs of text are labels, not paragraphs (Readability)
	scoreLevels       = 5    // ancestors credited per paragraph (Readability)
	topCandidates     = 5    // candidates kept for the shared-ancestor check (Readability)
	minArticleEff     = 500  // an attempt with less text falls through the sieve (Readability's charThreshold)
	siblingMinScore   = 10.0 // siblings need at least this score to join (Readability)
	siblingShare      = 0.2  // ... or this share of the top score
	sharedAncestorMin = 0.75 // alternative candidates this close to the top vote for a shared ancestor
	listItemFactor    = 0.5  // candidates inside list items are teasers more often than articles
	sameClassMinEff   = 200  // text a same-class sibling needs to join unscored
	sectionMaxScore   = 4    // the most a <section> without text of its own scores as a paragraph
)

// wrapperLinkEff is the text length past which an anchor is not a link
// but a wrapper: an unclosed <a> swallows the rest of the page in every
// HTML parser, and card links wrap whole teasers. Navigation never says
// this much.
const wrapperLinkEff = 500

func wrapperLink(t textStats) bool { return eff(t) > wrapperLinkEff }

// eff is the length of text in Latin-equivalent characters.
func eff(t textStats) int { return int(t.chars) + 2*int(t.cjk) }

type nodeInfo struct {
	node    *html.Node
	score   float64
	all     textStats // visible text of the whole subtree
	own     textStats // text not inside a nested block
	parent  int32     // the parent's info, -1 for the body
	linkEff int32     // eff length of the text inside links
	// texts[textStart:textEnd] are the counts of the text nodes inside,
	// in document order
	textStart, textEnd int32
	blockKids          bool // has a block-level child (Readability's DIV_TO_P_ELEMS)
	cand               bool
}

type scoring struct {
	r      *run
	f      flags
	body   *html.Node
	index  map[*html.Node]int32
	infos  []nodeInfo
	order  []int32      // infos of the blocks with own text, in document order
	texts  []textStats  // every text node measured, in document order
	ranked []*html.Node // the top candidates, best first (for -explain)
	// postTitle is the first post's own title line when pick chose the
	// first of a row of posts (see firstPost).
	postTitle string
}

func (s *scoring) info(n *html.Node) *nodeInfo {
	if i, ok := s.index[n]; ok {
		return &s.infos[i]
	}
	return nil
}

// newInfo adds n's info, with the parent's at index parent.
func (s *scoring) newInfo(n *html.Node, parent int32) int32 {
	i := int32(len(s.infos))
	s.infos = append(s.infos, nodeInfo{node: n, parent: parent})
	s.index[n] = i
	return i
}

// linkDensity is the share of n's text that sits inside links.
func (s *scoring) linkDensity(n *html.Node) float64 {
	in := s.info(n)
	if in == nil {
		return 0
	}
	t := eff(in.all)
	if t == 0 {
		return 0
	}
	return float64(in.linkEff) / float64(t)
}

func isDivToPElem(a atom.Atom) bool {
	switch a {
	case atom.Blockquote, atom.Dl, atom.Div, atom.Img, atom.Ol, atom.P, atom.Pre, atom.Table, atom.Ul,
		atom.Section, atom.Article, atom.Figure, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// measure walks the body once under flags f, filling the per-node counts.
// Every element the attempt keeps gets its info on the way down; the
// stacks of open elements and open blocks give a text its owner and an
// element its parent without looking them up.
func (s *scoring) measure() {
	// Sized for the page up front: growing a map rehashes it each time.
	// Scoring enters at most the body's elements outside junk.
	hint := s.r.bodyElems + 1
	s.index = make(map[*html.Node]int32, hint)
	s.infos = make([]nodeInfo, 0, hint)
	s.texts = make([]textStats, 0, s.r.bodyTexts)
	var open, blocks []int32
	walk(s.body, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			if len(blocks) == 0 {
				return false
			}
			t := countText(n.Data)
			s.texts = append(s.texts, t)
			if t.chars == 0 {
				return false
			}
			s.infos[blocks[len(blocks)-1]].own.add(t)
			// Subtree totals are summed on the way up; start at the
			// parent, the innermost open element.
			s.infos[open[len(open)-1]].all.add(t)
			return false
		case html.ElementNode:
			if s.r.skipped(n, s.f) {
				return false
			}
			parent := int32(-1)
			if len(open) > 0 {
				parent = open[len(open)-1]
			}
			i := s.newInfo(n, parent)
			s.infos[i].textStart = int32(len(s.texts))
			open = append(open, i)
			if isBlock(n.DataAtom) {
				if len(blocks) > 0 && isDivToPElem(n.DataAtom) {
					s.infos[blocks[len(blocks)-1]].blockKids = true
				}
				blocks = append(blocks, i)
			} else if n.DataAtom == atom.Img && len(blocks) > 0 {
				s.infos[blocks[len(blocks)-1]].blockKids = true
			}
			return true
		case html.DocumentNode:
			return true
		}
		return false
	}, func(n *html.Node) {
		if n.Type != html.ElementNode || len(open) == 0 {
			return
		}
		i := open[len(open)-1]
		in := &s.infos[i]
		if in.node != n {
			return // skipped
		}
		open = open[:len(open)-1]
		in.textEnd = int32(len(s.texts))
		if n.DataAtom == atom.A && !wrapperLink(in.all) {
			in.linkEff = int32(eff(in.all))
		}
		if len(blocks) > 0 && blocks[len(blocks)-1] == i {
			blocks = blocks[:len(blocks)-1]
			if in.own.chars > 0 || n.DataAtom == atom.Section {
				s.order = append(s.order, i)
			}
		}
		if n != s.body && len(open) > 0 {
			pi := &s.infos[open[len(open)-1]]
			pi.all.add(in.all)
			pi.linkEff += in.linkEff
		}
	})
}

// textCounts returns the counts of the text nodes inside nodes (elements
// this attempt measured), in document order: those of their copies.
func (s *scoring) textCounts(nodes []*html.Node) []textStats {
	var out []textStats
	for _, n := range nodes {
		i, ok := s.index[n]
		if !ok {
			return nil
		}
		in := &s.infos[i]
		out = append(out, s.texts[in.textStart:in.textEnd]...)
	}
	return out
}

func tagBase(a atom.Atom) float64 {
	switch a {
	case atom.Div, atom.Article:
		return 5
	case atom.Pre, atom.Td, atom.Blockquote:
		return 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		return -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		return -5
	}
	return 0
}

// paragraphLike are the owners of text that Readability scores as a
// paragraph crediting its parent.
func paragraphLike(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Pre, atom.Td, atom.Section, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// notScored owners hold text that does not vote for a container: list
// items and table headers are navigation as often as content.
func notScored(a atom.Atom) bool {
	switch a {
	case atom.Li, atom.Dt, atom.Th, atom.Caption, atom.Figcaption, atom.H1, atom.Option, atom.Label,
		atom.Button, atom.Nav, atom.Summary:
		return true
	}
	return false
}

func (s *scoring) initCandidate(n *html.Node) *nodeInfo {
	return s.initCandidateAt(s.index[n])
}

func (s *scoring) initCandidateAt(i int32) *nodeInfo {
	in := &s.infos[i]
	if !in.cand {
		in.cand = true
		in.score = tagBase(in.node.DataAtom)
		if s.f&flagWeightClasses != 0 {
			in.score += float64(s.r.classWeight(in.node))
		}
	}
	return in
}

// credit spreads the paragraph scores over the ancestors.
func (s *scoring) credit() {
	for _, bi := range s.order {
		in := &s.infos[bi]
		b := in.node
		if notScored(b.DataAtom) {
			continue
		}
		// A section without text of its own still votes with all of it,
		// as Readability scores sections: landing pages build the article
		// of <section>s of short cards. Capped, and discounted by its
		// links, so that a long section of comments or rules does not
		// outvote the article.
		e := eff(in.own)
		section := b.DataAtom == atom.Section && e < minParagraphEff
		t := in.own
		if section {
			t = in.all
			e = eff(t)
		}
		if e < minParagraphEff {
			continue
		}
		score := 1 + float64(t.clause)
		if x := float64(e / 100); x < 3 {
			score += x
		} else {
			score += 3
		}
		if section {
			score = min(score, sectionMaxScore) * (1 - s.linkDensity(b))
		}
		start := in.parent
		if !paragraphLike(b.DataAtom) && (in.blockKids || b.DataAtom == atom.Blockquote) {
			// Mixed content: the text runs are paragraphs inside b. A quote's
			// bare text is its paragraph too, as <blockquote><p> would be.
			start = bi
		}
		if start == in.parent && start >= 0 && b.DataAtom == atom.P && s.wrapsOnly(s.infos[start].node, b) {
			// A <div> around one paragraph and nothing else is that
			// paragraph (Readability replaces it by its <p>): the
			// paragraph's container is the div's parent.
			start = s.infos[start].parent
		}
		level := 0
		// Every ancestor up to the body has its info: measure entered it.
		for ai := start; ai >= 0 && level < scoreLevels; ai = s.infos[ai].parent {
			a := s.infos[ai].node
			if a.Type != html.ElementNode || a.Parent == nil || a.Parent.Type == html.DocumentNode {
				break
			}
			ci := s.initCandidateAt(ai)
			switch level {
			case 0:
				ci.score += score
			case 1:
				ci.score += score / 2
			default:
				ci.score += score / float64(level*3)
			}
			if a == s.body {
				break
			}
			level++
		}
	}
}

// pick chooses the article's nodes: the top candidate and its siblings.
// It returns nil when no candidate exists.
func (s *scoring) pick() (top *html.Node, nodes []*html.Node) {
	// The best topCandidates, by score, ties in document order (the
	// order of s.infos). A bounded insertion keeps this linear however
	// many candidates a page has.
	var best []int32
	better := func(ia, ib int32) bool {
		if sa, sb := s.infos[ia].score, s.infos[ib].score; sa != sb {
			return sa > sb
		}
		return ia < ib
	}
	for i := range s.infos {
		in := &s.infos[i]
		if !in.cand {
			continue
		}
		n := in.node
		if t := eff(in.all); t != 0 {
			in.score *= 1 - float64(in.linkEff)/float64(t)
		}
		if inListItem(n) {
			in.score *= listItemFactor
		}
		ii := int32(i)
		if len(best) == topCandidates && !better(ii, best[len(best)-1]) {
			continue
		}
		if len(best) < topCandidates {
			best = append(best, ii)
		} else {
			best[len(best)-1] = ii
		}
		for k := len(best) - 1; k > 0 && better(best[k], best[k-1]); k-- {
			best[k], best[k-1] = best[k-1], best[k]
		}
	}
	if len(best) == 0 {
		return nil, nil
	}
	cands := make([]*html.Node, len(best))
	for k, i := range best {
		cands[k] = s.infos[i].node
	}
	s.ranked = cands
	top = cands[0]
	topScore := s.info(top).score

	// Several strong candidates under one ancestor: the article is split
	// into sections and the ancestor holds them all.
	var alts [][]*html.Node
	for _, c := range cands[1:] {
		if s.info(c).score/topScore >= sharedAncestorMin {
			alts = append(alts, ancestors(c))
		}
	}
	if len(alts) >= 3 {
		for p := top.Parent; p != nil && p != s.body && p.Type == html.ElementNode; p = p.Parent {
			votes := 0
			for _, as := range alts {
				for _, a := range as {
					if a == p {
						votes++
						break
					}
				}
			}
			if votes >= 3 {
				top = p
				break
			}
		}
	}
	ti := s.initCandidate(top)

	// Climb while the parent scores higher: the article continues there.
	last := ti.score
	threshold := last / 3
	for p := top.Parent; p != nil && p != s.body && p.Type == html.ElementNode; p = p.Parent {
		pi := s.info(p)
		if pi == nil || !pi.cand {
			continue
		}
		if pi.score < threshold {
			break
		}
		if pi.score > last {
			top = p
			break
		}
		last = pi.score
	}
	// A lone child says nothing its parent does not.
	for top.Parent != nil && top.Parent != s.body && top.Parent.Type == html.ElementNode && s.onlyChild(top) {
		top = top.Parent
	}
	if fp := s.firstPost(top); fp != top {
		top = fp
		for top.Parent != nil && top.Parent != s.body && top.Parent.Type == html.ElementNode && s.onlyChild(top) {
			top = top.Parent
		}
	}
	ti = s.initCandidate(top)

	if top.Parent == nil || top == s.body {
		return top, []*html.Node{top}
	}
	thr := ti.score * siblingShare
	if thr < siblingMinScore {
		thr = siblingMinScore
	}
	topClass := attr(top, "class")
	for sib := top.Parent.FirstChild; sib != nil; sib = sib.NextSibling {
		if sib.Type == html.ElementNode && s.r.marks[sib] == markUnlikely && s.f&flagStripUnlikely != 0 &&
			nextElement(sib) == top && leadBlock(sib) {
			// A lead paragraph set apart in a "header" block right
			// before the body: its prose outweighs its class name.
			nodes = append(nodes, sib)
			continue
		}
		if sib.Type != html.ElementNode || s.r.skipped(sib, s.f) {
			continue
		}
		if sib == top {
			nodes = append(nodes, sib)
			continue
		}
		si := s.info(sib)
		if si == nil {
			continue
		}
		bonus := 0.0
		if topClass != "" && attr(sib, "class") == topClass {
			bonus = ti.score * siblingShare
		}
		if si.cand && si.score+bonus >= thr {
			nodes = append(nodes, sib)
			continue
		}
		// A sibling of the top's own class is another section of the same
		// template, scored or not (its paragraphs may sit deeper than the
		// levels that scoring credits).
		if bonus > 0 && eff(si.all) > sameClassMinEff && s.linkDensity(sib) < 0.3 {
			nodes = append(nodes, sib)
			continue
		}
		if sib.DataAtom == atom.P || (!si.blockKids && sib.DataAtom == atom.Div) {
			ld := s.linkDensity(sib)
			e := eff(si.all)
			switch {
			case e > 80 && ld < 0.25:
				nodes = append(nodes, sib)
			case e > 0 && e <= 80 && ld == 0 && endsSentence(textOf(sib)):
				nodes = append(nodes, sib)
			}
		}
	}
	return top, nodes
}

// nextElement returns the element sibling after n, or nil.
func nextElement(n *html.Node) *html.Node {
	for k := n.NextSibling; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode {
			return k
		}
	}
	return nil
}

// leadBlock reports a block of plain prose: no block or link inside, at
// least leadMinEff of text, ending a sentence.
func leadBlock(n *html.Node) bool {
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode && isBlock(k.DataAtom) {
			return false
		}
	}
	if firstElem(n, atom.A) != nil {
		return false
	}
	t, ok := textUpTo(n, 4000, false)
	if !ok {
		return false
	}
	t = normSpace(t)
	return eff(countText(t)) >= leadMinEff && endsSentence(t)
}

// leadMinEff is the least text of a lead paragraph that joins the body
// from a block classed as furniture.
const leadMinEff = 100

// inListItem reports a candidate inside a list item: lists repeat a unit
// (teasers, comments, search results) and an article is not one of them.
func inListItem(n *html.Node) bool {
	for p, k := n.Parent, 0; p != nil && k < 8; p, k = p.Parent, k+1 {
		if p.DataAtom == atom.Li {
			return true
		}
	}
	return false
}

func endsSentence(s string) bool {
	if s == "" {
		return false
	}
	r := []rune(s)
	switch r[len(r)-1] {
	case '.', '。', '!', '?', '！', '？', '"', '”', '」':
		return true
	}
	return false
}

// onlyChild reports whether n is its parent's only content, counting only
// what this attempt keeps.
func (s *scoring) onlyChild(n *html.Node) bool {
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c == n {
			continue
		}
		if c.Type == html.ElementNode && !s.r.skipped(c, s.f) {
			return false
		}
		if c.Type == html.TextNode && !blank(c.Data) {
			return false
		}
	}
	return true
}

func ancestors(n *html.Node) []*html.Node {
	var as []*html.Node
	for p := n.Parent; p != nil; p = p.Parent {
		as = append(as, p)
	}
	return as
}

// Posts in a row. A blog's front page or archive, like a forum thread,
// repeats one template per post, each with its own date line; the best
// scored of them is merely the longest. The reader came for the first:
// the newest post of a blog, the opening post of a thread.
const (
	postMaxClimb   = 16   // levels above the top searched for the post template (table layouts nest deep)
	postShapeDepth = 3    // levels of tags compared between posts
	postMinCount   = 3    // posts that make a row
	postMinShare   = 0.25 // the first post's best score, as a share of the top's
	dateLineMax    = 48   // characters in a text node that is a date line
)

// firstPost returns the best candidate of the first post when top sits in
// a row of dated posts, and top otherwise.
func (s *scoring) firstPost(top *html.Node) *html.Node {
	x := top
	var twins []*html.Node
	for climb := 0; climb < postMaxClimb && x != s.body && x.Parent != nil && x.Type == html.ElementNode; climb, x = climb+1, x.Parent {
		// Cheapest first: enough siblings of the tag, then of the shape,
		// and only then the walks for date lines.
		same := 0
		for sib := x.Parent.FirstChild; sib != nil; sib = sib.NextSibling {
			if sib.Type == html.ElementNode && sib.DataAtom == x.DataAtom && sib.Data == x.Data {
				same++
			}
		}
		if same < postMinCount {
			continue
		}
		shape := shapeOf(x, postShapeDepth, nil)
		twins = twins[:0]
		var buf []byte // the siblings' shapes, one after the other in one buffer
		for sib := x.Parent.FirstChild; sib != nil; sib = sib.NextSibling {
			if sib.Type != html.ElementNode || sib.DataAtom != x.DataAtom || sib.Data != x.Data {
				continue
			}
			if sib != x {
				buf = shapeOf(sib, postShapeDepth, buf[:0])
			}
			if sib == x || bytes.Equal(buf, shape) {
				twins = append(twins, sib)
			}
		}
		if len(twins) < postMinCount {
			continue
		}
		var first *html.Node
		posts := 0
		for _, t := range twins {
			if hasDateLine(t) {
				posts++
				if first == nil {
					first = t
				}
			}
		}
		if posts < postMinCount {
			continue
		}
		if first == x {
			return top
		}
		// The first post's best candidate, if it holds an article's worth.
		ti := s.info(top)
		if ti == nil {
			return top
		}
		topScore := ti.score
		var best *nodeInfo
		for i := range s.infos {
			in := &s.infos[i]
			if !in.cand || !contains(first, in.node) {
				continue
			}
			if best == nil || in.score > best.score {
				best = in
			}
		}
		if best == nil || best.score < topScore*postMinShare {
			return top
		}
		if s.r.explaining() {
			s.r.note("%s is one of %d dated posts in a row: the first post's %s is the article", describe(top, s), posts, describe(best.node, s))
		}
		s.postTitle = postTitleLine(first, best.node)
		return best.node
	}
	return top
}

// shapeOf appends n's tag tree to b, down to depth levels: the template
// a post is made from, whatever its text. A run of children of one shape
// counts once, so that posts of three and of nine paragraphs match.
func shapeOf(n *html.Node, depth int, b []byte) []byte {
	b = append(b, n.Data...)
	if depth == 0 {
		return b
	}
	b = append(b, '(')
	prev := -1
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		start := len(b)
		b = append(shapeOf(c, depth-1, b), ',')
		if prev >= 0 && bytes.Equal(b[prev:start], b[start:]) {
			b = b[:start]
			continue
		}
		prev = start
	}
	return append(b, ')')
}

// hasDateLine reports whether a short text node under n is, or holds, a
// date: the line that dates a post.
func hasDateLine(n *html.Node) bool {
	found := false
	walk(n, func(k *html.Node) bool {
		if found {
			return false
		}
		if k.Type == html.TextNode {
			t := strings.TrimSpace(k.Data)
			if len(t) >= 4 && utf8.RuneCountInString(t) <= dateLineMax && digits(t) >= 3 &&
				(dateRe.MatchString(t) || enDateRe.MatchString(t) || enDate2Re.MatchString(t)) {
				found = true
			}
		}
		return !found
	}, nil)
	return found
}

// contains reports whether n is a or under it.
func contains(a, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}

// wrapsOnly reports whether d is a <div> whose one child is p, but for
// blank text, and whose text is mostly not links.
func (s *scoring) wrapsOnly(d, p *html.Node) bool {
	if d.DataAtom != atom.Div || d == s.body {
		return false
	}
	for c := d.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c == p, c.Type == html.CommentNode:
		case c.Type == html.TextNode && blank(c.Data):
		default:
			return false
		}
	}
	return s.linkDensity(d) < 0.25
}

// postTitleLine returns the post's first line when it comes before its
// body and reads as a title (short, not a date line), or "".
func postTitleLine(post, body *html.Node) string {
	t := ""
	walk(post, func(k *html.Node) bool {
		if t != "" || k == body {
			return false
		}
		if k.Type == html.ElementNode && isJunkTag(k.DataAtom) {
			return false
		}
		if k.Type == html.TextNode && !blank(k.Data) {
			t = normSpace(k.Data)
		}
		return t == ""
	}, nil)
	if n := utf8.RuneCountInString(t); n < 2 || n > 80 || dateRe.MatchString(t) && digits(t) >= 6 {
		return ""
	}
	return t
}
