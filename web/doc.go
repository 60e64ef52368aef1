// Package web serves cleanread in the browser: the demo page, the
// JavaScript modules (engine, reader overlay, bookmarklet, widget) and the
// wasm engine built from ../wasm.
//
// The CLI's `cleanread serve -addr ADDR` calls:
//
//	func Handler(opts ...Option) (http.Handler, error)
//
// and serves the result with net/http. Handler returns ErrNotBuilt when the
// binary was built before the bundle (run `make wasm`, then build again);
// WithBundle(os.DirFS("web/dist")) serves a bundle from disk instead of the
// embedded one.
//
// Files:
//
//	serve.go           Handler: routes, content types, CORS, precompressed variants, caching
//	static/            the sources of the bundle, served as they are:
//	  cleanread.js       the engine module: load(), extract(); Worker with main-thread fallback
//	  worker.js          the engine's worker side
//	  reader.js          <clean-reader>, the overlay: themes, controls, focus trap, Escape
//	  widget.js          <clean-article src>, the embeddable widget
//	  render.js          result -> sanitised reader DOM, shared by reader and widget
//	  styles.js          typography and themes as a constructable stylesheet
//	  settings.js        reader settings in our origin's localStorage (storage.html/.js on other sites)
//	  bookmarklet.js     loaded by the bookmarklet: opens the reader on the page
//	  link.js            the bookmarklet itself (a javascript: URL) with its CSP fallback
//	  reader.html/-page.js  our reader window, the fallback for pages whose CSP keeps us out
//	  index.html, demo.js, demo.css  the demo page; samples/ its sample pages
//	internal/bundle    builds dist/: wasm (hashed), wrapped wasm_exec.js, .br/.gz copies, manifest.json
//	cmd/bundle         `go run ./web/cmd/bundle -o web/dist`, used by `make wasm`
//	dist/              the built bundle, embedded (not committed)
//	perf/              package.json (+ lock) of the browser benchmark's Readability.js (perf_test.go)
package web
