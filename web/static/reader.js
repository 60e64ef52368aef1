// reader.js: <clean-reader>, the reader overlay the bookmarklet opens over
// any page.
//
//   const r = document.createElement("clean-reader");
//   r.open();            // adds itself to the page, moves focus in, traps it
//   r.loading();         // spinner while the engine works
//   r.show(result);      // the engine's result object
//   r.close();           // Escape and the close button do this too
//
// Everything is drawn in an open shadow root with constructable stylesheets,
// so the host page is left exactly as it was: its DOM, scroll position and
// form contents are untouched, and focus returns where it was on close.

import { adoptStyles } from "./styles.js";
import { buildPage, keepAnchorsInside } from "./render.js";
import { settings } from "./settings.js";

const SIZES = [15, 17, 19, 21, 24, 28, 32];

const TEMPLATE = [
  ["group", "Theme", [
    ["theme", "light", "Light"], ["theme", "sepia", "Sepia"], ["theme", "dark", "Dark"],
    ["theme", "system", "Auto", "Follow the system's light or dark setting"]]],
  ["group", "Text size", [
    ["size", "-1", "A−", "Smaller text"], ["size", "+1", "A+", "Larger text"]]],
  ["group", "Line width", [
    ["width", "narrow", "Narrow"], ["width", "medium", "Medium"], ["width", "wide", "Wide"]]],
  ["group", "Typeface", [["font", "serif", "Serif"], ["font", "sans", "Sans"]]],
];

export class CleanReader extends HTMLElement {
  #root;
  #frame;
  #body;
  #status;
  #removedBtn;
  #result = null;
  #returnFocus = null;
  #scroll = null;
  #onFocusIn = null;
  #unsubscribe = null;

  /** Timings of the last open, in ms since `t0` (set by the bookmarklet). */
  timings = {};

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
    adoptStyles(this.#root);
    const doc = this.ownerDocument;
    const frame = doc.createElement("div");
    frame.className = "frame overlay";
    frame.setAttribute("role", "dialog");
    frame.setAttribute("aria-modal", "true");
    frame.setAttribute("aria-label", "Reader view");
    frame.tabIndex = -1;
    frame.setAttribute("part", "frame");
    // Our controls are English and left to right whatever the host page's
    // direction (which `all: initial` does not reset); the article sets its own.
    frame.dir = "ltr";

    const bar = doc.createElement("div");
    bar.className = "bar";
    bar.setAttribute("part", "toolbar");
    for (const [, label, buttons] of TEMPLATE) {
      const g = doc.createElement("div");
      g.className = "group";
      g.setAttribute("role", "group");
      g.setAttribute("aria-label", label);
      for (const [name, value, text, title] of buttons) {
        const b = button(doc, text, title);
        b.dataset.set = name;
        b.dataset.value = value;
        if (name !== "size") b.setAttribute("aria-pressed", "false");
        g.append(b);
      }
      bar.append(g);
    }
    const spacer = doc.createElement("span");
    spacer.className = "spacer";
    const actions = doc.createElement("div");
    actions.className = "group";
    actions.setAttribute("role", "group");
    actions.setAttribute("aria-label", "Actions");
    const copy = button(doc, "Copy Markdown", "Copy the article as Markdown");
    copy.dataset.action = "copy";
    const print = button(doc, "Print");
    print.dataset.action = "print";
    this.#removedBtn = button(doc, "Removed", "Show what the reader removed from the page");
    this.#removedBtn.dataset.action = "removed";
    this.#removedBtn.setAttribute("aria-expanded", "false");
    const close = button(doc, "✕", "Close the reader (Escape)");
    close.dataset.action = "close";
    close.setAttribute("aria-label", "Close reader");
    actions.append(copy, print, this.#removedBtn, close);
    this.#status = doc.createElement("span");
    this.#status.className = "status";
    this.#status.setAttribute("role", "status");
    bar.append(spacer, this.#status, actions);

    this.#body = doc.createElement("div");
    this.#body.className = "body";
    frame.append(bar, this.#body);
    this.#root.append(frame);
    this.#frame = frame;

    bar.addEventListener("click", (e) => this.#onBar(e));
    frame.addEventListener("keydown", (e) => this.#onKey(e));
    keepAnchorsInside(this.#root, this.#body);
    this.#apply(settings.get());
  }

  /** Adds the overlay to the page (if it is not there yet) and moves focus into it. */
  open() {
    const doc = this.ownerDocument;
    if (!this.isConnected) {
      this.#returnFocus = doc.activeElement;
      this.#scroll = [doc.defaultView.scrollX, doc.defaultView.scrollY];
      // Beside <body>, not in it: host rules for "body *" do not reach us.
      doc.documentElement.append(this);
    }
    this.#onFocusIn = (e) => {
      if (e.target !== this) this.#frame.focus({ preventScroll: true });
    };
    doc.addEventListener("focusin", this.#onFocusIn, true);
    this.#unsubscribe?.();
    this.#unsubscribe = settings.subscribe((s) => this.#apply(s));
    settings.attach(this.#root);
    this.#apply(settings.get());
    this.#frame.focus({ preventScroll: true });
    return this;
  }

  /** Removes the overlay and gives the page back its focus and scroll position. */
  close() {
    if (!this.isConnected) return;
    const doc = this.ownerDocument;
    doc.removeEventListener("focusin", this.#onFocusIn, true);
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.remove();
    const back = this.#returnFocus;
    if (back && back.isConnected && typeof back.focus === "function" && back !== doc.body) {
      back.focus({ preventScroll: true });
    } else {
      doc.activeElement?.blur?.();
    }
    if (this.#scroll) doc.defaultView.scrollTo(this.#scroll[0], this.#scroll[1]);
    this.dispatchEvent(new Event("close"));
  }

  /** Shows a loading state. */
  loading(message = "Reading the page…") {
    this.#result = null;
    this.#body.replaceChildren(this.#notice(message, "loading"));
    this.#frame.setAttribute("aria-busy", "true");
  }

  /** Shows a message instead of an article (errors, pages with nothing to read). */
  fail(message) {
    this.#result = null;
    this.#frame.removeAttribute("aria-busy");
    const n = this.#notice(message, "notice");
    n.setAttribute("role", "alert");
    this.#body.replaceChildren(n);
  }

  /** Renders one result object of the engine. */
  show(result) {
    this.#frame.removeAttribute("aria-busy");
    if (result.error) {
      this.fail(result.errorKind === "no-article"
        ? "The reader found no article on this page."
        : `The reader could not read this page: ${result.error}`);
      return;
    }
    this.#result = result;
    const doc = this.ownerDocument;
    const { page } = buildPage(result, doc);
    // The page's direction is the article's (buildPage sets it); the
    // controls keep the direction of their own (English) labels.
    const title = page.querySelector("h1.title");
    title.id = "cr-title";
    this.#frame.removeAttribute("aria-label");
    this.#frame.setAttribute("aria-labelledby", "cr-title");
    const panel = removedPanel(doc, result.removed);
    this.#body.replaceChildren(panel, page);
    const n = result.removed?.details?.length || 0;
    this.#removedBtn.textContent = `Removed (${n})`;
    this.#removedBtn.disabled = n === 0;
    this.#removedBtn.setAttribute("aria-expanded", "false");
    this.#frame.scrollTop = 0;
  }

  /** The result on show, for tests and embedders. */
  get result() {
    return this.#result;
  }

  #notice(text, cls) {
    const d = this.ownerDocument.createElement("div");
    d.className = "page";
    const p = this.ownerDocument.createElement("p");
    p.className = cls;
    p.textContent = text;
    d.append(p);
    return d;
  }

  #apply(s) {
    const f = this.#frame;
    f.dataset.theme = s.theme;
    f.dataset.width = s.width;
    f.dataset.font = s.font;
    f.style.setProperty("--size", SIZES[s.size] + "px");
    for (const b of this.#root.querySelectorAll("button[data-set]")) {
      if (b.dataset.set === "size") {
        b.disabled = (b.dataset.value === "-1" && s.size === 0) ||
          (b.dataset.value === "+1" && s.size === SIZES.length - 1);
      } else {
        b.setAttribute("aria-pressed", String(s[b.dataset.set] === b.dataset.value));
      }
    }
  }

  #onBar(e) {
    const b = e.target.closest("button");
    if (!b || b.disabled) return;
    if (b.dataset.set) {
      const s = { ...settings.get() };
      if (b.dataset.set === "size") {
        s.size = Math.min(SIZES.length - 1, Math.max(0, s.size + Number(b.dataset.value)));
      } else {
        s[b.dataset.set] = b.dataset.value;
      }
      settings.set(s);
      this.#apply(s);
      if (b.disabled) this.#frame.focus({ preventScroll: true }); // e.g. A+ at the largest size
      return;
    }
    switch (b.dataset.action) {
      case "close": this.close(); break;
      case "copy": this.#copy(); break;
      case "print": this.#print(); break;
      case "removed": {
        const panel = this.#root.querySelector(".removed");
        if (!panel) return;
        panel.hidden = !panel.hidden;
        b.setAttribute("aria-expanded", String(!panel.hidden));
        if (!panel.hidden) this.#frame.scrollTop = 0;
      }
    }
  }

  #onKey(e) {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      this.close();
      return;
    }
    if (e.key === "Tab") this.#trap(e);
    // Keys typed in the reader are the reader's: host shortcuts listening on
    // the document must not see them.
    e.stopPropagation();
  }

  #trap(e) {
    const items = [...this.#root.querySelectorAll("button:not([disabled]), a[href], summary, [tabindex='0']")]
      .filter((el) => el.getClientRects().length > 0);
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    const active = this.#root.activeElement;
    if (e.shiftKey && (active === first || active === this.#frame)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  }

  async #copy() {
    const md = this.#result?.markdown;
    if (!md) return;
    let ok = false;
    try {
      await navigator.clipboard.writeText(md);
      ok = true;
    } catch {
      // No clipboard API here (insecure page, or permission): the old way,
      // with a textarea inside our shadow root.
      const ta = this.ownerDocument.createElement("textarea");
      ta.value = md;
      ta.className = "visually-hidden";
      this.#root.append(ta);
      ta.select();
      try { ok = this.ownerDocument.execCommand("copy"); } catch { ok = false; }
      ta.remove();
      this.#root.querySelector("[data-action=copy]")?.focus();
    }
    this.#say(ok ? "Markdown copied" : "Copy failed");
  }

  // Printing the page would print the host under us, so the article is
  // printed from a blank frame of its own inside our shadow root.
  #print() {
    const page = this.#root.querySelector(".page");
    if (!page) return;
    const doc = this.ownerDocument;
    const iframe = doc.createElement("iframe");
    iframe.className = "visually-hidden";
    iframe.setAttribute("aria-hidden", "true");
    iframe.tabIndex = -1;
    this.#root.append(iframe);
    const pdoc = iframe.contentDocument;
    const win = iframe.contentWindow;
    if (!pdoc || !win) { iframe.remove(); return; }
    pdoc.title = this.#result?.title || "Article";
    adoptStyles(pdoc);
    const frame = pdoc.importNode(this.#frame, false);
    frame.className = "frame";
    frame.removeAttribute("role");
    frame.append(pdoc.importNode(page, true));
    pdoc.body.style.margin = "0";
    pdoc.body.append(frame);
    win.addEventListener("afterprint", () => iframe.remove());
    win.focus();
    win.print();
    setTimeout(() => iframe.isConnected && iframe.remove(), 60000);
  }

  #say(text) {
    this.#status.textContent = text;
    clearTimeout(this._sayTimer);
    this._sayTimer = setTimeout(() => (this.#status.textContent = ""), 4000);
  }
}

function button(doc, text, title) {
  const b = doc.createElement("button");
  b.type = "button";
  b.textContent = text;
  if (title) b.title = title;
  return b;
}

function removedPanel(doc, removed) {
  const panel = doc.createElement("section");
  panel.className = "removed";
  panel.hidden = true;
  panel.setAttribute("aria-label", "What the reader removed");
  panel.setAttribute("part", "removed");
  const h = doc.createElement("h2");
  const r = removed || {};
  h.textContent = `Removed: ${plural(r.linkFarms, "link farm")}, ${plural(r.links, "link")}, ` +
    `${plural(r.blocks, "block")}`;
  const ol = doc.createElement("ol");
  for (const d of r.details || []) {
    const li = doc.createElement("li");
    const what = doc.createElement("strong");
    what.textContent = d.kind === "linkfarm" ? `Link farm of ${d.size} links`
      : d.kind === "link" ? "Link" : `Block of ${d.size} characters`;
    const why = doc.createElement("span");
    why.className = "why";
    why.textContent = d.reason ? ` — ${d.reason}` : "";
    li.append(what, why);
    if (d.sample) {
      const q = doc.createElement("q");
      q.textContent = d.sample;
      li.append(q);
    }
    ol.append(li);
  }
  panel.append(h, ol);
  return panel;
}

function plural(n, word) {
  n = n || 0;
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Defines <clean-reader> once per page. */
export function defineReader() {
  if (!customElements.get("clean-reader")) customElements.define("clean-reader", CleanReader);
  return customElements.get("clean-reader");
}
defineReader();
