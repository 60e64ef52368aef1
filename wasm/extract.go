//go:build js && wasm

package main

import (
	"reflect"
	"strings"
	"syscall/js"

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
func resultValue(r core.Result) js.Value {
	return jsValue(reflect.ValueOf(r))
}

var (
	jsObject = js.Global().Get("Object")
	jsArray  = js.Global().Get("Array")
)

func jsValue(v reflect.Value) js.Value {
	switch v.Kind() {
	case reflect.String:
		return js.ValueOf(v.String())
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
			arr.SetIndex(i, jsValue(v.Index(i)))
		}
		return arr
	case reflect.Struct:
		obj := jsObject.New()
		setFields(obj, v)
		return obj
	}
	panic("cleanread: no JavaScript value for a " + v.Kind().String())
}

// setFields sets v's fields on obj as encoding/json names them.
func setFields(obj js.Value, v reflect.Value) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if !f.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		fv := v.Field(i)
		if f.Anonymous && name == "" && fv.Kind() == reflect.Struct {
			setFields(obj, fv)
			continue
		}
		if name == "" {
			name = f.Name
		}
		if opts == "omitempty" && fv.IsZero() {
			continue
		}
		obj.Set(name, jsValue(fv))
	}
}
