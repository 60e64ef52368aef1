// Command gen writes the golden cases whose source.html must be in a legacy
// encoding. Each pages/<case>.html is written, in UTF-8 so that it can be
// read and edited, and gen encodes it as GBK into ../<case>/source.html.
// Run it from the core package directory:
//
//	go generate ./core    (or: cd core && go run ./testdata/gen)
//
// TestGBKSourcesInSync checks that the committed bytes match the pages.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func main() {
	if err := run(filepath.Join("testdata", "gen", "pages"), "testdata"); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(pages, out string) error {
	ms, err := filepath.Glob(filepath.Join(pages, "*.html"))
	if err != nil {
		return err
	}
	if len(ms) == 0 {
		return fmt.Errorf("no pages under %s (run from the core directory)", pages)
	}
	for _, m := range ms {
		src, err := os.ReadFile(m)
		if err != nil {
			return err
		}
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes(src)
		if err != nil {
			return fmt.Errorf("%s: not encodable as GBK: %v", m, err)
		}
		dir := filepath.Join(out, strings.TrimSuffix(filepath.Base(m), ".html"))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "source.html"), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
