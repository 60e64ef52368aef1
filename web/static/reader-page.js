// reader-page.js: our own reader page (reader.html). The bookmarklet opens it
// in a new window on pages whose CSP keeps our scripts or wasm out, and sends
// it the page with postMessage: {cleanread: "page", tree, url} (pageTree's
// flat tree; {html} from bookmarklets made before it).
import { load } from "./cleanread.js";
import "./reader.js";

const reader = document.createElement("clean-reader");
reader.addEventListener("close", () => {
  window.close(); // works for the window the bookmarklet opened
  // A window the user opened by hand stays: show how to use it instead.
  setTimeout(() => { if (!window.closed) location.replace("./"); }, 100);
});
reader.open();

const engine = load(); // start fetching and compiling while the page is on its way

if (window.opener) {
  reader.loading("Waiting for the page…");
  let done = false;
  addEventListener("message", async (e) => {
    const m = e.data;
    if (done || e.source !== window.opener || !m || m.cleanread !== "page") return;
    // The page as pageTree read it ({tree}), or as HTML (older bookmarklets).
    const page = typeof m.tree === "string" ? { tree: m.tree } : typeof m.html === "string" ? m.html : null;
    if (page === null) return;
    done = true;
    reader.loading();
    try {
      const result = await (await engine).extract(page, { url: String(m.url || "") });
      document.title = result.title ? `${result.title} · cleanread` : "cleanread reader";
      reader.show(result);
    } catch (err) {
      reader.fail(`The reader could not read this page: ${err.message}`);
    }
    reader.dataset.state = "shown";
  });
  window.opener.postMessage({ cleanread: "reader:ready" }, "*");
} else if (location.hash === "#bookmarklet") {
  reader.fail("The page you came from isolates itself from the windows it opens (Cross-Origin-Opener-Policy), " +
    "so it could not send itself here. Copy its HTML into the demo page instead.");
} else {
  reader.fail("This is cleanread's reader window. Use the bookmarklet on a page to read it here.");
}
