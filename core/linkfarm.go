package core

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Stage 5: remove link farms. SEO spam pages carry runs of links whose
// texts differ by a word or two ("<district> <park> labour-dispatch
// company" thirty times over). Anchors are grouped by the block that holds
// them (climbing through list items, cells and single-link wrappers), and
// within a group clustered by near-identical text: normalised Levenshtein
// distance on runes, or a long shared prefix and suffix. A cluster of
// farmMinLinks or more is a farm; its links go, and so does their container
// when nothing else is left in it.
//
// Cost stays near-linear: each anchor is compared only with the first
// member of the farmWindow most recent clusters of its group, on texts cut
// to farmMaxRunes, so 200,000 links cost 200,000 × farmWindow small
// comparisons at most.

const (
	farmMinLinks  = 5    // "several": fewer similar links are a normal list
	farmMinRunes  = 4    // shorter anchor texts ("Home", "1", "下一页") are not compared
	farmMaxRunes  = 48   // texts are compared on at most this many runes
	farmWindow    = 8    // recent clusters an anchor is compared with
	farmMaxDist   = 0.42 // normalised edit distance under which two texts are near-duplicates
	farmAffixMin  = 0.5  // ... or share half of the shorter text as prefix plus suffix
	farmLeftShare = 0.2  // a container keeps no more than this share of other text to go too
)

type anchorRef struct {
	n    *html.Node
	text []rune
}

// anchorGroup is the anchors of one link container, in document order:
// their count while the survey collects them (in run.anchorSeq), then
// their slice of one array, which findLinkFarms fills.
type anchorGroup struct {
	c       *html.Node
	n       int32
	anchors []*html.Node
}

// anchorItem is an anchor and its group, as the survey meets it.
type anchorItem struct {
	g int32
	a *html.Node
}

type farmCluster struct {
	rep     *anchorRef // the first member
	last    *anchorRef // the latest member: farms drift along the run
	members []*html.Node
	first   [1]*html.Node // members' room while there is one (most links are alone)
	varied  bool          // not every member's text is the rep's
}

// findLinkFarms marks the link farms of the page and returns how many
// farms and links it found.
// collectAnchor files an anchor of the body under its container, on the
// survey walk.
func (r *run) collectAnchor(a *html.Node) {
	r.anchorCount++
	if limit := r.ex.limits.MaxLinks; limit > 0 && r.anchorCount > limit {
		return
	}
	c := linkContainer(a)
	if r.anchorGroups == nil {
		r.anchorGroups = make(map[*html.Node]int32)
	}
	g, ok := r.anchorGroups[c]
	if !ok {
		g = int32(len(r.anchorOrder))
		r.anchorGroups[c] = g
		r.anchorOrder = append(r.anchorOrder, anchorGroup{c: c})
	}
	r.anchorOrder[g].n++
	r.anchorSeq = append(r.anchorSeq, anchorItem{g, a})
}

// groupAnchors gives each group its anchors, in document order, as slices
// of one array: the survey appends to one slice rather than to one per
// container (most hold one or two links, and each slice grew on its own).
func (r *run) groupAnchors() {
	all := make([]*html.Node, len(r.anchorSeq))
	off := 0
	for i := range r.anchorOrder {
		g := &r.anchorOrder[i]
		g.anchors = all[off : off : off+int(g.n)]
		off += int(g.n)
	}
	for _, it := range r.anchorSeq {
		g := &r.anchorOrder[it.g]
		g.anchors = append(g.anchors, it.a)
	}
	r.anchorSeq = nil
}

// findLinkFarms clusters the anchors the survey collected and marks the
// farms.
func (r *run) findLinkFarms() {
	r.groupAnchors()
	order := r.anchorOrder
	if limit := r.ex.limits.MaxLinks; limit > 0 && r.anchorCount > limit {
		r.note("link-farm clustering looked at the first %d of %d links", limit, r.anchorCount)
	}
	for _, g := range order {
		c, anchors := g.c, g.anchors
		if len(anchors) < farmMinLinks {
			continue
		}
		// Texts only for groups big enough to hold a farm.
		as := make([]anchorRef, 0, len(anchors))
		var arena []rune // the group's texts, one after the other
		for _, n := range anchors {
			start := len(arena)
			arena = appendAnchorText(arena, n)
			if t := arena[start:len(arena):len(arena)]; len(t) >= farmMinRunes && !urlText(t) {
				// A text stays valid when arena moves: it keeps the old
				// array, which is never written again.
				as = append(as, anchorRef{n: n, text: t})
			} else {
				arena = arena[:start]
			}
		}
		if len(as) < farmMinLinks {
			continue
		}
		var active []*farmCluster
		// One cluster at most per link, in one allocation: the slab never
		// grows, so the pointers into it hold.
		slab := make([]farmCluster, 0, len(as))
		all := make([]*farmCluster, 0, len(as)/2+1)
		found := false
		for i := range as {
			a := &as[i]
			var hit *farmCluster
			for i := len(active) - 1; i >= 0; i-- {
				if near(active[i].last, a) || active[i].rep != active[i].last && near(active[i].rep, a) {
					hit = active[i]
					break
				}
			}
			if hit == nil {
				slab = append(slab, farmCluster{rep: a})
				hit = &slab[len(slab)-1]
				hit.members = hit.first[:0]
				all = append(all, hit)
				active = append(active, hit)
				if len(active) > farmWindow {
					active = active[1:]
				}
			}
			hit.members = append(hit.members, a.n)
			hit.varied = hit.varied || !slices.Equal(a.text, hit.rep.text)
			hit.last = a
		}
		var cards map[*html.Node]bool
		for _, cl := range all {
			// A farm varies its texts to catch searches; one text over and
			// over ("link", "Download", "Read more") is a page's own labels.
			if len(cl.members) < farmMinLinks || !cl.varied {
				continue
			}
			if cards == nil {
				cards = make(map[*html.Node]bool)
			}
			if cl.members = r.dropCards(c, cl.members, cards); len(cl.members) < farmMinLinks {
				continue
			}
			for _, m := range cl.members {
				r.marks[m] = markFarm
			}
			r.removed.LinkFarms++
			r.removed.Links += len(cl.members)
			r.addDetail("linkfarm", "near-duplicate link texts", len(cl.members), textOf(cl.members[0])+" …")
			found = true
		}
		if found {
			r.dropEmptied(c)
		}
	}
}

// appendAnchorText appends the lower-cased text of an anchor, cut to
// farmMaxRunes, to out, without building the whole text of long anchors.
func appendAnchorText(out []rune, a *html.Node) []rune {
	start := len(out)
	space := false
	walk(a, func(n *html.Node) bool {
		if len(out)-start >= farmMaxRunes {
			return false
		}
		if n.Type != html.TextNode {
			return n.Type == html.ElementNode
		}
		d := n.Data
		for i := 0; i < len(d); {
			// Runes decoded here: ASCII and three-byte runes (all of CJK
			// text) without a call to the runtime's decoder, which the
			// wasm build pays dearly for.
			r, size := rune(d[i]), 1
			if r >= utf8.RuneSelf {
				if c := d[i]; c >= 0xE1 && c < 0xF0 && c != 0xED && i+2 < len(d) && d[i+1]&0xC0 == 0x80 && d[i+2]&0xC0 == 0x80 {
					// (E1-EC and EE-EF lead no overlong form and no
					// surrogate: the rune is valid as it stands.)
					r, size = rune(c&0x0F)<<12|rune(d[i+1]&0x3F)<<6|rune(d[i+2]&0x3F), 3
				} else {
					r, size = utf8.DecodeRuneInString(d[i:])
				}
			}
			i += size
			// ASCII and the caseless CJK blocks without the Unicode
			// tables: they are most link text, and the tables' binary
			// searches are calls that the wasm build pays dearly for.
			switch {
			case r < utf8.RuneSelf:
				if asciiKind[r] == akSpace || r == '\v' { // unicode.IsSpace's ASCII
					space = len(out) > start
					continue
				}
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
			case r >= 0x3040 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7A3:
				// kana, CJK ideographs, Hangul syllables: no case, no spaces
			case unicode.IsSpace(r) || r == 0xA0:
				space = len(out) > start
				continue
			default:
				r = unicode.ToLower(r)
			}
			if space {
				out = append(out, ' ')
				space = false
			}
			out = append(out, r)
			if len(out)-start >= farmMaxRunes {
				break
			}
		}
		return false
	}, nil)
	return out
}

// linkContainer returns the block that holds a link as one of a run: it
// climbs through inline elements, list items, table cells and wrappers that
// hold nothing but this link.
func linkContainer(a *html.Node) *html.Node {
	n := a.Parent
	for n != nil && n.Parent != nil && n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Li, atom.Dd, atom.Dt, atom.Td, atom.Th, atom.Tr, atom.Tbody:
			n = n.Parent
			continue
		case atom.Body:
			return n
		}
		if !isBlock(n.DataAtom) || soleElement(n) {
			n = n.Parent
			continue
		}
		return n
	}
	return n
}

// soleElement reports whether n holds a single element and no other text.
func soleElement(n *html.Node) bool {
	elems := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.ElementNode:
			elems++
			if elems > 1 {
				return false
			}
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return false
			}
		}
	}
	return elems == 1
}

// urlText reports a link text that is an address written out
// ("http://amzn.to/2hWHtYm", "www.example.org/x"): shortened and tracked
// addresses differ by a few characters, and an author lists them as
// references, the way sameButDigits lets "Bug 1679133" pass.
func urlText(t []rune) bool {
	return runesPrefix(t, "http://") || runesPrefix(t, "https://") || runesPrefix(t, "www.")
}

// runesPrefix reports whether t starts with the ASCII string p.
func runesPrefix(t []rune, p string) bool {
	if len(t) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if t[i] != rune(p[i]) {
			return false
		}
	}
	return true
}

// near reports whether two anchors of a group have near-duplicate texts.
func near(a, b *anchorRef) bool { return nearDuplicate(a.text, b.text) }

// nearDuplicate reports whether two anchor texts differ only a little,
// and not only in their numbers: "Bug 1679133" and "Bug 1673669", or
// "Issue 105" and "Issue 106", are references an author lists, while a
// farm varies its words.
func nearDuplicate(a, b []rune) bool {
	if sameButDigits(a, b) && !slices.Equal(a, b) {
		return false
	}
	return nearText(a, b)
}

// sameButDigits reports texts that are equal once their digits are gone.
func sameButDigits(a, b []rune) bool {
	i, j := 0, 0
	for {
		for i < len(a) && isDigitRune(a[i]) {
			i++
		}
		for j < len(b) && isDigitRune(b[j]) {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i++
		j++
	}
}

func nearText(a, b []rune) bool {
	la, lb := len(a), len(b)
	lmax, lmin := la, lb
	if lb > la {
		lmax, lmin = lb, la
	}
	if lmax == 0 || float64(lmin) < float64(lmax)*0.5 {
		return false
	}
	// Shared prefix and suffix: cheap, and catches "<place> company".
	p := 0
	for p < lmin && a[p] == b[p] {
		p++
	}
	s := 0
	for s < lmin-p && a[la-1-s] == b[lb-1-s] {
		s++
	}
	if float64(p+s) >= farmAffixMin*float64(lmin) && p+s >= farmMinRunes {
		return true
	}
	if float64(lmax-lmin) > farmMaxDist*float64(lmax) {
		return false
	}
	k := int(farmMaxDist * float64(lmax))
	// A cheap bound first: an edit changes the histogram of the runes (in
	// 64 buckets) by at most two, so half its L1 distance bounds the edit
	// distance from below. Most pairs of a menu fail here.
	// The distance is kept as b's runes are taken out, rather than summed
	// over the buckets after: taking one out of a bucket that a filled
	// brings the buckets one closer, out of any other one further apart.
	var h [64]int8 // counts of at most farmMaxRunes
	for _, r := range a {
		h[r&63]++
	}
	l1 := len(a)
	for _, r := range b {
		x := &h[r&63]
		if *x > 0 {
			l1--
		} else {
			l1++
		}
		*x--
	}
	if l1 > 2*k {
		return false
	}
	return withinDistance(a, b, k)
}

// withinDistance reports whether the edit distance of a and b (runes, at
// most farmMaxRunes each) is at most k. It computes the distance with
// Myers' bit-parallel algorithm (one column of the dynamic programme per
// rune of b, as bit vectors over a: farmMaxRunes fits in a word), so it
// neither allocates nor costs more than a few operations per rune.
func withinDistance(a, b []rune, k int) bool {
	la, lb := len(a), len(b)
	if la > farmMaxRunes || lb > farmMaxRunes || la-lb > k || lb-la > k {
		return false
	}
	if la == 0 {
		return lb <= k
	}
	// peq: for each rune of a, the bits of the positions where it stands,
	// in a small open-addressed table.
	const size = 128 // a power of two, over twice farmMaxRunes
	var keys [size]rune
	var masks [size]uint64
	slot := func(r rune) int {
		h := int(uint32(r)*2654435761>>25) & (size - 1)
		for masks[h] != 0 && keys[h] != r {
			h = (h + 1) & (size - 1)
		}
		return h
	}
	for i, r := range a {
		h := slot(r)
		keys[h] = r
		masks[h] |= 1 << uint(i)
	}
	top := uint64(1) << uint(la-1)
	pv, mv := ^uint64(0), uint64(0)
	score := la
	for _, r := range b {
		eq := masks[slot(r)]
		xv := eq | mv
		xh := ((eq & pv) + pv) ^ pv | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&top != 0 {
			score++
		} else if mh&top != 0 {
			score--
		}
		ph = ph<<1 | 1 // the first row grows by one per column
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
	}
	return score <= k
}

// dropCards leaves out of a cluster the links that sit in a card: an item
// of the container (its child on the way to the link) that carries more
// text of its own than twice the link's, as a heading and a paragraph
// before a "Learn more about <feature>" link. A farm is a run of bare
// links; a list of described items is content, however alike its links
// read. item remembers the verdict per item, for links that share one.
func (r *run) dropCards(c *html.Node, members []*html.Node, item map[*html.Node]bool) []*html.Node {
	kept := members[:0]
	for _, m := range members {
		it := m
		for it.Parent != nil && it.Parent != c {
			it = it.Parent
		}
		card, seen := item[it]
		if !seen {
			if it != m {
				own := letters(textOf(m))
				card = letters(textOf(it))-own > 2*own
			}
			item[it] = card
		}
		if !card {
			kept = append(kept, m)
		}
	}
	return kept
}

// dropEmptied marks a container whose text is almost all farm links.
func (r *run) dropEmptied(c *html.Node) {
	var farm, rest int
	walk(c, func(n *html.Node) bool {
		if n.Type == html.TextNode {
			rest += letters(n.Data)
			return false
		}
		if n.Type == html.ElementNode && r.marks[n] == markFarm {
			farm += letters(textOf(n))
			return false
		}
		return n.Type == html.ElementNode
	}, nil)
	if farm > 0 && float64(rest) <= farmLeftShare*float64(farm+rest) && c.DataAtom != atom.Body {
		r.marks[c] = markFarm
	}
}

func letters(s string) int {
	k := 0
	for _, r := range s {
		if isAlnum(r) {
			k++
		}
	}
	return k
}
