// render.js: turns the engine's result object into reader DOM, shared by
// <clean-reader> and <clean-article>.
//
// The article HTML comes from pages we do not control, so it is parsed into
// an inert <template> and cut down to an allowlist of reading elements and
// attributes before it is shown. On pages whose Trusted Types policy does not
// let us parse HTML at all, the plain text is shown instead.

import { trustedHTML } from "./cleanread.js";

// Elements dropped with their content: active, embedded or form content.
const DROP = new Set(("script style link meta base iframe frame frameset object embed applet " +
  "form input button select textarea option template noscript svg math canvas audio dialog portal slot").split(" "));
// Elements kept as they are; anything else is unwrapped (its children kept).
const KEEP = new Set(("a abbr article aside b bdi bdo blockquote br caption cite code col colgroup dd del " +
  "details dfn div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd li main mark " +
  "ol p picture pre q rp rt ruby s samp section small source span strong sub summary sup table tbody td " +
  "tfoot th thead time tr u ul var video wbr").split(" "));
const ATTRS = new Set(("href src srcset sizes alt title width height colspan rowspan scope headers datetime " +
  "cite lang dir start reversed type media loading decoding id name open poster controls").split(" "));

/**
 * Returns a sanitised DocumentFragment of the article HTML, or null where
 * the page's Trusted Types policy forbids parsing HTML.
 */
export function articleFragment(html, doc = document) {
  const trusted = trustedHTML(html);
  if (trusted === null) return null;
  const tpl = doc.createElement("template");
  try {
    tpl.innerHTML = trusted;
  } catch {
    return null; // Trusted Types enforced without our policy
  }
  const frag = tpl.content;
  clean(frag);
  return frag;
}

function clean(root) {
  // Iterative walk: article HTML may nest very deeply.
  const stack = [...root.childNodes];
  while (stack.length) {
    const n = stack.pop();
    if (n.nodeType === 8) { n.remove(); continue; } // comment
    if (n.nodeType !== 1) continue;
    const tag = n.localName;
    if (DROP.has(tag) || n.namespaceURI !== "http://www.w3.org/1999/xhtml") { n.remove(); continue; }
    stack.push(...n.childNodes);
    if (!KEEP.has(tag)) { n.replaceWith(...n.childNodes); continue; }
    for (const a of [...n.attributes]) {
      if (!ATTRS.has(a.name) || !safeValue(a.name, a.value, tag)) n.removeAttribute(a.name);
    }
    if (tag === "a") {
      if (n.getAttribute("href")?.startsWith("#")) continue;
      n.setAttribute("target", "_blank");
      n.setAttribute("rel", "noopener noreferrer");
    }
    if (tag === "img") n.setAttribute("loading", "lazy");
  }
}

function safeValue(name, value, tag) {
  if (name !== "href" && name !== "src" && name !== "poster" && name !== "srcset" && name !== "cite") return true;
  const v = value.trim().toLowerCase();
  if (name === "srcset") return !/(^|,)\s*(javascript|data|vbscript):/.test(v);
  if (v.startsWith("#") || v.startsWith("http:") || v.startsWith("https:") || v.startsWith("mailto:")) return true;
  if (tag === "img" && v.startsWith("data:image/") && !v.startsWith("data:image/svg")) return true;
  return !/^[a-z][a-z0-9+.-]*:/.test(v); // relative: no scheme at all
}

/** Text paragraphs: the fallback body when HTML may not be parsed. */
export function textFragment(text, doc = document) {
  const frag = doc.createDocumentFragment();
  for (const para of String(text || "").split(/\n{2,}/)) {
    if (!para.trim()) continue;
    const p = doc.createElement("p");
    p.textContent = para.trim();
    frag.append(p);
  }
  return frag;
}

/**
 * Builds the reader page for a result: site name, title, byline, date and
 * reading time, then the article body. Returns {page, article}.
 */
export function buildPage(result, doc = document) {
  const el = (tag, cls, text) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };
  // Each metadata item is isolated, so "5 min read" stays in order inside
  // a right-to-left line.
  const item = (tag, cls, text) => {
    const e = el(tag, cls, text);
    e.dir = "auto";
    return e;
  };
  const page = el("div", "page");
  if (result.lang) page.lang = result.lang;
  if (result.dir === "rtl" || result.dir === "ltr") page.dir = result.dir;

  const head = el("header", "head");
  if (result.siteName) head.append(el("p", "site", result.siteName));
  head.append(el("h1", "title", result.title || "Untitled"));
  const meta = el("p", "meta");
  if (result.byline) meta.append(item("span", "byline", result.byline));
  if (result.published) {
    const t = item("time", "date", result.published);
    t.dateTime = result.published;
    meta.append(t);
  }
  meta.append(item("span", "reading-time", readingTime(result)));
  head.append(meta);

  const article = el("article");
  article.setAttribute("part", "article");
  article.append(articleFragment(result.bodyHtml || result.html || "", doc) ?? textFragment(result.text, doc));
  // The title is in the header already: drop an identical leading heading.
  const first = article.querySelector("h1, h2");
  if (first && first.textContent.trim() === (result.title || "").trim() &&
      !first.previousElementSibling) first.remove();
  page.append(head, article);
  return { page, article };
}

/** "5 min read · 1,234 words" (CJK characters count as words, as in the engine). */
export function readingTime(r) {
  const min = Math.max(1, r.readingMinutes || Math.round((r.wordCount || 0) / 230));
  const words = (r.wordCount || 0).toLocaleString("en");
  return `${min} min read · ${words} words`;
}

/** Scrolls to in-article anchors inside our shadow root instead of changing the host's URL. */
export function keepAnchorsInside(root, container) {
  container.addEventListener("click", (e) => {
    const a = e.target.closest?.("a[href^='#']");
    if (!a) return;
    e.preventDefault();
    const id = decodeURIComponent(a.getAttribute("href").slice(1));
    const target = id && (root.getElementById?.(id) || root.querySelector(`[name="${CSS.escape(id)}"]`));
    target?.scrollIntoView({ block: "start" });
  });
}
