package core

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Hostile and broken input: pages built to make the pipeline slow or deep,
// the limits of Limits, and input that is not a page at all. Every case
// ends in an article or a sentinel error, within a wall-clock bound.
//
// The bound is 5 s per case, generous for a shared 2-core machine; the
// goal of issue 4 is under 1 s, so each case logs its time:
//
//	go test -v -run 'TestHostile' ./core | grep took

// hostileBound is the wall-clock time a case may take before it fails.
const hostileBound = 5 * time.Second

// sentinels are the errors Extract may wrap.
var sentinels = []error{ErrNoArticle, ErrTooLarge, ErrNotHTML, ErrTimeout}

// wrapsOneSentinel reports whether err wraps exactly one sentinel.
func wrapsOneSentinel(err error) bool {
	n := 0
	for _, s := range sentinels {
		if errors.Is(err, s) {
			n++
		}
	}
	return n == 1
}

// extractTimed runs ex on in and returns its result and duration. A run
// that does not end within 6 times the bound is abandoned (its goroutine
// leaks, the test fails), so a hang shows as a failure rather than as a
// stuck test binary.
func extractTimed(t *testing.T, ex *Extractor, in Input) (*Article, error, time.Duration) {
	t.Helper()
	type res struct {
		a   *Article
		err error
		d   time.Duration
	}
	ch := make(chan res, 1)
	go func() {
		start := cpuTime()
		var r res
		defer func() {
			if p := recover(); p != nil {
				r.err = fmt.Errorf("PANIC: %v", p)
			}
			r.d = cpuTime() - start
			ch <- r
		}()
		r.a, r.err = ex.Extract(in)
	}()
	select {
	case r := <-ch:
		if r.err != nil && strings.HasPrefix(r.err.Error(), "PANIC") {
			t.Fatalf("%v", r.err)
		}
		return r.a, r.err, r.d
	case <-time.After(6 * hostileBound):
		t.Fatalf("no result after %v: a hang", 6*hostileBound)
	}
	return nil, nil, 0
}

// checkOutcome checks what every hostile case must give: an article whose
// output is valid UTF-8 and safe, or an error wrapping one sentinel.
func checkOutcome(t *testing.T, a *Article, err error) {
	t.Helper()
	if err != nil {
		if !wrapsOneSentinel(err) {
			t.Errorf("error %q wraps no single sentinel", err)
		}
		return
	}
	for name, s := range map[string]string{"Text": a.Text, "Markdown": a.Markdown, "HTML": a.HTML, "Title": a.Title} {
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8", name)
		}
		if strings.ContainsRune(s, 0) {
			t.Errorf("%s holds a NUL", name)
		}
	}
	if len(a.HTML) < 4<<20 { // the checker on a 30 MB output is its own benchmark
		for _, p := range checkSafeHTML(a.HTML) {
			t.Errorf("unsafe HTML: %s", p)
		}
	}
}

// article is a real article body of about 2 KB, the part hostile pages
// wrap their trouble around.
const articleBody = `<h1>The Night Ferry Runs Again After Twenty Years</h1>
<p class="byline">By Tomas Berglund</p>
<p>For two decades the only way across the sound after dark was a long drive round the head of the fjord. On Friday the night ferry returned, and the first crossing carried forty passengers, three bicycles and a piano bound for the school on the far shore.</p>
<p>The service stopped in 2004 when the old boat failed its inspection and the operator could not find the money for a new one. A cooperative of islanders, shop owners and the two hotels bought a second-hand vessel from Norway last spring and spent the summer refitting it.</p>
<p>The timetable is modest: four crossings a night, the last at half past one, with an extra sailing on Saturdays in summer. Fares match the day service, and season tickets are valid on both.</p>
<p>"People said nobody would use it," said the captain, who learned to sail on the old boat as a deckhand. "Tonight we had to turn people away." The cooperative plans to add a second crew in the spring if the numbers hold.</p>
`

// pageAround returns a whole page with the article and extra markup after it.
func pageAround(extra string) []byte {
	return []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The Night Ferry Runs Again After Twenty Years | Sound News</title></head><body>
<nav><a href="/">Home</a> <a href="/local/">Local</a> <a href="/travel/">Travel</a></nav>
<main><article>` + articleBody + `</article>` + extra + `</main><footer><p>Sound News 2024</p></footer></body></html>`)
}

// syntheticPage returns a realistic article page of about size bytes: a
// header, an article of sections (headings, paragraphs with inline links
// and emphasis, lists, a figure, a quote), a sidebar of related links and
// a footer. The article grows with the page.
func syntheticPage(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 8<<10)
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A Long Report on the Coastal Railway | Rail Weekly</title>
<meta property="og:site_name" content="Rail Weekly"><meta name="author" content="Ada Moreno"></head><body>
<header class="site-header"><nav class="menu"><a href="/">Home</a> <a href="/news/">News</a> <a href="/features/">Features</a> <a href="/opinion/">Opinion</a></nav></header>
<div class="layout"><main><article class="story"><h1>A Long Report on the Coastal Railway</h1><p class="byline">By Ada Moreno</p>`)
	foot := `</article></main><aside class="sidebar"><h3>Related</h3><ul><li><a href="/r/1">Station reopens</a></li><li><a href="/r/2">New timetable</a></li><li><a href="/r/3">Fares frozen</a></li></ul></aside></div>
<footer class="site-footer"><p>Rail Weekly. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>`
	for i := 0; b.Len()+len(foot) < size; i++ {
		fmt.Fprintf(&b, `<section><h2>Part %d: the line south of the river</h2>
<p>The railway along the coast was built in stages between 1870 and 1902, and section %d still carries the original stone viaducts. Engineers inspected them in <em>spring</em> and found the mortar sound, though the <a href="/reports/%d">full report</a> recommends new drainage before the autumn storms arrive.</p>
<p>Passenger numbers on this stretch rose by a fifth last year, helped by cheaper weekend fares and a <strong>new direct service</strong> to the city. Local councils want a later last train; the operator says it needs more drivers first, and training takes eighteen months.</p>
<ul><li>Viaducts inspected: %d</li><li>Stations with step-free access: %d</li><li>Average delay: %d minutes</li></ul>
<figure><img src="/img/viaduct-%d.jpg" alt="The viaduct at dawn"><figcaption>The viaduct at dawn, part %d.</figcaption></figure>
<blockquote><p>"The line is older than anyone who uses it, and it will outlive us all if we look after it," said the chief engineer.</p></blockquote>
<p>Freight has returned too: two timber trains a week now run at night, and a quarry near the northern end is asking for a siding. The operator will decide on the siding after the summer.</p></section>
`, i+1, i+1, i, i%9+1, i%5+2, i%7+1, i, i+1)
	}
	b.WriteString(foot)
	return b.Bytes()
}

// runBugs reports whether the cases of known bugs that take too long to
// run on every go test should run: CLEANREAD_BUGS=1 go test ./core.
func runBugs() bool { return os.Getenv("CLEANREAD_BUGS") != "" }

// longCase skips a case under -short; make test runs go test without it.
func longCase(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("long hostile case: runs without -short (make test)")
	}
}

func TestHostileBounded(t *testing.T) {
	type hcase struct {
		name  string
		page  func() []byte
		opts  Options
		check func(t *testing.T, a *Article, err error)
		long  bool
		bug   string // a known bug makes the case hang: skipped, see runBugs
		bound time.Duration
	}
	wantArticle := func(t *testing.T, a *Article, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("want the article, got %v", err)
			return
		}
		if !strings.Contains(a.Text, "the night ferry returned") {
			t.Errorf("the article text is missing:\n%.500s", a.Text)
		}
	}
	cases := []hcase{
		{name: "200k near-duplicate links", long: true, page: func() []byte {
			var b strings.Builder
			b.WriteString(`<div class="tags">`)
			for i := range 200_000 {
				fmt.Fprintf(&b, `<a href="/tag/item-%d">Tag item %d</a> `, i, i)
			}
			b.WriteString(`</div>`)
			return pageAround(b.String())
		}, check: wantArticle},
		{name: "200k links inside the article", long: true, page: func() []byte {
			var b strings.Builder
			b.WriteString(`<article>` + articleBody + `<p>`)
			for i := range 200_000 {
				fmt.Fprintf(&b, `<a href="https://shop.test/p/%d?ref=a">Cheap item number %d</a>, `, i, i)
			}
			b.WriteString(`</p></article>`)
			return []byte(`<html><head><title>Ferry</title></head><body>` + b.String() + `</body></html>`)
		}},
		{name: "100k attributes on one element", long: true, page: func() []byte {
			var b strings.Builder
			b.WriteString(`<div class="x"`)
			for i := range 100_000 {
				fmt.Fprintf(&b, ` data-a%d="v%d"`, i, i)
			}
			b.WriteString(`><p>A paragraph inside the element with many attributes.</p></div>`)
			return pageAround(b.String())
		}, check: wantArticle},
		{name: "100k duplicate attributes", long: true, page: func() []byte {
			return pageAround(`<p ` + strings.Repeat(`class="a" `, 100_000) + `>Duplicated attributes paragraph.</p>`)
		}, check: wantArticle},
		{name: "100k attributes on the article", long: true, page: func() []byte {
			var b strings.Builder
			b.WriteString(`<html><head><title>Ferry</title></head><body><article`)
			for i := range 100_000 {
				fmt.Fprintf(&b, ` a%d=x`, i)
			}
			b.WriteString(`>` + articleBody + `</article></body></html>`)
			return []byte(b.String())
		}, check: wantArticle},
		{name: "20k unclosed nested tables", long: true, page: func() []byte {
			return pageAround(strings.Repeat(`<table><tr><td>cell `, 20_000))
		}},
		{name: "20k unclosed tables around the article", long: true, page: func() []byte {
			return []byte(`<html><head><title>Ferry</title></head><body>` + strings.Repeat(`<table><tr><td>`, 20_000) + articleBody + `</body></html>`)
		}},
		{name: "100k nested divs", long: true, page: func() []byte {
			return pageAround(strings.Repeat(`<div>`, 100_000) + `deep text` + strings.Repeat(`</div>`, 100_000))
		}, check: wantArticle},
		{name: "100k nested divs around the article", long: true, page: func() []byte {
			return []byte(`<html><head><title>Ferry</title></head><body>` + strings.Repeat(`<div>`, 100_000) + articleBody + strings.Repeat(`</div>`, 100_000) + `</body></html>`)
		}, check: func(t *testing.T, a *Article, err error) {
			if err != nil {
				t.Errorf("want the article (degraded), got %v", err)
				return
			}
			if !strings.Contains(a.Text, "the night ferry returned") {
				t.Errorf("the article text is missing:\n%.500s", a.Text)
			}
		}},
		{name: "100k nested inline elements", long: true, page: func() []byte {
			return pageAround(`<p>` + strings.Repeat(`<b><i>`, 50_000) + `deep words` + `</p>`)
		}, check: wantArticle},
		{name: "100k images with alt text in one line", long: true, page: func() []byte {
			return pageAround(`<p>Words before ` + strings.Repeat(`<img src="/i.png" alt="x">`, 100_000) + ` and after.</p>`)
		}},
		{name: "20k dated posts in a row", long: true, page: func() []byte {
			var b strings.Builder
			for i := range 20_000 {
				fmt.Fprintf(&b, `<div class="post"><h2>Post %d</h2><p>2005-06-%02d 03:25</p><div class="body"><p>%s</p></div></div>`, i, i%28+1, strings.Repeat("A line of the post, with words. ", 1+i%7))
			}
			return pageAround(b.String())
		}},
		{name: "50k comment lines in one list", long: true, page: func() []byte {
			var b strings.Builder
			b.WriteString(articleBody + `<ul>`)
			for i := range 50_000 {
				fmt.Fprintf(&b, `<li><div>Reader %d says:</div><div>A comment, with words.</div></li>`, i)
			}
			b.WriteString(`</ul>`)
			return pageAround(b.String())
		}},
		{name: "100k nested lists", long: true, page: func() []byte {
			return pageAround(strings.Repeat(`<ul><li>item `, 100_000))
		}},
		{name: "100k nested blockquotes", long: true, page: func() []byte {
			return pageAround(strings.Repeat(`<blockquote>q `, 100_000))
		}},
		// Over the default MaxBytes (16 MiB): refused at once. Extracting
		// it with the limit raised is BenchmarkScaling's 30 MB row.
		{name: "30 MB page", long: true, page: func() []byte { return syntheticPage(30 << 20) }, check: func(t *testing.T, a *Article, err error) {
			if !errors.Is(err, ErrTooLarge) {
				t.Errorf("want ErrTooLarge, got %v", err)
			}
		}},
		{name: "5 MB single line of words", long: true, page: func() []byte {
			return pageAround(`<p>` + strings.Repeat("word after word on one line ", 5<<20/28) + `</p>`)
		}, check: wantArticle},
		{name: "5 MB single word", long: true, page: func() []byte {
			return pageAround(`<p>` + strings.Repeat("x", 5<<20) + `</p>`)
		}},
		{name: "5 MB line of markdown characters", long: true, page: func() []byte {
			return pageAround(`<p>` + strings.Repeat("*_[`<&|\\", 5<<20/9) + `</p>`)
		}},
		{name: "5 MB page text without markup", long: true, page: func() []byte {
			return []byte(strings.Repeat("plain words and more plain words ", 5<<20/33))
		}},
		{name: "1 MB title", page: func() []byte {
			return []byte(strings.Replace(string(pageAround("")), "<title>", "<title>"+strings.Repeat("t ", 1<<19), 1))
		}, check: wantArticle},
		{name: "1 MB attribute value", page: func() []byte {
			return pageAround(`<p><a href="/` + strings.Repeat("a", 1<<20) + `">long link</a> text.</p>`)
		}, check: wantArticle},
		{name: "1 MB href of parentheses", page: func() []byte {
			return pageAround(`<p><a href="https://x.test/` + strings.Repeat("()<>`\\ ", 1<<17) + `">long link</a> text.</p>`)
		}, check: wantArticle},
		{name: "50k headings", long: true, page: func() []byte {
			return pageAround(strings.Repeat(`<h2>Heading</h2>`, 50_000))
		}},
		{name: "100k empty paragraphs", long: true, page: func() []byte {
			return pageAround(strings.Repeat(`<p></p>`, 100_000))
		}, check: wantArticle},
		{name: "50k table cells with colspan", long: true, page: func() []byte {
			return pageAround(`<table><tr>` + strings.Repeat(`<td colspan="1000">c</td>`, 50_000) + `</tr><tr><td>a</td><td>b</td></tr></table>`)
		}},
		{name: "100k br", long: true, page: func() []byte {
			return pageAround(`<p>` + strings.Repeat(`w<br>`, 100_000) + `</p>`)
		}},
		{name: "10k JSON-LD blocks", long: true, page: func() []byte {
			ld := `<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","author":[` + strings.Repeat(`{"name":"A"},`, 100) + `{"name":"B"}]}</script>`
			return []byte(strings.Replace(string(pageAround("")), "</head>", strings.Repeat(ld, 10_000)+"</head>", 1))
		}, check: wantArticle},
		{name: "deep JSON-LD", page: func() []byte {
			ld := `<script type="application/ld+json">` + strings.Repeat(`[`, 100_000) + strings.Repeat(`]`, 100_000) + `</script>`
			return []byte(strings.Replace(string(pageAround("")), "</head>", ld+"</head>", 1))
		}, check: wantArticle},
		{name: "100k noscript images", long: true, page: func() []byte {
			return pageAround(strings.Repeat(`<img src="lazy.gif"><noscript><img src="/i.jpg"></noscript>`, 100_000))
		}},
		{name: "100k comments", long: true, page: func() []byte {
			return pageAround(strings.Repeat(`<!-- c -->`, 100_000))
		}, check: wantArticle},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.long {
				longCase(t)
			}
			if c.bug != "" && !runBugs() {
				t.Skip("BUG: " + c.bug + " (CLEANREAD_BUGS=1 runs it)")
			}
			page := c.page()
			a, err, d := extractTimed(t, New(c.opts), Input{HTML: page, URL: "https://news.test/ferry"})
			t.Logf("took %v for %.1f MB: err=%v", d.Round(time.Millisecond), float64(len(page))/(1<<20), err)
			bound := hostileBound
			if c.bound != 0 {
				bound = c.bound
			}
			if d > bound {
				t.Errorf("took %v, bound %v", d, bound)
			}
			checkOutcome(t, a, err)
			if c.check != nil {
				c.check(t, a, err)
			}
		})
	}
}

func TestHostileLimits(t *testing.T) {
	page := syntheticPage(200 << 10)
	t.Run("MaxBytes", func(t *testing.T) {
		_, err := New(Options{Limits: Limits{MaxBytes: 1000}}).Extract(Input{HTML: page})
		if !errors.Is(err, ErrTooLarge) || !wrapsOneSentinel(err) {
			t.Fatalf("got %v, want ErrTooLarge", err)
		}
		if ErrorKind(err) != "too-large" {
			t.Errorf("ErrorKind %q", ErrorKind(err))
		}
		if _, err := New(Options{Limits: Limits{MaxBytes: int64(len(page))}}).Extract(Input{HTML: page}); err != nil {
			t.Errorf("a page of exactly MaxBytes: %v", err)
		}
		if _, err := New(Options{Limits: Limits{MaxBytes: -1}}).Extract(Input{HTML: page}); err != nil {
			t.Errorf("MaxBytes disabled: %v", err)
		}
	})
	t.Run("default MaxBytes", func(t *testing.T) {
		longCase(t)
		big := make([]byte, DefaultLimits.MaxBytes+1)
		start := time.Now()
		_, err := Extract(big, "")
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("got %v, want ErrTooLarge", err)
		}
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("refusing a page over the size limit took %v: it must not read it first", d)
		}
	})
	t.Run("tiny Budget", func(t *testing.T) {
		for _, budget := range []time.Duration{time.Nanosecond, time.Microsecond, time.Millisecond} {
			a, err, d := extractTimed(t, New(Options{Limits: Limits{Budget: budget}}), Input{HTML: page})
			if err != nil && !errors.Is(err, ErrTimeout) {
				t.Errorf("budget %v: got %v, want ErrTimeout or an article", budget, err)
			}
			if err == nil && a == nil {
				t.Errorf("budget %v: no article and no error", budget)
			}
			if d > hostileBound {
				t.Errorf("budget %v: took %v", budget, d)
			}
			if err != nil && ErrorKind(err) != "timeout" {
				t.Errorf("ErrorKind %q", ErrorKind(err))
			}
		}
	})
	t.Run("Budget on a 30 MB page", func(t *testing.T) {
		longCase(t)
		big := syntheticPage(30 << 20)
		budget := 100 * time.Millisecond
		_, err, d := extractTimed(t, New(Options{Limits: Limits{Budget: budget, MaxBytes: -1}}), Input{HTML: big})
		t.Logf("budget %v: ended after %v with %v", budget, d.Round(time.Millisecond), err)
		if !errors.Is(err, ErrTimeout) {
			t.Errorf("got %v, want ErrTimeout", err)
		}
		if d > hostileBound {
			t.Errorf("took %v", d)
		}
	})
	t.Run("MaxNodes degrades", func(t *testing.T) {
		a, err := New(Options{Limits: Limits{MaxNodes: 400}}).Extract(Input{HTML: page})
		checkOutcome(t, a, err)
		full, err2 := New(Options{}).Extract(Input{HTML: page})
		if err2 != nil {
			t.Fatal(err2)
		}
		if err == nil {
			if !strings.Contains(a.Text, "Part 1: the line") {
				t.Errorf("the start of the article is missing")
			}
			if len(a.Text) >= len(full.Text) {
				t.Errorf("MaxNodes 400 kept %d bytes of text, the whole page has %d", len(a.Text), len(full.Text))
			}
		} else if !errors.Is(err, ErrNoArticle) {
			t.Errorf("got %v, want a shorter article or ErrNoArticle", err)
		}
	})
	t.Run("MaxNodes tiny", func(t *testing.T) {
		for _, n := range []int{1, 2, 3, 5, 10} {
			a, err := New(Options{Limits: Limits{MaxNodes: n}}).Extract(Input{HTML: page})
			checkOutcome(t, a, err)
		}
	})
	t.Run("MaxLinks degrades", func(t *testing.T) {
		var b strings.Builder
		for i := range 5000 {
			fmt.Fprintf(&b, `<a href="/tag/%d">Tag %d</a> `, i, i)
		}
		p := pageAround(`<div class="tags">` + b.String() + `</div>`)
		for _, n := range []int{1, 100, 4999} {
			a, err := New(Options{Limits: Limits{MaxLinks: n}}).Extract(Input{HTML: p})
			checkOutcome(t, a, err)
			if err != nil {
				t.Errorf("MaxLinks %d: %v", n, err)
			} else if !strings.Contains(a.Text, "the night ferry returned") {
				t.Errorf("MaxLinks %d: article text missing", n)
			}
		}
	})
	t.Run("MaxDepth degrades", func(t *testing.T) {
		p := []byte(`<html><head><title>Ferry</title></head><body>` + strings.Repeat(`<div>`, 300) + articleBody + strings.Repeat(`</div>`, 300) + `</body></html>`)
		for _, n := range []int{5, 50, 1000} {
			a, err := New(Options{Limits: Limits{MaxDepth: n}}).Extract(Input{HTML: p})
			checkOutcome(t, a, err)
			if err != nil {
				t.Errorf("MaxDepth %d: %v", n, err)
			} else if !strings.Contains(a.Text, "the night ferry returned") {
				t.Errorf("MaxDepth %d: article text missing", n)
			}
		}
	})
}

func TestBrokenInput(t *testing.T) {
	nav := `<html><head><title>Sound News</title></head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/local/">Local</a></li><li><a href="/travel/">Travel</a></li><li><a href="/sport/">Sport</a></li><li><a href="/weather/">Weather</a></li></ul></nav></body></html>`
	withNULs := bytes.ReplaceAll(pageAround(""), []byte("ferry"), []byte("fer\x00ry"))
	invalid := bytes.ReplaceAll(pageAround(""), []byte("ferry"), []byte("fe\xff\xferry"))
	cases := []struct {
		name string
		in   []byte
		want error // nil: an article
		bug  string
	}{
		{name: "empty", in: nil, want: ErrNotHTML},
		{name: "whitespace", in: []byte(" \n\t\r\n  "), want: ErrNotHTML},
		{name: "NULs only", in: make([]byte, 1000), want: ErrNotHTML},
		{name: "PDF", in: []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"), want: ErrNotHTML},
		{name: "PDF after BOM", in: []byte("\xef\xbb\xbf%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"), want: ErrNotHTML},
		{name: "PNG", in: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), want: ErrNotHTML},
		{name: "gzip", in: []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"), want: ErrNotHTML},
		{name: "frameset", in: []byte(`<!DOCTYPE html><html><head><title>Frames</title></head><frameset cols="20%,80%"><frame src="menu.html"><frame src="main.html"></frameset></html>`), want: ErrNoArticle},
		{name: "frameset with noframes", in: []byte(`<html><head><title>Frames</title></head><frameset><frame src="a.html"><noframes><p>Your browser does not support frames.</p></noframes></frameset></html>`), want: ErrNoArticle},
		{name: "nav only", in: []byte(nav), want: ErrNoArticle},
		{name: "empty body", in: []byte(`<html><head><title>A title only</title></head><body></body></html>`), want: ErrNoArticle},
		{name: "scripts only", in: []byte(`<html><head><title>App</title><script>var a = "lots of words in a script that is not an article at all, really";</script></head><body><div id="app"></div><script src="/app.js"></script></body></html>`), want: ErrNoArticle},
		{name: "cookie banner only", in: []byte(`<html><body><div class="cookie-banner"><p>We use cookies.</p><button>Accept</button></div></body></html>`), want: ErrNoArticle},
		{name: "JSON", in: []byte(`{"error": "not found", "status": 404}`), want: ErrNoArticle},
		{name: "NUL bytes inside HTML", in: withNULs, want: nil},
		{name: "invalid UTF-8", in: invalid, want: nil},
		{name: "UTF-16 page", in: utf16LE(string(pageAround(""))), want: nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err, _ := extractTimed(t, New(Options{}), Input{HTML: c.in})
			checkOutcome(t, a, err)
			rep, kb := checker(t, c.bug)
			switch {
			case c.want == nil && err != nil:
				rep.Errorf("want an article, got %v", err)
			case c.want != nil && !errors.Is(err, c.want):
				if err == nil {
					rep.Errorf("want %v, got an article:\n%.300s", c.want, a.Markdown)
				} else {
					rep.Errorf("want %v, got %v", c.want, err)
				}
			}
			if c.want == nil && err == nil && !strings.Contains(strings.ReplaceAll(a.Text, "\uFFFD", ""), "night") {
				rep.Errorf("article text missing:\n%.300s", a.Text)
			}
			kb.done(t)
		})
	}
}

func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, r := range s {
		if r > 0xFFFF {
			r = '?'
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// TestBrokenRandom feeds seeded random bytes of several kinds: none may be
// presented as an article, and every error must wrap a sentinel.
func TestBrokenRandom(t *testing.T) {
	kinds := []struct {
		name string
		gen  func(r *rand.Rand, n int) []byte
		// soup: the bytes parse as text, so an article is acceptable
		// (a parser cannot tell random words from words); only the
		// output must be safe.
		soup bool
		bug  string
	}{
		{name: "uniform bytes", gen: func(r *rand.Rand, n int) []byte {
			b := make([]byte, n)
			r.Read(b)
			return b
		}},
		{name: "high bytes", gen: func(r *rand.Rand, n int) []byte {
			b := make([]byte, n)
			for i := range b {
				b[i] = 0x80 + byte(r.Intn(128))
			}
			return b
		}},
		{name: "bytes with an html tag", gen: func(r *rand.Rand, n int) []byte {
			b := make([]byte, n)
			r.Read(b)
			return append([]byte("<!DOCTYPE html><html><body><p>"), b...)
		}},
		{name: "tag soup", gen: func(r *rand.Rand, n int) []byte {
			parts := []string{"<", ">", "</", "div", "p", "a href=", "\"", "'", "=", " ", "&", "#", ";", "table", "td", "script", "<!--", "-->", "x", "\n"}
			var b bytes.Buffer
			for b.Len() < n {
				b.WriteString(parts[r.Intn(len(parts))])
			}
			return b.Bytes()
		}, soup: true},
	}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			rep, kb := checker(t, k.bug)
			for seed := int64(1); seed <= 20; seed++ {
				r := rand.New(rand.NewSource(seed))
				in := k.gen(r, 64+r.Intn(64<<10))
				a, err, _ := extractTimed(t, New(Options{}), Input{HTML: in})
				checkOutcome(t, a, err)
				if err == nil && !k.soup {
					rep.Errorf("seed %d: %d random bytes presented as an article of %d words:\n%.200q", seed, len(in), a.WordCount, a.Text)
				}
			}
			kb.done(t)
		})
	}
}

// TestSentinelsDistinct checks that the sentinels are told apart by
// errors.Is and ErrorKind, and that wrapping them again keeps them.
func TestSentinelsDistinct(t *testing.T) {
	got := map[string]error{}
	_, got["not-html"] = Extract(nil, "")
	_, got["no-article"] = Extract([]byte(`<html><head><title>T</title></head><body><div></div></body></html>`), "")
	_, got["too-large"] = New(Options{Limits: Limits{MaxBytes: 10}}).Extract(Input{HTML: pageAround("")})
	_, got["timeout"] = New(Options{Limits: Limits{Budget: time.Nanosecond}}).Extract(Input{HTML: pageAround("")})
	want := map[string]error{"not-html": ErrNotHTML, "no-article": ErrNoArticle, "too-large": ErrTooLarge, "timeout": ErrTimeout}
	for kind, err := range got {
		if err == nil {
			t.Errorf("%s: no error", kind)
			continue
		}
		if !wrapsOneSentinel(err) || !errors.Is(err, want[kind]) {
			t.Errorf("%s: %v wraps the wrong sentinels", kind, err)
		}
		if k := ErrorKind(fmt.Errorf("outer: %w", err)); k != kind {
			t.Errorf("%s: ErrorKind of the wrapped error is %q", kind, k)
		}
		if err.Error() == want[kind].Error() {
			t.Logf("%s: the message is only the sentinel's: %q", kind, err)
		}
	}
	for i, a := range sentinels {
		for j, b := range sentinels {
			if i != j && errors.Is(a, b) {
				t.Errorf("%v is %v", a, b)
			}
		}
	}
}

// BenchmarkScaling extracts synthetic article pages from 10 KB to 30 MB.
// Time must grow linearly with size: ms/MB flat within 2x.
//
//	go test -run '^$' -bench Scaling ./core
func BenchmarkScaling(b *testing.B) {
	defer measureOnly()()
	for _, size := range []int{10 << 10, 100 << 10, 1 << 20, 10 << 20, 30 << 20} {
		page := syntheticPage(size)
		name := fmt.Sprintf("%dKB", size>>10)
		if size >= 1<<20 {
			name = fmt.Sprintf("%dMB", size>>20)
		}
		b.Run(name, func(b *testing.B) {
			ex := New(Options{Limits: Limits{Budget: -1, MaxBytes: -1}})
			b.SetBytes(int64(len(page)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := ex.Extract(Input{HTML: page}); err != nil {
					b.Fatal(err)
				}
			}
			mb := float64(len(page)) / (1 << 20)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N)/mb, "ms/MB")
		})
	}
}
