// settings.js: the reader's settings (theme, text size, line width, typeface),
// kept per user in localStorage of our own origin.
//
// On our own pages (the demo, the reader page, widgets on our site) that is
// plain localStorage. On other sites' pages the overlay must not write into
// the host's storage, so it asks a tiny frame of our origin (storage.html)
// to keep them; where the host's CSP forbids that frame the settings last
// for the page's lifetime only.

const KEY = "cleanread.settings.v1";
const DEFAULTS = Object.freeze({ theme: "system", size: 2, width: "medium", font: "serif" });
const VALID = {
  theme: ["light", "sepia", "dark", "system"],
  width: ["narrow", "medium", "wide"],
  font: ["serif", "sans"],
};

const ours = new URL(import.meta.url).origin;
let current = { ...DEFAULTS };
let bridge = null; // the storage frame's window, once it answered
let frame = null; // the storage frame last attached
let unsaved = false; // set() before the storage frame answered: ours to send, not its to undo
let listening = false;
const listeners = new Set();

function valid(s) {
  const out = { ...DEFAULTS };
  if (!s || typeof s !== "object") return out;
  for (const k of Object.keys(VALID)) if (VALID[k].includes(s[k])) out[k] = s[k];
  if (Number.isInteger(s.size) && s.size >= 0 && s.size <= 6) out.size = s.size;
  return out;
}

function local() {
  try {
    return globalThis.location?.origin === ours ? globalThis.localStorage : null;
  } catch {
    return null; // storage disabled
  }
}

let resolveReady;
const ready = new Promise((r) => (resolveReady = r));
{
  const ls = local();
  if (ls) {
    try { current = valid(JSON.parse(ls.getItem(KEY) || "null")); } catch { /* keep defaults */ }
    resolveReady(current);
  }
}

export const settings = {
  /** The settings now (synchronous; defaults until storage answered). */
  get: () => current,
  /** Resolves with the stored settings once they are known. */
  ready,
  /** Saves new settings. */
  set(s) {
    current = valid(s);
    const ls = local();
    if (ls) {
      try { ls.setItem(KEY, JSON.stringify(current)); } catch { /* full or disabled */ }
    } else if (bridge && !bridge.closed) {
      bridge.postMessage({ cleanread: "settings:set", value: current }, ours);
    } else {
      unsaved = true; // sent when the storage frame answers
    }
    for (const f of listeners) f(current);
  },
  /**
   * On another origin's page: loads our storage frame into `root` (our
   * shadow root), so settings persist in our origin's storage.
   */
  attach(root) {
    if (local() || root.querySelector("iframe.cr-storage")) return;
    const doc = root.ownerDocument || root;
    const f = doc.createElement("iframe");
    f.className = "cr-storage visually-hidden";
    f.setAttribute("aria-hidden", "true");
    f.tabIndex = -1;
    f.title = "";
    frame = f;
    if (!listening) {
      listening = true;
      globalThis.addEventListener("message", (e) => {
        if (e.origin !== ours || !frame || e.source !== frame.contentWindow ||
            e.data?.cleanread !== "settings") return;
        bridge = frame.contentWindow;
        if (unsaved) {
          // The user chose while the frame loaded: that choice wins and is kept.
          unsaved = false;
          bridge.postMessage({ cleanread: "settings:set", value: current }, ours);
        } else {
          current = valid(e.data.value);
        }
        for (const fn of listeners) fn(current);
        resolveReady(current);
      });
    }
    f.src = new URL("storage.html", import.meta.url).href;
    root.append(f);
  },
  /** Calls f with the settings whenever they change (also from storage). */
  subscribe(f) {
    listeners.add(f);
    return () => listeners.delete(f);
  },
};
