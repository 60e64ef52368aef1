package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cleanread/cleanread/core"
)

// pageHTML is a small news page: navigation, an article with a title and
// several paragraphs, and a footer. Each paragraph is long enough to read
// as prose; marker makes the pages of one test distinguishable.
func pageHTML(title, marker string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>` + title + ` | The Daily Example</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>` + title + `</h1><p class="byline">By Ada Writer</p>
`)
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&b, "<p>Paragraph %d about %s. The river town kept its old stone bridge for three centuries, "+
			"and the people who crossed it every morning told stories of floods, fairs and the slow change of the seasons. "+
			"Nobody expected the council to vote on its future this spring.</p>\n", i, marker)
	}
	b.WriteString(`</article></main><footer><p>Copyright The Daily Example</p><a href="/privacy">Privacy</a></footer></body></html>`)
	return b.String()
}

// cmd runs the command in-process and returns its exit status and streams.
type cmdResult struct {
	status         int
	stdout, stderr string
}

func run(t *testing.T, c Command, args ...string) cmdResult {
	t.Helper()
	var out, errOut bytes.Buffer
	if c.Stdin == nil {
		c.Stdin = strings.NewReader("")
	}
	c.Stdout, c.Stderr = &out, &errOut
	status := c.Main(args)
	return cmdResult{status, out.String(), errOut.String()}
}

// writePages writes name -> content below dir.
func writePages(t *testing.T, dir string, pages map[string]string) {
	t.Helper()
	for name, content := range pages {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFormats(t *testing.T) {
	dir := t.TempDir()
	writePages(t, dir, map[string]string{"bridge.html": pageHTML("Council votes on the old bridge", "bridges")})
	file := filepath.Join(dir, "bridge.html")

	tests := []struct {
		format string
		want   []string // substrings of stdout
		first  string   // prefix of stdout
	}{
		{"markdown", []string{"Paragraph 1 about bridges", "Paragraph 5 about bridges"}, "# Council votes on the old bridge"},
		{"html", []string{"<p>", "Paragraph 3 about bridges"}, ""},
		{"text", []string{"Paragraph 1 about bridges", "Paragraph 5 about bridges"}, ""},
		{"json", []string{`"input":` + jsonString(file), `"title":"Council votes on the old bridge"`}, "{"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			r := run(t, Command{}, "-f", tt.format, file)
			if r.status != ExitOK {
				t.Fatalf("status %d, stderr:\n%s", r.status, r.stderr)
			}
			if !strings.HasPrefix(r.stdout, tt.first) {
				t.Errorf("output does not start with %q:\n%s", tt.first, head(r.stdout))
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, head(r.stdout))
				}
			}
			if tt.format != "json" && strings.Contains(r.stdout, "Copyright The Daily Example") {
				t.Errorf("footer kept:\n%s", r.stdout)
			}
			if tt.format == "markdown" && strings.Count(r.stdout, "# Council votes") != 1 {
				t.Errorf("title not exactly once:\n%s", head(r.stdout))
			}
			if tt.format == "text" && strings.Contains(r.stdout, "Council votes on the old bridge") {
				t.Errorf("-f text has the title:\n%s", head(r.stdout))
			}
			if tt.format == "html" && !strings.Contains(strings.ToLower(r.stdout), "<h1") {
				t.Errorf("-f html has no title heading:\n%s", head(r.stdout))
			}
		})
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func head(s string) string {
	if len(s) > 600 {
		return s[:600] + "..."
	}
	return s
}

func TestStdin(t *testing.T) {
	for _, args := range [][]string{{"-f", "text", "-"}, {"-f", "text"}} {
		c := Command{Stdin: strings.NewReader(pageHTML("From stdin", "pipes"))}
		r := run(t, c, args...)
		if r.status != ExitOK || !strings.Contains(r.stdout, "Paragraph 2 about pipes") {
			t.Fatalf("%q: status %d, stdout:\n%s\nstderr:\n%s", args, r.status, head(r.stdout), r.stderr)
		}
	}
	r := run(t, Command{}, "-f", "json", "-url", "https://example.org/news/stdin.html", "-")
	if r.status != ExitFailed || !strings.Contains(r.stdout, `"input":"-"`) || !strings.Contains(r.stdout, `"error":`) {
		t.Errorf("empty stdin: status %d, stdout %s", r.status, r.stdout)
	}
}

func TestOutputDirMirrorsPaths(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writePages(t, ".", map[string]string{
		"pages/a/source.html": pageHTML("Page A", "alpha"),
		"pages/b/index.htm":   pageHTML("Page B", "beta"),
		"pages/b/notes.txt":   "not a page",
		"single.html":         pageHTML("Single", "gamma"),
	})
	r := run(t, Command{}, "-f", "text", "-o", "out", "pages", "single.html")
	if r.status != ExitOK {
		t.Fatalf("status %d, stderr:\n%s", r.status, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout not empty with -o: %q", r.stdout)
	}
	for name, want := range map[string]string{
		"out/pages/a/source.txt": "alpha",
		"out/pages/b/index.txt":  "beta",
		"out/single.txt":         "gamma",
	} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.Contains(string(b), "Paragraph 1 about "+want) {
			t.Errorf("%s lacks %q:\n%s", name, want, head(string(b)))
		}
	}
	if _, err := os.Stat("out/pages/b/notes.txt"); err == nil {
		t.Errorf("a .txt file below the directory was taken as a page")
	}

	// -f json writes .json files; nothing escapes DIR through "..".
	t.Chdir("pages")
	r = run(t, Command{}, "-f", "json", "-o", "../out2", "../single.html")
	if r.status != ExitOK {
		t.Fatalf("status %d, stderr:\n%s", r.status, r.stderr)
	}
	if _, err := os.Stat("../out2/single.json"); err != nil {
		t.Errorf("../single.html did not land in ../out2/single.json: %v", err)
	}
}

func TestOutPaths(t *testing.T) {
	tests := []struct{ in, want string }{
		{"pages/a/source.html", "pages/a/source"},
		{"./x.htm", "x"},
		{"/abs/dir/p.html", "abs/dir/p"},
		{"../../up/p.html", "up/p"},
		{"noext", "noext"},
	}
	for _, tt := range tests {
		if got := fileOutPath(tt.in); got != tt.want {
			t.Errorf("fileOutPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	urls := []struct{ in, want string }{
		{"https://example.com/news/a.html", "example.com/news/a"},
		{"https://example.com/news/", "example.com/news/index"},
		{"https://example.com", "example.com/index"},
		{"http://example.com:8080/a/../b?page=2", "example.com_8080/b_page_2"},
	}
	for _, tt := range urls {
		if got := urlOutPath(tt.in); got != tt.want {
			t.Errorf("urlOutPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJSONLinesKeepInputOrder(t *testing.T) {
	dir := t.TempDir()
	pages := map[string]string{}
	var args []string
	for i := range 24 {
		name := fmt.Sprintf("p%02d.html", 23-i) // input order differs from name order
		pages[name] = pageHTML(fmt.Sprintf("Story %d", 23-i), fmt.Sprintf("topic%02d", 23-i))
		args = append(args, filepath.Join(dir, name))
	}
	writePages(t, dir, pages)
	r := run(t, Command{}, append([]string{"-f", "json", "-j", "2"}, args...)...)
	if r.status != ExitOK {
		t.Fatalf("status %d, stderr:\n%s", r.status, r.stderr)
	}
	var got []string
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var res core.Result
		if err := json.Unmarshal(sc.Bytes(), &res); err != nil {
			t.Fatalf("line %d is not a JSON object: %v", len(got)+1, err)
		}
		n := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(res.Input), "p"), ".html")
		if !strings.Contains(res.Text, "about topic"+n) {
			t.Errorf("%s: text of another page: %s", res.Input, head(res.Text))
		}
		got = append(got, res.Input)
	}
	if strings.Join(got, "\n") != strings.Join(args, "\n") {
		t.Errorf("JSON Lines order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(args, "\n"))
	}
}

func TestSeveralInputsToStdout(t *testing.T) {
	dir := t.TempDir()
	writePages(t, dir, map[string]string{"a.html": pageHTML("A", "ants"), "b.html": pageHTML("B", "bees")})
	a, b := filepath.Join(dir, "a.html"), filepath.Join(dir, "b.html")

	r := run(t, Command{}, "-f", "text", a, b)
	if r.status != ExitOK {
		t.Fatalf("status %d, stderr:\n%s", r.status, r.stderr)
	}
	ia, ib := strings.Index(r.stdout, "==> "+a+" <==\n"), strings.Index(r.stdout, "\n\n==> "+b+" <==\n")
	if ia != 0 || ib < 0 || !strings.Contains(r.stdout[ia:ib], "ants") || !strings.Contains(r.stdout[ib:], "bees") {
		t.Errorf("text outputs not labelled in order:\n%s", r.stdout)
	}

	r = run(t, Command{}, a, b)
	if !strings.HasPrefix(r.stdout, "<!-- cleanread: "+a+" -->\n\n# A") || !strings.Contains(r.stdout, "\n\n<!-- cleanread: "+b+" -->\n\n# B") {
		t.Errorf("markdown outputs not labelled in order:\n%s", r.stdout)
	}
}

func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	writePages(t, dir, map[string]string{
		"good1.html": pageHTML("Good one", "first"),
		"good2.html": pageHTML("Good two", "second"),
		"empty.html": "",
	})
	good1, good2 := filepath.Join(dir, "good1.html"), filepath.Join(dir, "good2.html")
	missing := filepath.Join(dir, "missing.html")

	r := run(t, Command{}, "-f", "text", good1, good2)
	if r.status != ExitOK || r.stderr != "" {
		t.Errorf("all good: status %d, stderr %q", r.status, r.stderr)
	}

	r = run(t, Command{}, "-f", "text", good1, missing, filepath.Join(dir, "empty.html"), good2)
	if r.status != ExitFailed {
		t.Errorf("bad inputs among good: status %d, want %d", r.status, ExitFailed)
	}
	for _, want := range []string{"cleanread: " + missing + ": no such file or directory", "cleanread: " + filepath.Join(dir, "empty.html") + ": "} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if !strings.Contains(r.stdout, "about first") || !strings.Contains(r.stdout, "about second") {
		t.Errorf("the good inputs were not all written:\n%s", r.stdout)
	}

	r = run(t, Command{}, "-f", "json", good1, missing)
	if lines := strings.Count(r.stdout, "\n"); r.status != ExitFailed || lines != 2 || !strings.Contains(r.stdout, `"errorKind":"other"`) {
		t.Errorf("json with a failure: status %d, %d lines:\n%s", r.status, lines, r.stdout)
	}

	for _, args := range [][]string{
		{"-f", "pdf", good1},
		{"-j", "0", good1},
		{"-nosuchflag", good1},
		{"-url", "not a url", good1},
		{"-", "-"},
		{"serve", "-addr"},
		{"serve", "extra"},
	} {
		r := run(t, Command{}, args...)
		if r.status != ExitUsage || r.stdout != "" {
			t.Errorf("%q: status %d (want %d), stdout %q", args, r.status, ExitUsage, r.stdout)
		}
	}
	if r := run(t, Command{}, "-h"); r.status != ExitOK || !strings.Contains(r.stderr, "usage: cleanread") {
		t.Errorf("-h: status %d, stderr %q", r.status, r.stderr)
	}
}

func TestFlagsAfterInputs(t *testing.T) {
	dir := t.TempDir()
	writePages(t, dir, map[string]string{"a.html": pageHTML("A", "ants"), "-f.html": pageHTML("Dash", "dashes")})
	t.Chdir(dir)
	r := run(t, Command{}, "a.html", "-f", "json")
	if r.status != ExitOK || !strings.HasPrefix(r.stdout, `{"input":"a.html"`) {
		t.Errorf("flag after input: status %d, stdout %s", r.status, head(r.stdout))
	}
	r = run(t, Command{}, "-f", "text", "--", "-f.html")
	if r.status != ExitOK || !strings.Contains(r.stdout, "about dashes") {
		t.Errorf("input after --: status %d, stdout %s, stderr %s", r.status, head(r.stdout), r.stderr)
	}
}

func TestProgressBarOnlyOnTerminal(t *testing.T) {
	dir := t.TempDir()
	writePages(t, dir, map[string]string{"a.html": pageHTML("A", "ants"), "b.html": pageHTML("B", "bees")})
	args := []string{"-o", filepath.Join(dir, "out"), filepath.Join(dir, "a.html"), filepath.Join(dir, "b.html")}
	r := run(t, Command{Terminal: func() bool { return true }}, args...)
	if r.status != ExitOK || !strings.Contains(r.stderr, "] 2/2") || !strings.HasSuffix(r.stderr, "\r\x1b[K") {
		t.Errorf("terminal: status %d, stderr %q", r.status, r.stderr)
	}
	r = run(t, Command{}, args...)
	if r.stderr != "" {
		t.Errorf("not a terminal: stderr %q", r.stderr)
	}
}

func TestRender(t *testing.T) {
	a := &core.Article{Title: "T", Byline: "Ann", Published: "2023-03-10", Markdown: "Body.", HTML: "<p>Body.</p>", Text: "Body."}
	if got, want := string(Render("markdown", "x", a, nil)), "# T\n\n*Ann · 2023-03-10*\n\nBody.\n"; got != want {
		t.Errorf("markdown = %q, want %q", got, want)
	}
	if got, want := string(Render("html", "x", a, nil)), "<h1>T</h1>\n<p class=\"byline\">Ann · 2023-03-10</p>\n<p>Body.</p>\n"; got != want {
		t.Errorf("html = %q, want %q", got, want)
	}
	if got := string(Render("text", "x", a, nil)); got != "Body.\n" {
		t.Errorf("text = %q", got)
	}
	titled := &core.Article{Title: "T", Markdown: "# T\n\nBody.", HTML: "<h1>T</h1><p>Body.</p>"}
	if got := string(Render("markdown", "x", titled, nil)); got != "# T\n\nBody.\n" {
		t.Errorf("a title already in the Markdown was repeated: %q", got)
	}
	if got := string(Render("html", "x", titled, nil)); got != "<h1>T</h1><p>Body.</p>\n" {
		t.Errorf("a title already in the HTML was repeated: %q", got)
	}
	if Render("text", "x", nil, core.ErrNoArticle) != nil {
		t.Errorf("a failed input rendered as text")
	}
	removed := &core.Article{Removed: core.Removed{Details: []core.Removal{{Kind: "linkfarm", Reason: "12 similar links", Size: 12, Sample: "More news"}}}}
	if got := explainLines(removed); len(got) != 1 || !strings.Contains(got[0], "linkfarm") {
		t.Errorf("explainLines = %q", got)
	}
}

// serveURL starts an httptest server for h and returns its URL.
func serveURL(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestURLInputs(t *testing.T) {
	page := pageHTML("Fetched story", "fetching")
	// Latin-1 bytes without a <meta charset>: only the header says how to read them.
	latin1 := strings.ReplaceAll(pageHTML("Caf\xe9 story", "caf\xe9s"), `<meta charset="utf-8">`, "")

	mux := http.NewServeMux()
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		if ua := r.Header.Get("User-Agent"); ua != UserAgent {
			http.Error(w, "bad user agent "+ua, http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/story", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		io.WriteString(w, latin1)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusNotFound)
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4"))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for range 100 { // streamed: no Content-Length to check up front
			io.WriteString(w, strings.Repeat("<p>filler</p>", 100))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/huge-announced", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", "200000")
		io.WriteString(w, strings.Repeat("x", 200000))
	})
	mux.HandleFunc("/reset", func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		conn.(*net.TCPConn).SetLinger(0) // close with RST
		conn.Close()
	})
	base := serveURL(t, mux.ServeHTTP)
	// A generous timeout, so that a loaded machine (or -race) does not turn
	// the other failures into timeouts; only /slow gets a short one.
	c := Command{FetchTimeout: 10 * time.Second, MaxBytes: 50_000}
	short := c
	short.FetchTimeout = 300 * time.Millisecond

	t.Run("ok", func(t *testing.T) {
		r := run(t, c, "-f", "json", base+"/moved")
		if r.status != ExitOK {
			t.Fatalf("status %d, stderr:\n%s", r.status, r.stderr)
		}
		var res core.Result
		if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
			t.Fatal(err)
		}
		if res.Input != base+"/moved" || !strings.Contains(res.Text, "about fetching") {
			t.Errorf("input %q, text %q", res.Input, head(res.Text))
		}
		if res.URL != "" && res.URL != base+"/story" {
			t.Errorf("url %q, want the address after redirects, %s", res.URL, base+"/story")
		}
	})
	t.Run("charset from Content-Type", func(t *testing.T) {
		r := run(t, c, "-f", "text", base+"/latin1")
		if r.status != ExitOK || !strings.Contains(r.stdout, "about cafés") {
			t.Errorf("status %d, stdout:\n%s\nstderr: %s", r.status, head(r.stdout), r.stderr)
		}
	})

	failures := []struct{ path, want string }{
		{"/loop", "stopped after 10 redirects"},
		{"/gone", "HTTP 404 Not Found"},
		{"/image", `Content-Type "image/png"`},
		{"/pdf", `Content-Type "application/pdf"`},
		{"/slow", "timed out after 300ms"},
		{"/huge", "over the cap of 50000 bytes"},
		{"/huge-announced", "announced 200000 bytes"},
		{"/reset", "connection"}, // reset, or closed early: the kernel decides
	}
	for _, f := range failures {
		t.Run(f.path, func(t *testing.T) {
			start := time.Now()
			cmd := c
			if f.path == "/slow" {
				cmd = short
			}
			r := run(t, cmd, "-f", "text", base+"/story", base+f.path)
			if r.status != ExitFailed {
				t.Errorf("status %d, want %d", r.status, ExitFailed)
			}
			if !strings.Contains(r.stderr, "cleanread: "+base+f.path+": ") || !strings.Contains(r.stderr, f.want) {
				t.Errorf("stderr lacks %q:\n%s", f.want, r.stderr)
			}
			if !strings.Contains(r.stdout, "about fetching") {
				t.Errorf("the good URL beside it was not written:\n%s", head(r.stdout))
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
}

func TestServe(t *testing.T) {
	if r := run(t, Command{}, "serve", "-addr", "127.0.0.1:0"); r.status != ExitFailed || !strings.Contains(r.stderr, "without the web bundle") {
		t.Errorf("serve without web: status %d, stderr %q", r.status, r.stderr)
	}

	c := Command{Stdout: io.Discard, Stderr: io.Discard, Web: func() (http.Handler, error) {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "demo page") }), nil
	}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrs := make(chan string, 1)
	status := make(chan int, 1)
	go func() { status <- c.serve(ctx, []string{"-addr", "127.0.0.1:0"}, func(a string) { addrs <- a }) }()
	var addr string
	select {
	case addr = <-addrs:
	case s := <-status:
		t.Fatalf("serve ended with status %d before listening", s)
	}
	resp, err := http.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "demo page" {
		t.Errorf("GET / = %q", body)
	}
	cancel()
	if s := <-status; s != ExitOK {
		t.Errorf("serve ended with status %d", s)
	}
}
