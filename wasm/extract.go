//go:build js && wasm

package main

import (
	"reflect"
	"strings"
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

// resultValue builds the result object in JavaScript directly, field by
// field, with the names and rules of its JSON encoding (json tags, embedded
// structs inlined, omitempty, "-" left out, nil slices as null): the same
// object as JSON.parse(json.Marshal(r)) without the JSON text. Building that
// text in the wasm cost a multiple of the article's size in garbage (its
// HTML escaped as \u003c, the buffer regrown, copied out) and its parse again
// in JavaScript; each string here goes over once, decoded by the host.
//
// A string field that is the tail of one set before it (the body's
// Markdown and HTML are the tails of the document's) is sent as that
// field's substring: the host shares the characters rather than decoding
// the article's bytes once more (two of five copies of a small page's
// article, half the strings' share of its call).
func resultValue(r core.Result) js.Value {
	var t tails
	return t.value(reflect.ValueOf(r))
}

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
	jsObject = js.Global().Get("Object")
	jsArray  = js.Global().Get("Array")
	// (syscall/js calls methods on objects only, not on strings)
	jsSubstring = js.Global().Get("String").Get("prototype").Get("substring")
)

func (t *tails) value(v reflect.Value) js.Value {
	switch v.Kind() {
	case reflect.String:
		return t.str(v.String())
	case reflect.Bool:
		return js.ValueOf(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return js.ValueOf(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return js.ValueOf(v.Uint())
	case reflect.Float32, reflect.Float64:
		return js.ValueOf(v.Float())
	case reflect.Slice:
		if v.IsNil() {
			return js.Null()
		}
		arr := jsArray.New(v.Len())
		for i := range v.Len() {
			arr.SetIndex(i, t.value(v.Index(i)))
		}
		return arr
	case reflect.Struct:
		obj := jsObject.New()
		t.setFields(obj, v)
		return obj
	}
	panic("cleanread: no JavaScript value for a " + v.Kind().String())
}

// setFields sets v's fields on obj as encoding/json names them.
func (t *tails) setFields(obj js.Value, v reflect.Value) {
	ty := v.Type()
	for i := range ty.NumField() {
		f := ty.Field(i)
		tag := f.Tag.Get("json")
		if !f.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		fv := v.Field(i)
		if f.Anonymous && name == "" && fv.Kind() == reflect.Struct {
			t.setFields(obj, fv)
			continue
		}
		if name == "" {
			name = f.Name
		}
		if opts == "omitempty" && fv.IsZero() {
			continue
		}
		obj.Set(name, t.value(fv))
	}
}
