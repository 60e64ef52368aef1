// styles.js: the typography and themes shared by <clean-reader> and
// <clean-article>, applied through constructable stylesheets (an inline
// <style> is blocked by many pages' Content-Security-Policy).

// Themes. Every foreground/background pair here is at least WCAG AA (4.5:1);
// the browser test measures them in each theme.
const themes = {
  light: "--bg:#ffffff;--fg:#1d1d1f;--muted:#585b61;--link:#0b57d0;--rule:#d4d6da;--panel:#f2f3f5;--focus:#0b57d0;--mark:#fff2a8",
  sepia: "--bg:#f6efdc;--fg:#36291a;--muted:#62503a;--link:#8a3a0c;--rule:#d9ccad;--panel:#ece2c8;--focus:#8a3a0c;--mark:#f2d98b",
  dark: "--bg:#17181a;--fg:#e3e3e5;--muted:#a9abb0;--link:#8fb8ff;--rule:#3a3c40;--panel:#232427;--focus:#8fb8ff;--mark:#5a4a12",
};

// Font stacks: the platform's own reading fonts first, then CJK families
// so Chinese and Japanese text gets a real CJK face rather than a fallback.
const serif = `"Iowan Old Style","Charter","Source Serif 4","Noto Serif",Georgia,"Times New Roman",` +
  `"Songti SC","Noto Serif CJK SC","Source Han Serif SC","SimSun",serif`;
const sans = `system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,` +
  `"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif`;
const serifJa = `"Hiragino Mincho ProN","Yu Mincho","Noto Serif CJK JP","Source Han Serif JP",serif`;
const sansJa = `"Hiragino Sans","Yu Gothic UI","Meiryo","Noto Sans CJK JP","Source Han Sans JP",sans-serif`;
const serifTw = `"Songti TC","Noto Serif CJK TC","PMingLiU",serif`;
const sansTw = `"PingFang TC","Noto Sans CJK TC","Microsoft JhengHei",sans-serif`;
const serifKo = `"AppleMyungjo","Noto Serif CJK KR","Batang",serif`;
const sansKo = `"Apple SD Gothic Neo","Noto Sans CJK KR","Malgun Gothic",sans-serif`;

/** The stylesheet text (exported for tests and the print frame). */
export const readerCSS = `
:host{all:initial;display:block;color-scheme:light dark}
:host(clean-reader){position:fixed;inset:0;z-index:2147483647}
[hidden]{display:none!important}
.frame.overlay{position:absolute;inset:0;overflow:auto;overscroll-behavior:contain}
.frame:focus{outline:none}
.frame{${themes.light};--size:20px;--measure:66ch;--face:${serif};
  background:var(--bg);color:var(--fg);font:16px/1.5 ${sans};
  -webkit-text-size-adjust:100%;text-size-adjust:100%}
.frame[data-theme=sepia]{${themes.sepia}}
.frame[data-theme=dark]{${themes.dark};color-scheme:dark}
@media (prefers-color-scheme:dark){.frame[data-theme=system]{${themes.dark};color-scheme:dark}}
.frame[data-font=sans]{--face:${sans}}
.frame[data-width=narrow]{--measure:56ch}
.frame[data-width=wide]{--measure:78ch}

.bar{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .5rem;
  padding:.5rem max(1rem,calc((100% - 80rem)/2));background:var(--bg);border-bottom:1px solid var(--rule)}
.group{display:inline-flex;align-items:center;gap:.125rem}
.group+.group{padding-inline-start:.5rem;border-inline-start:1px solid var(--rule)}
.spacer{flex:1}
button,.button{font:inherit;font-size:14px;line-height:1;color:var(--fg);background:transparent;border:1px solid transparent;
  border-radius:6px;min-height:32px;min-width:32px;padding:0 .5rem;cursor:pointer;text-decoration:none;
  display:inline-flex;align-items:center;justify-content:center}
button:hover{background:var(--panel)}
button[aria-pressed=true]{border-color:var(--fg);background:var(--panel)}
button:focus-visible,.article-scroll:focus-visible,a:focus-visible,summary:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
button:disabled{opacity:.6;cursor:default}
.status{font-size:13px;color:var(--muted)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}

.page{max-width:var(--measure);margin:0 auto;padding:2rem 1.25rem 5rem;font-family:var(--face);font-size:var(--size);line-height:1.6}
.page:lang(zh),.page:lang(ja),.page:lang(ko){line-height:1.85;line-break:strict;text-align:justify;text-justify:inter-character}
.page:lang(ja){--face:${serifJa}}
.frame[data-font=sans] .page:lang(ja){--face:${sansJa}}
.page:lang(zh-TW),.page:lang(zh-HK),.page:lang(zh-Hant){--face:${serifTw}}
.frame[data-font=sans] .page:lang(zh-TW),.frame[data-font=sans] .page:lang(zh-HK),.frame[data-font=sans] .page:lang(zh-Hant){--face:${sansTw}}
.page:lang(ko){--face:${serifKo};word-break:keep-all}
.frame[data-font=sans] .page:lang(ko){--face:${sansKo}}
.page:lang(ar),.page:lang(fa),.page:lang(ur){line-height:1.9}
header.head{margin-bottom:1.75em}
.site{font-family:${sans};font-size:.7em;letter-spacing:.04em;text-transform:uppercase;color:var(--muted);margin:0 0 .5em}
h1.title{font-size:1.75em;line-height:1.2;margin:0 0 .4em;font-weight:700;overflow-wrap:break-word}
.meta{font-family:${sans};font-size:.75em;color:var(--muted);margin:0}
.meta>*+*::before{content:" · "}

article{overflow-wrap:break-word;hyphens:auto}
article :where(p,ul,ol,dl,blockquote,pre,figure,table){margin:0 0 1.1em}
article :where(h1,h2,h3,h4,h5,h6){line-height:1.3;margin:1.6em 0 .6em}
article h1{font-size:1.5em} article h2{font-size:1.3em} article h3{font-size:1.15em} article :where(h4,h5,h6){font-size:1em}
.frame a{color:var(--link)}
article a{color:var(--link);text-decoration-thickness:1px;text-underline-offset:.15em}
article img,article video,article svg{max-width:100%;height:auto}
article figure{margin-inline:0}
article figcaption{font-family:${sans};font-size:.75em;color:var(--muted);margin-top:.4em}
article blockquote{margin-inline:0;padding-inline-start:1em;border-inline-start:3px solid var(--rule);color:var(--fg)}
article :where(pre,code,kbd,samp){font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono",monospace;font-size:.85em}
article pre{background:var(--panel);padding:.8em 1em;border-radius:6px;overflow:auto;line-height:1.45;hyphens:none}
article :not(pre)>code{background:var(--panel);padding:.1em .3em;border-radius:4px}
article table{border-collapse:collapse;display:block;overflow:auto;font-size:.85em}
article :where(th,td){border:1px solid var(--rule);padding:.35em .6em;text-align:start}
article hr{border:0;border-top:1px solid var(--rule);margin:2em 0}
article mark{background:var(--mark);color:inherit}

.removed{font-family:${sans};font-size:14px;line-height:1.5;background:var(--panel);border-radius:8px;padding:1rem 1.25rem;box-sizing:border-box;width:min(100% - 2.5rem,46rem);margin:1.5rem auto 0}
.removed h2{font-size:15px;margin:0 0 .5rem}
.removed ol{margin:0;padding-inline-start:1.25rem}
.removed li{margin:.35rem 0}
.removed .why{color:var(--muted)}
.removed q{display:block;color:var(--fg);font-style:italic;overflow-wrap:anywhere}
.notice{font-family:${sans};font-size:16px;padding:1rem 1.25rem;border:1px solid var(--rule);border-radius:8px;background:var(--panel)}
.loading{font-family:${sans};color:var(--muted)}
.loading::after{content:"";display:inline-block;width:1em;height:1em;margin-inline-start:.5em;vertical-align:-.15em;
  border:2px solid var(--rule);border-top-color:var(--fg);border-radius:50%;animation:spin .8s linear infinite}
@keyframes spin{to{transform:rotate(1turn)}}
@media (prefers-reduced-motion:reduce){.loading::after{animation:none}}

@media print{
  .bar,.removed{display:none!important}
  .frame{--bg:#fff;--fg:#000;--muted:#333;--link:#000;background:#fff}
  .page{max-width:none;padding:0}
  article a::after{content:" <" attr(href) ">";font-size:.8em;overflow-wrap:anywhere}
}
`;

const cache = new WeakMap(); // realm's CSSStyleSheet constructor -> sheet

/**
 * Applies the reader stylesheet to a shadow root (or document): one
 * constructable sheet per realm, shared by every element; a <style>
 * element only where constructable sheets do not exist.
 */
export function adoptStyles(root) {
  const win = (root.ownerDocument || root).defaultView || globalThis;
  const Sheet = win.CSSStyleSheet;
  if (Sheet && "adoptedStyleSheets" in root && "replaceSync" in Sheet.prototype) {
    let sheet = cache.get(Sheet);
    if (!sheet) {
      sheet = new Sheet();
      sheet.replaceSync(readerCSS);
      cache.set(Sheet, sheet);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = (root.ownerDocument || root).createElement("style");
  style.textContent = readerCSS;
  (root.head || root).append(style);
}
