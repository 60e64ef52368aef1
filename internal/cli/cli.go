// Package cli is the cleanread command line: flag parsing, reading inputs
// (files, directories, stdin, http(s) URLs), running the extractor over them
// in parallel and writing the results in input order.
//
// It lives outside cmd/ so that tests run the whole command in-process:
// cmd/cleanread/main.go only calls Command{...}.Main(os.Args[1:]).
//
// Files, in the order a run goes through them:
//
//	cli.go       Command, flags and usage, exit statuses
//	inputs.go    expanding arguments into inputs, and -o output paths
//	fetch.go     fetching http(s) inputs
//	run.go       the worker pool and the in-order writer
//	render.go    the four output formats
//	progress.go  the progress bar on a terminal
//	serve.go     the serve subcommand
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"time"
)

// Exit statuses of Main.
const (
	ExitOK     = 0 // every input was extracted
	ExitFailed = 1 // at least one input failed; the others were still processed
	ExitUsage  = 2 // bad flags or arguments; nothing was processed
)

// Defaults for fetching http(s) inputs.
const (
	// DefaultFetchTimeout bounds one whole fetch: connect, redirects and body.
	DefaultFetchTimeout = 30 * time.Second
	// MaxRedirects is the number of redirects followed before giving up.
	MaxRedirects = 10
	// UserAgent is sent with every request.
	UserAgent = "cleanread/0.1"
)

// Command is one invocation of the command line. The zero value of every
// field but the three streams is a sensible default.
type Command struct {
	// Stdin is read for the input "-".
	Stdin io.Reader
	// Stdout receives the outputs when -o is not given.
	Stdout io.Writer
	// Stderr receives failures, -explain lines, usage and the progress bar.
	Stderr io.Writer

	// Web returns the handler that `cleanread serve` serves (the demo page,
	// widget, bookmarklet and wasm). Nil means this binary has no web bundle,
	// and serve fails with a message saying so.
	Web func() (http.Handler, error)

	// FetchTimeout bounds one http(s) fetch; zero means DefaultFetchTimeout.
	FetchTimeout time.Duration
	// MaxBytes caps inputs (files, stdin and fetched bodies); zero means
	// core.DefaultLimits.MaxBytes, the core's own cap.
	MaxBytes int64
	// Terminal overrides the check whether Stderr is a terminal (which turns
	// the progress bar on); nil means look at Stderr itself.
	Terminal func() bool
}

// options are the parsed flags of an extraction run.
type options struct {
	format  string
	url     string
	outDir  string
	jobs    int
	explain bool
}

// formats maps each -f value to the extension of its -o files.
var formats = map[string]string{
	"markdown": ".md",
	"html":     ".html",
	"text":     ".txt",
	"json":     ".json",
}

const usage = `usage: cleanread [flags] [FILE|DIR|URL|-]...   extract the article of each input
       cleanread serve [-addr 127.0.0.1:8080]    serve the demo, widget, bookmarklet and wasm

Inputs are files, directories (every *.html and *.htm file below them, sorted),
http(s) URLs, or - for standard input (also the default when no input is given
and standard input is not a terminal). Flags may come before or after inputs;
-- ends the flags.

Flags:
`

// errUsage marks errors that exit with ExitUsage; its wrappers say why.
var errUsage = errors.New("bad usage")

// Main runs the command with args (without the program name) and returns
// the exit status: ExitOK, ExitFailed or ExitUsage.
func (c Command) Main(args []string) int {
	if len(args) > 0 && args[0] == "serve" {
		return c.serveMain(args[1:])
	}
	opts, inputs, err := c.parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	if err != nil {
		if err != errUsage { // errUsage alone: the flag package said why
			fmt.Fprintf(c.Stderr, "cleanread: %v\n", err)
		}
		fmt.Fprintln(c.Stderr, "run 'cleanread -h' for usage")
		return ExitUsage
	}
	return c.extract(opts, inputs)
}

// parse reads flags, which may be interspersed with inputs.
func (c Command) parse(args []string) (options, []string, error) {
	var o options
	fs := flag.NewFlagSet("cleanread", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.StringVar(&o.format, "f", "markdown", "output `format`: markdown, html, text or json")
	fs.StringVar(&o.url, "url", "", "the page's address, for resolving relative links, when reading a file or stdin")
	fs.StringVar(&o.outDir, "o", "", "write one file per input under `DIR`, at the input's relative path with the\nformat's extension (pages/a/source.html -> DIR/pages/a/source.md); URLs by host and path")
	fs.IntVar(&o.jobs, "j", runtime.NumCPU(), "`N` workers for several inputs")
	fs.BoolVar(&o.explain, "explain", false, "say what was removed and why (on stderr; with -f json it is in \"removed\")")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, usage)
		fs.PrintDefaults()
	}

	var inputs []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return o, nil, err
			}
			return o, nil, errUsage // the flag package has printed the reason
		}
		// fs.Parse stops at the first input, or swallows a "--" and stops
		// after it: then everything left is an input.
		if rest := fs.Args(); len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			inputs = append(inputs, rest...)
			break
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		inputs = append(inputs, args[0])
		args = args[1:]
	}

	if _, ok := formats[o.format]; !ok {
		return o, nil, fmt.Errorf("%w: -f %q: want markdown, html, text or json", errUsage, o.format)
	}
	if o.jobs < 1 {
		return o, nil, fmt.Errorf("%w: -j %d: want at least 1", errUsage, o.jobs)
	}
	if o.url != "" && !isURL(o.url) {
		return o, nil, fmt.Errorf("%w: -url %q: want an absolute http(s) URL", errUsage, o.url)
	}
	if len(inputs) == 0 {
		if isTerminal(c.Stdin) {
			return o, nil, fmt.Errorf("%w: no input (give FILE, DIR, URL or - for stdin)", errUsage)
		}
		inputs = []string{"-"}
	}
	stdins := 0
	for _, in := range inputs {
		if in == "-" {
			stdins++
		}
	}
	if stdins > 1 {
		return o, nil, fmt.Errorf("%w: - (stdin) given %d times", errUsage, stdins)
	}
	return o, inputs, nil
}
