package core

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestGBKSourcesInSync checks that the legacy-encoded golden sources are
// real GBK bytes and match their UTF-8 pages in testdata/gen/pages (run
// `go generate ./core` after editing a page).
func TestGBKSourcesInSync(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join("testdata", "gen", "pages", "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages under testdata/gen/pages (err %v)", err)
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(page)
			if err != nil {
				t.Fatalf("read page: %v", err)
			}
			want, err := simplifiedchinese.GBK.NewEncoder().Bytes(src)
			if err != nil {
				t.Fatalf("encode page as GBK: %v", err)
			}
			got, err := os.ReadFile(filepath.Join("testdata", name, "source.html"))
			if err != nil {
				t.Fatalf("read source (run go generate ./core): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("testdata/%s/source.html is not the GBK encoding of %s: run go generate ./core", name, page)
			}
			if utf8.Valid(got) {
				t.Errorf("testdata/%s/source.html is valid UTF-8: it should hold GBK bytes", name)
			}
		})
	}
}
