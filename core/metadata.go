package core

import (
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Stage 7: metadata. Structured sources first (JSON-LD, Open Graph and
// other <meta> tags, <time>), then what the page shows: its headings for
// the title, the byline and date lines found around the article.

type metaSource struct {
	r       *run // for its class-word cache
	ld      ldArticle
	meta    map[string]string // lower-cased name/property → first content
	title   string            // <title>
	lang    string
	dir     string
	times   []string // datetime attributes of <time> and itemprop dates
	authors []string // rel=author, itemprop=author, class *author*/byline
	heads   []string // h1 and h2 texts, in order
	h1      string   // the first <h1>'s text
	nh1     int      // <h1> elements with text, counted up to 2
}

type ldArticle struct {
	headline, author, published, modified, site, image, description, lang string
}

func newMetaSource(r *run) *metaSource { return &metaSource{meta: make(map[string]string), r: r} }

// visit reads the metadata an element carries and says whether its
// children can carry more. The pipeline's survey walk calls it on every
// node it meets.
func (m *metaSource) visit(n *html.Node) bool {
	{
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		switch n.DataAtom {
		case atom.Html:
			m.lang = strings.TrimSpace(attr(n, "lang"))
			if m.lang == "" {
				m.lang = strings.TrimSpace(attr(n, "xml:lang"))
			}
			m.dir = strings.ToLower(strings.TrimSpace(attr(n, "dir")))
		case atom.Title:
			if m.title == "" {
				m.title = textOf(n)
			}
			return false
		case atom.Meta:
			k := strings.ToLower(strings.TrimSpace(attr(n, "property")))
			if k == "" {
				k = strings.ToLower(strings.TrimSpace(attr(n, "name")))
			}
			if k == "" {
				k = strings.ToLower(strings.TrimSpace(attr(n, "itemprop")))
			}
			if k == "" {
				if he := strings.ToLower(attr(n, "http-equiv")); he == "content-language" {
					k = he
				}
			}
			if v := strings.TrimSpace(attr(n, "content")); k != "" && v != "" {
				m.setMeta(k, v)
			}
			return false
		case atom.Script:
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
				m.readLD(n.FirstChild.Data)
			}
			return false
		case atom.Style, atom.Template, atom.Noscript:
			return false
		case atom.Time:
			if v := attr(n, "datetime"); v != "" {
				m.times = append(m.times, v)
			}
		case atom.H1, atom.H2:
			if len(m.heads) < 20 || n.DataAtom == atom.H1 && m.nh1 < 2 {
				if t := textOf(n); t != "" {
					if len(m.heads) < 20 {
						m.heads = append(m.heads, t)
					}
					if n.DataAtom == atom.H1 && m.nh1 < 2 {
						if m.nh1++; m.nh1 == 1 {
							m.h1 = t
						}
					}
				}
			}
		}
		ip := attr(n, "itemprop")
		if ip == "datePublished" {
			if v := attr(n, "datetime"); v != "" {
				m.times = append([]string{v}, m.times...)
			} else if v := attr(n, "content"); v != "" {
				m.times = append([]string{v}, m.times...)
			}
		}
		// fewRunes first: a byline-classed block can be a whole column,
		// whose text need not be collected to be found too long.
		if len(m.authors) < 5 && len(n.Attr) > 0 && (attr(n, "rel") == "author" || ip == "author" || m.bylineClass(n)) && fewRunes(n, 80) {
			if t := textOf(n); t != "" && len([]rune(t)) < 80 {
				m.authors = append(m.authors, t)
			}
		}
		return true
	}
}

// fewRunes reports whether n's text has fewer than max runes other than
// spaces: textOf(n) can only be shorter than max runes if it does.
func fewRunes(n *html.Node, max int) bool {
	k := 0
	walk(n, func(c *html.Node) bool {
		if k >= max {
			return false
		}
		if c.Type == html.TextNode {
			for _, r := range readText(c) {
				if !isSpaceRune(r) {
					k++
				}
			}
		}
		return true
	}, nil)
	return k < max
}

var bylineWords, commentWords = []string{"byline", "author"}, []string{"comment"}

func (m *metaSource) bylineClass(n *html.Node) bool {
	b := m.r.classBits(n)
	return b&clsByline != 0 && b&clsComment == 0
}

var articleTypes = map[string]bool{"article": true, "newsarticle": true, "blogposting": true,
	"reportagenewsarticle": true, "report": true, "scholarlyarticle": true, "techarticle": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true, "webpage": true, "liveblogposting": true}

func (m *metaSource) readLD(src string) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return
	}
	var objs []map[string]any
	stack := []any{v}
	for len(stack) > 0 && len(objs) < 50 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch t := x.(type) {
		case []any:
			stack = append(stack, t...)
		case map[string]any:
			objs = append(objs, t)
			if g, ok := t["@graph"]; ok {
				stack = append(stack, g)
			}
		}
	}
	for _, o := range objs {
		typ := strings.ToLower(ldString(o["@type"]))
		if !articleTypes[typ] {
			continue
		}
		a := &m.ld
		set := func(dst *string, v string) {
			if *dst == "" {
				*dst = strings.TrimSpace(v)
			}
		}
		if typ == "webpage" && a.headline != "" {
			continue
		}
		set(&a.headline, ldString(o["headline"]))
		set(&a.author, ldName(o["author"]))
		set(&a.published, ldString(o["datePublished"]))
		set(&a.modified, ldString(o["dateModified"]))
		set(&a.site, ldName(o["publisher"]))
		set(&a.image, ldURL(o["image"]))
		set(&a.description, ldString(o["description"]))
		set(&a.lang, ldString(o["inLanguage"]))
	}
}

func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		if len(t) > 0 {
			return ldString(t[0])
		}
	}
	return ""
}

func ldName(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		return ldString(t["name"])
	case []any:
		var names []string
		for _, x := range t {
			if s := ldName(x); s != "" {
				names = append(names, s)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

func ldURL(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		return ldString(t["url"])
	case []any:
		if len(t) > 0 {
			return ldURL(t[0])
		}
	}
	return ""
}

func (m *metaSource) first(keys ...string) string {
	for _, k := range keys {
		if v := m.meta[k]; v != "" {
			return v
		}
	}
	return ""
}

// titleSeparators split a <title> into the article title and site names.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " » ", " › ", " · ", " / ", "_", "｜", "――", "——", "〉", "|", "-", "–", "—", "："}

// bareSeparator reports separators written without spaces, which split
// only CJK titles ("标题-栏目-站点"); in Latin text they sit inside words
// ("Self-driving") and numbers.
func bareSeparator(sep string) bool {
	return sep == "-" || sep == "–" || sep == "—" || sep == "|" || sep == "――" || sep == "——" || sep == "〉"
}

// cleanTitle removes site-name parts from a page title. A heading of the
// page that matches a part of the title wins; otherwise the longest part.
func cleanTitle(title, site string, heads []string) string {
	title = normSpace(title)
	for _, h := range heads {
		if h == title {
			return h
		}
	}
	cjk := hasCJKMajority(title)
	// A heading that the title holds whole is the headline, when it is
	// about as long as the title's longest part: the rest is the site's
	// (section names, keywords, "――中新网"). Shorter headings that the
	// title holds are section or site names ("国企红筹", "千龙网").
	longest := longestTitlePart(title, cjk)
	var inTitle string
	for _, h := range heads {
		if n := len([]rune(h)); n > len([]rune(inTitle)) && 2*n >= longest && strings.Contains(title, h) &&
			(wordsIn(h) >= 3 || hasCJKMajority(h) && n >= 6) {
			inTitle = h
		}
	}
	if inTitle != "" {
		// The heading may open with a section label of its own, set off by
		// a bar ("图说洛阳| …"); colons and dashes belong to headlines.
		for _, bar := range []string{"|", "｜"} {
			if label, rest, ok := strings.Cut(inTitle, bar); ok && len([]rune(strings.TrimSpace(label))) <= 8 &&
				5*len([]rune(strings.TrimSpace(rest))) >= 3*len([]rune(inTitle)) {
				return strings.TrimSpace(rest)
			}
		}
		return inTitle
	}
	for _, sep := range titleSeparators {
		if !strings.Contains(title, sep) || bareSeparator(sep) && !cjk {
			continue
		}
		parts := strings.Split(title, sep)
		best := ""
		for _, p := range parts {
			p = strings.TrimSpace(p)
			if site != "" && strings.EqualFold(p, site) {
				continue
			}
			if len([]rune(p)) > len([]rune(best)) {
				best = p
			}
		}
		for _, h := range heads {
			for _, p := range parts {
				// (A heading far longer than the whole title is an unclosed
				// tag that swallowed the page, not a headline.)
				if p = strings.TrimSpace(p); p != "" && (p == h || (len([]rune(p)) >= 8 && strings.Contains(h, p) &&
					len([]rune(h)) <= 2*len([]rune(title)))) {
					// A breadcrumb heading ("站名 〉栏目 〉标题") ends in the part.
					if h != p && cleanTitle(h, site, nil) == p {
						return p
					}
					return h
				}
			}
		}
		// Keep the whole title when the split leaves a fragment.
		if wordsIn(best) >= 3 || (hasCJKMajority(best) && len([]rune(best)) >= 6) {
			return best
		}
	}
	return title
}

// longestTitlePart returns the length in runes of the longest part of the
// title between any of the separators that apply to it.
func longestTitlePart(title string, cjk bool) int {
	parts := []string{title}
	for _, sep := range titleSeparators {
		if bareSeparator(sep) && !cjk {
			continue
		}
		if !slices.ContainsFunc(parts, func(p string) bool { return strings.Contains(p, sep) }) {
			continue // (most separators are not in the title: no copies of the parts)
		}
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	n := 0
	for _, p := range parts {
		n = max(n, len([]rune(strings.TrimSpace(p))))
	}
	return n
}

func wordsIn(s string) int { return int(countText(s).words) }

var (
	cnDateRe    = regexp.MustCompile(`((?:19|20)\d\d)\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})`)
	enDateRe    = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b`)
	slashDateRe = regexp.MustCompile(`(?:^|[^\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b`)
	// A line that dates the article to the month only: a report's
	// "2003年5月", a reprint's closing source "——《北京之春》1998年3月号"
	// ("原载《…》…", "摘自…"), "March 2003".
	monthLineRe = regexp.MustCompile(`^(?:[—－-]+\s*)?(?:[（(]?\s*(?:原载|原載|摘自|转载自|轉載自|选自|選自|刊于|刊於|载于|載於)[:：]?\s*)?(?:《[^》]{1,40}》\s*)?` + zhMonthEnd)
	sourceEndRe = regexp.MustCompile(`(?:——|－－|--)\s*《[^》]{1,40}》\s*` + zhMonthEnd)
	enMonthRe   = regexp.MustCompile(`(?i)^(january|february|march|april|may|june|july|august|september|october|november|december)\s+((?:19|20)\d\d)$`)
	enDate2Re   = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+((?:19|20)\d\d)\b`)
)

// wordDateRe reads "<day> <month word> <year>" in the languages whose
// month names monthWords knows ("12 أبريل 2024", "3 de marzo de 2023",
// "5 мая 2022", "14. März 2023").
var wordDateRe = regexp.MustCompile(`(\d{1,2})\.?\s+(?:de\s+)?([\p{L}]{3,12})\.?\s+(?:de\s+)?((?:19|20)\d\d)`)

// monthWords are month names (and Russian genitives) of a few languages
// our readers meet, for dates written in words.
var monthWords = func() map[string]int {
	m := make(map[string]int)
	for _, row := range [][]string{
		{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
		{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
		{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
	} {
		for i, w := range row {
			m[w] = i + 1
		}
	}
	return m
}()

// isMonthWord reports a month's name or its abbreviation, in any case
// ("January", "Sept.", "mars").
func isMonthWord(w string) bool {
	w = strings.ToLower(strings.TrimSuffix(w, "."))
	_, ok := months[w]
	if !ok {
		_, ok = monthWords[w]
	}
	return ok
}

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
	"aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

// isoDate turns a date in any of the common forms into YYYY-MM-DD, or "".
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 4*maxLineChars {
		s = s[:4*maxLineChars]
	}
	if s == "" {
		return ""
	}
	// The four patterns need a year: without one, none is run (a
	// regexp costs most in the wasm build, per rune).
	if hasYear(s) {
		if m := cnDateRe.FindStringSubmatch(s); m != nil {
			return ymd(m[1], m[2], m[3])
		}
		if m := enDateRe.FindStringSubmatch(s); m != nil {
			return ymd(m[3], strconv.Itoa(months[strings.ToLower(m[1])]), m[2])
		}
		if m := enDate2Re.FindStringSubmatch(s); m != nil {
			return ymd(m[3], strconv.Itoa(months[strings.ToLower(m[2])]), m[1])
		}
		if m := wordDateRe.FindStringSubmatch(s); m != nil {
			if mo := monthWords[strings.ToLower(m[2])]; mo > 0 {
				return ymd(m[3], strconv.Itoa(mo), m[1])
			}
		}
		// "9/17/2004" and "17/9/2004": read when only one order makes a
		// date; "3/4/2004" (March or April) is left alone.
		if m := slashDateRe.FindStringSubmatch(s); m != nil {
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			switch {
			case a <= 12 && b > 12:
				return ymd(m[3], m[1], m[2])
			case a > 12 && b <= 12:
				return ymd(m[3], m[2], m[1])
			}
		}
	}
	// Compact 20230310.
	if len(s) == 8 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) {
		if _, err := strconv.Atoi(s); err == nil {
			return ymd(s[:4], s[4:6], s[6:])
		}
	}
	// Unix seconds or milliseconds.
	if x, err := strconv.ParseInt(s, 10, 64); err == nil && x > 1e8 {
		if x > 1e11 {
			x /= 1000
		}
		return unixDate(x)
	}
	return ""
}

// edgeLines returns the first head and the last tail non-blank lines of
// text (tail from the end): where an article states its date or its
// author when no markup does (a report's date under its authors, a
// reprint's source line or a reporter's sign-off at the end).
func edgeLines(text string, head, tail int) (first, last []string) {
	for rest := text; len(first) < head && rest != ""; {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		if l = strings.TrimSpace(l); l != "" {
			first = append(first, l)
		}
	}
	for rest := text; len(last) < tail && rest != ""; {
		i := strings.LastIndexByte(rest, '\n')
		l := rest[i+1:]
		rest = rest[:max(i, 0)]
		if l = strings.TrimSpace(l); l != "" {
			last = append(last, l)
		}
	}
	return first, last
}

// zhMonthEnd is the year and month that end a month date line: "1998年3月号",
// "2001年7月）".
const zhMonthEnd = `((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月(?:号|號|刊)?\s*[）)]?\s*[。.]?$`

// monthDate returns "YYYY-MM" for a line that is a date to the month and
// nothing else (monthLineRe, enMonthRe), or that ends with a reprint's
// source and its issue ("…课题。□ ——《北京之春》1996年6月号"), or "".
func monthDate(l string) string {
	l = strings.TrimSpace(l)
	if !hasYear(l) {
		return ""
	}
	y, mo := "", 0
	m := monthLineRe.FindStringSubmatch(l)
	if m == nil {
		m = sourceEndRe.FindStringSubmatch(l) // the source line run on into the last paragraph
	}
	if m != nil {
		y = m[1]
		mo, _ = strconv.Atoi(m[2])
	} else if m := enMonthRe.FindStringSubmatch(l); m != nil {
		y, mo = m[2], months[strings.ToLower(m[1][:3])]
	}
	if yi, _ := strconv.Atoi(y); yi < 1900 || yi > 2200 || mo < 1 || mo > 12 {
		return ""
	}
	if mo < 10 {
		return y + "-0" + strconv.Itoa(mo)
	}
	return y + "-" + strconv.Itoa(mo)
}

var monthDays = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func ymd(y, m, d string) string {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if yi < 1900 || yi > 2200 || mi < 1 || mi > 12 || di < 1 || di > monthDays[mi] {
		return ""
	}
	if mi == 2 && di == 29 && !(yi%4 == 0 && (yi%100 != 0 || yi%400 == 0)) {
		return ""
	}
	return strconv.Itoa(yi) + "-" + pad2(mi) + "-" + pad2(di)
}

func pad2(x int) string {
	if x < 10 {
		return "0" + strconv.Itoa(x)
	}
	return strconv.Itoa(x)
}

// unixDate converts seconds since 1970 to a civil date (UTC).
func unixDate(sec int64) string {
	days := sec / 86400
	// Howard Hinnant's days-to-civil algorithm.
	z := days + 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return ymd(strconv.FormatInt(y, 10), strconv.FormatInt(m, 10), strconv.FormatInt(d, 10))
}

// bylineFromLine pulls an author name out of a byline or dateline: "By
// Jane Doe", "作者：张三", "张三 于 2023年… 发表" (Chinese CMS datelines:
// "<name> at <date> published").
var (
	// "By Jane Doe", "by J. R. Smith and Ann Lee": capitalised words after
	// "by" (and its neighbours in a few languages), anywhere in the line.
	byRe = regexp.MustCompile(`(?:^|[\s|·•,(])(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|[Dd]oor|[Aa]v)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|der|da|di|le|la)){0,5})`)
	// 作者/记者/撰文 and a name; 文 alone only where it starts the line or
	// follows a separator, so that 文 inside a word does not count; the
	// editor (编辑) only when nobody else is named.
	zhByRe  = regexp.MustCompile(`(?:(?:^|[^\p{Han}])作者|记者|記者|撰文)\s*[:：/・·]?\s*([\p{Han}A-Za-z·・]{2,20})`)
	zhWenRe = regexp.MustCompile(`(?:^|[\s　|｜/（(【\[])文(?:\s*[・·/／]\s*(?:写真|图|圖|摄影|攝影))?\s*[:：/・·]?\s*([\p{Han}\p{Katakana}A-Za-z·・]{2,12}(?:[ 　][\p{Han}\p{Hiragana}\p{Katakana}]{1,6})?)`)
	zhEdRe  = regexp.MustCompile(`(?:编辑|編輯)\s*[:：/・·]?\s*([\p{Han}A-Za-z·・]{2,20})`)
	// The source outlet (来源) names the article's origin when no person
	// is named.
	zhSrcRe = regexp.MustCompile(`(?:来源|來源)\s*[:：/・·]?\s*([\p{Han}A-Za-z·・]{2,20})`)
	// Arabic (بقلم, كتب: "by the pen of", "wrote") and Russian (Автор, Текст)
	// byline markers; Arabic has no capitals to find a name by.
	arByRe = regexp.MustCompile(`(?:بقلم|كتبت|كتب)\s*:?\s*(\p{Arabic}+(?:\s+\p{Arabic}+){0,2})`)
	ruByRe = regexp.MustCompile(`(?:Автор|автор|Текст|текст)\s*:?\s*(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){0,2})`)
	// "<name> 于 <date> 发表": "<name> at <date> published".
	yuRe = regexp.MustCompile(`([\p{Han}A-Za-z0-9_.]{2,24})\s*于\s*(?:19|20)\d\d`)
)

func bylineFromLine(s string) string { return bylineFromLines([]string{s}) }

// A blog's posting line names the poster just before the label ("ggjjzhzz
// 发表于 2005-9-15", "由海姑娘张贴 @ …"), after a separator or a title's
// closing mark.
var (
	postedByRe = regexp.MustCompile(`(?:^|[\s　|｜:：》」』\]】)])([\p{Han}A-Za-z0-9_.·]{2,24})\s*(?:发表于|發表於|张贴|張貼)`)
	youRe      = regexp.MustCompile(`由\s*([\p{Han}A-Za-z0-9_.·]{2,24}?)\s*(?:张贴|張貼|发表|發表|发布|發佈)`)
)

// postedBy reads the poster's name from a posting line: a byline in it
// ("作者:zboygirl … 发表于:2005-07-31"), else the name at its label.
func postedBy(line string) string {
	// Persons only: on a posting line "编辑" is the edit link.
	b := bylinePerson([]string{line}, nil)
	if b == "" {
		for _, re := range []*regexp.Regexp{youRe, postedByRe} {
			if m := re.FindStringSubmatch(line); m != nil && !postedWord(m[1]) {
				b = m[1]
				break
			}
		}
	}
	// Markup shown as text (a form's `作者： size="20"`) names no one.
	if b != "" && strings.Contains(line, b+"=") {
		return ""
	}
	return b
}

// postVerb reports a word that ends in a verb of posting: before "于" it
// is "发表于 2005…" (posted on), not "<name> 于 2005… 发表".
func postVerb(w string) bool {
	for _, v := range []string{"发表", "發表", "发布", "發佈", "發布", "张贴", "張貼"} {
		if strings.HasSuffix(w, v) {
			return true
		}
	}
	return false
}

// postedWord reports the words that stand before a posting label and are
// not a poster: "本文发表于", "最后编辑 发表于".
func postedWord(w string) bool {
	for _, s := range []string{"本文", "文章", "编辑", "編輯", "日志", "日誌", "帖子", "此文", "原文", "最后", "最後"} {
		if strings.HasSuffix(w, s) || w == s {
			return true
		}
	}
	return false
}

// A byline pattern and the literals one of which every match of it holds:
// a line without any of them is not run through the pattern (the
// patterns start with alternatives, which regexp cannot skip ahead to).
type bylinePattern struct {
	re   *regexp.Regexp
	need []string
}

var (
	yuPat     = bylinePattern{yuRe, []string{"于"}}
	personPat = []bylinePattern{{zhByRe, []string{"作者", "记者", "記者", "撰文"}}, {zhWenRe, []string{"文"}},
		{arByRe, []string{"بقلم", "كتب"}}, {ruByRe, []string{"втор", "екст"}}}
	editorPat = []bylinePattern{{zhEdRe, []string{"编辑", "編輯"}}, {zhSrcRe, []string{"来源", "來源"}}}
)

// find is p.re.FindStringSubmatch(l); ascii says l has no byte >= 0x80
// (no literal of these patterns is ASCII).
func (p bylinePattern) find(l string, ascii bool) []string {
	if ascii {
		return nil
	}
	for _, w := range p.need {
		if strings.Contains(l, w) {
			return p.re.FindStringSubmatch(l)
		}
	}
	return nil
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// bylineFromLines tries the person patterns on every line before the
// weaker editor and source patterns on any: "来源：江城日报 记者 周晓岚"
// names 周晓岚.
func bylineFromLines(lines []string) string { return bylineAround(lines, nil) }

// bylineAround reads a byline from the lines around the title (lines),
// then from the short lines at the body's end (end), where Chinese reports
// sign off ("新京报记者 彭冲 山东冠县报道", "（姚峰 上海报道）"); an editor or a
// source named near the title comes last. The end of the body is prose, so
// only a short line whose name stands alone counts there.
func bylineAround(lines, end []string) string {
	if b := bylinePerson(lines, end); b != "" {
		return b
	}
	for _, l := range lines {
		if len(l) > maxBylineLine {
			continue
		}
		ascii := isASCIIString(l)
		for _, p := range editorPat {
			if m := p.find(l, ascii); m != nil {
				return strings.Trim(m[1], "·・ ")
			}
		}
	}
	return ""
}

// bylineEdges are the separators a byline may carry at either end.
const bylineEdges = " ,;|·•—–-:"

// tidyByline takes the "By" and the separators around a byline off
// ("By Corey Kilgannon", "Nicolas Perriault —").
func tidyByline(b string) string {
	for _, by := range []string{"by ", "by: ", "by:"} {
		if len(b) > len(by) && strings.EqualFold(b[:len(by)], by) {
			b = b[len(by):]
			break
		}
	}
	b = strings.TrimSpace(strings.Trim(b, bylineEdges))
	// A date or time after the name ("Aleš Vávra před 2 hodinami",
	// "Jane Roe 3:45 PM"): the name ends before it, with the words that
	// lead into it (lower-case ones, a month).
	if i := strings.IndexAny(b, "0123456789"); i > 0 {
		words := strings.Fields(b[:i])
		for len(words) > 0 {
			w := words[len(words)-1]
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsLower(r) && !dateLead(w) {
				break
			}
			words = words[:len(words)-1]
		}
		if j := strings.Join(words, " "); strings.HasSuffix(j, ":") || strings.HasSuffix(j, "：") {
			b = "" // a label and its date ("Last Updated: January 7, 2025"), no name
		} else if len(words) >= 2 {
			b = strings.TrimSpace(strings.Trim(j, bylineEdges))
		} else if len(words) == 0 {
			b = "" // a date and the words that lead into it, no name
		}
	} else {
		// The date in an element of its own after the name: the words
		// that lead into it are still here ("Joe Wee Monday", "Published
		// on Thursday").
		words := strings.Fields(b)
		cut := false
		for len(words) > 0 {
			w := words[len(words)-1]
			r, _ := utf8.DecodeRuneInString(w)
			if !dateLead(w) || isMonthWord(strings.TrimRight(w, ",.:")) { // (May is a name too)
				if !(cut && unicode.IsLower(r)) {
					break
				}
			}
			words, cut = words[:len(words)-1], true
		}
		if cut {
			b = strings.TrimSpace(strings.Trim(strings.Join(words, " "), bylineEdges))
		}
	}
	// A byline in brackets of its own ("(AFP)", "（新华社）"): the name.
	for _, p := range [][2]string{{"(", ")"}, {"（", "）"}, {"[", "]"}, {"【", "】"}} {
		if strings.HasPrefix(b, p[0]) && strings.HasSuffix(b, p[1]) && strings.Count(b, p[0]) == 1 && strings.Count(b, p[1]) == 1 {
			b = strings.TrimSpace(b[len(p[0]) : len(b)-len(p[1])])
		}
	}
	return b
}

// dateLead reports a capitalised word that leads into a date: a month, a
// weekday, a label ("Published", "Updated").
func dateLead(w string) bool {
	w = strings.TrimRight(w, ",.:")
	if isMonthWord(w) {
		return true
	}
	switch strings.ToLower(w) {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
		"published", "updated", "posted", "modified", "last":
		return true
	}
	return false
}

// maxBylineLine bounds, in bytes, the lines around the title read for a
// byline.
const maxBylineLine = 4 * maxLineChars

// bylinePerson is bylineAround without the editors and sources: only a
// byline that names the author.
func bylinePerson(lines, end []string) string {
	short := lines[:0:0]
	for _, l := range lines {
		if len(l) <= maxBylineLine {
			short = append(short, l)
		}
	}
	if b := bylineNamed(short); b != "" {
		return b
	}
	for _, l := range end {
		if !hasHan(l) {
			continue // (the patterns below all want Han names: no regexp for a Latin line)
		}
		if utf8.RuneCountInString(l) > endBylineMaxRunes {
			// The sign-off may close the last paragraph ("…体系。（记者
			// 胡晓蓉）"): the patterns read its end, where a name must
			// end the line.
			l = lastRunes(l, endBylineMaxRunes)
		}
		for _, re := range []*regexp.Regexp{zhEndPlaceRe, zhEndByRe, zhReportRe} {
			if m := re.FindStringSubmatch(l); m != nil {
				return strings.TrimSpace(m[1])
			}
		}
		if m := zhEndNamesRe.FindStringSubmatch(l); m != nil && chineseNames(m[1]) && !placeName(m[1]) {
			return strings.Join(strings.FieldsFunc(m[1], nameSep), " ")
		}
	}
	return ""
}

// hasHan reports whether s holds a Han character.
func hasHan(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if unicode.Is(unicode.Han, r) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// chineseNames reports whether s is one to four Chinese personal names
// (zhEndNamesRe's group): each two to four Han characters opening with a
// common surname, none ending as an outlet or a desk does ("新华社",
// "本报", "编辑部") or as a credit for a picture or a translation
// ("林歆芳攝"), and none a word that closes an article ("待续").
func chineseNames(s string) bool {
	names := strings.FieldsFunc(s, nameSep)
	if len(names) == 0 {
		return false
	}
	for _, n := range names {
		rs := []rune(n)
		if len(rs) < 2 || len(rs) > 4 || !strings.ContainsRune(commonSurnames, rs[0]) ||
			strings.ContainsRune("社网網报報台站部处處办辦组組委会會摄攝图圖译譯绘繪", rs[len(rs)-1]) {
			return false
		}
		switch n {
		case "待续", "待續", "完", "全文完", "未完",
			// Words a line may hold alone that open with a surname's
			// character: a section's or a field's name.
			"简介", "簡介", "关于", "關於", "时间", "時間", "高清", "全文", "张贴", "張貼", "马上", "馬上",
			"王牌", "江湖", "金融", "方法", "成就", "白话", "文章", "文字", "文化", "程序", "史料", "谢谢", "謝謝":
			return false
		}
	}
	return true
}

// placeName reports a line that names a place rather than a person: a
// column or a dateline under a title ("江苏", "温州") opens with a
// surname's character as often as a name does. The provinces that do,
// and the endings of places that names do not have (州, 市, 岛...), are
// caught; "黄山" is not (张山 is a name).
func placeName(s string) bool {
	switch s {
	case "江苏", "江蘇", "江西", "安徽", "吉林", "宁夏", "寧夏", "甘肃", "甘肅":
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("州市省县縣区區岛島港湾灣镇鎮村乡鄉", r)
}

// nameSep reports the characters that set apart the names of a sign-off.
func nameSep(r rune) bool { return r == ' ' || r == '　' || r == '、' || r == '，' || r == ',' }

// commonSurnames holds the most common Chinese surnames (the first
// characters of nine in ten names), simplified and traditional: a sign-off
// in brackets, "（袁源）", is taken for names only when each opens with one.
const commonSurnames = "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党黨宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺"

// notANameWords are words a byline pattern can catch that name no one:
// "来源：转载文章" (source: a reprinted article), a "该作者文章" (this author's
// articles) link with an author class, "博客" (blog).
var notANameWords = []string{"文章", "作者", "转载", "轉載", "博客", "網誌"}

func notAName(b string) bool {
	switch strings.ToLower(b) {
	case "updated", "posted", "published", "by", "author", "authors":
		return true
	}
	for _, w := range notANameWords {
		if strings.Contains(b, w) {
			return true
		}
	}
	// An address or an account number ("L_104485"): the site's author
	// field, not a person.
	if strings.Contains(b, "www.") || strings.Contains(b, "://") {
		return true
	}
	if digits(b) >= 3 {
		return true
	}
	return false
}

// isOutlet reports a Chinese byline that names an outlet ("云南网",
// "河南日报客户端", "大汉网络"), not a person: a byline pattern in the page
// may name the reporter.
func isOutlet(b string) bool {
	if hasCJKMajority(b) {
		for _, w := range outletWords {
			if strings.Contains(b, w) {
				return true
			}
		}
	}
	return false
}

// outletWords mark a Chinese byline that names an outlet: a site (网),
// a paper (报), a group, an app, a broadcaster.
var outletWords = []string{"网", "網", "报", "報", "集团", "集團", "客户端", "客戶端", "电视", "電視", "新闻", "新聞"}

// endBylineMaxRunes bounds the sign-off lines read for a byline.
const endBylineMaxRunes = 40

var (
	// A reporter's sign-off: the title word, then names of two to four
	// Han characters, then "<place>报道" after a space, or the end of the
	// line or a bracket (where several names may be spaced apart).
	zhEndPlaceRe = regexp.MustCompile(`(?:记者|記者|撰文)\s*[:：]?\s*(\p{Han}{2,4}(?:[ 　、，,]+\p{Han}{2,4}){0,4})\s+\p{Han}{2,6}(?:报道|報導|報道)`)
	zhEndByRe    = regexp.MustCompile(`(?:记者|記者|撰文|作者[:：])\s*[:：]?\s*(\p{Han}{2,4}(?:[ 　、，,]+\p{Han}{2,4}){0,4})\s*(?:$|[)）】\]])`)
	// "（姚峰 上海报道）": a name and a place in brackets.
	// "（袁源）", "（常书香 马丹阳 ）": names alone in brackets closing
	// the article (checked by chineseNames).
	zhEndNamesRe = regexp.MustCompile(`[（(]\s*(\p{Han}{2,4}(?:[ 　、，,]+\p{Han}{2,4}){0,3})\s*[)）]\s*$`)
	zhReportRe   = regexp.MustCompile(`[（(]\s*(\p{Han}{2,4})\s+\p{Han}{2,6}(?:报道|報導|報道)\s*[)）]`)
)

// bylineNamed finds a byline that names its author (not an editor or a
// source) in lines, which bylineAround has cut to the short ones.
func bylineNamed(lines []string) string {
	// Each pattern runs only on lines holding the words it needs.
	for _, l := range lines {
		ascii := isASCIIString(l)
		if m := yuPat.find(l, ascii); m != nil && !postVerb(m[1]) {
			return m[1]
		}
		for _, p := range personPat {
			// A word after the marker that names no one ("记者博客", the
			// reporters' blogs link) does not end the search.
			if m := p.find(l, ascii); m != nil && !notAName(m[1]) {
				return strings.Trim(m[1], "·・ ")
			}
		}
		if !hasByWord(l) {
			continue
		}
		if m := byRe.FindStringSubmatchIndex(l); m != nil {
			name := strings.TrimSpace(l[m[2]:m[3]])
			for _, w := range []string{" and", " &"} {
				name = strings.TrimSuffix(name, w)
			}
			// A date that follows the name opens with a capitalised month
			// ("By Steven Musil January 4, 2017").
			if rest := strings.TrimLeft(l[m[3]:], " \t"); rest != "" && isDigit(rest[0]) {
				if i := strings.LastIndexByte(name, ' '); i > 0 && isMonthWord(name[i+1:]) {
					name = strings.TrimSpace(name[:i])
				}
			}
			return name
		}
	}
	return ""
}

// hasYear reports whether s holds (?:19|20)\d\d, which the date patterns
// need.
func hasYear(s string) bool {
	for i := 0; i+3 < len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return true
		}
	}
	return false
}

// hasByWord reports whether s holds one of byRe's words (in any ASCII
// case) followed by a space as \s reads it, which a match needs.
func hasByWord(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		n := 0
		switch lowerASCII(s[i]) {
		case 'b':
			if lowerASCII(s[i+1]) == 'y' {
				n = 2
			}
		case 'a':
			if lowerASCII(s[i+1]) == 'v' {
				n = 2
			}
		case 'v':
			if hasFoldAt(s, i, "von") {
				n = 3
			}
		case 'p':
			if hasFoldAt(s, i, "par") || hasFoldAt(s, i, "por") {
				n = 3
			}
		case 'd':
			if hasFoldAt(s, i, "door") {
				n = 4
			}
		}
		if n > 0 && i+n < len(s) && isTagSpace(s[i+n]) {
			return true
		}
	}
	return false
}

func hasFoldAt(s string, i int, w string) bool {
	return i+len(w) <= len(s) && foldEq(s[i:i+len(w)], w)
}

// fillTitle sets the site name and the article's title: the article
// stage needs the title before the rest of the metadata can be read.
func fillTitle(a *Article, m *metaSource) {
	a.SiteName = firstNonEmpty(m.first("og:site_name", "application-name", "twitter:site"), m.ld.site)
	raw := firstNonEmpty(m.ld.headline, m.first("og:title", "twitter:title", "dc.title", "headline", "parsely-title"), m.title)
	a.Title = cleanTitle(firstNonEmpty(m.title, raw), a.SiteName, m.heads)
	if a.Title == "" {
		a.Title = raw
	}
	// A page title with nothing to strip gives way to og:title and the
	// like, unless that is a fragment of it (a site name: "经济参考网").
	if a.Title == normSpace(m.title) && raw != "" && raw != m.title &&
		!(2*len([]rune(raw)) < len([]rune(a.Title)) && wordsIn(raw) < wordsIn(a.Title)/2) &&
		!(slices.Contains(m.heads, a.Title) && headlineSized(a.Title) && len([]rune(raw)) < len([]rune(a.Title))) {
		// (Not when a heading repeats a headline-sized page title and
		// og:title is shorter: it is then the site's, "Yahoo News -
		// Latest News & Headlines". A blog's name in its <h1> and
		// <title> still gives way to the post's og:title.)
		a.Title = cleanTitle(raw, a.SiteName, m.heads)
	}
	// A title that is no headline (a site or section name: "News",
	// "Follow Billboard", "人間衛視") gives way to the page's one <h1>, as
	// in Readability.
	// (No title at all is the pipeline's to fill, from the body.)
	if a.Title != "" && !headlineSized(a.Title) {
		if h := m.soleH1(); h != "" && h != a.Title {
			a.Title = h
		}
	}
}

// setMeta files a <meta> value under its name, unless an earlier tag gave
// one. RDFa lists several names in one property ("og:title twitter:title"),
// and Dublin Core is written with a colon as often as with a dot.
func (m *metaSource) setMeta(k, v string) {
	// Content management systems escape values twice ("Don&amp;#039;t"):
	// what is still an entity after parsing is one (Readability decodes
	// these too).
	if strings.Contains(v, "&") {
		v = html.UnescapeString(v)
	}
	set := func(k string) {
		if strings.HasPrefix(k, "dc:") || strings.HasPrefix(k, "dcterm:") || strings.HasPrefix(k, "dcterms:") {
			k = strings.Replace(k, ":", ".", 1)
		}
		if _, ok := m.meta[k]; !ok {
			m.meta[k] = v
		}
	}
	if !strings.ContainsAny(k, " \t\n") {
		set(k)
		return
	}
	for _, f := range strings.Fields(k) {
		set(f)
	}
}

// soleH1 returns the text of the page's one <h1> when it is headline-sized,
// or "".
func (m *metaSource) soleH1() string {
	if m.nh1 != 1 {
		return ""
	}
	h := normSpace(m.h1)
	if !headlineSized(h) || len([]rune(h)) > 150 {
		return ""
	}
	return h
}

// headlineSized reports a title long enough to be a headline: three words,
// or six characters of CJK text.
func headlineSized(t string) bool {
	if hasCJKMajority(t) {
		return len([]rune(t)) >= 6
	}
	return wordsIn(t) >= 3
}

// fillMeta completes a's metadata (after fillTitle) from the sources and
// the lines found around the article.
func (r *run) fillMeta(a *Article, m *metaSource, art *html.Node) {
	head, tail := edgeLines(a.Text, 5, 3) // the text's first and last lines
	a.Byline = firstNonEmpty(m.ld.author, m.first("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl"))
	if strings.HasPrefix(a.Byline, "http") || notAName(a.Byline) {
		a.Byline = ""
	}
	if a.Byline == "" || isOutlet(a.Byline) {
		lines := append(append(append([]string(nil), r.headStamps...), r.nearTitleLines...), m.authors...)
		// The body's last lines, and the text's: a sign-off may close the
		// last paragraph, after the leaves the boilerplate pass looked at.
		end := append(append([]string(nil), r.endLines...), tail[:min(len(tail), 2)]...)
		if a.Byline == "" {
			a.Byline = bylineAround(lines, end)
		} else if p := bylinePerson(lines, end); p != "" {
			// The site's author field names the outlet; the page names
			// the reporter.
			a.Byline = p
		}
	}
	if a.Byline == "" && len(m.authors) > 0 {
		// An author element whose text is the bare name, once the date
		// after it is taken off ("Dan Goodin - Apr 16, 2015 8:02 pm UTC").
		if t := tidyByline(normSpace(m.authors[0])); countText(t).words <= 6 {
			a.Byline = t
		}
	}
	if a.Byline == "" && r.postedLine != "" {
		a.Byline = postedBy(r.postedLine)
	}
	if a.Byline == "" {
		// Essays name their author on a line of its own under the title:
		// the text's first line, the names alone ("胡平").
		first := head[:min(len(head), 2)]
		if len(first) > 0 && similar(first[0], a.Title) {
			first = first[1:] // the title's own line, kept as the page set it
		}
		if len(first) > 0 && len(first[0]) <= 40 && chineseNames(first[0]) && !placeName(first[0]) {
			a.Byline = first[0]
		}
	}
	a.Byline = tidyByline(truncate(normSpace(a.Byline), 100))
	if notAName(a.Byline) {
		a.Byline = ""
	}

	dates := []string{m.ld.published, m.first("article:published_time", "datepublished", "og:published_time",
		"publishdate", "pubdate", "publish-date", "dc.date", "dc.date.issued", "date", "sailthru.date",
		"parsely-pub-date", "citation_publication_date", "article.published")}
	dates = append(dates, m.times...)
	dates = append(dates, r.headStamps...)
	for _, d := range dates {
		if iso := isoDate(d); iso != "" {
			a.Published = iso
			break
		}
	}
	if a.Published == "" {
		// A date line near the top of the article's container, else the
		// first date line after the body (blogs sign off with the time of
		// posting, before the comments).
		for _, l := range append(append(r.nearTitleLines, r.tailStamps...), r.postedLine) {
			if iso := isoDate(l); iso != "" {
				a.Published = iso
				break
			}
		}
	}
	if a.Published == "" {
		// No day anywhere: a stamp or a source line that gives the month
		// ("1998-03", ISO 8601's month precision).
		for _, l := range append(append(append(append(append([]string(nil), r.headStamps...), r.nearTitleLines...), r.endLines...), head...), tail...) {
			if m := monthDate(l); m != "" {
				a.Published = m
				break
			}
		}
	}
	a.Modified = isoDate(firstNonEmpty(m.ld.modified, m.first("article:modified_time", "og:updated_time", "datemodified", "last-modified")))

	a.Lang = firstNonEmpty(m.lang, m.first("content-language", "og:locale", "language", "dc.language"), m.ld.lang)
	a.Lang = cleanLang(a.Lang)
	switch m.dir {
	case "ltr", "rtl", "auto":
		a.Dir = m.dir
	default:
		a.Dir = ""
	}
	a.LeadImage = firstNonEmpty(m.first("og:image", "og:image:url", "twitter:image", "twitter:image:src"), m.ld.image)
	if a.LeadImage == "" {
		if img := firstElem(art, atom.Img); img != nil {
			a.LeadImage = attr(img, "src")
		}
	}
	if a.LeadImage != "" && r.p != nil {
		a.LeadImage = r.p.abs(a.LeadImage)
	}
	// Readers put the lead image in an <img src>: only addresses that
	// safeURL would allow there, as the browser would read them.
	if u := readURL(a.LeadImage); u == "" || !allowedScheme(u, true) || strings.Contains(u, "&") && !allowedScheme(readURL(html.UnescapeString(u)), true) {
		a.LeadImage = ""
	} else {
		a.LeadImage = u
	}
	a.Excerpt = firstNonEmpty(m.first("description", "og:description", "twitter:description"), m.ld.description)
}

// finishCounts fills the language guess, word count and reading time from
// the article text and its counts st.
func finishCounts(a *Article, st textStats) {
	a.WordCount = int(st.words)
	if a.Lang == "" {
		a.Lang = guessLang(a.Text, st)
	}
	if a.Dir == "" {
		switch strings.ToLower(strings.SplitN(a.Lang, "-", 2)[0]) {
		case "ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb":
			a.Dir = "rtl"
		default:
			a.Dir = "ltr"
		}
	}
	// About 230 words a minute for alphabetic text, 400 characters for CJK.
	min := float64(st.words-st.cjk)/230 + float64(st.cjk)/400
	a.ReadingMinutes = int(math.Ceil(min))
	if a.ReadingMinutes < 1 && st.words > 0 {
		a.ReadingMinutes = 1
	}
	if a.Excerpt == "" {
		for _, p := range strings.Split(a.Text, "\n\n") {
			if countText(p).words >= 8 {
				a.Excerpt = truncate(p, 200)
				break
			}
		}
	}
	a.Excerpt = truncate(normSpace(a.Excerpt), 300)
}

// guessLang names the script-level language of text when the page does
// not: only where the script settles it.
func guessLang(text string, st textStats) string {
	if st.words == 0 || st.cjk*2 < st.words {
		return ""
	}
	kana, hangul := 0, 0
	for _, r := range text {
		switch {
		case r >= 0x3040 && r <= 0x30FF:
			kana++
		case r >= 0xAC00 && r <= 0xD7AF:
			hangul++
		}
	}
	switch {
	case hangul*2 > int(st.cjk):
		return "ko"
	case kana*10 > int(st.cjk):
		return "ja"
	}
	return "zh"
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// cleanLang keeps a language tag only if it looks like one (BCP 47
// letters, digits and hyphens, at most 35 characters), with "_" read
// as "-".
func cleanLang(l string) string {
	l = strings.ReplaceAll(strings.TrimSpace(l), "_", "-")
	if l == "" || len(l) > 35 {
		return ""
	}
	for _, c := range l {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return ""
		}
	}
	return l
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// lastRunes returns the last n runes of s, spaces trimmed.
func lastRunes(s string, n int) string {
	s = strings.TrimSpace(s)
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}
