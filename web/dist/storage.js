// storage.js: runs in storage.html, a hidden frame of our origin that the
// reader overlay uses on other sites' pages to keep its settings in our
// origin's localStorage (browsers partition it per top-level site).
const KEY = "cleanread.settings.v1";
const read = () => {
  try { return JSON.parse(localStorage.getItem(KEY) || "null"); } catch { return null; }
};
addEventListener("message", (e) => {
  if (e.source !== parent || e.data?.cleanread !== "settings:set") return;
  try { localStorage.setItem(KEY, JSON.stringify(e.data.value)); } catch { /* disabled */ }
});
// Anyone may embed this frame; it only ever tells the reader's settings.
parent.postMessage({ cleanread: "settings", value: read() }, "*");
