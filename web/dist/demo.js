// demo.js: the demo page (index.html).
import { load } from "./cleanread.js";
import { bookmarkletURL } from "./link.js";
import "./widget.js";
import "./reader.js";

const $ = (id) => document.getElementById(id);
const origin = new URL(".", import.meta.url).href;
const clean = $("clean");
const status = $("status");
let current = null;

$("bookmarklet").href = bookmarkletURL(origin);
$("bookmarklet").addEventListener("click", (e) => {
  e.preventDefault();
  status.textContent = "Drag the link to your bookmarks bar; it works on other pages.";
});
$("embed").textContent =
  `<script type="module" src="${origin}widget.js"></script>\n` +
  `<clean-article src="/path/to/article.html" theme="system"></clean-article>`;
$("embed-csp").textContent = `script-src ${new URL(origin).origin} 'wasm-unsafe-eval'; connect-src ${new URL(origin).origin}`;

const engine = load();

async function show(html, url) {
  status.textContent = "Reading…";
  $("original").srcdoc = html;
  const t0 = performance.now();
  const result = await (await engine).extract(html, { url });
  const ms = Math.round(performance.now() - t0);
  current = result;
  clean.show(result);
  $("copy").disabled = $("open-reader").disabled = !!result.error;
  const r = result.removed || {};
  status.textContent = result.error ? result.error : "";
  $("stats").textContent = result.error ? "" :
    `${ms} ms · ${result.wordCount} words · removed ${r.linkFarms || 0} link farm(s), ` +
    `${r.links || 0} link(s) and ${r.blocks || 0} block(s)`;
}

async function fetchPage(path) {
  const url = new URL(path, location.href);
  if (url.origin !== location.origin) throw new Error("Only pages on this server can be fetched here; paste other pages' HTML.");
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.pathname}: HTTP ${res.status}`);
  return { html: await res.text(), url: url.href };
}

async function pick(path) {
  try {
    const { html, url } = await fetchPage(path);
    await show(html, url);
  } catch (e) {
    status.textContent = e.message;
  }
}

$("sample").addEventListener("change", (e) => pick(e.target.value));
$("url-form").addEventListener("submit", (e) => {
  e.preventDefault();
  pick($("url").value.trim());
});
$("paste-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const html = $("html").value;
  if (html.trim()) show(html, "").catch((err) => (status.textContent = err.message));
});
$("theme").addEventListener("change", (e) => clean.setAttribute("theme", e.target.value));
$("copy").addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(current.markdown);
    status.textContent = "Markdown copied.";
  } catch {
    status.textContent = "The browser did not allow copying.";
  }
});
$("open-reader").addEventListener("click", () => {
  const r = document.createElement("clean-reader");
  r.open();
  r.show(current);
});

const start = new URLSearchParams(location.search).get("url");
pick(start || $("sample").value);
