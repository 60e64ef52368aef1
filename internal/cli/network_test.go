package cli

import (
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Network failures that TestURLInputs leaves out: the ones that happen
// after the headers arrived (a stalled or cut body), a listener that
// accepts and never answers, and bodies whose bytes contradict their
// headers. Each must end in a clear message on stderr and exit 1 within a
// bound, with the good input beside it still written.

func TestNetworkFailuresAfterHeaders(t *testing.T) {
	good := pageHTML("Fetched story", "fetching")
	mux := http.NewServeMux()
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, good)
	})
	mux.HandleFunc("/stall-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<html><body><p>The start of a page whose body then stalls")
		w.(http.Flusher).Flush()
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/drip", func(w http.ResponseWriter, r *http.Request) {
		// A byte at a time, never finishing within the timeout: the
		// timeout covers the whole exchange, not each read.
		w.Header().Set("Content-Type", "text/html")
		for range 100 {
			if _, err := io.WriteString(w, "x"); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-time.After(50 * time.Millisecond):
			case <-r.Context().Done():
				return
			}
		}
	})
	mux.HandleFunc("/short-body", func(w http.ResponseWriter, r *http.Request) {
		// Announces more than it sends, then closes.
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10000\r\n\r\n<html><body><p>cut")
		buf.Flush()
		conn.Close()
	})
	mux.HandleFunc("/reset-mid-body", func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10000\r\n\r\n" + strings.Repeat("<p>partial page</p>", 100))
		buf.Flush()
		time.Sleep(20 * time.Millisecond)
		conn.(*net.TCPConn).SetLinger(0)
		conn.Close()
	})
	mux.HandleFunc("/bad-gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		io.WriteString(w, "this is not gzip data at all")
	})
	mux.HandleFunc("/pdf-as-html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
	})
	mux.HandleFunc("/json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"a":1}`)
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
	})
	mux.HandleFunc("/redirect-nowhere", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.invalid/x", http.StatusFound)
	})
	base := serveURL(t, mux.ServeHTTP)

	// A listener that accepts connections and never writes a byte.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		var conns []net.Conn
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	silent := "http://" + ln.Addr().String() + "/"

	// A port nobody listens on: connection refused.
	ln2, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln2.Addr().String() + "/"
	ln2.Close()

	// Only the cases that wait for the timeout get a short one: with it
	// everywhere, a loaded machine (or -race) turns other failures, and the
	// good input, into timeouts.
	c := Command{FetchTimeout: 10 * time.Second, MaxBytes: 50_000}
	short := c
	short.FetchTimeout = 300 * time.Millisecond
	cases := []struct {
		name, url string
		want      []string // any one of them
	}{
		{"body stalls", base + "/stall-body", []string{"timed out after 300ms"}},
		{"body drips", base + "/drip", []string{"timed out after 300ms"}},
		{"body shorter than announced", base + "/short-body", []string{"connection closed before the whole page arrived"}},
		{"reset mid-body", base + "/reset-mid-body", []string{"connection reset", "connection closed before the whole page arrived"}},
		{"broken gzip", base + "/bad-gzip", []string{"gzip", "invalid header"}},
		{"PDF served as text/html", base + "/pdf-as-html", []string{"a PDF document"}},
		{"JSON", base + "/json", []string{`Content-Type "application/json"`}},
		{"empty body", base + "/empty", []string{"empty input"}},
		{"redirect to another scheme", base + "/redirect-nowhere", []string{"unsupported protocol scheme", "ftp"}},
		{"server never answers", silent, []string{"timed out after 300ms"}},
		{"connection refused", refused, []string{"connection refused"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			cmd := c
			if strings.Contains(tc.want[0], "timed out") {
				cmd = short
			}
			r := run(t, cmd, "-f", "text", base+"/story", tc.url)
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %s", d)
			}
			if r.status != ExitFailed {
				t.Errorf("status %d, want %d", r.status, ExitFailed)
			}
			if !strings.Contains(r.stderr, "cleanread: "+tc.url+": ") {
				t.Errorf("stderr does not name the input:\n%s", r.stderr)
			}
			found := false
			for _, w := range tc.want {
				found = found || strings.Contains(r.stderr, w)
			}
			if !found {
				t.Errorf("stderr lacks any of %q:\n%s", tc.want, r.stderr)
			}
			if strings.Count(r.stderr, "\n") > 2 {
				t.Errorf("more than a line of message per input:\n%s", r.stderr)
			}
			if !strings.Contains(r.stdout, "about fetching") {
				t.Errorf("the good URL beside it was not written:\n%s", head(r.stdout))
			}
		})
	}
}
