// Command cleanread extracts the readable article of web pages: see
// internal/cli for the command line, and core for the extractor.
package main

import (
	"os"

	"github.com/cleanread/cleanread/internal/cli"
)

func main() {
	os.Exit(cli.Command{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}.Main(os.Args[1:]))
}
