// cleanread.js: the cleanread engine (Go compiled to WebAssembly) as an ES module.
//
//   import { load } from "https://host/cleanread.js";
//   const cr = await load();                       // fetches and starts the wasm once
//   const article = await cr.extract(html, { url }); // the CLI's -f json object
//
// load(options) options, all optional:
//   wasm:   URL of the wasm (default: the hashed build beside this module)
//   worker: true (default) runs extractions in a module Worker when the page
//           allows one, so the page stays responsive; false runs them on the
//           main thread. A page that forbids workers falls back silently.
//
// No globals are leaked into the host page: Go's wasm_exec.js is wrapped at
// build time as a function of its own `globalThis` (wasm_exec.js in this
// folder), and we hand it a private scope object.

import makeGo from "./wasm_exec.js";

// The build (web/internal/bundle) replaces this name with the content-hashed one.
const WASM_FILE = "cleanread.wasm";

const here = import.meta.url;
const runtimes = new Map(); // key -> Promise<engine>

/**
 * Loads the engine once per wasm URL and mode, and shares it.
 * @returns {Promise<{extract(html: string|Uint8Array|ArrayBuffer, opts?: {url?: string, contentType?: string}): Promise<object>, mode: string, version: string}>}
 */
export function load(options = {}) {
  const wasm = new URL(options.wasm || WASM_FILE, here).href;
  const wantWorker = options.worker !== false && typeof Worker === "function" &&
    typeof window !== "undefined";
  const key = wasm + (wantWorker ? " worker" : " main");
  if (!runtimes.has(key)) {
    const p = (wantWorker ? startWorker(wasm).catch(() => load({ ...options, worker: false }))
      : startHere(wasm));
    p.catch(() => runtimes.delete(key)); // let a later call retry
    runtimes.set(key, p);
  }
  return runtimes.get(key);
}

/** Extracts one page with the shared engine: load() then extract(). */
export async function extract(html, opts = {}) {
  return (await load()).extract(html, opts);
}

/** The URL of the wasm this module loads by default. */
export const wasmURL = new URL(WASM_FILE, here).href;

// startHere instantiates the wasm in this realm and starts the Go runtime.
export async function startHere(wasm) {
  const scope = privateScope();
  const Go = makeGo(scope);
  const go = new Go();
  go.argv = ["cleanread"];
  scope.cleanread = {};
  const { instance } = await instantiate(wasm, go.importObject);
  go.run(instance); // runs main until it blocks; the promise settles only on exit
  const ns = scope.cleanread;
  if (typeof ns.extract !== "function") {
    throw new Error("cleanread: the wasm did not start (see the console)");
  }
  return {
    mode: "main",
    version: ns.version,
    // extractJSON returns the result as a JSON string (the worker forwards it as is).
    extractJSON(html, opts = {}) {
      const page = html instanceof ArrayBuffer ? new Uint8Array(html) : html;
      if (go.exited) throw new Error("cleanread: the wasm runtime has exited");
      return ns.extract(page, opts.url || "", opts.contentType || "");
    },
    async extract(html, opts = {}) {
      return JSON.parse(this.extractJSON(html, opts));
    },
  };
}

async function instantiate(url, imports) {
  const res = await fetch(url, { credentials: "omit" });
  if (!res.ok) throw new Error(`cleanread: ${url}: HTTP ${res.status}`);
  if (WebAssembly.instantiateStreaming &&
      (res.headers.get("content-type") || "").startsWith("application/wasm")) {
    try {
      return await WebAssembly.instantiateStreaming(res.clone(), imports);
    } catch (e) {
      if (e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError) {
        // A real compile error (or wasm forbidden by CSP): the fallback would fail too.
        if (!/MIME|mime|Content-Type/.test(String(e.message))) throw e;
      }
    }
  }
  return WebAssembly.instantiate(await res.arrayBuffer(), imports);
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
// start it from a blob that imports our worker module (CORS-enabled).
function startWorker(wasm) {
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
        else p?.res(JSON.parse(m.json));
      }
    };
    w.postMessage({ type: "start", wasm });
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
