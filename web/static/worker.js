// worker.js: runs the cleanread engine off the page's main thread.
// Started by cleanread.js; messages:
//   in:  {type:"start", module, wasm}    out: {type:"ready", version} | {type:"error", message}
//   in:  {id, html, url, contentType}    out: {type:"result", id, result} | {type:"result", id, error}
import { startHere } from "./cleanread.js";

let engine;
self.onmessage = async (e) => {
  const m = e.data || {};
  if (m.type === "start") {
    try {
      // The compiled module from the page; its URL where a module cannot be sent.
      engine = await startHere(m.module instanceof WebAssembly.Module ? m.module : m.wasm);
      self.postMessage({ type: "ready", version: engine.version, timings: engine.timings });
    } catch (err) {
      self.postMessage({ type: "error", message: String(err && err.message || err) });
    }
    return;
  }
  try {
    // The result object: a few long strings and a short list, cloned once.
    const result = engine.extractNow(m.html, { url: m.url, contentType: m.contentType });
    self.postMessage({ type: "result", id: m.id, result });
  } catch (err) {
    self.postMessage({ type: "result", id: m.id, error: String(err && err.message || err) });
  }
};
