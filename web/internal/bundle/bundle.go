// Package bundle builds the web bundle that package web serves: the wasm
// engine, Go's wasm_exec.js wrapped so it leaks no globals, the static
// files, precompressed brotli and gzip copies, and manifest.json.
//
// It is run by `make wasm` (through web/cmd/bundle) and by the browser
// tests, which build a fresh bundle into a temporary directory.
package bundle

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/andybalholm/brotli"
)

// ManifestFile is the name of the manifest in the bundle.
const ManifestFile = "manifest.json"

// Manifest describes a built bundle.
type Manifest struct {
	// Wasm is the content-hashed file name of the engine.
	Wasm string `json:"wasm"`
	// Go is the Go version that built the wasm and provided wasm_exec.js.
	Go string `json:"go"`
	// Files lists every served file (not the compressed copies).
	Files map[string]File `json:"files"`
}

// File is one file of the bundle.
type File struct {
	Size int    `json:"size"`
	SHA  string `json:"sha256"`
	// Gzip and Brotli are the sizes of the precompressed copies, 0 if none.
	Gzip   int `json:"gzip,omitempty"`
	Brotli int `json:"br,omitempty"`
	// Immutable files have a content-hashed name and may be cached forever.
	Immutable bool `json:"immutable,omitempty"`
}

// Options say what to build and where.
type Options struct {
	// Module is the module root (holds go.mod and wasm/).
	Module string
	// Static is the directory of static files (web/static).
	Static string
	// Out is the output directory; files from an earlier build are removed,
	// except dot files (.gitkeep, .gitignore).
	Out string
	// Go is the go command (default "go" on PATH).
	Go string
	// BrotliLevel is the brotli quality, 0-11 (0 means 11, the smallest
	// output; tests use a faster level).
	BrotliLevel int
}

// wasmName is how the JS refers to the engine before hashing.
const wasmName = "cleanread.wasm"

// compressible are the extensions that get precompressed copies.
var compressible = map[string]bool{".wasm": true, ".js": true, ".html": true, ".css": true,
	".json": true, ".svg": true, ".txt": true, ".md": true}

// Build builds the bundle and returns its manifest.
func Build(ctx context.Context, o Options) (*Manifest, error) {
	if o.Go == "" {
		o.Go = "go"
	}
	if o.BrotliLevel == 0 {
		o.BrotliLevel = brotli.BestCompression
	}
	if err := clean(o.Out); err != nil {
		return nil, err
	}
	goroot, version, err := goEnv(ctx, o.Go, o.Module)
	if err != nil {
		return nil, err
	}

	// 1. The engine.
	tmp := filepath.Join(o.Out, ".build.wasm")
	cmd := exec.CommandContext(ctx, o.Go, "build", "-trimpath", "-ldflags=-s -w", "-o", tmp, "./wasm")
	cmd.Dir = o.Module
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("bundle: building the wasm: %w\n%s", err, out)
	}
	wasm, err := os.ReadFile(tmp)
	os.Remove(tmp)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(wasm)
	m := &Manifest{Go: version, Files: map[string]File{}}
	m.Wasm = "cleanread." + hex.EncodeToString(sum[:])[:12] + ".wasm"

	files := map[string][]byte{m.Wasm: wasm}

	// 2. wasm_exec.js from the same Go, as a module function of its own globalThis.
	execJS, err := os.ReadFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	files["wasm_exec.js"] = wrapExec(execJS, version)

	// 3. The static files; cleanread.js learns the hashed wasm name.
	err = filepath.WalkDir(o.Static, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(o.Static, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == "cleanread.js" {
			q := []byte(`"` + wasmName + `"`)
			if !bytes.Contains(b, q) {
				return errors.New("bundle: cleanread.js does not name " + string(q))
			}
			b = bytes.Replace(b, q, []byte(`"`+m.Wasm+`"`), 1)
		}
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		return nil, err
	}

	// 4. Write each file with its compressed copies.
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		f, err := write(o.Out, name, files[name], o.BrotliLevel)
		if err != nil {
			return nil, err
		}
		f.Immutable = name == m.Wasm
		m.Files[name] = f
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return m, os.WriteFile(filepath.Join(o.Out, ManifestFile), append(mb, '\n'), 0o644)
}

func write(out, name string, b []byte, level int) (File, error) {
	sum := sha256.Sum256(b)
	f := File{Size: len(b), SHA: hex.EncodeToString(sum[:])}
	dst := filepath.Join(out, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return f, err
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		return f, err
	}
	if !compressible[path.Ext(name)] || len(b) < 512 {
		return f, nil
	}
	var gz, br bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		return f, err
	}
	bw := brotli.NewWriterLevel(&br, level)
	bw.Write(b)
	if err := bw.Close(); err != nil {
		return f, err
	}
	// A copy that saves nothing is not worth a variant.
	if gz.Len() < len(b) {
		f.Gzip = gz.Len()
		if err := os.WriteFile(dst+".gz", gz.Bytes(), 0o644); err != nil {
			return f, err
		}
	}
	if br.Len() < len(b) {
		f.Brotli = br.Len()
		if err := os.WriteFile(dst+".br", br.Bytes(), 0o644); err != nil {
			return f, err
		}
	}
	return f, nil
}

// wrapExec turns wasm_exec.js into an ES module whose default export runs
// it against a given globalThis and returns the Go class it defined there.
func wrapExec(src []byte, version string) []byte {
	var b bytes.Buffer
	b.WriteString("// Go " + version + "'s lib/wasm/wasm_exec.js, unchanged, wrapped by web/internal/bundle:\n")
	b.WriteString("// it runs against the globalThis passed in (cleanread.js's private scope), so it\n")
	b.WriteString("// defines no page globals (Go, fs, process, path).\n")
	b.WriteString("export default function (globalThis) {\n")
	b.Write(src)
	b.WriteString("\nreturn globalThis.Go;\n}\n")
	return b.Bytes()
}

func goEnv(ctx context.Context, goCmd, dir string) (goroot, version string, err error) {
	cmd := exec.CommandContext(ctx, goCmd, "env", "GOROOT", "GOVERSION")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", "", fmt.Errorf("bundle: go env: %w", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		return "", "", fmt.Errorf("bundle: go env printed %q", out)
	}
	return lines[0], lines[1], nil
}

// clean empties out, so stale hashed files do not linger. Dot files
// (.gitkeep, .gitignore) are the repository's, not the build's: they stay.
func clean(out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	ents, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if err := os.RemoveAll(filepath.Join(out, e.Name())); err != nil {
			return err
		}
	}
	return nil
}
