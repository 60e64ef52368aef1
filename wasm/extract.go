//go:build js && wasm

package main

import (
	"encoding/json"
	"syscall/js"
	"unicode/utf8"
	"unsafe"

	"github.com/cleanread/cleanread/core"
)

// extract runs the extractor on one page (its HTML or its flat tree) and returns the result as the
// JavaScript object that JSON.parse makes of the CLI's -f json output for it
// (see resultValue). It never panics: a panic in the pipeline becomes the
// result's error, so one bad page cannot stop the runtime that later calls
// share.
func extract(ex *core.Extractor, in core.Input) (out js.Value) {
	defer func() {
		if p := recover(); p != nil {
			out = resultValue(errorResult(in.URL, "internal error in the extractor"))
		}
	}()
	a, err := ex.Extract(in)
	return resultValue(core.NewResult(in.URL, a, err))
}

func errorResult(url, msg string) core.Result {
	return core.Result{Input: url, Error: msg, ErrorKind: "other",
		Article: core.Article{Removed: core.Removed{Details: []core.Removal{}}}}
}

// resultValue builds the result object: the same object as
// JSON.parse(json.Marshal(r)), the CLI's -f json, without the article's
// copies in the JSON text. The small fields go over as JSON (one call,
// parsed by the host), the five strings of the article one by one, each
// decoded once by the host. Setting every field through syscall/js took
// a fifth of a short page's call (a call and a finalizer per value); the
// article inside the JSON text would cost a multiple of its size in
// garbage (its HTML escaped as \u003c, the buffer regrown, copied out) and
// its parse again in JavaScript.
//
// The body's Markdown and HTML are the tails of the document's: they go
// over as substrings of those (tailValue), and the host shares the
// characters rather than decoding the article's bytes once more (two of
// five copies of a small page's article, half the strings' share of its
// call).
func resultValue(r core.Result) js.Value {
	md, html, bodyMD, bodyHTML, text := r.Markdown, r.HTML, r.BodyMarkdown, r.BodyHTML, r.Text
	r.Markdown, r.HTML, r.BodyMarkdown, r.BodyHTML, r.Text = "", "", "", "", ""
	b, err := json.Marshal(r)
	if err != nil {
		panic(err) // (strings, ints and slices of them: Marshal cannot fail)
	}
	obj := jsJSON.Call("parse", string(b))
	mdV, htmlV := js.ValueOf(md), js.ValueOf(html)
	obj.Set("markdown", mdV)
	obj.Set("html", htmlV)
	obj.Set("bodyMarkdown", tailValue(mdV, md, bodyMD))
	obj.Set("bodyHtml", tailValue(htmlV, html, bodyHTML))
	obj.Set("text", js.ValueOf(text))
	return obj
}

var jsJSON = js.Global().Get("JSON")

// tailValue returns the JavaScript value of s: fullV's substring when s
// is the tail of full in memory (fullV being full's value), starting on a
// rune after valid UTF-8 (else the host's decoding of the two may differ);
// s's own value otherwise.
func tailValue(fullV js.Value, full, s string) js.Value {
	if s == "" || len(s) > len(full) ||
		unsafe.StringData(full[len(full)-len(s):]) != unsafe.StringData(s) {
		return js.ValueOf(s)
	}
	head := full[:len(full)-len(s)]
	if !utf8.ValidString(head) || !utf8.RuneStart(s[0]) {
		return js.ValueOf(s)
	}
	return jsSubstring.Call("call", fullV, utf16Len(head))
}

// utf16Len is the length of s in UTF-16 code units, as JavaScript counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

var (
	// (syscall/js calls methods on objects only, not on strings)
	jsSubstring = js.Global().Get("String").Get("prototype").Get("substring")
)
