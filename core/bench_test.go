package core

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// The corpus benchmarks compare the whole pipeline with the floor: parsing
// the same (already decoded) pages and walking their text. Run them in one
// `go test -bench` so the ratio is measured under the same load:
//
//	go test -run '^$' -bench 'Corpus' -benchmem ./core
//
// Each op is one pass over every page of ../shared/corpus (or CORPUS).

type benchPage struct {
	raw  []byte
	text string // decoded, for the parse-only floor
	url  string
}

func loadCorpus(b *testing.B) []benchPage {
	b.Helper()
	dir := os.Getenv("CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpus")
	}
	f, err := os.Open(filepath.Join(dir, "manifest.tsv"))
	if err != nil {
		b.Fatalf("corpus not found (%v): the benchmarks read ../shared/corpus beside the project, or CORPUS", err)
	}
	defer f.Close()
	var pages []benchPage
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 2 || cols[0] == "set" {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, cols[0], cols[1], "source.html"))
		if err != nil {
			b.Fatalf("read page: %v", err)
		}
		d, err := decode(raw, "", nil)
		if err != nil {
			continue
		}
		pages = append(pages, benchPage{raw: raw, text: d.text})
	}
	if len(pages) == 0 {
		b.Fatalf("no pages in %s", dir)
	}
	return pages
}

// measureOnly turns off the checks the tests make inside the pipeline
// (checkTextCounts) while a benchmark runs; call the function it returns
// to turn them back on.
func measureOnly() func() {
	old := checkTextCounts
	checkTextCounts = false
	return func() { checkTextCounts = old }
}

// BenchmarkCorpusFloor parses each page and walks its text: the cost no
// extractor can go under.
func BenchmarkCorpusFloor(b *testing.B) {
	pages := loadCorpus(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		for _, p := range pages {
			root, err := html.Parse(strings.NewReader(p.text))
			if err != nil {
				b.Fatal(err)
			}
			var sb strings.Builder
			walk(root, func(k *html.Node) bool {
				if k.Type == html.TextNode {
					sb.WriteString(k.Data)
				}
				return true
			}, nil)
			n += sb.Len()
		}
		if n == 0 {
			b.Fatal("no text")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(len(pages)), "ms/page")
}

// BenchmarkCorpusExtract runs the whole pipeline (decode, parse, extract,
// Markdown, HTML) on each page.
func BenchmarkCorpusExtract(b *testing.B) {
	defer measureOnly()()
	pages := loadCorpus(b)
	ex := New(Options{})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			_, _ = ex.Extract(Input{HTML: p.raw, URL: p.url})
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(len(pages)), "ms/page")
}

// BenchmarkCorpusRatio runs the floor and the pipeline page by page,
// alternating, so that both see the same machine load, and reports their
// ratio: the figure to watch on a shared, noisy machine.
func BenchmarkCorpusRatio(b *testing.B) {
	defer measureOnly()()
	pages := loadCorpus(b)
	ex := New(Options{})
	var floor, full, floorCPU, fullCPU time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			c0 := cpuTime()
			t0 := time.Now()
			root, err := html.Parse(strings.NewReader(p.text))
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			walk(root, func(k *html.Node) bool {
				if k.Type == html.TextNode {
					n += len(k.Data)
				}
				return true
			}, nil)
			t1, c1 := time.Now(), cpuTime()
			_, _ = ex.Extract(Input{HTML: p.raw, URL: p.url})
			t2, c2 := time.Now(), cpuTime()
			floor += t1.Sub(t0)
			full += t2.Sub(t1)
			floorCPU += c1 - c0
			fullCPU += c2 - c1
		}
	}
	per := float64(b.N * len(pages))
	b.ReportMetric(float64(floor.Microseconds())/1000/per, "floor-ms/page")
	b.ReportMetric(float64(full.Microseconds())/1000/per, "extract-ms/page")
	b.ReportMetric(float64(full)/float64(floor), "ratio")
	// The process's CPU time (GC workers included) is steadier than the
	// wall clock when other work shares the machine.
	if floorCPU > 0 {
		b.ReportMetric(float64(fullCPU)/float64(floorCPU), "cpu-ratio")
	}
}
