// cleanread.js: the cleanread engine (Go compiled to WebAssembly) as an ES module.
//
//   import { load } from "https://host/cleanread.js";
//   const cr = await load();                       // fetches and starts the wasm once
//   const article = await cr.extract(html, { url }); // the CLI's -f json object
//   // or, of the page this runs in (no HTML in between: see pageTree):
//   const here = await cr.extract(pageTree(document), { url: location.href });
//
// load(options) options, all optional:
//   wasm:   URL of the wasm (default: the hashed build beside this module)
//   worker: "auto" (default) runs long extractions (pages of workerBytes or
//           more) in a module Worker, so the page stays responsive, and short
//           ones at once on the main thread, where they take a few ms and a
//           worker's start-up would cost more than it saves; true runs all in
//           the worker; false none. Where the page forbids workers, the main
//           thread does the work.
//   workerBytes: the "auto" threshold (default 256 KiB of HTML)
//
// No globals are leaked into the host page: Go's wasm_exec.js is wrapped at
// build time as a function of its own `globalThis` (wasm_exec.js in this
// folder), and we hand it a private scope object.

import makeGo from "./wasm_exec.js";

// The build (web/internal/bundle) replaces this name with the content-hashed one.
const WASM_FILE = "cleanread.wasm";

const here = import.meta.url;
const mains = new Map(); // wasm URL -> Promise<main-thread engine>: one Go runtime per realm
const workers = new Map(); // wasm URL -> Promise<worker engine>
const canWork = typeof Worker === "function" && typeof window !== "undefined";

/**
 * Loads the engine (once per wasm URL; later calls share it).
 * @returns {Promise<{extract(html: string|Uint8Array|ArrayBuffer|{tree: string}, opts?: {url?: string, contentType?: string}): Promise<object>, mode: string, version: string, timings: object}>}
 */
export async function load(options = {}) {
  const wasm = new URL(options.wasm || WASM_FILE, here).href;
  const mode = !canWork || options.worker === false ? "main" : options.worker === true ? "worker" : "auto";
  const threshold = options.workerBytes ?? 256 << 10;
  const main = () => once(mains, wasm, () => startHere(wasm));
  const worker = () => once(workers, wasm, () => startWorker(wasm)).catch(main);
  const first = await (mode === "worker" ? worker() : main());
  if (mode !== "auto") return first;
  return {
    mode,
    version: first.version,
    timings: first.timings,
    extract(html, opts = {}) {
      const size = typeof html === "string" ? html.length : typeof html?.tree === "string" ? html.tree.length : html.byteLength;
      return (size >= threshold ? worker() : main()).then((e) => e.extract(html, opts));
    },
  };
}

function once(cache, key, start) {
  if (!cache.has(key)) {
    const p = start();
    p.catch(() => cache.delete(key)); // let a later call retry
    cache.set(key, p);
  }
  return cache.get(key);
}

/** Extracts one page with the shared engine: load() then extract(). */
export async function extract(html, opts = {}) {
  return (await load()).extract(html, opts);
}

/**
 * The live page as the engine needs it, as an HTML string: the <html>
 * element's attributes, from <head> only what names and dates the page
 * (title, meta, base, canonical and author links, JSON-LD), then the
 * <body> less its top-level scripts and style sheets. Those (most of a
 * modern page's bytes) are what the engine would blank anyway;
 * serialising, copying and scanning them was most of the bookmarklet's
 * time on such pages. A document without a plain <body> (a frameset)
 * goes whole.
 * @param {Document} [doc]
 * @returns {string}
 */
export function pageHTML(doc = document) {
  const root = doc.documentElement;
  const head = doc.head;
  const body = doc.body;
  if (!root || !head || !body || root.localName !== "html" || body.localName !== "body") {
    return root ? root.outerHTML : "";
  }
  const attrs = (el) => {
    let s = "";
    for (const a of el.attributes) s += ` ${a.name}="${a.value.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`;
    return s;
  };
  const ldJSON = (el) => /ld\+json/i.test(el.type);
  let out = `<!DOCTYPE html><html${attrs(root)}><head>`;
  for (const el of head.children) {
    const n = el.localName;
    if (n === "title" || n === "meta" || n === "base" ||
        (n === "link" && /(^|\s)(canonical|author)(\s|$)/i.test(el.getAttribute("rel") || "")) ||
        (n === "script" && ldJSON(el))) {
      out += el.outerHTML;
    }
  }
  out += `</head><body${attrs(body)}>`;
  // The body's own children, less its top-level scripts and style sheets
  // (where pages put their application code: half of a large news page).
  for (let c = body.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === Node.ELEMENT_NODE) {
      const n = c.localName;
      if ((n === "script" && !ldJSON(c)) || n === "style" || n === "template") continue;
      out += c.outerHTML;
    } else if (c.nodeType === Node.TEXT_NODE) {
      out += c.data.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    }
  }
  return out + "</body></html>";
}

/**
 * The live page as the engine reads it, without HTML in between: one walk
 * over the document as it is drawn (open shadow roots and their slots
 * included) writes its nodes in the flat form of core/flat.go
 * (a record per node: a control character, then NUL-ended fields), which
 * the engine turns into its tree directly. Serialising the page and
 * parsing that again in the wasm was most of the reader's time on large
 * pages. The code of scripts and style sheets, and comments' text, are
 * left out here (no stage reads them); the engine cuts the rest of what it
 * does not read. Pass the result to extract() like a page's HTML.
 * @param {Document} [doc]
 * @returns {{tree: string}}
 */
export function pageTree(doc = document) {
  /* Self-contained, with no line comments: the bookmarklet carries its
     source (link.js) for pages that keep this module out. */
  const HTML_NS = "http://www.w3.org/1999/xhtml";
  const SVG_NS = "http://www.w3.org/2000/svg";
  const MATH_NS = "http://www.w3.org/1998/Math/MathML";
  /* One string grown by +=: V8 joins the pieces once, when the string is
     read, which took less than an array's push and join. */
  let out = "";
  const clean = (s) => (s.indexOf("\0") < 0 ? s : s.replaceAll("\0", "\uFFFD"));
  /* The walk follows the tree as it is drawn: into open shadow roots (web
     components keep their text there, which serialising the page misses)
     and from their slots to the light nodes shown in them. It is
     iterative: a page may nest deeper than the call stack goes. A frame is
     the children still to visit of an open element: a sibling chain
     (node) or a slot's assigned nodes (list). */
  const frames = [];
  let f = { node: doc.firstChild, list: null, i: 0 };
  for (;;) {
    let c;
    if (f.list) {
      c = f.i < f.list.length ? f.list[f.i++] : null;
    } else if ((c = f.node)) {
      f.node = c.nextSibling;
    }
    if (!c) {
      if (!frames.length) break;
      f = frames.pop();
      out += "\x03";
      continue;
    }
    switch (c.nodeType) {
      case 1: {
        const ns = c.namespaceURI;
        const name = c.localName;
        let rec = (ns === SVG_NS ? "\x05" : ns === MATH_NS ? "\x06" : "\x01") + name + "\0";
        /* (Names and values as strings: reading them through Attr nodes,
           which the browser makes for the call, took a sixth longer.) */
        if (c.hasAttributes()) {
          const names = c.getAttributeNames();
          for (let i = 0; i < names.length; i++) {
            const a = names[i];
            if (a.charCodeAt(0) < 8) continue;
            let v = c.getAttribute(a);
            if (v === null) v = c.attributes[i].value; /* a name getAttribute lower-cases */
            rec += a + "\0" + clean(v) + "\0";
          }
        }
        out += rec;
        let down = null;
        let list = null;
        if (ns === HTML_NS && (name === "script" && !/json/i.test(c.getAttribute("type") || "") || name === "style")) {
          if (c.firstChild) out += "\x02 \0"; /* code: the engine would cut it to this */
        } else if (c.shadowRoot) {
          down = c.shadowRoot.firstChild;
        } else if (ns === HTML_NS && name === "slot") {
          list = c.assignedNodes({ flatten: true });
          if (!list.length) {
            list = null;
            down = c.firstChild; /* the slot's fallback content */
          }
        } else {
          down = (ns === HTML_NS && name === "template" ? c.content : c).firstChild;
        }
        if (down || list) {
          frames.push(f);
          f = { node: down, list, i: 0 };
        } else {
          out += "\x03";
        }
        break;
      }
      case 3: /* text */
      case 4: /* CDATA (in svg and math): text to the parser */
        out += "\x02" + clean(c.data) + "\0";
        break;
      case 8:
        out += "\x04";
        break;
    }
  }
  return { tree: out };
}

/** The URL of the wasm this module loads by default. */
export const wasmURL = new URL(WASM_FILE, here).href;

// startHere starts the Go runtime in this realm, from a compiled
// WebAssembly.Module or from the wasm's URL.
export async function startHere(wasm) {
  const t = performance.now();
  const scope = privateScope();
  const Go = makeGo(scope);
  const go = new Go();
  go.argv = ["cleanread"];
  scope.cleanread = {};
  const module = wasm instanceof WebAssembly.Module ? wasm : await compile(wasm);
  const instance = await WebAssembly.instantiate(module, go.importObject);
  const compiled = performance.now();
  go.run(instance); // runs main until it blocks; the promise settles only on exit
  const ns = scope.cleanread;
  if (typeof ns.extract !== "function") {
    throw new Error("cleanread: the wasm did not start (see the console)");
  }
  // collectLater has the engine collect a call's garbage once the thread
  // is idle after it (a timer runs only when the current task is done), so
  // that the next call, a reader's next page, does not begin with a
  // collection: about a millisecond in the wasm, a third of a small page's
  // extraction. Go's collector cannot run during a call: see wasm/main.go.
  let collecting = false;
  const collectLater = () => {
    if (collecting || typeof ns.collect !== "function") return;
    collecting = true;
    setTimeout(() => {
      collecting = false;
      if (!go.exited) ns.collect();
    }, 0);
  };
  return {
    mode: "main",
    version: ns.version,
    // ms spent getting the compiled wasm, then starting the Go runtime
    timings: { compile: Math.round(compiled - t), start: Math.round(performance.now() - compiled) },
    // The wasm's linear memory in bytes (it only grows): a debug figure for
    // the browser benchmark (web/perf_test.go).
    get memoryBytes() {
      return instance.exports.mem.buffer.byteLength;
    },
    // extractNow extracts at once, on this thread: the result object (the
    // wasm builds it; no JSON text on the way).
    extractNow(html, opts = {}) {
      if (go.exited) throw new Error("cleanread: the wasm runtime has exited");
      collectLater(); // (after this call: the timer waits for the task to end)
      if (typeof html?.tree === "string") {
        // pageTree's flat tree: UTF-8 into the wasm, as a string page goes.
        return ns.extractTree(utf8Bytes(html.tree), opts.url || "");
      }
      let page = html instanceof ArrayBuffer ? new Uint8Array(html) : html;
      let contentType = opts.contentType || "";
      if (typeof page === "string") {
        // A string is UTF-8 on the way in whatever its <meta charset> said.
        page = utf8Bytes(page);
        contentType = "text/html; charset=utf-8";
      }
      return ns.extract(page, opts.url || "", contentType);
    },
    async extract(html, opts = {}) {
      return this.extractNow(html, opts);
    },
  };
}

const utf8 = new TextEncoder();

// utf8Bytes encodes a string (a page, or pageTree's flat tree) for the
// wasm. Encoded here, it crosses into the wasm once; handed over as a
// string, Go's syscall/js would encode it and copy it twice more. It goes
// into a buffer of the largest size it can take: Chromium's encode() took
// 2 to 3 times as long as encodeInto on pages of a megabyte. The buffer is
// kept for the next call (the wasm copies what it is given) up to
// scratchMax: a new one, zeroed, cost 0.2-0.9 ms more on pages of 0.2-1
// million characters.
const scratchMax = 4 << 20;
let scratch = new Uint8Array(0);
function utf8Bytes(s) {
  const need = s.length * 3;
  let buf = scratch;
  if (buf.length < need) {
    buf = new Uint8Array(need);
    if (need <= scratchMax) scratch = buf;
  }
  return buf.subarray(0, utf8.encodeInto(s, buf).written);
}

const modules = new Map(); // wasm URL -> Promise<WebAssembly.Module>

// compile fetches and compiles the wasm once per URL (streaming where the
// server says application/wasm). A worker gets the compiled module by
// postMessage, so it neither fetches nor compiles again.
function compile(url) {
  if (!modules.has(url)) {
    const p = (async () => {
      const res = await fetch(url, { credentials: "omit" });
      if (!res.ok) throw new Error(`cleanread: ${url}: HTTP ${res.status}`);
      if (WebAssembly.compileStreaming &&
          (res.headers.get("content-type") || "").startsWith("application/wasm")) {
        try {
          return await WebAssembly.compileStreaming(res.clone());
        } catch (e) {
          // A CompileError (or wasm forbidden by CSP) fails the same way below;
          // a TypeError (a proxy that mangled the response) may not.
          if (!(e instanceof TypeError)) throw e;
        }
      }
      return WebAssembly.compile(await res.arrayBuffer());
    })();
    p.catch(() => modules.delete(url));
    modules.set(url, p);
  }
  return modules.get(url);
}

// privateScope is the `globalThis` that wasm_exec.js and the Go runtime see:
// reads fall through to the real global (Object, Date, crypto, ...), writes
// stay here. fs, process, path and Go are present (undefined) from the start
// so wasm_exec.js defines its own instead of using a page's.
function privateScope() {
  const own = { fs: undefined, process: undefined, path: undefined, Go: undefined };
  return new Proxy(own, {
    get: (t, k) => (k in t ? t[k] : globalThis[k]),
    has: (t, k) => k in t || k in globalThis,
    set: (t, k, v) => ((t[k] = v), true),
  });
}

// startWorker runs the engine in a module Worker built from worker.js. The
// Worker constructor needs a same-origin URL, so on another origin's page we
// start it from a blob that imports our worker module (CORS-enabled). The
// wasm compiles here meanwhile, and the worker gets the compiled module.
function startWorker(wasm) {
  const t0 = performance.now();
  const module = compile(wasm);
  return new Promise((resolve, reject) => {
    const src = new URL("worker.js", here).href;
    let w;
    try {
      let url = src;
      if (new URL(src).origin !== globalThis.location?.origin) {
        const code = `import ${JSON.stringify(src)};`;
        url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
      }
      w = new Worker(trustedScriptURL(url), { type: "module", name: "cleanread" });
    } catch (e) {
      reject(e);
      return;
    }
    const pending = new Map();
    let next = 1;
    const fail = (e) => {
      w.terminate();
      reject(e instanceof Error ? e : new Error("cleanread: worker failed"));
    };
    const timer = setTimeout(() => fail(new Error("cleanread: worker did not start")), 8000);
    w.onerror = (e) => { e.preventDefault?.(); clearTimeout(timer); fail(e.error); };
    w.onmessage = (e) => {
      const m = e.data || {};
      if (m.type === "ready") {
        clearTimeout(timer);
        w.onerror = null;
        resolve({
          mode: "worker",
          version: m.version,
          timings: { ...m.timings, worker: Math.round(performance.now() - t0) },
          extract(html, opts = {}) {
            return new Promise((res, rej) => {
              const id = next++;
              pending.set(id, { res, rej });
              w.postMessage({ id, html, url: opts.url || "", contentType: opts.contentType || "" });
            });
          },
        });
      } else if (m.type === "error") {
        clearTimeout(timer);
        fail(new Error(m.message));
      } else if (m.type === "result") {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.error) p?.rej(new Error(m.error));
        else p?.res(m.result);
      }
    };
    // Messages wait in the worker's queue until its module has run.
    module.then((mod) => w.postMessage({ type: "start", module: mod, wasm }),
      (e) => { clearTimeout(timer); fail(e); });
  });
}

let policy;
// trustedScriptURL passes url through a Trusted Types policy on pages that
// enforce them (named "cleanread"; pages list it in their trusted-types
// directive). Where the policy may not be created, the plain string is
// returned and the page's CSP decides.
export function trustedScriptURL(url) {
  return trusted()?.createScriptURL(url) ?? url;
}

/** trustedHTML is trustedScriptURL's twin for HTML sinks; null when no policy may be made. */
export function trustedHTML(html) {
  const p = trusted();
  if (p) return p.createHTML(html);
  return typeof trustedTypes === "undefined" ? html : null;
}

function trusted() {
  if (policy !== undefined) return policy;
  policy = null;
  if (typeof trustedTypes !== "undefined" && trustedTypes.createPolicy) {
    try {
      policy = trustedTypes.createPolicy("cleanread", {
        // The HTML is our own sanitised article (see render.js); the script
        // URL is our own worker bootstrap.
        createHTML: (s) => s,
        createScriptURL: (s) => s,
      });
    } catch {
      policy = null;
    }
  }
  return policy;
}
