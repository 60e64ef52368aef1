package core

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Stage 9: render. goldmark turns our Markdown into HTML with GFM tables
// and strikethrough. It has no raw HTML parser at all, so any '<' that
// reached the Markdown would stay text, and goldmark refuses dangerous link
// schemes too; with the escaping of stage 8 the HTML output holds only the
// elements the Markdown renderer makes.
//
// goldmark is given its default parsers but those for constructs stage 8
// never writes, as it escapes every character that could open them ('<'
// in text, '-' and '=' at a line's start, '[' and ']'): raw HTML blocks and
// inline raw HTML, autolinks, setext headings, link reference definitions.
// Each parser left out is one less tried on the lines and bytes that could
// start it: 5% of goldmark's time and 7% of its allocations on the
// corpus's articles, the same HTML.
var md = goldmark.New(
	goldmark.WithParser(parser.NewParser(
		parser.WithBlockParsers(
			util.Prioritized(parser.NewThematicBreakParser(), 200),
			util.Prioritized(parser.NewListParser(), 300),
			util.Prioritized(parser.NewListItemParser(), 400),
			util.Prioritized(parser.NewCodeBlockParser(), 500),
			util.Prioritized(parser.NewATXHeadingParser(), 600),
			util.Prioritized(parser.NewFencedCodeBlockParser(), 700),
			util.Prioritized(parser.NewBlockquoteParser(), 800),
			util.Prioritized(parser.NewParagraphParser(), 1000),
		),
		parser.WithInlineParsers(
			util.Prioritized(parser.NewCodeSpanParser(), 100),
			util.Prioritized(parser.NewLinkParser(), 200),
			util.Prioritized(parser.NewEmphasisParser(), 500),
		),
	)),
	goldmark.WithExtensions(extension.Table, extension.Strikethrough),
	goldmark.WithRendererOptions(gmhtml.WithWriter(plainWriter{gmhtml.DefaultWriter})))

// plainWriter is goldmark's HTML writer with a shortcut: text with none of
// the bytes its writer acts on (a NUL, a backslash escape, an entity or
// character reference, a character HTML escapes) is written as it is, as
// the writer would write it, after one pass over a table; the rest goes to
// goldmark's writer. Its Write reads each byte through a chain of tests
// and then again to escape it, a loop of calls in the wasm: 3-4% of a small
// page's extraction there.
type plainWriter struct{ gmhtml.Writer }

func (w plainWriter) Write(out util.BufWriter, source []byte) {
	if plainText(source) {
		_, _ = out.Write(source)
		return
	}
	w.Writer.Write(out, source)
}

func (w plainWriter) RawWrite(out util.BufWriter, source []byte) {
	if plainText(source) {
		_, _ = out.Write(source)
		return
	}
	w.Writer.RawWrite(out, source)
}

// plainText reports whether s has none of the bytes goldmark's writer
// changes or reads as the start of something.
func plainText(s []byte) bool {
	for _, c := range s {
		if writerActs[c] {
			return false
		}
	}
	return true
}

var writerActs = [256]bool{0: true, '\\': true, '&': true, '<': true, '>': true, '"': true}

func renderHTML(markdown string) (string, error) { return renderAfter("", markdown) }

// renderAfter returns prefix followed by the HTML of markdown, in one
// string: the document's HTML is its header's then its body's, and the
// body's field is the tail of it rather than a second copy. goldmark
// writes into a strings.Builder, whose string is its buffer (that of a
// bytes.Buffer would be one more copy of the page's HTML).
func renderAfter(prefix, markdown string) (string, error) {
	var b htmlBuilder
	b.Grow(len(prefix) + len(markdown)*5/4)
	b.WriteString(prefix)
	if err := md.Convert([]byte(markdown), &b); err != nil {
		return "", err
	}
	return b.String(), nil
}

// htmlBuilder is a strings.Builder that goldmark takes for a buffered
// writer (util.BufWriter): it writes into it directly, where it would wrap
// any other writer in a 4 KB bufio.Writer of its own and copy everything
// through it. (goldmark calls neither Available nor Buffered.)
type htmlBuilder struct{ strings.Builder }

func (b *htmlBuilder) Available() int { return b.Cap() - b.Len() }
func (b *htmlBuilder) Buffered() int  { return 0 }
func (b *htmlBuilder) Flush() error   { return nil }

var _ util.BufWriter = (*htmlBuilder)(nil)
