// Command cleanread extracts the readable article of web pages: see
// internal/cli for the command line, core for the extractor and web for
// what `cleanread serve` serves.
package main

import (
	"net/http"
	"os"

	"github.com/cleanread/cleanread/internal/cli"
	"github.com/cleanread/cleanread/web"
)

func main() {
	os.Exit(cli.Command{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Web: func() (http.Handler, error) { return web.Handler() },
	}.Main(os.Args[1:]))
}
