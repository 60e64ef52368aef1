package web_test

// TestReaderControls drives the overlay's controls that the other browser
// tests only look at, in one browser:
//
//   - settings persist per user: on another site's page (through our
//     storage.html frame, since the overlay must not write into the host's
//     storage), including a change made before that frame answered; and on
//     our own origin (the demo page) through localStorage;
//   - "Copy Markdown" puts the engine's Markdown on the clipboard;
//   - "Print" prints the article alone, from a frame inside our shadow root,
//     never the host page;
//   - every control is reachable with Tab, in a cycle that stays in the
//     dialog both ways, and works from the keyboard.
//
// The controls are clicked with real mouse events (CDP Input), not
// element.click(), so user activation is as a person's click gives it.

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// ctlRoot is the overlay's shadow root, in JavaScript.
const ctlRoot = `document.querySelector("clean-reader").shadowRoot`

// ctlSettings is what the overlay shows of its settings.
type ctlSettings struct {
	Theme string `json:"theme"`
	Size  string `json:"size"`
	Font  string `json:"font"`
	// Pressed lists the data-value of each toolbar button shown pressed.
	Pressed []string `json:"pressed"`
}

const ctlReadSettings = `(() => {
  const root = ` + ctlRoot + `, f = root.querySelector(".frame");
  return { theme: f.dataset.theme, size: f.style.getPropertyValue("--size").trim(), font: f.dataset.font,
    pressed: [...root.querySelectorAll("button[aria-pressed=true]")].map((b) => b.dataset.value) };
})()`

// ctlClick clicks the overlay's element matching sel with the mouse.
func (e *env) ctlClick(sel string) {
	e.t.Helper()
	e.do(e.ctx, chromedp.Click(chromedp.JSPath(fmt.Sprintf(ctlRoot+`.querySelector(%q)`, sel))))
}

// ctlOpen loads url and opens the reader on it with the bookmarklet.
func (e *env) ctlOpen(code, url string) readerState {
	e.t.Helper()
	e.do(e.ctx, chromedp.Navigate(url))
	click(e, code)
	return e.waitReader(e.ctx)
}

// ctlWaitSettings polls until the overlay shows want (settings from our
// storage frame arrive asynchronously), and returns what it shows.
func (e *env) ctlWaitSettings(want ctlSettings) ctlSettings {
	e.t.Helper()
	var got ctlSettings
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		got = eval[ctlSettings](e, e.ctx, ctlReadSettings)
		if got.Theme == want.Theme && got.Size == want.Size && got.Font == want.Font {
			break
		}
	}
	return got
}

func TestReaderControls(t *testing.T) {
	e := newEnv(t)
	code := e.bookmarklet()
	s := e.seeds[0]
	hostPage := e.host + "/page/" + s.name
	start := time.Now()
	// ensureOpen opens the reader on the host page unless a subtest before
	// left it open there.
	ensureOpen := func() {
		e.t.Helper()
		if !eval[bool](e, e.ctx, `location.pathname.startsWith("/page/") && document.querySelector("clean-reader")?.dataset.state === "shown"`) {
			e.ctlOpen(code, hostPage)
		}
	}

	t.Run("settings persist on another site", func(t *testing.T) {
		e.t = t
		e.do(e.ctx, chromedp.Navigate(hostPage))
		// The theme is chosen the moment the overlay appears, before our
		// storage frame can have answered with what it keeps: the answer
		// must not undo the choice.
		eval[chromedp.Void](e, e.ctx, `new MutationObserver((_, o) => {
  const r = document.querySelector("clean-reader");
  if (!r) return;
  o.disconnect();
  r.shadowRoot.querySelector("button[data-set=theme][data-value=dark]").click();
}).observe(document.documentElement, { childList: true })`)
		click(e, code)
		e.waitReader(e.ctx)
		// Once the storage frame has loaded (the page's resource timing
		// lists it then), its answer is a message away.
		storage := fmt.Sprintf(`performance.getEntriesByName(%q).length > 0`, e.ours+"/storage.html")
		for deadline := time.Now().Add(10 * time.Second); !eval[bool](e, e.ctx, storage); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the reader's storage frame did not load within 10s")
			}
		}
		time.Sleep(300 * time.Millisecond)
		if got := eval[ctlSettings](e, e.ctx, ctlReadSettings); got.Theme != "dark" {
			t.Errorf("the theme chosen while the reader was loading was undone when our storage frame answered: shows %q, want dark", got.Theme)
		}
		before := eval[ctlSettings](e, e.ctx, ctlReadSettings)
		e.ctlClick("button[data-set=size][data-value='+1']")
		e.ctlClick("button[data-set=size][data-value='+1']")
		e.ctlClick("button[data-set=font][data-value=sans]")
		e.ctlClick("button[data-set=theme][data-value=dark]")
		want := eval[ctlSettings](e, e.ctx, ctlReadSettings)
		if want.Size == before.Size || want.Theme != "dark" || want.Font != "sans" {
			t.Fatalf("the controls did not change the settings: before %+v, after %+v", before, want)
		}
		for _, v := range []string{"dark", "sans"} {
			if !slices.Contains(want.Pressed, v) {
				t.Errorf("the %s button is not shown pressed (pressed: %v)", v, want.Pressed)
			}
		}
		e.do(e.ctx, chromedp.KeyEvent(kb.Escape))
		if eval[bool](e, e.ctx, `!!document.querySelector("clean-reader")`) {
			t.Fatal("Escape did not close the reader")
		}
		e.ctlOpen(code, hostPage) // the page loaded again, the reader opened again
		if got := e.ctlWaitSettings(want); got.Theme != want.Theme || got.Size != want.Size || got.Font != want.Font {
			t.Errorf("after reloading the host page the reader shows %+v, want the settings chosen before %+v", got, want)
		}
		// Kept in our origin's storage, never the host's.
		if keys := eval[[]string](e, e.ctx, `Object.keys(localStorage)`); len(keys) > 0 {
			t.Errorf("the reader wrote into the host page's localStorage: %v", keys)
		}
	})

	t.Run("copy Markdown", func(t *testing.T) {
		e.t = t
		ensureOpen()
		// The clipboard wants a focused document, which a headless tab is not
		// unless told to act as one.
		if _, err := chromedp.Call(e.ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
			t.Fatalf("focus emulation: %v", err)
		}
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			_, err := chromedp.CallBrowser(e.ctx, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: e.host})
			if err != nil {
				t.Fatalf("granting %s: %v", name, err)
			}
		}
		// Something else on the clipboard first, so a copy that did nothing shows.
		eval[chromedp.Void](e, e.ctx, `navigator.clipboard.writeText("not the article")`)
		md := eval[string](e, e.ctx, `document.querySelector("clean-reader").result.markdown`)
		title := eval[string](e, e.ctx, `document.querySelector("clean-reader").result.title`)
		if md == "" || title == "" {
			t.Fatalf("the engine's result has no markdown (%d bytes) or title (%q)", len(md), title)
		}
		e.ctlClick("[data-action=copy]")
		var got, status string
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			got = eval[string](e, e.ctx, `navigator.clipboard.readText()`)
			status = eval[string](e, e.ctx, ctlRoot+`.querySelector(".status").textContent`)
			if got != "not the article" && status != "" {
				break
			}
		}
		if got != md {
			t.Errorf("the clipboard holds %.200q, want the engine's markdown %.200q", got, md)
		}
		if !strings.HasPrefix(got, "# "+title) {
			t.Errorf("the copied Markdown does not start with the title heading %q: %.80q", "# "+title, got)
		}
		if status != "Markdown copied" {
			t.Errorf("the reader's status says %q, want %q", status, "Markdown copied")
		}
	})

	t.Run("print", func(t *testing.T) {
		e.t = t
		ensureOpen()
		// Stub print on the host window and on every frame window the page
		// reaches through contentWindow (the reader's print frame among
		// them); each call records the document it would print.
		eval[chromedp.Void](e, e.ctx, `(() => {
  const calls = globalThis.__crPrints = [];
  const stub = (w) => function () {
    const d = w.document, fe = w.frameElement;
    calls.push({ top: w === window, text: d.body ? d.body.textContent : "", title: d.title,
      sheets: d.adoptedStyleSheets.length + d.styleSheets.length,
      inReader: !!fe && fe.getRootNode() === document.querySelector("clean-reader")?.shadowRoot });
  };
  window.print = stub(window);
  const desc = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, "contentWindow");
  globalThis.__crUnstub = () => Object.defineProperty(HTMLIFrameElement.prototype, "contentWindow", desc);
  Object.defineProperty(HTMLIFrameElement.prototype, "contentWindow", { configurable: true, get() {
    const w = desc.get.call(this);
    try { if (w && w.print.name !== "") w.print = stub(w); } catch { /* another origin's frame */ }
    return w;
  } });
})()`)
		framesBefore := eval[int](e, e.ctx, `document.querySelectorAll("iframe").length`)
		e.ctlClick("[data-action=print]")
		type printCall struct {
			Top, InReader bool
			Text, Title   string
			Sheets        int
		}
		calls := eval[[]printCall](e, e.ctx, `(() => { globalThis.__crUnstub(); return globalThis.__crPrints; })()`)
		if len(calls) != 1 {
			t.Fatalf("print was called %d times, want once: %+v", len(calls), calls)
		}
		c := calls[0]
		if c.Top || !c.InReader {
			t.Errorf("print was called on the wrong window (the host's: %t; a frame in the reader's shadow root: %t)", c.Top, c.InReader)
		}
		art := eval[map[string]string](e, e.ctx, `(() => { const r = document.querySelector("clean-reader");
  return { title: r.result.title, first: r.shadowRoot.querySelector("[part=article] p")?.textContent.trim() || "" }; })()`)
		if !strings.Contains(c.Text, art["title"]) || art["first"] == "" || !strings.Contains(c.Text, art["first"]) {
			t.Errorf("the printed document lacks the article's title %q or first paragraph %.60q: %.200q", art["title"], art["first"], c.Text)
		}
		var host []string
		for _, f := range s.forbidden {
			if strings.Contains(c.Text, f) {
				host = append(host, f)
			}
		}
		if len(host) > 0 {
			t.Errorf("the printed document holds %d texts of the host page, such as %q", len(host), host[0])
		}
		if strings.Contains(c.Text, "Copy Markdown") {
			t.Errorf("the printed document holds the reader's toolbar")
		}
		if c.Title != art["title"] {
			t.Errorf("the printed document's title is %q, want the article's %q", c.Title, art["title"])
		}
		if c.Sheets == 0 {
			t.Errorf("the printed document has no stylesheet")
		}
		if n := eval[int](e, e.ctx, `document.querySelectorAll("iframe").length`); n != framesBefore {
			t.Errorf("printing added a frame to the host page's DOM (%d frames, were %d)", n, framesBefore)
		}
	})

	t.Run("keyboard", func(t *testing.T) {
		e.t = t
		ensureOpen()
		// Every control the reader has, and everything Tab can reach in it.
		type inventory struct {
			Controls []string `json:"controls"`
			Stops    int      `json:"stops"`
		}
		const label = `(el) => el.dataset?.set ? el.dataset.set + ":" + el.dataset.value :
  el.dataset?.action ? el.dataset.action : el.localName + ":" + (el.getAttribute("href") || el.textContent).slice(0, 40)`
		inv := eval[inventory](e, e.ctx, `(() => {
  const root = `+ctlRoot+`;
  const vis = (el) => el.getClientRects().length > 0;
  return { controls: [...root.querySelectorAll(".bar button:not([disabled])")].filter(vis).map(`+label+`),
    stops: [...root.querySelectorAll("button:not([disabled]), a[href], summary, [tabindex='0']")].filter(vis).length };
})()`)
		if len(inv.Controls) < 12 {
			t.Fatalf("the toolbar has %d enabled controls: %v", len(inv.Controls), inv.Controls)
		}
		// Record where focus goes, from the dialog itself, over one cycle
		// and one step more, then one Shift+Tab.
		eval[chromedp.Void](e, e.ctx, `(() => {
  const root = `+ctlRoot+`, label = `+label+`;
  root.querySelector(".frame").focus();
  globalThis.__crFocus = [];
  root.addEventListener("focusin", (ev) => __crFocus.push(document.activeElement === root.host ? label(ev.target) : "OUTSIDE"));
  document.addEventListener("focusin", (ev) => { if (ev.target !== root.host) __crFocus.push("OUTSIDE " + ev.target.localName); });
})()`)
		keys := make([]chromedp.Action[chromedp.Void], 0, inv.Stops+2)
		for i := 0; i <= inv.Stops; i++ {
			keys = append(keys, chromedp.KeyEvent(kb.Tab))
		}
		keys = append(keys, chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
		e.do(e.ctx, keys...)
		seen := eval[[]string](e, e.ctx, `__crFocus`)
		if len(seen) != inv.Stops+2 {
			t.Fatalf("%d Tabs and a Shift+Tab moved focus %d times, want %d: %v", inv.Stops+1, len(seen), inv.Stops+2, seen)
		}
		for _, f := range seen {
			if strings.HasPrefix(f, "OUTSIDE") {
				t.Fatalf("focus left the reader (%s): %v", f, seen)
			}
		}
		for _, c := range inv.Controls {
			if !slices.Contains(seen[:inv.Stops], c) {
				t.Errorf("Tab never reaches the %s control: %v", c, seen)
			}
		}
		// After the last stop Tab wraps to the first, and Shift+Tab back.
		if seen[inv.Stops] != seen[0] || seen[inv.Stops+1] != seen[inv.Stops-1] {
			t.Errorf("Tab does not cycle: first %s, after the last %s; Shift+Tab from the first went to %s, want %s",
				seen[0], seen[inv.Stops], seen[inv.Stops+1], seen[inv.Stops-1])
		}
		// A control works from the keyboard: Enter on "Removed" opens its panel.
		if slices.Contains(inv.Controls, "removed") {
			eval[chromedp.Void](e, e.ctx, ctlRoot+`.querySelector("[data-action=removed]").focus()`)
			e.do(e.ctx, chromedp.KeyEvent(kb.Enter))
			if !eval[bool](e, e.ctx, `!`+ctlRoot+`.querySelector(".removed").hidden`) {
				t.Errorf("Enter on the Removed button did not open the panel")
			}
		}
		e.do(e.ctx, chromedp.KeyEvent(kb.Escape))
	})

	t.Run("settings persist on our origin", func(t *testing.T) {
		e.t = t
		openDemo := func() {
			e.do(e.ctx, chromedp.Navigate(e.ours+"/"), chromedp.WaitEnabled(chromedp.ID("open-reader")))
			e.do(e.ctx, chromedp.Click(chromedp.ID("open-reader")))
			e.do(e.ctx, chromedp.WaitVisible(chromedp.JSPath(ctlRoot+`.querySelector("[part=article]")`)))
		}
		openDemo()
		e.ctlClick("button[data-set=theme][data-value=sepia]")
		e.ctlClick("button[data-set=size][data-value='-1']")
		e.ctlClick("button[data-set=font][data-value=serif]")
		want := eval[ctlSettings](e, e.ctx, ctlReadSettings)
		if want.Theme != "sepia" || want.Font != "serif" {
			t.Fatalf("the controls did not change the settings: %+v", want)
		}
		e.do(e.ctx, chromedp.KeyEvent(kb.Escape))
		stored := eval[string](e, e.ctx, `localStorage.getItem("cleanread.settings.v1") || ""`)
		if !strings.Contains(stored, `"theme":"sepia"`) {
			t.Errorf("our origin's localStorage holds %q, want the sepia theme", stored)
		}
		openDemo()
		// On our own origin the settings are there at once, not later.
		if got := eval[ctlSettings](e, e.ctx, ctlReadSettings); got.Theme != want.Theme || got.Size != want.Size || got.Font != want.Font {
			t.Errorf("after reloading the demo page the reader shows %+v, want %+v", got, want)
		}
		e.do(e.ctx, chromedp.KeyEvent(kb.Escape))
	})
	e.t = t
	t.Logf("reader controls: %.1f s in the browser", time.Since(start).Seconds())
}
