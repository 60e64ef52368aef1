package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

//go:generate go run ./testdata/gen

// update rewrites the expected files of the golden tests:
//
//	go test ./core -run TestGolden -update
//
// Cases that hold a bug.txt keep their hand-written expected files: they
// say what the output should be, not what it is.
var update = flag.Bool("update", false, "rewrite the expected files of the golden tests")

// goldenMeta is the metadata a golden case pins down, in expected.json.
type goldenMeta struct {
	Title     string        `json:"title"`
	Byline    string        `json:"byline"`
	Published string        `json:"published"`
	Modified  string        `json:"modified"`
	SiteName  string        `json:"siteName"`
	Lang      string        `json:"lang"`
	Dir       string        `json:"dir"`
	WordCount int           `json:"wordCount"`
	Excerpt   string        `json:"excerpt"`
	LeadImage string        `json:"leadImage"`
	Removed   goldenRemoved `json:"removed"`
}

type goldenRemoved struct {
	LinkFarms int `json:"linkFarms"`
	Links     int `json:"links"`
	Blocks    int `json:"blocks"`
}

func metaOf(a *Article) goldenMeta {
	return goldenMeta{
		Title: a.Title, Byline: a.Byline, Published: a.Published, Modified: a.Modified,
		SiteName: a.SiteName, Lang: a.Lang, Dir: a.Dir, WordCount: a.WordCount,
		Excerpt: a.Excerpt, LeadImage: a.LeadImage,
		Removed: goldenRemoved{LinkFarms: a.Removed.LinkFarms, Links: a.Removed.Links, Blocks: a.Removed.Blocks},
	}
}

func marshalMeta(t *testing.T, m goldenMeta) []byte {
	t.Helper()
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatalf("marshal metadata: %v", err)
	}
	return append(b, '\n')
}

// goldenCase is one directory of testdata holding a source.html.
type goldenCase struct {
	name, dir string
	input     Input
	bug       string // the content of bug.txt: the case is a known bug
}

func readGoldenCase(t *testing.T, dir string) goldenCase {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, "source.html"))
	if err != nil {
		t.Fatalf("read source: %v", err)
	}
	c := goldenCase{name: filepath.Base(dir), dir: dir, input: Input{HTML: src}}
	c.input.URL = readOptional(t, filepath.Join(dir, "url.txt"))
	c.input.ContentType = readOptional(t, filepath.Join(dir, "content-type.txt"))
	c.bug = readOptional(t, filepath.Join(dir, "bug.txt"))
	return c
}

// readOptional returns the trimmed content of path, or "" when it does not
// exist.
func readOptional(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return strings.TrimSpace(string(b))
}

func goldenDirs(t *testing.T) []string {
	t.Helper()
	ms, err := filepath.Glob(filepath.Join("testdata", "*", "source.html"))
	if err != nil {
		t.Fatalf("glob testdata: %v", err)
	}
	if len(ms) == 0 {
		t.Fatalf("no golden cases under testdata/*/source.html")
	}
	var dirs []string
	for _, m := range ms {
		dirs = append(dirs, filepath.Dir(m))
	}
	return dirs
}

// TestGolden extracts every testdata/<case>/source.html and compares the
// Markdown with expected.md and the metadata with expected.json.
func TestGolden(t *testing.T) {
	ex := New(Options{})
	for _, dir := range goldenDirs(t) {
		c := readGoldenCase(t, dir)
		t.Run(c.name, func(t *testing.T) {
			a, err := ex.Extract(c.input)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			gotMD := []byte(a.Markdown)
			gotMeta := marshalMeta(t, metaOf(a))
			mdPath := filepath.Join(c.dir, "expected.md")
			metaPath := filepath.Join(c.dir, "expected.json")
			if *update && c.bug == "" {
				writeFile(t, mdPath, gotMD)
				writeFile(t, metaPath, gotMeta)
				return
			}
			wantMD := readFile(t, mdPath)
			wantMeta := readFile(t, metaPath)
			var diffs []string
			if !bytes.Equal(gotMD, wantMD) {
				diffs = append(diffs, fmt.Sprintf("Markdown differs from %s (-want +got):\n%s", mdPath, lineDiff(string(wantMD), string(gotMD))))
			}
			if !bytes.Equal(gotMeta, wantMeta) {
				diffs = append(diffs, fmt.Sprintf("metadata differs from %s (-want +got):\n%s", metaPath, lineDiff(string(wantMeta), string(gotMeta))))
			}
			if c.bug != "" {
				// The expected files say what the output should be; the
				// case is skipped until the bug is fixed.
				if len(diffs) == 0 {
					t.Logf("%s/bug.txt names a bug that is fixed now: delete bug.txt", c.dir)
					return
				}
				for _, d := range diffs {
					t.Log(d)
				}
				t.Skip("BUG: " + c.bug)
			}
			for _, d := range diffs {
				t.Error(d)
			}
		})
	}
}

// TestGoldenRender checks that every golden Markdown renders, and that the
// HTML holds no element a page could have smuggled in.
func TestGoldenRender(t *testing.T) {
	ex := New(Options{})
	for _, dir := range goldenDirs(t) {
		c := readGoldenCase(t, dir)
		t.Run(c.name, func(t *testing.T) {
			a, err := ex.Extract(c.input)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			low := strings.ToLower(a.HTML)
			for _, bad := range []string{"<script", "<style", "<iframe", "<form", "javascript:", "onerror=", "onclick="} {
				if strings.Contains(low, bad) {
					t.Errorf("rendered HTML holds %q", bad)
				}
			}
			if strings.Contains(a.Text, "\uFFFD") {
				t.Errorf("text holds U+FFFD: the page was decoded with the wrong charset (%s)", a.Charset)
			}
			// The rendered page shows the title, the byline line and the
			// text, character for character: no escape or marker shows.
			var head []string
			for _, s := range []string{a.Byline, a.Published} {
				if s != "" {
					head = append(head, s)
				}
			}
			want := []rune(squashSpace(a.Title + strings.Join(head, " · ") + a.Text))
			got := []rune(squashSpace(renderedText(t, a.Markdown)))
			if string(got) != string(want) {
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				from := max(0, i-20)
				t.Errorf("rendered text differs from the article text at rune %d:\nrendered: %s\ntext:     %s",
					i, cutLine(string(got[from:]), 60), cutLine(string(want[from:]), 60))
			}
		})
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s (run with -update to create it): %v", path, err)
	}
	return b
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatalf("write %s: %v", path, err)
	}
}

// squashSpace removes whitespace, and the "|" that separates table cells
// in Article.Text, so that rendered HTML and text compare as characters.
func squashSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '|' {
			return -1
		}
		return r
	}, s)
}
