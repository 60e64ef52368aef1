//go:build js && wasm

package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"syscall/js"
	"testing"

	"github.com/cleanread/cleanread/core"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// These run under Node: GOOS=js GOARCH=wasm go test ./wasm/ with
// $(go env GOROOT)/lib/wasm on PATH.

// extractJSON is extract's object as JSON text, by JavaScript's JSON.stringify.
func extractJSON(ex *core.Extractor, page []byte, url, ctype string) string {
	return js.Global().Get("JSON").Call("stringify", extract(ex, core.Input{HTML: page, URL: url, ContentType: ctype})).String()
}

// The object resultValue builds is the one JSON.parse makes of the CLI's
// JSON: the same fields, names and values, on an article with removals, on
// a failed page and on a bare result.
func TestResultObjectIsTheJSONObject(t *testing.T) {
	ex := core.New(core.Options{})
	page := []byte(`<html lang="en"><head><title>Notes from the coast</title>
<meta property="og:site_name" content="Coast Weekly"><meta name="author" content="Ann Lee"></head><body>
<nav><a href="/a">One</a> <a href="/b">Two</a> <a href="/c">Three</a></nav>
<article><h1>Notes from the coast</h1><p class="byline">By Ann Lee</p>` + strings.Repeat(`<p>The tide came in
slowly over the flats, and the birds <em>rose</em> from the mud in long <a href="/x">grey lines</a> toward the dunes.</p>`, 12) +
		`<div class="share">Share this on Twitter Share on Facebook</div><ul><li>a < b & "c"</li><li>tab	and \ back</li></ul>
<table><tr><th>x</th><td>1</td></tr></table></article>
<aside><a href="/1">Related one</a><a href="/2">Related two</a><a href="/3">Related three</a></aside></body></html>`)
	for _, c := range []struct {
		name string
		page []byte
		r    core.Result
	}{
		{name: "article", page: page},
		// A header with runes of two and four UTF-16 units before the
		// body, whose fields go over as substrings of the document's.
		{name: "astral header", page: []byte(strings.Replace(strings.ReplaceAll(string(page), "Notes from the coast", "Notes 😀 from the côte, 海岸 𝔘"), "Ann Lee", "Ann 😀 Lee", -1))},
		{name: "failed", page: []byte("%PDF-1.4 not a page")},
		{name: "bare", r: core.Result{Input: "x", Error: "e", ErrorKind: "other"}},
		{name: "error result", r: errorResult("https://example.org/", "internal error")},
	} {
		r := c.r
		if c.page != nil {
			a, err := ex.Extract(core.Input{HTML: c.page, URL: "https://example.org/coast"})
			r = core.NewResult("https://example.org/coast", a, err)
		}
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		got := js.Global().Get("JSON").Call("stringify", resultValue(r)).String()
		var w, g any
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(got), &g); err != nil {
			t.Fatalf("%s: not JSON: %v\n%s", c.name, err, got)
		}
		if !reflect.DeepEqual(w, g) {
			t.Errorf("%s: the object differs from the JSON\nobject: %.2000s\nJSON:   %.2000s", c.name, got, want)
		}
	}
}

func TestExtractJSONIsTheCLIObject(t *testing.T) {
	page := []byte(`<html lang="en"><head><title>A walk in the hills</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>A walk in the hills</h1>` + strings.Repeat(`<p>We left the village early in the morning and climbed
slowly along the old shepherd path, stopping often to look back at the valley below us.</p>`, 8) +
		`</article></body></html>`)
	out := extractJSON(core.New(core.Options{}), page, "https://example.org/walk", "")
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"input", "url", "title", "markdown", "html", "text", "removed", "wordCount", "readingMinutes"} {
		if _, ok := r[k]; !ok {
			t.Errorf("result has no %q field", k)
		}
	}
	if r["input"] != "https://example.org/walk" {
		t.Errorf("input = %v, want the URL", r["input"])
	}
	if text, _ := r["text"].(string); !strings.Contains(text, "shepherd path") {
		t.Errorf("text misses the article: %q", text)
	}
}

func TestExtractJSONReportsErrors(t *testing.T) {
	out := extractJSON(core.New(core.Options{}), nil, "", "")
	var r core.Result
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if r.Error == "" || r.ErrorKind == "" {
		t.Fatalf("empty input gave no error: %s", out)
	}
	if r.Removed.Details == nil {
		t.Errorf("removed.details is null, want []")
	}
}

// The wasm build has no encoding tables: GBK bytes are decoded by the
// host's TextDecoder (node has the full ICU set, as browsers do).
func TestLegacyBytesDecodedByTheHost(t *testing.T) {
	para := "<p>今年春天，山区茶农提前半个月开始采摘明前茶，新建的加工厂让鲜叶当天就能制成成品，收入比去年明显增加。</p>"
	page := "<html><head><title>明前茶开采</title></head><body><article><h1>明前茶开采</h1>" +
		strings.Repeat(para, 6) + "</article></body></html>"
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	out := extractJSON(core.New(core.Options{LegacyDecoder: textDecoder}), gbk, "https://example.cn/tea", "")
	var r core.Result
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if !strings.Contains(r.Text, "山区茶农提前半个月") || r.Charset != "gb18030" {
		t.Fatalf("GBK page not decoded (charset %q): %.200s", r.Charset, r.Text)
	}
}

// A string that is the tail of one sent before is its substring, at the
// right UTF-16 offset whatever runes precede it; others go over whole.
func TestTailsAreSubstrings(t *testing.T) {
	full := strings.Repeat("é😀x海", 100) + strings.Repeat("tail 𝔘 ", 80)
	fv := js.ValueOf(full)
	// (byte 4 is inside a rune: that tail goes over whole)
	for _, cut := range []int{0, 4, 6, len(full) - 256, len(strings.Repeat("é😀x海", 100)), len(full)} {
		tail := full[cut:]
		if got, want := tailValue(fv, full, tail).String(), js.ValueOf(tail).String(); got != want {
			t.Errorf("tail from byte %d: %.60q, want %.60q", cut, got, want)
		}
	}
	other := strings.Clone(full[10:])
	if got := tailValue(fv, full, other).String(); got != other {
		t.Errorf("a copy: %.60q", got)
	}
}
