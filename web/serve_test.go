package web_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cleanread/cleanread/web"
)

// fakeBundle is a bundle as web/internal/bundle writes it, with tiny files.
func fakeBundle() fstest.MapFS {
	return fstest.MapFS{
		"manifest.json": {Data: []byte(`{"wasm":"cleanread.0123456789ab.wasm","go":"go1.x","files":{
			"cleanread.0123456789ab.wasm":{"size":8,"sha256":"x","gzip":4,"br":3,"immutable":true},
			"index.html":{"size":6,"sha256":"y"},
			"cleanread.js":{"size":9,"sha256":"z","gzip":4}}}`)},
		"cleanread.0123456789ab.wasm":    {Data: []byte("\x00asm\x01\x00\x00\x00")},
		"cleanread.0123456789ab.wasm.gz": {Data: []byte("GZIP")},
		"cleanread.0123456789ab.wasm.br": {Data: []byte("BRO")},
		"index.html":                     {Data: []byte("<html>")},
		"cleanread.js":                   {Data: []byte("export {}")},
		"cleanread.js.gz":                {Data: []byte("GZJS")},
	}
}

func get(t *testing.T, h http.Handler, method, path string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHandlerNotBuilt(t *testing.T) {
	_, err := web.Handler(web.WithBundle(fstest.MapFS{".gitkeep": {}}))
	if !errors.Is(err, web.ErrNotBuilt) {
		t.Fatalf("Handler on an empty bundle: err = %v, want ErrNotBuilt", err)
	}
	if !strings.Contains(err.Error(), "make wasm") {
		t.Errorf("the error does not say how to build: %v", err)
	}
}

func TestHandler(t *testing.T) {
	h, err := web.Handler(web.WithBundle(fakeBundle()))
	if err != nil {
		t.Fatal(err)
	}
	const wasm = "/cleanread.0123456789ab.wasm"
	tests := []struct {
		name, method, path, acceptEncoding string
		status                             int
		body, ctype, encoding, cache       string
	}{
		{"wasm brotli", "GET", wasm, "gzip, deflate, br", 200, "BRO", "application/wasm", "br", "immutable"},
		{"wasm gzip", "GET", wasm, "gzip", 200, "GZIP", "application/wasm", "gzip", "immutable"},
		{"wasm br refused", "GET", wasm, "br;q=0, gzip", 200, "GZIP", "application/wasm", "gzip", "immutable"},
		{"wasm identity", "GET", wasm, "", 200, "\x00asm\x01\x00\x00\x00", "application/wasm", "", "immutable"},
		{"module", "GET", "/cleanread.js", "br, gzip", 200, "GZJS", "text/javascript; charset=utf-8", "gzip", "no-cache"},
		{"demo at /", "GET", "/", "", 200, "<html>", "text/html; charset=utf-8", "", "no-cache"},
		{"head", "HEAD", "/index.html", "", 200, "", "text/html; charset=utf-8", "", "no-cache"},
		{"missing", "GET", "/nope.js", "", 404, "not found\n", "text/plain; charset=utf-8", "", ""},
		{"no escape", "GET", "/../serve.go", "", 404, "not found\n", "text/plain; charset=utf-8", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := get(t, h, tc.method, tc.path, "Accept-Encoding", tc.acceptEncoding)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d", w.Code, tc.status)
			}
			if got := w.Body.String(); got != tc.body {
				t.Errorf("body %q, want %q", got, tc.body)
			}
			if got := w.Header().Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type %q, want %q", got, tc.ctype)
			}
			if got := w.Header().Get("Content-Encoding"); got != tc.encoding {
				t.Errorf("Content-Encoding %q, want %q", got, tc.encoding)
			}
			if got := w.Header().Get("Cache-Control"); !strings.Contains(got, tc.cache) {
				t.Errorf("Cache-Control %q, want %q in it", got, tc.cache)
			}
			if got := w.Header().Get("Access-Control-Allow-Origin"); got != "*" {
				t.Errorf("Access-Control-Allow-Origin %q, want *", got)
			}
		})
	}
}

func TestHandlerRevalidation(t *testing.T) {
	h, err := web.Handler(web.WithBundle(fakeBundle()))
	if err != nil {
		t.Fatal(err)
	}
	first := get(t, h, "GET", "/cleanread.js", "Accept-Encoding", "gzip")
	etag := first.Header().Get("ETag")
	if etag == "" || first.Header().Get("Vary") != "Accept-Encoding" {
		t.Fatalf("ETag %q, Vary %q", etag, first.Header().Get("Vary"))
	}
	if w := get(t, h, "GET", "/cleanread.js", "Accept-Encoding", "gzip", "If-None-Match", etag); w.Code != 304 {
		t.Errorf("If-None-Match with the same ETag: status %d, want 304", w.Code)
	}
	// The identity body has another ETag than the gzip one.
	if w := get(t, h, "GET", "/cleanread.js", "If-None-Match", etag); w.Code != 200 {
		t.Errorf("If-None-Match with the gzip ETag, no gzip accepted: status %d, want 200", w.Code)
	}
}

func TestHandlerCORSPreflightAndMethods(t *testing.T) {
	h, err := web.Handler(web.WithBundle(fakeBundle()))
	if err != nil {
		t.Fatal(err)
	}
	w := get(t, h, "OPTIONS", "/cleanread.js", "Origin", "https://elsewhere.example", "Access-Control-Request-Method", "GET")
	if w.Code != 204 || w.Header().Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(w.Header().Get("Access-Control-Allow-Methods"), "GET") {
		t.Errorf("preflight: %d %v", w.Code, w.Header())
	}
	if w := get(t, h, "POST", "/cleanread.js"); w.Code != 405 {
		t.Errorf("POST: status %d, want 405", w.Code)
	}
	if w := get(t, h, "GET", "/"); !strings.Contains(w.Header().Get("Content-Security-Policy"), "'wasm-unsafe-eval'") {
		t.Errorf("the demo page has no CSP allowing our wasm: %q", w.Header().Get("Content-Security-Policy"))
	}
}
