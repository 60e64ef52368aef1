package web_test

// End-to-end tests in headless Chromium (Debian's chromium, driven with
// chromedp): our server on one loopback port, host pages on another, so
// everything crosses origins as it does for real users.
//
// They skip when chromium is missing, unless CI is set (then they fail),
// and under -short. Screenshots go to $CLEANREAD_SCREENSHOTS when set.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/cleanread/cleanread/web"
	"github.com/cleanread/cleanread/web/internal/bundle"
)

var seedDir = filepath.Join("..", "..", "shared", "seed")

// seedPage is one of ../shared/seed: the page and what its article must be.
type seedPage struct {
	name      string
	source    []byte
	expected  string
	forbidden []string
}

func seedPages(t *testing.T) []seedPage {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(seedDir, "*", "source.html"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no seed pages in %s (the shared folder beside the repository): %v", seedDir, err)
	}
	var out []seedPage
	for _, src := range dirs {
		dir := filepath.Dir(src)
		p := seedPage{name: filepath.Base(dir)}
		var exp, forb []byte
		for _, f := range []struct {
			name string
			dst  *[]byte
		}{{"source.html", &p.source}, {"expected.txt", &exp}, {"forbidden.txt", &forb}} {
			b, err := os.ReadFile(filepath.Join(dir, f.name))
			if err != nil {
				t.Fatalf("seed page %s: %v", p.name, err)
			}
			*f.dst = b
		}
		p.expected = string(exp)
		for _, l := range strings.Split(string(forb), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				p.forbidden = append(p.forbidden, l)
			}
		}
		out = append(out, p)
	}
	return out
}

// ---- servers ----

var (
	bundleOnce sync.Once
	bundleDir  string
	bundleErr  error
)

// builtBundle builds the web bundle once per test binary into a temporary
// directory, so the tests always run the current sources.
func builtBundle(t *testing.T) string {
	t.Helper()
	bundleOnce.Do(func() {
		dir, err := os.MkdirTemp("", "cleanread-bundle-")
		if err != nil {
			bundleErr = err
			return
		}
		bundleDir = dir
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		_, bundleErr = bundle.Build(ctx, bundle.Options{Module: "..", Static: "static", Out: dir, BrotliLevel: 5})
	})
	if bundleErr != nil {
		t.Fatalf("building the web bundle: %v", bundleErr)
	}
	return bundleDir
}

// env is one browser test's world: our server (origin A), a host server of
// another origin (B) and a fresh browser.
type env struct {
	t      *testing.T
	ours   string // http://127.0.0.1:PORT, serving package web
	host   string // another origin, serving host pages
	ctx    context.Context
	seeds  []seedPage
	bmCode string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped under -short")
	}
	chrome := chromiumPath()
	if chrome == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed, and CI is set: install it (apt-get install chromium)")
		}
		t.Skip("browser tests skipped: chromium is not installed (apt-get install chromium)")
	}
	e := &env{t: t, seeds: seedPages(t)}
	h, err := web.Handler(web.WithBundle(os.DirFS(builtBundle(t))))
	if err != nil {
		t.Fatal(err)
	}
	ours := httptest.NewServer(h)
	t.Cleanup(ours.Close)
	e.ours = ours.URL
	hs := httptest.NewServer(http.HandlerFunc(e.serveHost))
	t.Cleanup(hs.Close)
	e.host = strings.Replace(hs.URL, "127.0.0.1", "localhost", 1) // another origin, and another site
	e.ctx = newBrowser(t, chrome)
	return e
}

func chromiumPath() string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// newBrowser starts a headless chromium with our flags, plus more options.
func newBrowser(t *testing.T, chrome string, more ...chromedp.ExecAllocatorOption) context.Context {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), append(opts, more...)...)
	ctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelB(); cancelA() })
	if _, err := chromedp.Run(ctx, chromedp.Title()); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// serveHost serves host pages on origin B:
//
//	/seed/NAME          a seed page as it is
//	/page/NAME          a seed page with a form added (typed text must survive)
//	/widget             a page embedding <clean-article> (from our origin)
//	/blank              an empty page
//	/tricky             foreign content, templates, script-made text nodes (TestPageTree)
//	/deep               20000 nested elements, made by a script
//	/shadow             an article drawn by a web component (open shadow root, slots)
//
// with ?csp=POLICY and ?coop=1 setting those headers.
func (e *env) serveHost(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if c := q.Get("csp"); c != "" {
		w.Header().Set("Content-Security-Policy", strings.ReplaceAll(c, "OURS", e.ours))
	}
	if q.Get("coop") != "" {
		w.Header().Set("Cross-Origin-Opener-Policy", "same-origin")
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	kind, name, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	switch kind {
	case "seed", "page":
		for _, s := range e.seeds {
			if s.name == name {
				page := string(s.source)
				if kind == "page" {
					page = strings.Replace(page, "</body>", `<form id="host-form" onsubmit="return false">
<input id="q" name="q" aria-label="search"><textarea id="note" aria-label="note"></textarea></form>
<div style="height:3000px"></div></body>`, 1)
				}
				fmt.Fprint(w, page)
				return
			}
		}
	case "widget":
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>widget host</title>
<script type="module" src="%s/widget.js"></script></head><body><h1>Our site</h1>
<clean-article id="ok" src="/seed/%s" theme="sepia"></clean-article>
<clean-article id="bad" src="/nothing-here"></clean-article></body></html>`, e.ours, name)
		return
	case "heavy":
		// A page built like a large news site: style sheets and scripts in
		// the head, the application's state in a top-level body script.
		fmt.Fprintf(w, `<!doctype html><html lang="en" dir="ltr"><head><meta charset="utf-8">
<title>Harbour ferries to run every twenty minutes - Coast News</title>
<meta property="og:title" content="Harbour ferries to run every twenty minutes">
<meta name="author" content="Maria Lindqvist"><link rel="canonical" href="https://coastnews.example/ferries">
<style>%s</style><script>var tracking = {};</script>
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-01T08:00:00Z"}</script>
</head><body class="article"><header><a href="/">Coast News</a></header>
<script>window.appState = {};</script>
<article><h1>Harbour ferries to run every twenty minutes</h1>%s</article>
<script>window.appState.more = "%s";</script><footer>Coast News</footer></body></html>`,
			strings.Repeat(".a{color:red}", 2000),
			strings.Repeat("<p>The harbour ferry will run every twenty minutes from March, the operator said, after a winter of long queues at the north pier and complaints from commuters who missed their trains.</p>", 6),
			strings.Repeat("x", 20000))
		return
	case "blank":
		fmt.Fprint(w, `<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body><p>blank</p></body></html>`)
		return
	case "tricky":
		// What a live page holds that its HTML says otherwise or not at
		// all: foreign content, templates, noscript, CDATA, text nodes a
		// script added side by side, a NUL in an attribute, French
		// no-break spaces written as characters.
		para := "<p>Le service commencera en mai\u00a0; l\u2019op\u00e9rateur promet un bateau toutes les vingt minutes aux heures de pointe, et " +
			"toutes les demi-heures le soir, apr\u00e8s un hiver de longues files d\u2019attente au quai nord.</p>"
		fmt.Fprintf(w, `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Les ferries du port passeront toutes les vingt minutes</title>
<script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"Marie Dupont"},"datePublished":"2024-05-02"}</script>
<template><p>jamais affiché</p></template></head><body><nav><a href="/">Accueil</a> <a href="/port">Le port</a></nav>
<article><h1>Les ferries du port passeront toutes les vingt minutes</h1><p id="grown">Annonce du jour</p>
<svg viewBox="0 0 10 10"><title>icône</title><use xlink:href="#i"></use><foreignObject><p>dans le svg</p></foreignObject><![CDATA[ x ]]></svg>
<p>Une formule : <math><mi>x</mi><mo>=</mo><mn>2</mn></math>, et un plan <noscript><img src="/plan.png" alt="plan"></noscript>.</p>
%s<p>« Un traitement automatisé », résume-t-il.</p><!-- commentaire -->
<script>{ const p = document.getElementById("grown");
p.appendChild(document.createTextNode(", dit l’opérateur,"));
p.appendChild(document.createTextNode(" après un hiver difficile."));
p.setAttribute("data-note", "a\u0000b");
p.setAttributeNS(null, "data-Kept", "upper case"); }</script></article><footer>Le Port</footer></body></html>`, strings.Repeat(para, 6))
		return
	case "shadow":
		// An article drawn by a web component: its text in an open shadow
		// root, the byline slotted in from the light DOM.
		fmt.Fprint(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour lights restored</title></head><body>
<nav><a href="/">Coast News</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<news-article><span slot="byline">By Ann Lee</span></news-article>
<footer><a href="/about">About us</a></footer>
<script>customElements.define("news-article", class extends HTMLElement {
  constructor() {
    super();
    const p = "<p>The lights on the harbour wall shine again after forty years, restored by volunteers who spent the winter cleaning lenses and rewiring lamps that had not been lit since the old port closed.</p>";
    this.attachShadow({ mode: "open" }).innerHTML = "<article><h1>Harbour lights restored</h1><p class=byline><slot name=byline></slot></p>" +
      p + p.replace("The lights", "The lamps") + p.replace("The lights", "Twelve lamps") + "<slot>fallback text of the default slot</slot></article>";
  }
});</script></body></html>`)
		return
	case "deep":
		// A document nested past any call stack, built by a script.
		fmt.Fprint(w, `<!doctype html><html><head><meta charset="utf-8"><title>deep</title></head><body>
<script>{ const doc = document.implementation.createHTMLDocument("deep"); // (no layout: Chromium's would crash)
let d = doc.body; for (let i = 0; i < 20000; i++) { const c = doc.createElement("div"); d.appendChild(c); d = c; }
d.textContent = "The bottom of a very deep page has a paragraph of text that the reader must still find and show. ".repeat(8);
globalThis.deepDoc = doc; }</script></body></html>`)
		return
	}
	http.NotFound(w, r)
}

// ---- helpers ----

// withSeeds returns the host's paths given, then each seed page's.
func (e *env) withSeeds(paths ...string) []string {
	for _, s := range e.seeds {
		paths = append(paths, "/seed/"+s.name)
	}
	return paths
}

// do runs browser steps with a deadline; a failure ends the test.
func (e *env) do(ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	e.t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		e.t.Fatalf("browser: %v", err)
	}
}

// eval runs JavaScript in the page, as the console would (whatever the
// page's CSP says), and awaits a promise it returns.
func eval[T any](e *env, ctx context.Context, js string) T {
	e.t.Helper()
	return evalWith[T](e, ctx, js, chromedp.EvalAwaitPromise)
}

// click runs the bookmarklet's code as a click on it would: with a user
// gesture (which lets it open a window).
func click(e *env, code string) {
	e.t.Helper()
	evalWith[chromedp.Void](e, e.ctx, code, func(p *runtime.EvaluateParams) { p.UserGesture = ptr(true) })
}

func evalWith[T any](e *env, ctx context.Context, js string, opts ...chromedp.EvaluateOption) T {
	e.t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](js, opts...))
	if err != nil {
		e.t.Fatalf("browser: %v\nscript: %.200s", err, js)
	}
	return v
}

func ptr[T any](v T) *T { return &v }

// bookmarklet returns the bookmarklet's code, read from the demo page's
// link as a person would drag it.
func (e *env) bookmarklet() string {
	if e.bmCode != "" {
		return e.bmCode
	}
	e.do(e.ctx, chromedp.Navigate(e.ours+"/"), chromedp.WaitVisible(chromedp.ID("bookmarklet")))
	href := eval[string](e, e.ctx, `document.getElementById("bookmarklet").href`)
	code, ok := strings.CutPrefix(href, "javascript:")
	if !ok {
		e.t.Fatalf("the demo's bookmarklet link is not a javascript: URL: %.80q", href)
	}
	code, err := url.PathUnescape(code)
	if err != nil {
		e.t.Fatal(err)
	}
	e.bmCode = code
	return code
}

// readerState is what the tests read from the page about our overlay.
type readerState struct {
	Open    bool           `json:"open"`
	Article string         `json:"article"`
	Notice  string         `json:"notice"`
	Timings map[string]any `json:"timings"`
	Shown   bool           `json:"shown"` // the article is drawn
}

const readReader = `(() => {
  const r = document.querySelector("clean-reader");
  const a = r?.shadowRoot?.querySelector("[part=article]");
  const n = r?.shadowRoot?.querySelector(".notice");
  return {open: !!r, article: a ? a.innerText : "", notice: n ? n.innerText : "", timings: r?.timings || null,
    shown: r?.dataset.state === "shown"};
})()`

// waitReader polls until the overlay shows an article or a notice.
func (e *env) waitReader(ctx context.Context) readerState {
	e.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	var s readerState
	for time.Now().Before(deadline) {
		s = eval[readerState](e, ctx, readReader)
		if s.Article != "" && s.Shown || s.Notice != "" {
			return s
		}
		time.Sleep(20 * time.Millisecond)
	}
	e.t.Fatalf("the reader did not show an article within 30s: %+v", s)
	return s
}

// checkQuality holds the article text to the CLI's bar on a seed page.
func checkQuality(t *testing.T, what string, s seedPage, text string) float64 {
	t.Helper()
	f1 := tokenF1(text, s.expected)
	if f1 < 0.98 {
		t.Errorf("%s on %s: token F1 %.3f, want >= 0.98\ngot: %.300q", what, s.name, f1, text)
	}
	for _, f := range s.forbidden {
		if strings.Contains(text, f) {
			t.Errorf("%s on %s: the article contains the forbidden %q", what, s.name, f)
		}
	}
	return f1
}

// ---- tests ----

// TestOverlayOnAnotherOrigin clicks the bookmarklet on each seed page served
// from another origin, checks the article, and closes with Escape: the host
// page's DOM, scroll and typed form text must be as before. It also
// measures the time from the click to a drawn overlay, on a first visit (a
// new browser profile) and with the engine cached, against the budget of
// 1 s and 300 ms. A shared machine is noisy, so each figure is the best of
// up to three tries.
func TestOverlayOnAnotherOrigin(t *testing.T) {
	e := newEnv(t)
	code := e.bookmarklet()
	const tries = 3
	budget := map[string]float64{"first visit": 1000, "cached": 300}
	for _, s := range e.seeds {
		best := map[string]float64{}
		for try := 0; try < tries; try++ {
			// A new browser with an empty profile: nothing cached.
			e.ctx = newBrowser(t, chromiumPath())
			for _, label := range []string{"first visit", "cached", "cached"} {
				t.Run(fmt.Sprintf("%s/%s/%d", s.name, label, try), func(t *testing.T) {
					e.t = t
					ms := e.overlayRoundTrip(code, s)
					if b, ok := best[label]; !ok || ms < b {
						best[label] = ms
					}
				})
			}
			if best["first visit"] <= budget["first visit"] && best["cached"] <= budget["cached"] {
				break
			}
		}
		e.t = t
		busy, load := machineBusy()
		for _, label := range []string{"first visit", "cached"} {
			t.Logf("%s: bookmarklet to drawn overlay, %s: %.0f ms (budget %.0f ms)", s.name, label, best[label], budget[label])
			if best[label] <= budget[label] {
				continue
			}
			if busy {
				t.Logf("over the budget, but the machine is busy (load %.1f on %d CPUs): not counted as a failure", load, goruntime.NumCPU())
				continue
			}
			t.Errorf("%s, %s: %.0f ms to a drawn overlay, over the %.0f ms budget", s.name, label, best[label], budget[label])
		}
	}
}

// machineBusy reports whether other work is loading the machine more than
// it has CPUs (then timings say little about cleanread), unless
// CLEANREAD_TIMING=strict asks for the budget regardless.
func machineBusy() (bool, float64) {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil || os.Getenv("CLEANREAD_TIMING") == "strict" {
		return false, 0
	}
	var load float64
	fmt.Sscan(string(b), &load)
	return load > float64(goruntime.NumCPU()), load
}

// overlayRoundTrip opens the reader with the bookmarklet on a seed page
// with a form, checks it, closes it with Escape and checks the host page.
// It returns the ms from the click to the drawn overlay.
func (e *env) overlayRoundTrip(code string, s seedPage) float64 {
	t := e.t
	e.do(e.ctx, chromedp.Navigate(e.host+"/page/"+s.name),
		chromedp.SendKeys(chromedp.ID("q"), "typed by a person"),
		chromedp.SendKeys(chromedp.ID("note"), "a note\nover two lines"))
	scrollBefore := eval[float64](e, e.ctx, `window.scrollTo(0, 400); document.querySelector("#q").focus(); scrollY`)
	before := eval[string](e, e.ctx, `document.documentElement.outerHTML`)
	click(e, code)
	st := e.waitReader(e.ctx)
	checkQuality(t, "overlay", s, st.Article)
	drawn, _ := st.Timings["drawn"].(float64)
	t.Logf("click to drawn overlay %v ms (opened %v, engine ready %v %v, extracted %v; mode %v)",
		drawn, st.Timings["opened"], st.Timings["engine"], st.Timings["engineParts"], st.Timings["extracted"], st.Timings["mode"])
	if !eval[bool](e, e.ctx, `document.activeElement?.localName === "clean-reader"`) {
		t.Errorf("focus did not move into the reader")
	}
	e.do(e.ctx, chromedp.KeyEvent(kb.Escape))
	open := eval[bool](e, e.ctx, `!!document.querySelector("clean-reader")`)
	after := eval[string](e, e.ctx, `document.documentElement.outerHTML`)
	scrollAfter := eval[float64](e, e.ctx, `scrollY`)
	typed := eval[map[string]any](e, e.ctx, `({q: document.querySelector("#q").value,
		note: document.querySelector("#note").value, focus: document.activeElement.id})`)
	if open {
		t.Fatalf("Escape did not close the reader")
	}
	if before != after {
		t.Errorf("the host DOM changed:\n%s", firstDiff(before, after))
	}
	if scrollBefore != scrollAfter {
		t.Errorf("scroll position %v, was %v", scrollAfter, scrollBefore)
	}
	if typed["q"] != "typed by a person" || typed["note"] != "a note\nover two lines" {
		t.Errorf("typed form text changed: %v", typed)
	}
	if typed["focus"] != "q" {
		t.Errorf("focus went back to %q, want the input it was in", typed["focus"])
	}
	return drawn
}

// TestModuleAPI imports cleanread.js into a page of another origin and
// extracts each seed page: the article text reaches the CLI's bar, and the
// page gains no globals.
func TestModuleAPI(t *testing.T) {
	e := newEnv(t)
	for i, s := range e.seeds {
		// One page in a worker, one on the main thread: both paths are the module's.
		worker := i%2 == 0
		t.Run(s.name, func(t *testing.T) {
			e.t = t
			type result struct {
				Text, Title, Error, Mode string
				Leaked                   []string
				Removed                  struct{ LinkFarms int }
			}
			e.do(e.ctx, chromedp.Navigate(e.host+"/blank"))
			res := eval[result](e, e.ctx, fmt.Sprintf(`(async () => {
  const before = new Set(Object.getOwnPropertyNames(globalThis));
  const html = await (await fetch("/seed/%s")).text();
  const { load } = await import(%q);
  const cr = await load({ worker: %t });
  const r = await cr.extract(html, { url: location.origin + "/seed/%s" });
  const leaked = Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k));
  return { text: r.text, title: r.title, error: r.error || "", mode: cr.mode, leaked, removed: r.removed };
})()`, s.name, e.ours+"/cleanread.js", worker, s.name))
			if res.Error != "" {
				t.Fatalf("extract: %s", res.Error)
			}
			checkQuality(t, "extract().text", s, res.Text)
			if len(res.Leaked) > 0 {
				t.Errorf("the module leaked globals into the page: %v", res.Leaked)
			}
			if want := map[bool]string{true: "worker", false: "main"}[worker]; res.Mode != want {
				t.Errorf("engine mode %q, want %s", res.Mode, want)
			}
			t.Logf("%s: title %q, %d link farm(s) removed, mode %s", s.name, res.Title, res.Removed.LinkFarms, res.Mode)
		})
	}
}

// TestWidget embeds <clean-article> on another origin's page: one renders
// the article, one with a missing page shows the error state.
func TestWidget(t *testing.T) {
	e := newEnv(t)
	s := e.seeds[0]
	type state struct{ Text, Error, Theme string }
	var got state
	e.do(e.ctx, chromedp.Navigate(e.host+"/widget/"+s.name))
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		got = eval[state](e, e.ctx, `(() => {
  const ok = document.getElementById("ok"), bad = document.getElementById("bad");
  return { text: ok.shadowRoot?.querySelector("[part=article]")?.innerText || "",
           error: bad.shadowRoot?.querySelector("[role=alert]")?.innerText || "",
           theme: ok.shadowRoot?.querySelector(".frame")?.dataset.theme || "" };
})()`)
		if got.Text != "" && got.Error != "" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	checkQuality(t, "widget", s, got.Text)
	if !strings.Contains(got.Error, "404") {
		t.Errorf("the widget with a missing page shows %q, want an error naming HTTP 404", got.Error)
	}
	if got.Theme != "sepia" {
		t.Errorf("widget theme %q, want the attribute's sepia", got.Theme)
	}
	if dir := os.Getenv("CLEANREAD_SCREENSHOTS"); dir != "" {
		shot(e, filepath.Join(dir, "widget.png"))
		e.do(e.ctx, chromedp.Navigate(e.ours+"/"), chromedp.WaitVisible(chromedp.ID("stats")))
		time.Sleep(time.Second)
		shot(e, filepath.Join(dir, "demo.png"))
	}
}

// TestCSPMatrix clicks the bookmarklet on pages with each kind of
// Content-Security-Policy: each must end in the reader (overlay, or our
// reader window when the page keeps us out) or in the clear notice.
func TestCSPMatrix(t *testing.T) {
	e := newEnv(t)
	code := e.bookmarklet()
	s := e.seeds[0]
	cases := []struct {
		name, csp string
		coop      bool
		want      string // overlay | window | notice
		page      string // "" for the seed page
	}{
		{"no CSP", "", false, "overlay", ""},
		{"script-src self", "script-src 'self'", false, "window", ""},
		{"host allowed, no wasm-unsafe-eval", "script-src 'self' OURS; connect-src 'self' OURS", false, "window", ""},
		{"default-src self", "default-src 'self'", false, "window", ""},
		{"trusted types, policy allowed", "require-trusted-types-for 'script'; trusted-types cleanread", false, "overlay", ""},
		{"trusted types, no policy allowed", "require-trusted-types-for 'script'; trusted-types 'none'", false, "overlay", ""},
		{"default-src self and COOP", "default-src 'self'", true, "notice", ""},
		// The window gets the page as pageTree reads it, shadow roots
		// included (the page's own inline script draws the article).
		{"web component, script-src self", "script-src 'self' 'unsafe-inline'", false, "window", "/shadow"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.t = t
			q := url.Values{}
			if c.csp != "" {
				q.Set("csp", c.csp)
			}
			if c.coop {
				q.Set("coop", "1")
			}
			path := "/seed/" + s.name
			if c.page != "" {
				path = c.page
			}
			page := e.host + path + "?" + q.Encode()
			popups := chromedp.WaitNewTarget(e.ctx, func(info *target.Info) bool {
				return strings.Contains(info.URL, "/reader.html")
			})
			e.do(e.ctx, chromedp.Navigate(page))
			click(e, code)
			switch c.want {
			case "overlay":
				st := e.waitReader(e.ctx)
				checkQuality(t, "overlay", s, st.Article)
				e.do(e.ctx, chromedp.KeyEvent(kb.Escape))
			case "window":
				var id target.ID
				select {
				case id = <-popups:
				case <-time.After(20 * time.Second):
					st := eval[readerState](e, e.ctx, readReader)
					t.Fatalf("no reader window opened; page state %+v", st)
				}
				wctx, cancel := chromedp.NewContext(e.ctx, chromedp.WithTargetID(id))
				defer cancel()
				// The first Run attaches to the window, for as long as its context
				// lives: so no timeout on it.
				if _, err := chromedp.Run(wctx, chromedp.Location()); err != nil {
					t.Fatalf("attaching to the reader window: %v", err)
				}
				st := e.waitReader(wctx)
				if c.page == "/shadow" {
					if !strings.Contains(st.Article, "restored by volunteers") {
						t.Errorf("reader window: the web component's article is missing: %.300q", st.Article)
					}
				} else {
					checkQuality(t, "reader window", s, st.Article)
				}
				chromedp.Do(wctx, closeTab)
			case "notice":
				var notice string
				deadline := time.Now().Add(20 * time.Second)
				for notice == "" && time.Now().Before(deadline) {
					notice = eval[string](e, e.ctx, `document.querySelector("clean-reader-notice")?.shadowRoot.querySelector("[role=alert]")?.innerText || ""`)
					time.Sleep(50 * time.Millisecond)
				}
				if !strings.Contains(notice, "Cross-Origin-Opener-Policy") {
					t.Fatalf("notice %q, want one naming the page's Cross-Origin-Opener-Policy", notice)
				}
			}
		})
	}
}

// closeTab closes the tab of the context.
var closeTab = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	c := chromedp.FromContext(ctx)
	_, err := cdp.Call(ctx, c.Browser, target.CloseTarget, target.CloseTargetParams{TargetID: c.Target.TargetID})
	return err
})

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Sprintf("before: …%s…\nafter:  …%s…", a[lo:min(len(a), i+80)], b[lo:min(len(b), i+80)])
}

// TestThemes opens the reader in each theme, measures the contrast of its
// text, muted text, links and controls against their backgrounds (WCAG AA:
// 4.5:1), checks keyboard focus stays inside the dialog, and takes
// screenshots (to $CLEANREAD_SCREENSHOTS when set) for a person to look at.
func TestThemes(t *testing.T) {
	e := newEnv(t)
	code := e.bookmarklet()
	dir := os.Getenv("CLEANREAD_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := []struct{ name, url string }{
		{"zh", e.host + "/seed/" + e.seeds[0].name},
		{"en", e.ours + "/samples/en-blog.html"},
		{"ar", e.ours + "/samples/ar-news.html"},
	}
	for _, p := range pages {
		e.t = t
		e.do(e.ctx, chromedp.Navigate(p.url))
		click(e, code)
		e.waitReader(e.ctx)
		if p.name == "ar" {
			if dir := eval[string](e, e.ctx, `document.querySelector("clean-reader").shadowRoot.querySelector(".page").dir`); dir != "rtl" {
				t.Errorf("the Arabic page is laid out %q, want rtl", dir)
			}
		}
		for _, theme := range []string{"light", "sepia", "dark", "system"} {
			t.Run(p.name+"/"+theme, func(t *testing.T) {
				e.t = t
				eval[chromedp.Void](e, e.ctx, fmt.Sprintf(`document.querySelector("clean-reader").shadowRoot
					.querySelector('button[data-set=theme][data-value=%s]').click()`, theme))
				low := eval[[]string](e, e.ctx, contrastJS)
				for _, l := range low {
					t.Errorf("contrast below AA: %s", l)
				}
				shot(e, filepath.Join(dir, "reader-"+p.name+"-"+theme+".png"))
			})
		}
		e.t = t
		// The "show what was removed" panel.
		eval[chromedp.Void](e, e.ctx, `document.querySelector("clean-reader").shadowRoot.querySelector("[data-action=removed]").click()`)
		if n := eval[int](e, e.ctx, `document.querySelector("clean-reader").shadowRoot.querySelectorAll(".removed:not([hidden]) li").length`); n == 0 {
			t.Errorf("%s: the removed panel lists nothing", p.name)
		}
		shot(e, filepath.Join(dir, "reader-"+p.name+"-removed.png"))
		// Tab never leaves the dialog.
		for i := 0; i < 25; i++ {
			e.do(e.ctx, chromedp.KeyEvent(kb.Tab))
			if !eval[bool](e, e.ctx, `document.activeElement?.localName === "clean-reader"`) {
				t.Fatalf("Tab %d moved focus out of the reader, to %s", i+1,
					eval[string](e, e.ctx, `document.activeElement?.outerHTML.slice(0, 80) || "nothing"`))
			}
		}
		e.do(e.ctx, chromedp.KeyEvent(kb.Escape))
	}
}

// shot saves a screenshot of the page for a person to look at.
func shot(e *env, file string) {
	e.t.Helper()
	png, err := chromedp.Run(e.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.t.Logf("screenshot %s", file)
}

// contrastJS lists the reader's text colours that fall below 4.5:1 against
// the background they are drawn on.
const contrastJS = `(() => {
  const root = document.querySelector("clean-reader").shadowRoot;
  const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const bg = (el) => {
    for (; el; el = el.parentElement || el.getRootNode().host) {
      const c = getComputedStyle(el).backgroundColor;
      if (c && !/rgba\(.*, 0\)$/.test(c) && c !== "transparent") return c;
    }
    return "rgb(255, 255, 255)";
  };
  const out = [];
  const check = (sel, what) => {
    for (const el of [...root.querySelectorAll(sel)].slice(0, 5)) {
      const fg = getComputedStyle(el).color, b = bg(el);
      const [l1, l2] = [lum(fg), lum(b)].sort((x, y) => y - x);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      if (ratio < 4.5) out.push(what + ": " + fg + " on " + b + " = " + ratio.toFixed(2));
    }
  };
  check(".page p, .page li", "text");
  check(".meta, .site", "muted text");
  check("article a", "link");
  check(".bar button", "control");
  check(".removed .why, .removed q", "removed panel");
  return out;
})()`

// TestPageHTML checks the bookmarklet's serialisation of the live page:
// on each seed page, and on a page with a heavy head and top-level body
// scripts, extract(pageHTML(document)) gives what extract(outerHTML)
// gives, while the string leaves out the head's style sheets and scripts
// and the body's top-level scripts, and keeps the metadata.
func TestPageHTML(t *testing.T) {
	e := newEnv(t)
	for _, p := range e.withSeeds("/heavy") {
		t.Run(strings.TrimPrefix(p, "/"), func(t *testing.T) {
			e.t = t
			type result struct {
				Same                                 bool
				Diff                                 string
				FullLen, LeanLen                     int
				HasStyle, HasAppScript, HasLD, Title bool
				Lang                                 string
			}
			e.do(e.ctx, chromedp.Navigate(e.host+p))
			res := eval[result](e, e.ctx, fmt.Sprintf(`(async () => {
  const { load, pageHTML } = await import(%q);
  const cr = await load({ worker: false });
  const full = document.documentElement.outerHTML, lean = pageHTML(document);
  const a = await cr.extract(full, { url: location.href }), b = await cr.extract(lean, { url: location.href });
  const keys = ["title", "byline", "published", "lang", "dir", "markdown", "leadImage"];
  const diff = keys.filter((k) => a[k] !== b[k]).join(",");
  return { same: diff === "", diff, fullLen: full.length, leanLen: lean.length,
    hasStyle: /<style/i.test(lean), hasAppScript: lean.includes("window.appState"),
    hasLD: lean.includes("application/ld+json"), title: lean.includes("<title>"),
    lang: (lean.match(/<html[^>]*lang="([^"]*)"/) || [])[1] || "" };
})()`, e.ours+"/cleanread.js"))
			if !res.Same {
				t.Errorf("extraction differs between outerHTML and pageHTML in: %s", res.Diff)
			}
			if !res.Title {
				t.Errorf("pageHTML dropped the <title>")
			}
			if p == "/heavy" {
				if res.HasStyle || res.HasAppScript {
					t.Errorf("pageHTML kept style sheets (%v) or the top-level application script (%v)", res.HasStyle, res.HasAppScript)
				}
				if !res.HasLD || res.Lang != "en" {
					t.Errorf("pageHTML lost the JSON-LD (%v) or the html lang (%q)", res.HasLD, res.Lang)
				}
			}
			t.Logf("%s: %d -> %d characters", p, res.FullLen, res.LeanLen)
		})
	}
}

// TestPageTree checks the reader's reading of the live page: on each seed
// page, the heavy page and a page of the live DOM's oddities, the result
// of extract(pageTree(document)) is the result of
// extract(pageHTML(document)) (the engine then parses HTML itself), field
// by field, while the tree carries no script or style code; on a page
// nested 20000 deep the walk (iterative) and the extraction still work;
// on a web component's page the tree has what is drawn from shadow roots
// and slots.
func TestPageTree(t *testing.T) {
	e := newEnv(t)
	for _, p := range e.withSeeds("/heavy", "/tricky", "/deep", "/shadow") {
		t.Run(strings.TrimPrefix(p, "/"), func(t *testing.T) {
			e.t = t
			type result struct {
				Diff, Error, Text, Byline string
				TreeLen, HTMLLen          int
				HasCode, UpperAttr        bool
			}
			e.do(e.ctx, chromedp.Navigate(e.host+p))
			res := eval[result](e, e.ctx, fmt.Sprintf(`(async () => {
  const { load, pageHTML, pageTree } = await import(%q);
  const cr = await load({ worker: false });
  const doc = globalThis.deepDoc || document;
  const tree = pageTree(doc), html = doc === document ? pageHTML(doc) : "";
  const a = await cr.extract(tree, { url: location.href }), b = html ? await cr.extract(html, { url: location.href }) : a;
  const js = (x) => JSON.stringify(x);
  const k = Object.keys(b).find((k) => js(a[k]) !== js(b[k]));
  return { diff: k ? k + ": " + js(a[k]).slice(0, 400) + " vs " + js(b[k]).slice(0, 400) : "",
    error: a.error || "", text: a.text || "", byline: a.byline || "", treeLen: tree.tree.length, htmlLen: html.length,
    hasCode: /\.a\{color:red\}|appState|var tracking/.test(tree.tree), upperAttr: tree.tree.includes("data-Kept\0upper case\0") };
})()`, e.ours+"/cleanread.js"))
			if res.Error != "" || res.Text == "" {
				t.Fatalf("extract(pageTree): error %q, %d characters of text", res.Error, len(res.Text))
			}
			switch {
			case p == "/deep":
				if !strings.Contains(res.Text, "The bottom of a very deep page") {
					t.Errorf("the deep page's text is lost: %.200q", res.Text)
				}
			case p == "/shadow":
				// The tree shows what is drawn, which the page's HTML
				// does not hold: the shadow root's text, the slotted byline.
				for _, want := range []string{"restored by volunteers", "Twelve lamps on the harbour wall", "fallback text of the default slot"} {
					if !strings.Contains(res.Text, want) {
						t.Errorf("shadow page: %q missing from %.300q", want, res.Text)
					}
				}
				if res.Byline != "Ann Lee" {
					t.Errorf("shadow page: byline %q, want the slotted %q", res.Byline, "Ann Lee")
				}
			case res.Diff != "":
				t.Errorf("extract(pageTree) differs from extract(pageHTML) in %s", res.Diff)
			}
			if res.HasCode {
				t.Errorf("the tree carries script or style code")
			}
			if p == "/tricky" && !res.UpperAttr {
				// (getAttribute lower-cases the name it is given on an
				// HTML element; a script can set one that is not.)
				t.Errorf("tricky page: an attribute with capitals in its name is missing from the tree")
			}
			if p == "/tricky" {
				// (svg is not text; the no-break space before » is no
				// double encoding.)
				for _, want := range []string{"dit l’opérateur, après un hiver difficile", "Un traitement automatisé", "!dans le svg", "!頻"} {
					if absent := strings.HasPrefix(want, "!"); strings.Contains(res.Text, strings.TrimPrefix(want, "!")) == absent {
						t.Errorf("tricky page: %q should be %s the text: %.600q", strings.TrimPrefix(want, "!"), map[bool]string{true: "absent from", false: "in"}[absent], res.Text)
					}
				}
			}
			t.Logf("%s: tree %d characters, HTML %d", p, res.TreeLen, res.HTMLLen)
		})
	}
}
