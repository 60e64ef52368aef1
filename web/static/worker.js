// worker.js: runs the cleanread engine off the page's main thread.
// Started by cleanread.js; messages:
//   in:  {type:"start", wasm}            out: {type:"ready", version} | {type:"error", message}
//   in:  {id, html, url, contentType}    out: {type:"result", id, json} | {type:"result", id, error}
import { startHere } from "./cleanread.js";

let engine;
self.onmessage = async (e) => {
  const m = e.data || {};
  if (m.type === "start") {
    try {
      engine = await startHere(m.wasm);
      self.postMessage({ type: "ready", version: engine.version });
    } catch (err) {
      self.postMessage({ type: "error", message: String(err && err.message || err) });
    }
    return;
  }
  try {
    // Sent as the JSON string: cloning one flat string is cheaper than an object tree.
    const json = engine.extractJSON(m.html, { url: m.url, contentType: m.contentType });
    self.postMessage({ type: "result", id: m.id, json });
  } catch (err) {
    self.postMessage({ type: "result", id: m.id, error: String(err && err.message || err) });
  }
};
