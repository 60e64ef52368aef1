package core

import (
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestNearDuplicate(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
		bug  string // a known bug: the case is skipped
	}{
		// Chinese place-name variants: the farm's texts differ by the place.
		{name: "zh district only", a: "朝阳区保洁公司", b: "海淀区保洁公司", want: true},
		{name: "zh district and area", a: "朝阳区望京保洁公司电话", b: "海淀区中关村保洁公司电话", want: true},
		{name: "zh same park word", a: "南沙区黄阁工业区搬家公司", b: "番禺区石碁工业区搬家公司", want: true},
		{name: "zh numbered parks", a: "龙华区第一工业园劳务派遣公司", b: "龙华区第二工业园劳务派遣公司", want: true},
		{
			name: "zh district and differing park", a: "宝坻区九园工业园劳务派遣公司", b: "武清区京滨科技园劳务派遣公司", want: true,
		},
		// English "Best X in Y" variants.
		{name: "en best in city", a: "best roofing contractor in springfield", b: "best roofing contractor in lakewood", want: true},
		{name: "en cheap flights", a: "cheap flights to paris", b: "cheap flights to rome", want: true},
		{name: "en best in state", a: "best dog groomers in ohio", b: "best dog groomers in texas", want: true},
		{name: "en identical", a: "local plumbers near you", b: "local plumbers near you", want: true},
		// Clearly different headlines.
		{name: "en headlines", a: "council approves new budget for schools", b: "heavy rain floods the old market streets", want: false},
		{name: "en best x in y, both differ", a: "best pizza in chicago", b: "best tacos in austin", want: false},
		{name: "en series parts", a: "part 1: the beginning", b: "part 2: the middle", want: false},
		{name: "zh headlines", a: "地铁五号线南延段开始试运行", b: "老城区十座历史建筑完成修缮", want: false},
		{name: "zh headlines sharing a subject", a: "我市春季花展下周开幕", b: "我市一季度外贸数据出炉", want: false},
		{name: "ja headlines", a: "市バスの路線が四月から変更", b: "市立病院の新棟が完成", want: false},
		// Short texts and lengths far apart.
		{name: "empty", a: "", b: "", want: false},
		{name: "one empty", a: "", b: "home", want: false},
		{name: "prefix of a long text", a: "salem", b: "salem oregon roofing company", want: false},
		{name: "half length", a: "best roofing", b: "best roofing contractor in springfield", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, bug := checker(t, tt.bug)
			defer bug.done(t)
			if got := nearDuplicate([]rune(tt.a), []rune(tt.b)); got != tt.want {
				e.Errorf("nearDuplicate(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := nearDuplicate([]rune(tt.b), []rune(tt.a)); got != tt.want {
				e.Errorf("nearDuplicate(%q, %q) = %v, want %v (argument order)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

// farmPage returns an article page with extra (link markup) between its
// paragraphs, inside the article container.
func farmPage(extra string) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Repairing a Dry Stone Wall</title></head><body>
<div class="nav"><a href="/">Home</a> <a href="/walls/">Walls</a></div>
<div class="article-content">
<h1>Repairing a Dry Stone Wall</h1>
`)
	paras := []string{
		"A dry stone wall holds together without mortar, by the weight and the careful placing of its stones. When a section falls, the repair is mostly a matter of patience: take the loose stones down to a sound course, sort them by size, and build back up.",
		"Start by laying the fallen stones out on the ground on both sides of the gap, large ones nearest the wall. It is tempting to pick up the first stone that looks right, but sorting first saves hours of lifting later in the day.",
		"Each course should overlap the joints of the course below, the way bricks do, and every stone should slope slightly outwards so that rain runs off the face rather than into the heart of the wall.",
		"Fill the middle with small packing stones as you go, never with soil. A wall packed with earth holds water, freezes in winter, and pushes itself apart within a few years.",
	}
	for i, p := range paras {
		if i == 2 {
			b.WriteString(extra + "\n")
		}
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString("\n</div>\n<div class=\"footer\">Stone Craft Quarterly</div></body></html>")
	return []byte(b.String())
}

func TestFindLinkFarms(t *testing.T) {
	cities := []string{"Springfield", "Riverton", "Lakewood", "Fairview", "Georgetown", "Franklin", "Clinton",
		"Salem", "Madison", "Arlington", "Ashland", "Oxford", "Milton", "Dayton", "Burlington", "Greenville",
		"Bristol", "Dover", "Manchester", "Kingston", "Newport", "Auburn", "Hudson", "Chester", "Marion",
		"Jackson", "Lebanon", "Florence", "Winchester", "Clayton"}
	links := func(n int, format string) string {
		var b strings.Builder
		b.WriteString("<ul class=\"links\">\n")
		for i := 0; i < n; i++ {
			c := cities[i%len(cities)]
			fmt.Fprintf(&b, "<li><a href=\"/go/%d\">"+format+"</a></li>\n", i, c)
		}
		b.WriteString("</ul>")
		return b.String()
	}
	zhPlaces := []string{"宝坻区九园", "武清区京滨", "静海区大邱庄", "宁河区芦台", "蓟州区上仓", "东丽区华明",
		"津南区双港", "西青区张家窝", "北辰区双街", "滨海新区塘沽", "和平区南市", "河西区陈塘庄", "南开区华苑",
		"河东区东站", "河北区铁东", "红桥区西沽", "宝坻区口东", "武清区汊沽港", "静海区子牙", "宁河区潘庄",
		"蓟州区渔阳", "东丽区金桥", "津南区八里台", "西青区杨柳青", "北辰区天穆", "滨海新区汉沽", "和平区劝业场",
		"河西区友谊路", "南开区长虹", "河东区大王庄"}
	zhFarm := func(park string) string {
		var b strings.Builder
		b.WriteString("<div class=\"tags\">\n")
		for i, p := range zhPlaces {
			fmt.Fprintf(&b, "<a href=\"/zx/%d.html\">%s%s劳务派遣公司</a>\n", i, p, park)
		}
		b.WriteString("</div>")
		return b.String()
	}
	menu := `<p>More from this series: <a href="/walls/foundations">Laying foundations that last</a>,
<a href="/walls/tools">The five tools a waller needs</a>, <a href="/walls/stone">Choosing stone from a local quarry</a>,
<a href="/walls/gates">Hanging a gate in an old wall</a>, <a href="/walls/frost">What frost does to a wall</a> and
<a href="/walls/history">A short history of field boundaries</a>.</p>`
	fewSimilar := `<p>Readers asked for contractors: <a href="/go/1">Best stone waller in Springfield</a>,
<a href="/go/2">Best stone waller in Riverton</a>, <a href="/go/3">Best stone waller in Lakewood</a> and
<a href="/go/4">Best stone waller in Fairview</a> all answered our survey.</p>`

	// Described items, each with its own "Learn more about" link: the
	// links read alike, but every item carries a heading and a paragraph.
	cards := func(n int) string {
		var b strings.Builder
		b.WriteString("<ul class=\"features\">\n")
		for i := 0; i < n; i++ {
			c := cities[i%len(cities)]
			fmt.Fprintf(&b, "<li><h3>%s quarry</h3><p>The %s quarry cuts a grey sandstone that splits cleanly along its beds and weathers to a warm brown.</p><a href=\"/q/%d\">Learn more about %s</a></li>\n", c, c, i, c)
		}
		b.WriteString("</ul>")
		return b.String()
	}

	tests := []struct {
		name       string
		extra      string
		farms      int
		links      int      // removed links
		kept, gone []string // texts that must stay in or leave the article
		bug        string
	}{
		{name: "farm of 30 english links", extra: links(30, "Best roofing contractor in %s"), farms: 1, links: 30,
			gone: []string{"Best roofing contractor in Springfield", "Best roofing contractor in Clayton"}},
		{name: "farm of 30 chinese links, shared park word", extra: zhFarm("工业园"), farms: 1, links: 30,
			gone: []string{"宝坻区九园工业园劳务派遣公司", "河东区大王庄工业园劳务派遣公司"}},
		{name: "12 shortened addresses", extra: func() string {
			var b strings.Builder
			for i, code := range []string{"2hWHtYm", "2iJFhRj", "2hZfWFJ", "2hWwQbz", "2hWEIXk", "2iaGuSU",
				"2BbBNPS", "2hWHtYq", "2hYHawj", "2hXWcSP", "2hWahFn", "2iTeLbb"} {
				fmt.Fprintf(&b, "Tool %d: <a href=\"http://sho.rt/%s\">http://sho.rt/%s</a><br>\n", i, code, code)
			}
			return "<p>" + b.String() + "</p>"
		}(), farms: 0, links: 0, kept: []string{"http://sho.rt/2hWHtYm", "http://sho.rt/2iTeLbb"}},
		// (Not a farm; the repeated-link stage keeps the first of them.)
		{name: "8 links with one label", extra: strings.Repeat(`<p><a href="/files/1.pdf">Download</a></p>`, 8), farms: 0, links: 7,
			kept: []string{"Download"}},
		{name: "6 described cards with alike links", extra: cards(6), farms: 0, links: 0,
			kept: []string{"Learn more about Springfield", "Learn more about Lakewood"}},
		{name: "menu of 6 different links", extra: menu, farms: 0, links: 0,
			kept: []string{"Laying foundations that last", "A short history of field boundaries"}},
		{name: "4 similar links under the threshold", extra: fewSimilar, farms: 0, links: 0,
			kept: []string{"Best stone waller in Springfield", "Best stone waller in Fairview"}},
	}
	ex := New(Options{Explain: true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, bug := checker(t, tt.bug)
			defer bug.done(t)
			a, err := ex.Extract(Input{HTML: farmPage(tt.extra), URL: "https://stonecraft.example/walls/repair"})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if a.Removed.LinkFarms != tt.farms || a.Removed.Links != tt.links {
				e.Errorf("removed %d farms, %d links; want %d farms, %d links\n%s",
					a.Removed.LinkFarms, a.Removed.Links, tt.farms, tt.links, strings.Join(a.Explain, "\n"))
			}
			for _, s := range tt.kept {
				if !strings.Contains(a.Text, s) {
					e.Errorf("text lost %q", s)
				}
			}
			for _, s := range tt.gone {
				if strings.Contains(a.Text, s) {
					e.Errorf("text keeps farm link %q", s)
				}
			}
			if !strings.Contains(a.Text, "Fill the middle with small packing stones") {
				e.Errorf("text lost the last paragraph of the article:\n%s", a.Text)
			}
		})
	}
}

// TestLinkFarmVaryingPlaces is the farm the link-farm stage was written
// for: "<district> <area> <park> labour-dispatch company" thirty times,
// every place different and ten kinds of park. All thirty links are one
// farm.
func TestLinkFarmVaryingPlaces(t *testing.T) {
	e, bug := checker(t, "")
	defer bug.done(t)
	places := []string{"宝坻区九园", "武清区京滨", "静海区大邱庄", "宁河区芦台", "蓟州区上仓", "东丽区华明",
		"津南区双港", "西青区张家窝", "北辰区双街", "滨海新区塘沽", "和平区南市", "河西区陈塘庄", "南开区华苑",
		"河东区东站", "河北区铁东", "红桥区西沽", "宝坻区口东", "武清区汊沽港", "静海区子牙", "宁河区潘庄",
		"蓟州区渔阳", "东丽区金桥", "津南区八里台", "西青区杨柳青", "北辰区天穆", "滨海新区汉沽", "和平区劝业场",
		"河西区友谊路", "南开区长虹", "河东区大王庄"}
	parks := []string{"工业园", "科技园", "工业区", "开发区", "产业园", "高新区", "物流园", "创业园", "经济区", "示范区"}
	var b strings.Builder
	b.WriteString("<div>\n")
	for i, p := range places {
		fmt.Fprintf(&b, "<a href=\"/zx/%d.html\">%s%s劳务派遣公司</a>\n", i, p, parks[i%len(parks)])
	}
	b.WriteString("</div>")
	a, err := New(Options{Explain: true}).Extract(Input{HTML: farmPage(b.String())})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if n := strings.Count(a.Text, "劳务派遣公司"); n > 0 || a.Removed.Links != 30 {
		e.Errorf("farm kept: removed %d farms, %d links; %d farm links left in the text\n%s",
			a.Removed.LinkFarms, a.Removed.Links, n, strings.Join(a.Explain, "\n"))
	}
}

func TestRepeatedLinks(t *testing.T) {
	extra := `<p>Photographs of the finished wall are on <a href="/walls/gallery">the gallery page</a>.</p>
<p>If you build one yourself, send us a picture for <a href="/walls/gallery">the gallery</a>.</p>`
	a, err := New(Options{Explain: true}).Extract(Input{HTML: farmPage(extra), URL: "https://stonecraft.example/walls/repair"})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if a.Removed.Links != 1 {
		t.Errorf("removed %d repeated links, want 1", a.Removed.Links)
	}
	if n := strings.Count(a.Markdown, "(https://stonecraft.example/walls/gallery)"); n != 1 {
		t.Errorf("Markdown links the gallery %d times, want once:\n%s", n, a.Markdown)
	}
	if !strings.Contains(a.Text, "send us a picture for the gallery.") {
		t.Errorf("the repeated link's words left the text:\n%s", a.Text)
	}
}

// TestLinkFarmHugePage checks that clustering stays near-linear: a page
// with 200,000 links finishes well inside the time budget.
func TestLinkFarmHugePage(t *testing.T) {
	if testing.Short() {
		t.Skip("200,000 links: skipped under -short")
	}
	var b strings.Builder
	b.WriteString("<div class=\"directory\">\n")
	for i := 0; i < 200_000; i++ {
		// Varied texts, so that most anchors open clusters of their own:
		// the worst case for a comparison window.
		fmt.Fprintf(&b, "<a href=\"/d/%d\">listing %d of the %s directory for %d</a>\n", i, i*7919%100_003, strings.Repeat("x", i%13), i%97)
	}
	b.WriteString("</div>")
	page := farmPage(b.String())
	start := cpuTime()
	a, err := New(Options{}).Extract(Input{HTML: page})
	took := cpuTime() - start // CPU, not wall: the machine may be loaded
	if err != nil && !errors.Is(err, ErrNoArticle) {
		t.Fatalf("Extract of %d bytes after %v: %v", len(page), took, err)
	}
	if took > 8*time.Second {
		t.Errorf("200,000 links took %v: clustering is not near-linear", took)
	}
	t.Logf("200,000 links, %d bytes: %v", len(page), took)
	if a != nil && !strings.Contains(a.Text, "Fill the middle with small packing stones") {
		t.Errorf("the article was lost among the links")
	}
}

// withinDistanceRef is withinDistance before its band: the reference.
// It reports whether the edit distance of a and b (runes, at
// most farmMaxRunes each) is at most k. It fills one row of the dynamic
// programme at a time on the stack and stops as soon as every cell of a
// row exceeds k, so it neither allocates nor finishes hopeless pairs.
func withinDistanceRef(a, b []rune, k int) bool {
	if len(a) > farmMaxRunes || len(b) > farmMaxRunes {
		return false
	}
	var prev, cur [farmMaxRunes + 1]int
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j-1] + cost
			if x := prev[j] + 1; x < v {
				v = x
			}
			if x := cur[j-1] + 1; x < v {
				v = x
			}
			cur[j] = v
			if v < best {
				best = v
			}
		}
		if best > k {
			return false
		}
		prev = cur
	}
	return prev[len(b)] <= k
}

func TestWithinDistanceMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	alphabet := []rune("abcde 中文")
	word := func() []rune {
		r := make([]rune, rng.Intn(farmMaxRunes+3))
		for i := range r {
			r[i] = alphabet[rng.Intn(len(alphabet))]
		}
		return r
	}
	for i := 0; i < 50000; i++ {
		a := word()
		b := append([]rune(nil), a...)
		if rng.Intn(2) == 0 {
			b = word()
		} else {
			for e := rng.Intn(8); e > 0 && len(b) > 0; e-- {
				b[rng.Intn(len(b))] = alphabet[rng.Intn(len(alphabet))]
			}
		}
		k := rng.Intn(22)
		if got, want := withinDistance(a, b, k), withinDistanceRef(a, b, k); got != want {
			t.Fatalf("withinDistance(%q, %q, %d) = %v, want %v", string(a), string(b), k, got, want)
		}
	}
}

// TestNearTextBound checks that nearText's histogram bound never turns away
// a pair that the edit distance would take: it must answer as the
// distance alone does.
func TestNearTextBound(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	alphabet := []rune("abcdefgh 中文公司0@") // '0' and '@' share a bucket (r&63)
	word := func() []rune {
		r := make([]rune, rng.Intn(farmMaxRunes+1))
		for i := range r {
			r[i] = alphabet[rng.Intn(len(alphabet))]
		}
		return r
	}
	ref := func(a, b []rune) bool {
		la, lb := len(a), len(b)
		lmax, lmin := max(la, lb), min(la, lb)
		if lmax == 0 || float64(lmin) < float64(lmax)*0.5 {
			return false
		}
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
		return withinDistanceRef(a, b, int(farmMaxDist*float64(lmax)))
	}
	for i := 0; i < 50000; i++ {
		a := word()
		b := append([]rune(nil), a...)
		if rng.Intn(2) == 0 {
			b = word()
		} else {
			for e := rng.Intn(20); e > 0 && len(b) > 0; e-- {
				b[rng.Intn(len(b))] = alphabet[rng.Intn(len(alphabet))]
			}
		}
		if got, want := nearText(a, b), ref(a, b); got != want {
			t.Fatalf("nearText(%q, %q) = %v, want %v", string(a), string(b), got, want)
		}
	}
}

// appendAnchorText's fast paths (ASCII, the caseless CJK blocks) fold and
// split as unicode.ToLower and unicode.IsSpace do, for every rune.
func TestAnchorTextFastPaths(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		a := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A}
		a.AppendChild(&html.Node{Type: html.TextNode, Data: "x" + string(r) + "Y"})
		want := "x" + string(unicode.ToLower(r)) + "y"
		if unicode.IsSpace(r) || r == 0xA0 {
			want = "x y"
		}
		if got := string(appendAnchorText(nil, a)); got != want {
			t.Fatalf("%U: %q, want %q", r, got, want)
		}
	}
}

// Text that is not valid UTF-8 reads rune by rune as range reads it (a
// bad byte is U+FFFD), through appendAnchorText's own decoding too.
func TestAnchorTextInvalidUTF8(t *testing.T) {
	for _, d := range []string{"\xed\xa0\x80中", "\xe0\x80\x80A", "x\xe4\xb8", "\xe4\xb8\xe4\xb8\xad", "\xef\xbf\xbd\xff中文", "\xf0\x9f\x98\x80\xc3"} {
		a := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A}
		a.AppendChild(&html.Node{Type: html.TextNode, Data: d})
		var want []rune
		for _, r := range d {
			want = append(want, unicode.ToLower(r))
		}
		if got := appendAnchorText(nil, a); string(got) != string(want) {
			t.Errorf("%q: %q, want %q", d, string(got), string(want))
		}
	}
}
