package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/cleanread/cleanread/web/internal/bundle"
)

// dist is the bundle built by `make wasm` (web/internal/bundle). In a fresh
// checkout it holds only .gitkeep, and Handler reports ErrNotBuilt.
//
//go:embed all:dist
var dist embed.FS

// ErrNotBuilt is returned by Handler when the bundle has no wasm engine.
var ErrNotBuilt = errors.New(`web: the wasm bundle is not built (web/dist has no manifest.json): run "make wasm", then rebuild`)

// Option configures Handler.
type Option func(*config)

type config struct {
	fsys fs.FS
}

// WithBundle serves the bundle in fsys (a directory written by
// web/internal/bundle, e.g. os.DirFS("web/dist")) instead of the one
// embedded at build time.
func WithBundle(fsys fs.FS) Option {
	return func(c *config) { c.fsys = fsys }
}

// asset is one served file with its precompressed copies.
type asset struct {
	body, br, gz []byte
	ctype        string
	etag         string // quoted, of the uncompressed body
	immutable    bool
	page         bool // an HTML page of ours: gets our CSP
}

type handler struct {
	files map[string]*asset
}

// Handler returns the HTTP handler of `cleanread serve`: the demo page at /,
// /cleanread.js, /bookmarklet.js, the reader and widget modules, and the
// wasm engine under its content-hashed name (application/wasm). Every file
// is served with CORS headers so that pages of other origins may load it,
// precompressed brotli or gzip per Accept-Encoding, and cache headers:
// hashed files for a year, the others revalidated by ETag.
//
// It returns ErrNotBuilt when the bundle has no engine.
func Handler(opts ...Option) (http.Handler, error) {
	c := config{}
	for _, o := range opts {
		o(&c)
	}
	if c.fsys == nil {
		sub, err := fs.Sub(dist, "dist")
		if err != nil {
			return nil, err
		}
		c.fsys = sub
	}
	mb, err := fs.ReadFile(c.fsys, bundle.ManifestFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotBuilt
	} else if err != nil {
		return nil, err
	}
	var m bundle.Manifest
	if err := json.Unmarshal(mb, &m); err != nil {
		return nil, errors.New("web: bad " + bundle.ManifestFile + ": " + err.Error())
	}
	if _, ok := m.Files[m.Wasm]; !ok || m.Wasm == "" {
		return nil, ErrNotBuilt
	}
	h := &handler{files: map[string]*asset{}}
	for name, f := range m.Files {
		a := &asset{ctype: contentType(name), immutable: f.Immutable}
		if a.body, err = fs.ReadFile(c.fsys, name); err != nil {
			return nil, errors.New("web: the bundle is incomplete: " + err.Error())
		}
		if f.Brotli > 0 {
			a.br, _ = fs.ReadFile(c.fsys, name+".br")
		}
		if f.Gzip > 0 {
			a.gz, _ = fs.ReadFile(c.fsys, name+".gz")
		}
		sum := sha256.Sum256(a.body)
		a.etag = `"` + hex.EncodeToString(sum[:8]) + `"`
		a.page = strings.HasSuffix(name, ".html") && name != "storage.html" && !strings.HasPrefix(name, "samples/")
		h.files["/"+name] = a
	}
	h.files["/"+bundle.ManifestFile] = &asset{body: mb, ctype: "application/json", etag: etagOf(mb)}
	return h, nil
}

func etagOf(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}

// pageCSP is the policy of our own pages: only our scripts and wasm. The
// demo shows the original page in a sandboxed frame (no scripts), whose
// inline styles we let through so it looks like the original.
const pageCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
	"img-src * data: blob:; media-src *; connect-src 'self'; worker-src 'self' blob:; frame-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'"

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	// Anyone may load the engine: pages of other origins (the bookmarklet,
	// the widget) fetch our modules and wasm with CORS.
	hd.Set("Access-Control-Allow-Origin", "*")
	hd.Set("Cross-Origin-Resource-Policy", "cross-origin")
	hd.Set("Timing-Allow-Origin", "*")
	hd.Set("X-Content-Type-Options", "nosniff")
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodOptions:
		hd.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
		hd.Set("Access-Control-Allow-Headers", "*")
		hd.Set("Access-Control-Max-Age", "86400")
		w.WriteHeader(http.StatusNoContent)
		return
	default:
		hd.Set("Allow", "GET, HEAD, OPTIONS")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	if p == "/" {
		p = "/index.html"
	}
	a, ok := h.files[p]
	if !ok {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if a.immutable {
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hd.Set("Cache-Control", "no-cache")
	}
	if a.page {
		hd.Set("Content-Security-Policy", pageCSP)
		hd.Set("Referrer-Policy", "no-referrer")
	}
	hd.Set("Content-Type", a.ctype)
	body, enc := a.body, ""
	if a.br != nil || a.gz != nil {
		hd.Add("Vary", "Accept-Encoding")
		switch ae := r.Header.Get("Accept-Encoding"); {
		case a.br != nil && accepts(ae, "br"):
			body, enc = a.br, "br"
		case a.gz != nil && accepts(ae, "gzip"):
			body, enc = a.gz, "gzip"
		}
	}
	etag := a.etag
	if enc != "" {
		hd.Set("Content-Encoding", enc)
		etag = etag[:len(etag)-1] + "-" + enc + `"`
	}
	hd.Set("ETag", etag)
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatch(match, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// accepts reports whether an Accept-Encoding header value allows coding
// (listed, and not with q=0).
func accepts(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return !(strings.HasPrefix(q, "q=0") && strings.Trim(q[3:], ".0") == "")
	}
	return false
}

func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

var types = map[string]string{
	".wasm": "application/wasm",
	".js":   "text/javascript; charset=utf-8",
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".txt":  "text/plain; charset=utf-8",
	".md":   "text/markdown; charset=utf-8",
}

func contentType(name string) string {
	if t, ok := types[path.Ext(name)]; ok {
		return t
	}
	return "application/octet-stream"
}
