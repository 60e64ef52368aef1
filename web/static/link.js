// link.js: the bookmarklet itself, a javascript: URL that a user drags to
// the bookmarks bar from the demo page.
//
// A bookmarklet runs whatever the page's Content-Security-Policy says, but
// what it loads does not. So it first checks that the page lets it compile
// wasm, then imports /bookmarklet.js from our origin. When either is
// blocked it opens our reader page (reader.html) in a new window and sends
// it the page with postMessage, read by pageTree (cleanread.js), whose
// source the bookmarklet carries. When the page also isolates itself
// from the windows it opens (Cross-Origin-Opener-Policy), no message can
// reach that window: it says so in a small notice instead.

import { pageTree } from "./cleanread.js";

/** Returns the bookmarklet's javascript: URL for a server at origin. */
export function bookmarkletURL(origin) {
  // pageTree's own source goes along, for the fallback: a page that keeps
  // our module out is read by the same walk as the others.
  const code = `(${inline.toString()})(${JSON.stringify(origin.replace(/\/?$/, "/"))}, ${pageTree.toString()})`;
  return "javascript:" + encodeURIComponent(code.replace(/\n\s*/g, " "));
}

// inline is never called here: its source text is the bookmarklet. It must
// stay self-contained (no imports, no outer names but its parameters) and
// free of // comments; so must pageTree, which it is given.
/* eslint-disable */
function inline(H, pageTree) {
  const t0 = performance.now(), d = document, O = new URL(H).origin;
  const note = (msg) => {
    const n = d.createElement("clean-reader-notice");
    const s = n.attachShadow({ mode: "open" });
    const css = new CSSStyleSheet();
    css.replaceSync(":host{all:initial;position:fixed;z-index:2147483647;top:16px;right:16px;max-width:26rem;" +
      "font:15px/1.45 system-ui,sans-serif;background:#fff;color:#1d1d1f;border:1px solid #8a8d93;" +
      "border-radius:8px;padding:12px 40px 12px 16px;box-shadow:0 4px 18px #0004}" +
      "a{color:#0b57d0}button{position:absolute;top:6px;right:6px;font:inherit;border:0;background:none;" +
      "cursor:pointer;min-width:28px;min-height:28px;color:inherit}");
    s.adoptedStyleSheets = [css];
    const p = d.createElement("div");
    p.setAttribute("role", "alert");
    p.textContent = msg + " ";
    const a = d.createElement("a");
    a.href = H;
    a.target = "_blank";
    a.rel = "noopener";
    a.textContent = "Open cleanread";
    const b = d.createElement("button");
    b.textContent = "\u2715";
    b.setAttribute("aria-label", "Dismiss");
    b.onclick = () => n.remove();
    p.append(a);
    s.append(p, b);
    d.documentElement.append(n);
    setTimeout(() => n.remove(), 20000);
  };
  const fallback = () => {
    const w = open(H + "reader.html#bookmarklet", "_blank");
    if (!w) {
      note("cleanread's reader window was blocked: allow pop-ups for this site and click the bookmarklet again.");
      return;
    }
    const started = Date.now();
    let answered = false;
    const send = (e) => {
      if (e.source !== w || e.origin !== O || !e.data || e.data.cleanread !== "reader:ready") return;
      answered = true;
      removeEventListener("message", send);
      w.postMessage({ cleanread: "page", tree: pageTree(d).tree, url: location.href, t0 }, O);
    };
    addEventListener("message", send);
    const watch = setInterval(() => {
      if (answered) return clearInterval(watch);
      if (w.closed || Date.now() - started > 15000) {
        clearInterval(watch);
        removeEventListener("message", send);
        note(w.closed ? "cleanread can't read this page: its security policy blocks our scripts, and it isolates " +
          "the windows it opens (Cross-Origin-Opener-Policy), so the reader window can't receive the page."
          : "cleanread's reader window did not answer.");
      }
    }, 100);
  };
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch (e) {
    return fallback();
  }
  import(H + "bookmarklet.js").then((m) => m.run({ t0, fallback }), fallback);
}
