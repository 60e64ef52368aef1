// Command bundle builds the web bundle (the wasm engine and the static
// files, hashed and precompressed) that package web serves and embeds:
//
//	go run ./web/cmd/bundle -o web/dist
//
// It prints the sizes of the engine, raw, gzip and brotli.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/cleanread/cleanread/web/internal/bundle"
)

func main() {
	out := flag.String("o", "web/dist", "output `directory`")
	static := flag.String("static", "web/static", "static files `directory`")
	module := flag.String("module", ".", "module root `directory`")
	level := flag.Int("brotli", 11, "brotli quality (0-11)")
	flag.Parse()
	m, err := bundle.Build(context.Background(), bundle.Options{
		Module: *module, Static: *static, Out: *out, BrotliLevel: *level,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	f := m.Files[m.Wasm]
	fmt.Printf("%s/%s (%s): %s raw, %s gzip, %s brotli\n", *out, m.Wasm, m.Go,
		mb(f.Size), mb(f.Gzip), mb(f.Brotli))
}

func mb(n int) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }
