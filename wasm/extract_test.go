//go:build js && wasm

package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cleanread/cleanread/core"
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
