package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// DefaultAddr is where `cleanread serve` listens unless -addr says otherwise.
const DefaultAddr = "127.0.0.1:8080"

// serveMain runs `cleanread serve` until SIGINT or SIGTERM.
func (c Command) serveMain(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return c.serve(ctx, args, nil)
}

// serve serves c.Web's handler until ctx ends, then shuts down gracefully.
// listening, when not nil, is told the address once the port is open.
func (c Command) serve(ctx context.Context, args []string, listening func(addr string)) int {
	fs := flag.NewFlagSet("cleanread serve", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	addr := fs.String("addr", DefaultAddr, "`host:port` to listen on")
	fs.Usage = func() {
		fmt.Fprintln(c.Stderr, "usage: cleanread serve [-addr 127.0.0.1:8080]   serve the demo, widget, bookmarklet and wasm")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.Stderr, "cleanread: serve: unexpected argument %q\n", fs.Arg(0))
		return ExitUsage
	}
	if c.Web == nil {
		fmt.Fprintln(c.Stderr, "cleanread: serve: this binary was built without the web bundle")
		return ExitFailed
	}
	h, err := c.Web()
	if err != nil {
		fmt.Fprintf(c.Stderr, "cleanread: serve: %v\n", err)
		return ExitFailed
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(c.Stderr, "cleanread: serve: %v\n", err)
		return ExitFailed
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(c.Stderr, "cleanread: serving on http://%s/ (Ctrl-C stops)\n", ln.Addr())
	if listening != nil {
		listening(ln.Addr().String())
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err = <-served:
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = srv.Shutdown(shutdown)
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(c.Stderr, "cleanread: serve: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}
