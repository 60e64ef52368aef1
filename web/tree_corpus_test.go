package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cleanread/cleanread/core"
)

// TestPageTreeCorpus reads every corpus page the reader's way in Chromium,
// extract(pageTree(document)), and holds the result to the native engine's
// on the same text, field by field: the page's bytes as the browser decoded
// them (TextDecoder with the document's charset; the engine's own decoding
// differs on a few pages served without a charset, as the corpus stores
// them), parsed by x/net/html. So the JavaScript walk and the flat reader
// are checked against the parser on 496 real pages. The pages' own scripts
// are kept off, so each DOM is its parsed HTML. It takes a few minutes, so
// it runs only with CLEANREAD_TREE_CORPUS=1 (TestPageTree checks a few
// pages in every go test).
//
// (Against extract(pageHTML(document)) instead, 12 pages differ, all to
// pageHTML's cost: it forces a doctype, so a page parsed in quirks mode
// (a table inside a paragraph) is re-parsed otherwise; it writes U+00A0
// as &nbsp;, which hides double encoding from its repair; it keeps only
// part of the head.)
func TestPageTreeCorpus(t *testing.T) {
	if os.Getenv("CLEANREAD_TREE_CORPUS") != "1" {
		t.Skip("set CLEANREAD_TREE_CORPUS=1 to read every corpus page the reader's way")
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*", "source.html"))
	if len(files) == 0 {
		t.Skipf("no corpus at %s", corpusDir)
	}
	e := newEnv(t)
	pages := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", fmt.Sprintf("default-src 'none'; script-src %[1]s 'wasm-unsafe-eval'; "+
			"connect-src %[1]s 'self'; style-src 'unsafe-inline'; img-src data:", e.ours))
		b, err := os.ReadFile(filepath.Join(corpusDir, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/")), "source.html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html") // the page's own charset, as served without one
		w.Write(b)
	}))
	defer pages.Close()
	ex := core.New(core.Options{})
	type result struct{ JSON, Charset, Text, Error string }
	same, skipped := 0, 0
	for _, f := range files {
		name := filepath.ToSlash(filepath.Dir(strings.TrimPrefix(f, corpusDir+string(filepath.Separator))))
		url := pages.URL + "/" + name
		ctx, cancel := context.WithTimeout(e.ctx, time.Minute)
		err := chromedp.Do(ctx, chromedp.Navigate(url))
		cancel()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		res := eval[result](e, e.ctx, fmt.Sprintf(`(async () => {
  try {
    const { load, pageTree } = await import(%q);
    const cr = await load({ worker: false });
    const r = await cr.extract(pageTree(document), { url: location.href });
    const bytes = await (await fetch(location.href)).arrayBuffer();
    const text = new TextDecoder(document.characterSet).decode(bytes);
    return { json: JSON.stringify(r), charset: document.characterSet.toLowerCase(), text };
  } catch (e) {
    return { error: String(e) };
  }
})()`, e.ours+"/cleanread.js"))
		if res.Error != "" {
			if strings.Contains(res.Error, "dynamically imported module") {
				// The page's own CSP (a <meta>) keeps our module out: the
				// bookmarklet's fallback reads such pages in our window.
				skipped++
				t.Logf("%s: the page's policy refuses the module: %s", name, res.Error)
				continue
			}
			t.Errorf("%s: %s", name, res.Error)
			continue
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(res.JSON), &got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		a, err := ex.Extract(core.Input{HTML: []byte(res.Text), URL: url, ContentType: "text/html; charset=utf-8"})
		b, _ := json.Marshal(core.NewResult(url, a, err))
		var want map[string]any
		_ = json.Unmarshal(b, &want)
		delete(got, "charset")
		delete(want, "charset")
		diff := ""
		for k, v := range want {
			if g, _ := json.Marshal(got[k]); string(g) != mustJSON(v) {
				diff = fmt.Sprintf("%s: %.200s vs %.200s", k, g, mustJSON(v))
				break
			}
		}
		if diff == "" {
			same++
		} else {
			t.Errorf("%s (%s): the reader's result differs from the engine's on the same text in %s", name, res.Charset, diff)
		}
	}
	t.Logf("%d of %d pages the same (%d refuse the module)", same, len(files), skipped)
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
