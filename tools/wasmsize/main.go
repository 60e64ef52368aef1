// Command wasmsize reports how much of the wasm each Go package takes.
//
//	go run ./tools/wasmsize [-pkg ./wasm] [-q 11]
//
// It builds the package for GOOS=js GOARCH=wasm twice: as the bundle does
// (-trimpath -ldflags=-s -w), for the real sizes, and without -s, whose
// "name" section names every function. `go tool nm` does not read wasm, so
// the code section's function bodies are summed per package from those
// names here. Brotli per package is each package's bodies compressed alone,
// an estimate (the whole file compresses better than its parts). The data
// section (read-only data, type information, the pclntab) is not split.
package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/andybalholm/brotli"
)

func main() {
	pkg := flag.String("pkg", "./wasm", "the main package to build")
	quality := flag.Int("q", 11, "brotli quality")
	top := flag.Int("n", 25, "packages to list")
	flag.Parse()
	log.SetFlags(0)
	dir, err := os.MkdirTemp("", "wasmsize-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	stripped := filepath.Join(dir, "stripped.wasm")
	named := filepath.Join(dir, "named.wasm")
	build(*pkg, stripped, "-ldflags=-s -w")
	build(*pkg, named, "-ldflags=-w")
	real, err := os.ReadFile(stripped)
	if err != nil {
		log.Fatal(err)
	}
	b, err := os.ReadFile(named)
	if err != nil {
		log.Fatal(err)
	}
	m, err := parse(b)
	if err != nil {
		log.Fatalf("%s: %v", named, err)
	}

	type pkgSize struct {
		name      string
		code, br  int
		functions int
	}
	pkgs := deps(*pkg)
	bodies := map[string]*bytes.Buffer{}
	sizes := map[string]*pkgSize{}
	codeTotal := 0
	for i, body := range m.bodies {
		name := m.names[m.imported+i]
		p := packageOf(name, pkgs)
		s := sizes[p]
		if s == nil {
			s = &pkgSize{name: p}
			sizes[p] = s
			bodies[p] = new(bytes.Buffer)
		}
		s.code += len(body)
		s.functions++
		codeTotal += len(body)
		bodies[p].Write(body)
	}
	var list []*pkgSize
	for p, s := range sizes {
		s.br = brotliSize(bodies[p].Bytes(), *quality)
		list = append(list, s)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].code > list[j].code })

	fmt.Printf("wasm as built by the bundle: %d bytes, %d brotli (quality %d)\n", len(real), brotliSize(real, *quality), *quality)
	fmt.Printf("sections: code %d, data %d, other %d (without -s: %d, names %d)\n\n",
		m.sections[10], m.sections[11], len(real)-m.sections[10]-m.sections[11], len(b), m.sections[0])
	fmt.Println("| package | functions | code KB | share of code | code brotli KB (alone) |")
	fmt.Println("|---|--:|--:|--:|--:|")
	rest := pkgSize{name: "(others)"}
	for i, s := range list {
		if i >= *top {
			rest.code += s.code
			rest.br += s.br
			rest.functions += s.functions
			continue
		}
		fmt.Printf("| %s | %d | %.1f | %.1f%% | %.1f |\n", s.name, s.functions, kb(s.code), 100*float64(s.code)/float64(codeTotal), kb(s.br))
	}
	if rest.functions > 0 {
		fmt.Printf("| %s | %d | %.1f | %.1f%% | %.1f |\n", rest.name, rest.functions, kb(rest.code), 100*float64(rest.code)/float64(codeTotal), kb(rest.br))
	}
}

func kb(n int) float64 { return float64(n) / 1024 }

func build(pkg, out, ldflags string) {
	cmd := exec.Command("go", "build", "-trimpath", ldflags, "-o", out, pkg)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		log.Fatalf("go build %s: %v", pkg, err)
	}
}

func brotliSize(b []byte, q int) int {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, q)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// deps lists the packages built into pkg, mangled as the wasm's name
// section spells them ("/" as "_"), longest first, with their import paths.
func deps(pkg string) [][2]string {
	cmd := exec.Command("go", "list", "-deps", pkg)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	out, err := cmd.Output()
	if err != nil {
		log.Fatalf("go list -deps %s: %v", pkg, err)
	}
	var list [][2]string
	for _, p := range strings.Fields(string(out)) {
		list = append(list, [2]string{strings.ReplaceAll(p, "/", "_"), p})
	}
	sort.Slice(list, func(i, j int) bool { return len(list[i][0]) > len(list[j][0]) })
	return list
}

// packageOf is the import path of the package of a function named in the
// wasm's name section ("golang.org_x_net_html.(*parser).parse" ->
// "golang.org/x/net/html"). Type equality and hash functions the compiler
// generates ("type_.eq.T") are counted apart.
func packageOf(sym string, pkgs [][2]string) string {
	if strings.HasPrefix(sym, "type_.") || strings.HasPrefix(sym, "type:") {
		return "(generated type functions)"
	}
	for _, p := range pkgs {
		for _, form := range p {
			if strings.HasPrefix(sym, form+".") {
				return p[1]
			}
		}
	}
	if sym == "" {
		return "(unnamed)"
	}
	return "(other: " + sym + ")"
}

type module struct {
	imported int            // imported functions (they come first in the index space)
	bodies   [][]byte       // the code section's function bodies
	names    map[int]string // function index -> name
	sections map[int]int    // section id -> bytes (0: the custom "name" section)
}

func parse(b []byte) (*module, error) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return nil, errors.New("not a wasm file")
	}
	m := &module{names: map[int]string{}, sections: map[int]int{}}
	r := bytes.NewReader(b[8:])
	for r.Len() > 0 {
		id, _ := r.ReadByte()
		size, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		body := make([]byte, size)
		if _, err := io.ReadFull(r, body); err != nil {
			return nil, err
		}
		sr := bytes.NewReader(body)
		switch id {
		case 0:
			n, _ := binary.ReadUvarint(sr)
			name := make([]byte, n)
			io.ReadFull(sr, name)
			if string(name) == "name" {
				m.sections[0] += int(size)
				readNames(sr, m.names)
			}
		case 2: // imports: count the functions
			n, _ := binary.ReadUvarint(sr)
			for i := uint64(0); i < n; i++ {
				skipName(sr)
				skipName(sr)
				kind, _ := sr.ReadByte()
				switch kind {
				case 0: // func: type index
					binary.ReadUvarint(sr)
					m.imported++
				case 1: // table: reftype, limits
					sr.ReadByte()
					skipLimits(sr)
				case 2: // memory
					skipLimits(sr)
				case 3: // global: valtype, mut
					sr.ReadByte()
					sr.ReadByte()
				}
			}
		case 10:
			m.sections[10] += int(size)
			n, _ := binary.ReadUvarint(sr)
			for i := uint64(0); i < n; i++ {
				l, err := binary.ReadUvarint(sr)
				if err != nil {
					return nil, err
				}
				fb := make([]byte, l)
				io.ReadFull(sr, fb)
				m.bodies = append(m.bodies, fb)
			}
		default:
			m.sections[int(id)] += int(size)
		}
	}
	if len(m.names) == 0 {
		return nil, errors.New("no function names (built with -s?)")
	}
	return m, nil
}

func skipName(r *bytes.Reader) {
	n, _ := binary.ReadUvarint(r)
	r.Seek(int64(n), io.SeekCurrent)
}

func skipLimits(r *bytes.Reader) {
	flag, _ := r.ReadByte()
	binary.ReadUvarint(r)
	if flag&1 != 0 {
		binary.ReadUvarint(r)
	}
}

// readNames reads the function names subsection (1) of a "name" section.
func readNames(r *bytes.Reader, names map[int]string) {
	for r.Len() > 0 {
		id, _ := r.ReadByte()
		size, _ := binary.ReadUvarint(r)
		if id != 1 {
			r.Seek(int64(size), io.SeekCurrent)
			continue
		}
		n, _ := binary.ReadUvarint(r)
		for i := uint64(0); i < n; i++ {
			idx, _ := binary.ReadUvarint(r)
			l, _ := binary.ReadUvarint(r)
			s := make([]byte, l)
			io.ReadFull(r, s)
			names[int(idx)] = string(s)
		}
		return
	}
}
