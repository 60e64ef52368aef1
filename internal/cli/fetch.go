package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/cleanread/cleanread/core"
)

// page is what reading one input gives: its bytes and what the transport
// said about them.
type page struct {
	body        []byte
	url         string // the final URL after redirects, for fetched pages
	contentType string
}

// fetcher fetches http(s) inputs with a timeout, a size cap and a bounded
// number of redirects.
type fetcher struct {
	client   *http.Client
	timeout  time.Duration
	maxBytes int64
}

func newFetcher(timeout time.Duration, maxBytes int64) *fetcher {
	return &fetcher{
		timeout:  timeout,
		maxBytes: maxBytes,
		client: &http.Client{
			Timeout: timeout,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= MaxRedirects {
					return fmt.Errorf("stopped after %d redirects (last to %s)", MaxRedirects, req.URL)
				}
				return nil
			},
		},
	}
}

// fetch GETs rawURL and returns its body. Errors say what went wrong in
// words: the HTTP status, a content type that is not a page, a timeout, a
// reset connection, a body over the cap.
func (f *fetcher) fetch(ctx context.Context, rawURL string) (page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return page{}, err
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	resp, err := f.client.Do(req)
	if err != nil {
		return page{}, f.describe(err)
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return page{}, fmt.Errorf("HTTP %s", resp.Status)
	}
	ct := resp.Header.Get("Content-Type")
	if !isPageType(ct) {
		return page{}, fmt.Errorf("%w: the server sent Content-Type %q", core.ErrNotHTML, ct)
	}
	if resp.ContentLength > f.maxBytes {
		return page{}, fmt.Errorf("%w: the server announced %d bytes, over the cap of %s", core.ErrTooLarge, resp.ContentLength, size(f.maxBytes))
	}
	body, err := readCapped(resp.Body, f.maxBytes)
	if err != nil {
		return page{}, f.describe(err)
	}
	return page{body: body, url: resp.Request.URL.String(), contentType: ct}, nil
}

// describe rewords the transport errors people meet most.
func (f *fetcher) describe(err error) error {
	// A *url.Error repeats the method and URL, which the message's
	// "cleanread: INPUT:" prefix already says.
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var ne net.Error
	switch {
	case errors.Is(err, core.ErrTooLarge):
		return err
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("timed out after %s", f.timeout)
	case errors.Is(err, syscall.ECONNRESET):
		return fmt.Errorf("connection reset by the server: %w", err)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fmt.Errorf("connection closed before the whole page arrived: %w", err)
	}
	return err
}

// isPageType accepts what may hold HTML: no type at all, text/*, the XML
// types (XHTML is served as them) and application/octet-stream (which
// misconfigured servers send for anything; the core sniffs the bytes).
// Images, PDFs, audio, video, JSON and the like are refused.
func isPageType(ct string) bool {
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return true // let the core sniff what a broken header hides
	}
	switch {
	case strings.HasPrefix(mt, "text/") && mt != "text/css" && mt != "text/javascript" && mt != "text/csv":
		return true
	case mt == "application/xhtml+xml", mt == "application/xml", mt == "application/octet-stream":
		return true
	}
	return false
}

// readCapped reads r to the end, failing with core.ErrTooLarge as soon as
// more than max bytes arrive.
func readCapped(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w: over the cap of %s", core.ErrTooLarge, size(max))
	}
	return b, nil
}

// size formats a byte count for messages.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
