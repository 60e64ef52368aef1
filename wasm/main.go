//go:build js && wasm

// Command wasm is cleanread's WebAssembly adapter, the only package that
// imports syscall/js. It is built with GOOS=js GOARCH=wasm and loaded by
// web/static/cleanread.js.
//
// It never touches page globals. The loader runs Go's wasm_exec.js inside a
// private scope object, which the Go runtime sees as js.Global(); the loader
// puts an empty object under the key "cleanread" in that scope, and main
// fills it in:
//
//	extract(html, url, contentType) -> result object (core.Result: JSON.parse of the CLI's -f json)
//	extractTree(tree, url)          -> the same, of a page a browser has parsed (core.Input.Tree)
//	collect()                       -> collects the calls' garbage (the loader calls it when idle)
//	version                         -> the Go version that built the wasm
//
// html is a string (then it is UTF-8 whatever its <meta charset> says) or
// a Uint8Array of the page's raw bytes (decoded by the core, using
// contentType's charset when given). tree is the UTF-8 bytes of the flat
// tree that cleanread.js's pageTree writes of a live document.
package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"syscall/js"

	"github.com/cleanread/cleanread/core"
)

// utf8Type is the transport type for pages handed over as JS strings: their
// bytes are UTF-8 now, whatever their <meta charset> said on the wire.
const utf8Type = "text/html; charset=utf-8"

// memoryLimit is the Go runtime's soft memory limit in the page, for the
// pages far larger than usual (see collectAt): the runtime's own memory
// (about 7 MB) counts towards it, so the heap starts a collection at about
// 21 MB, above what the corpus's largest pages need between two
// checkpoints.
const memoryLimit = 28 << 20

// The garbage collector in the page. js/wasm has one thread and no
// preemption: a GC cycle that starts during an extraction cannot finish
// before the extraction returns (its mark worker never gets to run), so the
// heap grows all the same and the write barriers stay on for the rest of
// the extraction, which made large pages up to 1.6 times slower. So the
// collector does not pace itself (GC percent off); each call collects first
// instead, when the last ones left garbage (collectAt), while the heap is
// mostly that garbage and cheap to mark. The soft memory limit remains, for
// pages far larger than usual.
const collectAt = 4 << 20

// heapObjects reads the bytes in heap objects, garbage included.
var heapObjects = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

// checkpoint is called by the pipeline between its stages: once the page's
// tree is let go ("markdown"), the garbage of parsing and scoring is
// collected before the rendering allocates more.
func checkpoint(stage string) {
	if stage == "markdown" {
		collect()
	}
}

func collect() {
	metrics.Read(heapObjects)
	if heapObjects[0].Value.Kind() == metrics.KindUint64 && heapObjects[0].Value.Uint64() >= collectAt {
		runtime.GC()
	}
	clean = true
}

// clean is true while no extraction has run since the last collect: a
// call then starts without reading the runtime's metrics again (the
// loader's idle-time collect has just looked).
var clean bool

// collectFirst starts a call: it collects unless nothing was left since
// the last collection.
func collectFirst() {
	if !clean {
		collect()
	}
}

// done ends a call: the next one has its garbage to look at.
func done(v js.Value) js.Value {
	clean = false
	return v
}

func main() {
	ns := js.Global().Get("cleanread")
	if ns.Type() != js.TypeObject {
		// Loaded without cleanread.js: there is nowhere to register.
		println("cleanread: no namespace object; load this wasm with cleanread.js")
		return
	}
	// Linear memory never shrinks: its high-water mark is what the page
	// pays for. See collectAt.
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(memoryLimit)
	ex := core.New(core.Options{LegacyDecoder: textDecoder, Checkpoint: checkpoint})
	ns.Set("version", runtime.Version())
	// collect, which the loader calls once the page is idle after an
	// extraction: the call's garbage goes while no one waits, and the next
	// call finds none to collect first (a collection costs about a
	// millisecond in the wasm, a third of a small page's extraction).
	ns.Set("collect", js.FuncOf(func(js.Value, []js.Value) any {
		collect()
		return nil
	}))
	ns.Set("extract", js.FuncOf(func(_ js.Value, args []js.Value) any {
		collectFirst()
		page, url, ctype := pageArgs(args)
		return done(extract(ex, core.Input{HTML: page, URL: url, ContentType: ctype}))
	}))
	ns.Set("extractTree", js.FuncOf(func(_ js.Value, args []js.Value) any {
		collectFirst()
		tree, url, _ := pageArgs(args)
		if tree == nil {
			tree = []byte{} // (not HTML: a tree, if an empty one)
		}
		return done(extract(ex, core.Input{Tree: tree, URL: url}))
	}))
	select {} // keep the runtime alive for later calls
}

// pageArgs reads (html, url, contentType) from the JS call arguments.
func pageArgs(args []js.Value) (page []byte, url, ctype string) {
	arg := func(i int) js.Value {
		if i < len(args) {
			return args[i]
		}
		return js.Undefined()
	}
	if s := arg(1); s.Type() == js.TypeString {
		url = s.String()
	}
	if s := arg(2); s.Type() == js.TypeString {
		ctype = s.String()
	}
	switch h := arg(0); h.Type() {
	case js.TypeString:
		page, ctype = []byte(h.String()), utf8Type
	case js.TypeObject:
		if n := h.Get("byteLength"); n.Type() == js.TypeNumber {
			page = make([]byte, n.Int())
			js.CopyBytesToGo(page, h)
		}
	}
	return page, url, ctype
}

// textDecoder decodes legacy encodings with the browser's TextDecoder, so
// that the wasm carries no encoding tables of its own. An unknown label
// throws in JavaScript; that is reported as "cannot decode".
func textDecoder(label string, b []byte) (text string, ok bool) {
	defer func() {
		if recover() != nil {
			text, ok = "", false
		}
	}()
	ctor := js.Global().Get("TextDecoder")
	if ctor.Type() != js.TypeFunction {
		return "", false
	}
	arr := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(arr, b)
	dec := ctor.New(label)
	return dec.Call("decode", arr).String(), true
}
