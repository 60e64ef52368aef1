package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/cleanread/cleanread/core"
)

// result is the outcome of one input.
type result struct {
	a   *core.Article
	err error
}

// extract runs the extractor over the inputs with o.jobs workers and writes
// the results in input order. It returns ExitOK or ExitFailed.
func (c Command) extract(o options, args []string) int {
	ins := expand(args, o.outDir != "")
	maxBytes := c.MaxBytes
	if maxBytes == 0 {
		maxBytes = core.DefaultLimits.MaxBytes
	}
	timeout := c.FetchTimeout
	if timeout == 0 {
		timeout = DefaultFetchTimeout
	}
	w := worker{
		ex:       core.New(core.Options{Limits: core.Limits{MaxBytes: maxBytes}, Explain: o.explain}),
		fetch:    newFetcher(timeout, maxBytes),
		stdin:    c.Stdin,
		url:      o.url,
		maxBytes: maxBytes,
	}

	// Workers take inputs in order and each sends its result on the
	// input's own channel; this goroutine writes them in input order. The
	// window keeps workers at most a few inputs ahead of the writer, so a
	// slow page does not make every later result pile up in memory.
	done := make([]chan result, len(ins))
	for i := range done {
		done[i] = make(chan result, 1)
	}
	window := make(chan struct{}, 4*o.jobs)
	next := make(chan int)
	go func() {
		for i := range ins {
			window <- struct{}{}
			next <- i
		}
		close(next)
	}()
	for range min(o.jobs, len(ins)) {
		go func() {
			for i := range next {
				done[i] <- w.run(ins[i])
			}
		}()
	}

	out := writer{c: c, o: o, several: len(ins) > 1}
	if len(ins) > 1 && c.stderrIsTerminal() && (o.outDir != "" || !isTerminal(c.Stdout)) {
		out.bar = &progress{w: c.Stderr, total: len(ins)}
	}
	status := ExitOK
	for i, in := range ins {
		r := <-done[i]
		<-window
		if !out.write(in, r) {
			status = ExitFailed
		}
		out.bar.step()
	}
	out.bar.clear()
	return status
}

// worker reads and extracts one input; it is shared by all workers.
type worker struct {
	ex       *core.Extractor
	fetch    *fetcher
	stdin    io.Reader
	url      string
	maxBytes int64
}

func (w worker) run(in input) result {
	if in.err != nil {
		return result{err: in.err}
	}
	p, err := w.read(in)
	if err != nil {
		return result{err: err}
	}
	a, err := w.ex.Extract(core.Input{HTML: p.body, URL: p.url, ContentType: p.contentType})
	return result{a: a, err: err}
}

// read returns the bytes of one input.
func (w worker) read(in input) (page, error) {
	switch in.kind {
	case fromURL:
		return w.fetch.fetch(context.Background(), in.name)
	case fromStdin:
		b, err := readCapped(w.stdin, w.maxBytes)
		return page{body: b, url: w.url}, err
	}
	f, err := os.Open(in.name)
	if err != nil {
		return page{}, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > w.maxBytes {
		return page{}, fmt.Errorf("%w: %d bytes, over the cap of %s", core.ErrTooLarge, st.Size(), size(w.maxBytes))
	}
	b, err := readCapped(f, w.maxBytes)
	return page{body: b, url: w.url}, err
}

// writer writes results, on the goroutine that called extract only.
type writer struct {
	c       Command
	o       options
	several bool // several inputs: label each output on stdout
	bar     *progress
	first   bool // something has been written to stdout
}

// write writes one result and reports whether the input succeeded.
func (w *writer) write(in input, r result) bool {
	out := Render(w.o.format, in.name, r.a, r.err)
	if r.err == nil {
		if w.o.outDir != "" {
			r.err = writeFile(filepath.Join(w.o.outDir, filepath.FromSlash(in.out)+formats[w.o.format]), out)
		} else {
			w.stdout(in, out)
		}
	} else if w.o.format == "json" && w.o.outDir == "" {
		w.stdout(in, out) // JSON Lines keep one line per input, failed or not
	}
	if r.err != nil {
		w.bar.above(func() { fmt.Fprintf(w.c.Stderr, "cleanread: %s: %s\n", in.name, message(in.name, r.err)) })
		return false
	}
	if w.o.explain && w.o.format != "json" {
		w.bar.above(func() {
			for _, l := range explainLines(r.a) {
				fmt.Fprintf(w.c.Stderr, "%s: %s\n", in.name, l)
			}
		})
	}
	return true
}

// stdout writes one output to standard output. With several inputs and a
// format other than json, each output is labelled: a comment line for
// markdown and html, a "==> NAME <==" header for text (as head(1) does),
// and outputs are separated by a blank line.
func (w *writer) stdout(in input, out []byte) {
	if w.several && w.o.format != "json" {
		if w.first {
			io.WriteString(w.c.Stdout, "\n")
		}
		if w.o.format == "text" {
			fmt.Fprintf(w.c.Stdout, "==> %s <==\n", in.name)
		} else {
			fmt.Fprintf(w.c.Stdout, "<!-- cleanread: %s -->\n\n", strings.ReplaceAll(in.name, "--", "- -"))
		}
	}
	w.c.Stdout.Write(out)
	w.first = true
}

// writeFile writes b to name, creating its directory.
func writeFile(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, b, 0o644)
}

// message is err for a "cleanread: INPUT: message" line, without the
// path of a path error that names the input again.
func message(name string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == name {
		return pe.Err.Error()
	}
	return err.Error()
}

// stderrIsTerminal reports whether the progress bar may be drawn.
func (c Command) stderrIsTerminal() bool {
	if c.Terminal != nil {
		return c.Terminal()
	}
	return isTerminal(c.Stderr)
}

// isTerminal reports whether v is an *os.File on a character device.
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
