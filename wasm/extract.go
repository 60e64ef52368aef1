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
// A string that is the tail of one set before it (the body's Markdown and
// HTML are the tails of the document's) is sent as that string's
// substring: the host shares the characters rather than decoding the
// article's bytes once more (two of five copies of a small page's
// article, half the strings' share of its call).
func resultValue(r core.Result) js.Value {
	big := [...]string{r.Markdown, r.HTML, r.BodyMarkdown, r.BodyHTML, r.Text} // (by their json names below)
	r.Markdown, r.HTML, r.BodyMarkdown, r.BodyHTML, r.Text = "", "", "", "", ""
	b, err := json.Marshal(r)
	if err != nil {
		panic(err) // (strings, ints and slices of them: Marshal cannot fail)
	}
	obj := jsJSON.Call("parse", string(b))
	var t tails
	for i, k := range [...]string{"markdown", "html", "bodyMarkdown", "bodyHtml", "text"} {
		obj.Set(k, t.str(big[i]))
	}
	return obj
}

var jsJSON = js.Global().Get("JSON")

// tails remembers the long strings sent so far.
type tails []sentString

type sentString struct {
	s string
	v js.Value
}

// minTail is the length under which a string goes over as it is.
const minTail = 256

// str returns the JavaScript value of s: a substring of a string sent
// before when s is its tail.
func (t *tails) str(s string) js.Value {
	if len(s) < minTail {
		return js.ValueOf(s)
	}
	end := uintptr(unsafe.Pointer(unsafe.StringData(s))) + uintptr(len(s))
	for _, p := range *t {
		start := uintptr(unsafe.Pointer(unsafe.StringData(p.s)))
		if len(s) <= len(p.s) && start+uintptr(len(p.s)) == end {
			head := p.s[:len(p.s)-len(s)]
			if !utf8.ValidString(head) || !utf8.RuneStart(s[0]) {
				break // (then the host's decoding of the two may differ)
			}
			return jsSubstring.Call("call", p.v, utf16Len(head))
		}
	}
	v := js.ValueOf(s)
	*t = append(*t, sentString{s, v})
	return v
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
