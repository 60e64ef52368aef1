//go:build js && wasm

package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cleanread/cleanread/core"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// These run under Node: GOOS=js GOARCH=wasm go test ./wasm/ with
// $(go env GOROOT)/lib/wasm on PATH.

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
