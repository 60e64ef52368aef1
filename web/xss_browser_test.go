package web_test

// TestXSSInBrowser renders the XSS vectors of internal/xssvectors (the ones
// core/xss_test.go checks in Go) in Chromium, through the reader overlay
// that the bookmarklet opens and through the <clean-article> widget, and
// asserts what issue 4's "Safe output" asks of the browser: no JavaScript
// dialog opens, no request leaves for the attacker's host, and the reader's
// shadow root holds no active element, no event-handler attribute and no
// script or data address.
//
// Three servers: ours (the bundle), the article's site (another origin,
// serving the vector pages: the attacker wrote them), and the attacker's
// host: evil.test, which the browser resolves to a loopback TLS server that
// records every connection. The vectors' absolute addresses that must never
// load are on evil.test (relative ones, such as src=x, resolve to the
// article's own site, as its images do); the test also watches
// Network.requestWillBeSent for evil.test and for javascript:, vbscript: and
// data:text addresses.
//
// The vector pages are hostile by design, and the host page runs its own
// vectors as any browser would, before anyone clicks the bookmarklet. So
// each page is left to settle first, with alert, confirm, prompt and print
// silenced (an autofocused input whose onfocus calls alert would otherwise
// get the focus back from each alert, for ever); then they are put back,
// the watch is armed and the bookmarklet is clicked. From then on, whatever
// runs or loads comes from what the reader drew.
//
// The vectors are batched, several to a page, so the test takes a few page
// loads instead of one per vector. Before each vector the page has a
// numbered logbook entry: the overlay must show every one, so no vector's
// neighbourhood was lost from the article. When a batch fails, each of its
// vectors is run again alone on its own page, to name the culprit. The
// widget path embeds every batch page in a <clean-article> of its own, all
// on one page of the article's site, and checks each the same way.

import (
	"context"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/cleanread/cleanread/internal/xssvectors"
)

// xssBodyPerPage is how many body-only vectors share a page.
const xssBodyPerPage = 8

// xssBatch is one page of vectors.
type xssBatch struct {
	cases   []int // indexes into xssvectors.Cases
	page    []byte
	entries []string // the logbook entries the article must show
}

// xssBatches puts the vectors on pages: each vector that needs the page's
// title, head or byline gets a page of its own, shared with up to
// xssBodyPerPage vectors that only need the body.
func xssBatches() []xssBatch {
	var special, body []int
	for i, c := range xssvectors.Cases {
		if c.Title != "" || c.Head != "" || c.Byline != "" {
			special = append(special, i)
		} else {
			body = append(body, i)
		}
	}
	n := max(len(special), (len(body)+xssBodyPerPage-1)/xssBodyPerPage)
	per := (len(body) + n - 1) / n
	var out []xssBatch
	for b := 0; b < n; b++ {
		var cases []int
		if b < len(special) {
			cases = append(cases, special[b])
		}
		cases = append(cases, body[min(len(body), b*per):min(len(body), (b+1)*per)]...)
		out = append(out, xssBatchOf(cases))
	}
	return out
}

func xssBatchOf(cases []int) xssBatch {
	b := xssBatch{cases: cases}
	var title, head, byline string
	var vec strings.Builder
	for _, i := range cases {
		c := xssvectors.Cases[i]
		if c.Title != "" {
			title = c.Title
		}
		if c.Head != "" {
			head = c.Head
		}
		if c.Byline != "" {
			byline = c.Byline
		}
		entry := fmt.Sprintf("Logbook entry %d", i)
		b.entries = append(b.entries, entry)
		fmt.Fprintf(&vec, "<p>%s: the keeper noted the wind, the tide and every boat that came home past the light that night.</p>\n%s\n", entry, c.Vector)
	}
	b.page = xssvectors.Page(title, head, byline, vec.String())
	return b
}

func (b xssBatch) names() string {
	var n []string
	for _, i := range b.cases {
		n = append(n, strconv.Quote(xssvectors.Cases[i].Name))
	}
	return strings.Join(n, ", ")
}

// xssWatch records what the browser does while armed: dialogs, requests
// for the attacker and hits on the attacker's server. What the host page
// does on its own before (its vectors run in it) is not recorded.
type xssWatch struct {
	mu       sync.Mutex
	armed    bool
	dialogs  []string
	requests []string // requests for attacker (or script/data) addresses
	hits     []string // connections and requests that reached evil.test
}

func (w *xssWatch) arm(on bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.armed = on
	if on {
		w.dialogs, w.requests, w.hits = nil, nil, nil
	}
}

func (w *xssWatch) note(list *[]string, s string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.armed {
		*list = append(*list, s)
	}
}

// take returns what was recorded since arm and disarms.
func (w *xssWatch) take() (dialogs, requests, hits []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.armed = false
	return w.dialogs, w.requests, w.hits
}

// attackerURL reports whether a request URL is the attacker's or an active
// scheme that must never be requested.
func attackerURL(u string) bool {
	l := strings.ToLower(u)
	return strings.Contains(l, xssvectors.AttackerHost) || strings.HasPrefix(l, "javascript:") ||
		strings.HasPrefix(l, "vbscript:") || strings.HasPrefix(l, "data:text")
}

// xssEnv is the world of TestXSSInBrowser.
type xssEnv struct {
	*env
	site    string // the article's site: http://localhost:PORT
	batches []xssBatch
	watch   *xssWatch
}

func TestXSSInBrowser(t *testing.T) {
	start := time.Now()
	e := newEnv(t) // skips without chromium (fails under CI), builds the bundle
	x := &xssEnv{env: e, batches: xssBatches(), watch: &xssWatch{}}

	// The attacker's host: every connection and request is a hit.
	evil := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		x.watch.note(&x.watch.hits, "request "+r.Method+" https://"+r.Host+r.URL.String())
		w.Header().Set("Access-Control-Allow-Origin", "*")
		http.NotFound(w, r)
	}))
	evil.Config.ConnState = func(c net.Conn, s http.ConnState) {
		if s == http.StateNew {
			x.watch.note(&x.watch.hits, "connection from "+c.RemoteAddr().String())
		}
	}
	evil.StartTLS()
	t.Cleanup(evil.Close)
	_, evilPort, _ := net.SplitHostPort(evil.Listener.Addr().String())

	site := httptest.NewServer(http.HandlerFunc(x.serveSite))
	t.Cleanup(site.Close)
	x.site = strings.Replace(site.URL, "127.0.0.1", "localhost", 1)

	// Our own browser: the test's flags, plus evil.test on the recording
	// server (with its self-signed certificate accepted).
	e.ctx = newBrowser(t, chromiumPath(),
		chromedp.Flag("host-resolver-rules", fmt.Sprintf("MAP evil.test 127.0.0.1:%s, MAP *.evil.test 127.0.0.1:%s", evilPort, evilPort)),
		chromedp.IgnoreCertErrors)
	if err := chromedp.Listen(e.ctx, x.listen(e.ctx)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(e.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: hushJS}); err != nil {
		t.Fatal(err)
	}
	code := e.bookmarklet()

	t.Run("instruments", x.testInstruments)
	if t.Failed() {
		t.FailNow()
	}
	t.Run("overlay", func(t *testing.T) {
		for bi, b := range x.batches {
			t.Run(fmt.Sprintf("page %d", bi), func(t *testing.T) {
				e.t = t
				o := x.overlay(code, fmt.Sprintf("%s/xss/%d", x.site, bi))
				x.checkEntries(t, b, o.text)
				if o.clean() {
					return
				}
				t.Errorf("page %d (vectors %s):\n%s", bi, b.names(), o)
				// Name the culprit: each vector alone, on the page core's test uses.
				for _, i := range b.cases {
					if a := x.overlay(code, fmt.Sprintf("%s/case/%d", x.site, i)); !a.clean() {
						t.Errorf("vector %q alone:\n%s", xssvectors.Cases[i].Name, a)
					}
				}
			})
		}
	})
	t.Run("widget", func(t *testing.T) {
		e.t = t
		x.widgets(t)
	})
	e.t = t
	t.Logf("%d vectors on %d pages, overlay and widget, in %.1fs", len(xssvectors.Cases), len(x.batches), time.Since(start).Seconds())
}

// listen records dialogs (and dismisses them, or the page would stall)
// and requests for attacker addresses.
func (x *xssEnv) listen(ctx context.Context) func(ev any) {
	return func(ev any) {
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			x.watch.note(&x.watch.dialogs, fmt.Sprintf("%s(%q) in %s", ev.Type, ev.Message, ev.URL))
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{})
		case *network.EventRequestWillBeSent:
			if u := ev.Request.URL; attackerURL(u) {
				by := ""
				if ev.Initiator != nil {
					by = string(ev.Initiator.Type)
				}
				x.watch.note(&x.watch.requests, fmt.Sprintf("%s %.200s (%s, initiator %s)", ev.Request.Method, u, ev.Type, by))
			}
		}
	}
}

// serveSite serves the article's site:
//
//	/xss/N      batch page N
//	/case/I     vector I alone, on xssvectors.Page as core's test has it
//	/widgets    a <clean-article> for each ?src= (as data-src: the test sets src)
//	/blank      an empty page
//
// Anything else (the articles' relative images) is a 404.
func (x *xssEnv) serveSite(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	kind, arg, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	n, err := strconv.Atoi(arg)
	switch {
	case kind == "xss" && err == nil && n >= 0 && n < len(x.batches):
		w.Write(x.batches[n].page)
	case kind == "case" && err == nil && n >= 0 && n < len(xssvectors.Cases):
		w.Write(xssvectors.Cases[n].Page())
	case kind == "widgets":
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>widgets</title>
<script type="module" src="%s/widget.js"></script></head><body><h1>Articles</h1>`, x.ours)
		for _, src := range r.URL.Query()["src"] {
			fmt.Fprintf(w, "\n<clean-article data-src=\"%s\"></clean-article>", html.EscapeString(src))
		}
		fmt.Fprint(w, "\n</body></html>")
	case kind == "blank":
		fmt.Fprint(w, `<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body><p>blank</p></body></html>`)
	default:
		http.NotFound(w, r)
	}
}

// xssOutcome is what one page did once the reader was open.
type xssOutcome struct {
	dialogs, requests, hits, problems []string
	notice                            string
	text                              string
}

func (o xssOutcome) clean() bool {
	return len(o.dialogs)+len(o.requests)+len(o.hits)+len(o.problems) == 0 && o.notice == ""
}

func (o xssOutcome) String() string {
	var b strings.Builder
	for _, l := range []struct {
		what string
		list []string
	}{{"dialog opened", o.dialogs}, {"request for the attacker", o.requests},
		{"hit on evil.test", o.hits}, {"in the reader's DOM", o.problems}} {
		for _, s := range l.list {
			fmt.Fprintf(&b, "  %s: %s\n", l.what, s)
		}
	}
	if o.notice != "" {
		fmt.Fprintf(&b, "  the reader shows a notice, not the article: %q\n", o.notice)
	}
	return b.String()
}

// settle loads url and waits until the page's own doings are over: its
// scripts and event handlers run as the attacker wrote them, before any
// reader is open, with the dialog functions silenced (hushJS), which a
// page left alone would open in a loop (an autofocused input whose onfocus
// calls alert gets the focus back each time the alert closes). Then the
// dialog functions come back, for whatever runs from then on.
func (x *xssEnv) settle(url string) {
	x.t.Helper()
	x.watch.arm(false)
	x.do(x.ctx, chromedp.Navigate(url))
	eval[chromedp.Void](x.env, x.ctx, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 150))))
  .then(() => globalThis[Symbol.for("xss-test-unhush")]())`)
}

// hushJS runs before each page's own scripts: it swaps the dialog
// functions for ones that do nothing, until settle puts them back.
const hushJS = `(() => {
  const saved = {};
  for (const k of ["alert", "confirm", "prompt", "print"]) {
    saved[k] = window[k];
    window[k] = () => {};
  }
  Object.defineProperty(window, Symbol.for("xss-test-unhush"), { configurable: true,
    value: () => { for (const k in saved) window[k] = saved[k]; } });
})()`

// overlay loads url, lets the page settle, clicks the bookmarklet, waits
// for the article, scrolls through it (its images load lazily), and returns
// what happened from the click on.
func (x *xssEnv) overlay(code, url string) xssOutcome {
	x.t.Helper()
	x.settle(url)
	x.watch.arm(true)
	click(x.env, code)
	st := x.waitReader(x.ctx)
	eval[chromedp.Void](x.env, x.ctx, `(async () => {
  const f = document.querySelector("clean-reader").shadowRoot.querySelector(".frame");
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (let y = 0; y <= f.scrollHeight; y += f.clientHeight / 2) { f.scrollTop = y; await frame(); }
})()`)
	time.Sleep(300 * time.Millisecond) // requests the last scroll started
	var o xssOutcome
	o.problems = eval[[]string](x.env, x.ctx, `(`+xssCheckJS+`)(document.querySelector("clean-reader").shadowRoot, `+strconv.Quote(x.ours)+`)`)
	o.dialogs, o.requests, o.hits = x.watch.take()
	o.text = st.Article
	if !st.Shown {
		o.notice = st.Notice
	}
	return o
}

// checkEntries checks that the article shows every logbook entry of the
// batch: no vector took its neighbourhood out of the article.
func (x *xssEnv) checkEntries(t *testing.T, b xssBatch, text string) {
	t.Helper()
	for k, entry := range b.entries {
		if !strings.Contains(text, entry+":") {
			t.Errorf("the article lacks %q, before vector %q: it did not reach the reader", entry, xssvectors.Cases[b.cases[k]].Name)
		}
	}
	for _, s := range []string{"After four years of scaffolding", "coming home"} {
		if !strings.Contains(text, s) {
			t.Errorf("the article lacks %q", s)
		}
	}
}

// widgets embeds every batch page in a <clean-article> on one page of the
// article's site, and checks each. When the page as a whole opened a dialog
// or asked for the attacker, each batch and then each of the failing
// batches' vectors is embedded alone, to name the culprit.
func (x *xssEnv) widgets(t *testing.T) {
	var srcs []string
	for i := range x.batches {
		srcs = append(srcs, fmt.Sprintf("/xss/%d", i))
	}
	w := x.widgetRun(srcs)
	for i, b := range x.batches {
		if w.errors[i] != "" {
			t.Errorf("widget of page %d (vectors %s) shows an error: %q", i, b.names(), w.errors[i])
			continue
		}
		x.checkEntries(t, b, w.texts[i])
		for _, p := range w.problems[i] {
			t.Errorf("widget of page %d (vectors %s): in its DOM: %s", i, b.names(), p)
		}
	}
	if w.clean() {
		return
	}
	// Name the culprits: the page's dialogs and requests are not any one
	// widget's, so then every batch is tried alone; a batch with something
	// in its DOM is tried vector by vector.
	pageWide := xssOutcome{dialogs: w.dialogs, requests: w.requests, hits: w.hits}
	if !pageWide.clean() {
		t.Errorf("the page of %d widgets:\n%s", len(srcs), pageWide)
	}
	for bi, b := range x.batches {
		if len(w.problems[bi]) == 0 && (pageWide.clean() || x.widgetRun(srcs[bi:bi+1]).clean()) {
			continue
		}
		for _, i := range b.cases {
			if a := x.widgetRun([]string{fmt.Sprintf("/case/%d", i)}); !a.clean() {
				t.Errorf("vector %q alone in a widget:\n%s", xssvectors.Cases[i].Name, a)
			}
		}
	}
}

// widgetOutcome is what a page of widgets did: the page's dialogs and
// requests (in the embedded xssOutcome), and each widget's text, error and
// DOM problems.
type widgetOutcome struct {
	xssOutcome
	texts, errors []string
	problems      [][]string
}

// widgetRun loads a page of <clean-article>s, one for each of srcs, gives
// them their src once the watch is armed, waits for all to render, scrolls
// through (their images load lazily) and returns what happened.
func (x *xssEnv) widgetRun(srcs []string) widgetOutcome {
	x.t.Helper()
	q := url.Values{"src": srcs}
	x.settle(x.site + "/widgets?" + q.Encode())
	x.watch.arm(true)
	eval[chromedp.Void](x.env, x.ctx, `customElements.whenDefined("clean-article").then(() => {
  for (const w of document.querySelectorAll("clean-article")) w.setAttribute("src", w.dataset.src);
})`)
	type state struct {
		Texts  []string
		Errors []string
		Done   bool
	}
	var s state
	deadline := time.Now().Add(45 * time.Second)
	for time.Now().Before(deadline) {
		s = eval[state](x.env, x.ctx, `(() => {
  const ws = [...document.querySelectorAll("clean-article")];
  const texts = ws.map((w) => w.shadowRoot?.querySelector("[part=article]")?.innerText || "");
  const errors = ws.map((w) => w.shadowRoot?.querySelector("[role=alert]")?.innerText || "");
  return { texts, errors, done: ws.length > 0 && ws.every((w, i) => texts[i] || errors[i]) };
})()`)
		if s.Done {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !s.Done || len(s.Texts) != len(srcs) {
		x.t.Fatalf("the widgets did not all render within 45s: %d of %d", countNonEmpty(s.Texts)+countNonEmpty(s.Errors), len(srcs))
	}
	eval[chromedp.Void](x.env, x.ctx, `(async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (let y = 0; y <= document.documentElement.scrollHeight; y += innerHeight / 2) { scrollTo(0, y); await frame(); }
})()`)
	time.Sleep(300 * time.Millisecond)
	w := widgetOutcome{texts: s.Texts, errors: s.Errors}
	w.problems = eval[[][]string](x.env, x.ctx, `[...document.querySelectorAll("clean-article")].map((w) => (`+xssCheckJS+`)(w.shadowRoot, `+strconv.Quote(x.ours)+`))`)
	w.dialogs, w.requests, w.hits = x.watch.take()
	for _, p := range w.problems {
		w.xssOutcome.problems = append(w.xssOutcome.problems, p...)
	}
	return w
}

func countNonEmpty(l []string) (n int) {
	for _, s := range l {
		if s != "" {
			n++
		}
	}
	return n
}

// testInstruments checks the instruments before they are trusted: a
// dialog, a request for evil.test and a bad element in a shadow root must
// each be seen.
func (x *xssEnv) testInstruments(t *testing.T) {
	x.t = t
	x.settle(x.site + "/blank")
	x.watch.arm(true)
	eval[chromedp.Void](x.env, x.ctx, `void setTimeout(() => { alert("canary"); new Image().src = "https://evil.test/canary.png"; }, 0)`)
	var dialogs, requests, hits []string
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		x.watch.mu.Lock()
		dialogs, requests, hits = x.watch.dialogs, x.watch.requests, x.watch.hits
		x.watch.mu.Unlock()
		if len(dialogs) > 0 && len(requests) > 0 && len(hits) > 1 {
			break
		}
	}
	x.watch.take()
	if len(dialogs) == 0 {
		t.Errorf("alert() in the page was not seen as a dialog")
	}
	if len(requests) == 0 {
		t.Errorf("an image from evil.test was not seen as a request")
	}
	if !strings.Contains(strings.Join(hits, "\n"), "/canary.png") {
		t.Errorf("an image from evil.test did not reach the recording server: hits %q", hits)
	}
	problems := eval[[]string](x.env, x.ctx, `(() => {
  const host = document.createElement("div");
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = '<div class="page"><article part="article">' +
    '<svg></svg><math></math><script></script><iframe></iframe><object></object><embed><form></form><style></style>' +
    '<p onclick="x">p</p><a href=" jav&#x09;ascript:x">a</a><a href="VBScript:x">b</a><a href="data:text/html,x">c</a>' +
    '<img src="data:image/svg+xml,x"><img srcset="https://evil.test/i.png 2x"><img src="data:image/png;base64,iVBORw0KGgo=">' +
    '<a href="https://harbour.test/ok">ok</a><a href="mailto:a@b.test">ok</a></article></div>';
  return (`+xssCheckJS+`)(root);
})()`)
	const want = 14 // every element above but the three good ones
	if len(problems) != want {
		t.Errorf("the DOM check found %d problems in a planted shadow root, want %d:\n%s", len(problems), want, strings.Join(problems, "\n"))
	}
}

// xssCheckJS lists what must not be in a reader's shadow root: active,
// embedded or form elements, elements outside HTML's namespace, event
// handler attributes, and addresses other than http, https, mailto and
// relative ones (data: only for non-SVG images), or loading from the
// attacker's host. Addresses are judged as the browser parses them.
const xssCheckJS = `(root, ours) => {
  const out = [];
  const say = (el, what) => out.push(what + ": " + el.outerHTML.replace(/\s+/g, " ").slice(0, 200));
  const page = root.querySelector(".page");
  const NEVER = new Set("script iframe frame frameset object embed applet svg math form style link meta base noscript template portal".split(" "));
  const NOT_IN_ARTICLE = new Set("input button select option textarea dialog canvas audio slot".split(" "));
  const URLS = new Set("href src poster cite action formaction data background ping xlink:href codebase manifest".split(" "));
  const base = root.host?.ownerDocument.baseURI || document.baseURI;
  const badURL = (el, name, value) => {
    const v = value.replace(/[\t\n\r]/g, "").replace(/^[\x00-\x20]+/, "").toLowerCase();
    if (/^(javascript|vbscript|livescript|data:text)/.test(v)) return "script or HTML address";
    let u;
    try { u = new URL(value, base); } catch { return ""; } // no address at all: nothing loads
    const image = el.localName === "img" || el.localName === "source" || name === "poster";
    if (u.protocol === "data:") {
      return image && /^data:image\/(?!svg)/i.test(u.href) && name !== "href" ? "" : "data: address";
    }
    if (!["http:", "https:", "mailto:"].includes(u.protocol)) return u.protocol + " address";
    if (name !== "href" && name !== "cite" && u.hostname.endsWith("` + xssvectors.AttackerHost + `")) return "loads from the attacker";
    return "";
  };
  for (const el of root.querySelectorAll("*")) {
    const tag = el.localName;
    // The reader's own settings frame (settings.js), outside the article.
    if (tag === "iframe" && ours && el.className === "cr-storage visually-hidden" &&
        el.getAttribute("src") === ours + "/storage.html" && !page?.contains(el)) continue;
    if (NEVER.has(tag)) say(el, "<" + tag + "> element");
    else if (el.namespaceURI !== "http://www.w3.org/1999/xhtml") say(el, "element outside HTML");
    else if (page?.contains(el) && NOT_IN_ARTICLE.has(tag)) say(el, "<" + tag + "> in the article");
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith("on")) { say(el, name + " attribute"); continue; }
      if (name === "srcdoc" || (name === "style" && page?.contains(el))) { say(el, name + " attribute"); continue; }
      if (URLS.has(name)) {
        const why = badURL(el, name, a.value);
        if (why) say(el, name + ": " + why);
      } else if (name === "srcset" || name === "imagesrcset") {
        for (const c of a.value.split(",")) {
          const why = c.trim() && badURL(el, "src", c.trim().split(/\s+/)[0]);
          if (why) { say(el, name + ": " + why); break; }
        }
      }
    }
  }
  return out;
}`
