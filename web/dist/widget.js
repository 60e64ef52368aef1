// widget.js: <clean-article src="/some/article.html">, the embeddable widget.
// It fetches the page (same origin, or another origin that allows CORS),
// extracts it with the engine and renders the clean article in place, with
// the reader's typography and themes.
//
// Attributes: src (required), theme (light|sepia|dark|system, default
// system), font (serif|sans), width (narrow|medium|wide).
// Events: "load" (the article is shown; .result holds it), "error".
// Style it from the page with ::part(article), ::part(frame), or the
// --size custom property on the element.
//
// The CSP a page needs: script-src <host> 'wasm-unsafe-eval'; connect-src <host>
// (plus, for the worker, worker-src blob: <host>; without it the engine
// runs on the main thread).

import { load } from "./cleanread.js";
import { adoptStyles } from "./styles.js";
import { buildPage, keepAnchorsInside } from "./render.js";

export class CleanArticle extends HTMLElement {
  static observedAttributes = ["src", "theme", "font", "width"];
  #frame;
  #seq = 0;
  result = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    adoptStyles(root);
    this.#frame = this.ownerDocument.createElement("div");
    this.#frame.className = "frame";
    this.#frame.setAttribute("part", "frame");
    root.append(this.#frame);
    keepAnchorsInside(root, this.#frame);
  }

  connectedCallback() {
    this.#style();
    if (this.result === null && this.hasAttribute("src")) this.#load();
  }

  attributeChangedCallback(name, old, value) {
    if (name === "src") {
      if (this.isConnected && old !== value) this.#load();
    } else {
      this.#style();
    }
  }

  #style() {
    const f = this.#frame;
    f.dataset.theme = this.getAttribute("theme") || "system";
    f.dataset.font = this.getAttribute("font") || "serif";
    f.dataset.width = this.getAttribute("width") || "medium";
  }

  async #load() {
    const seq = ++this.#seq; // a newer src wins over an older one still loading
    const src = this.getAttribute("src");
    if (!src) return;
    const url = new URL(src, this.ownerDocument.baseURI).href;
    this.#notice("Loading article…", "loading");
    this.setAttribute("aria-busy", "true");
    try {
      const res = await fetch(url, { credentials: "same-origin" });
      if (!res.ok) throw new Error(`the page answered HTTP ${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const engine = await load();
      const result = await engine.extract(bytes, {
        url: res.url || url,
        contentType: res.headers.get("content-type") || "",
      });
      if (seq !== this.#seq) return;
      if (result.error) {
        throw new Error(result.errorKind === "no-article" ? "no article was found on the page" : result.error);
      }
      this.show(result);
    } catch (e) {
      if (seq !== this.#seq) return;
      const why = e instanceof TypeError ? "the page could not be fetched (offline, or no CORS)" : e.message;
      this.#fail(`Couldn't show this article: ${why}.`, url);
    }
  }

  /** Shows a result object of the engine directly (the demo page does; no src needed). */
  show(result) {
    this.#seq++;
    this.removeAttribute("aria-busy");
    if (result.error) {
      this.#fail(result.errorKind === "no-article" ? "No article was found on the page." : result.error);
      return;
    }
    const { page } = buildPage(result, this.ownerDocument);
    this.#frame.replaceChildren(page);
    this.result = result;
    this.dispatchEvent(new Event("load"));
  }

  #notice(text, cls) {
    const doc = this.ownerDocument;
    const page = doc.createElement("div");
    page.className = "page";
    const p = doc.createElement("p");
    p.className = cls;
    p.textContent = text;
    page.append(p);
    this.#frame.replaceChildren(page);
    return p;
  }

  #fail(text, url) {
    this.removeAttribute("aria-busy");
    this.result = null;
    const p = this.#notice(text + " ", "notice");
    p.setAttribute("role", "alert");
    if (url) {
      const a = this.ownerDocument.createElement("a");
      a.href = url;
      a.textContent = "Open the original page";
      p.append(a);
    }
    this.dispatchEvent(new Event("error"));
  }
}

if (!customElements.get("clean-article")) customElements.define("clean-article", CleanArticle);
