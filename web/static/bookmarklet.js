// bookmarklet.js: what the bookmarklet loads into the page it is clicked on.
// It reads the page as it is now (pageTree: the live document's nodes, in
// one walk, and location.href), opens <clean-reader> over it at once with a
// loading state, then extracts the article with the engine and shows it.
//
// The bookmarklet's own inline code (link.js) calls run(); when the engine
// cannot start here (the page's CSP forbids our fetch or wasm compilation)
// run() closes the overlay and calls the bookmarklet's fallback, which
// opens our reader page in a window of its own.

import { load, pageTree } from "./cleanread.js";
import "./reader.js";

/**
 * Opens the reader on the current page, or closes it when it is open.
 * @param {{t0?: number, fallback?: () => void}} options t0 is the
 *   performance.now() of the click, for the reader's timings.
 */
export async function run({ t0 = performance.now(), fallback } = {}) {
  const open = document.querySelector("clean-reader");
  if (open) {
    open.close();
    return open;
  }
  const page = pageTree(document); // before our element is in it
  const url = location.href;
  const reader = document.createElement("clean-reader");
  const mark = (k) => (reader.timings[k] = Math.round(performance.now() - t0));
  reader.open();
  reader.loading();
  mark("opened");
  let engine;
  try {
    engine = await load();
  } catch (e) {
    if (fallback) {
      reader.close();
      fallback(e);
      return reader;
    }
    reader.fail(`The reader could not start on this page: ${e.message}`);
    return reader;
  }
  mark("engine");
  try {
    const result = await engine.extract(page, { url });
    mark("extracted");
    reader.show(result);
  } catch (e) {
    reader.fail(`The reader could not read this page: ${e.message}`);
  }
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  mark("drawn");
  reader.timings.mode = engine.mode;
  reader.timings.engineParts = engine.timings;
  reader.dataset.state = "shown";
  reader.dispatchEvent(new Event("drawn"));
  return reader;
}
