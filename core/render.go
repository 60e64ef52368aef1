package core

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
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
	goldmark.WithExtensions(extension.Table, extension.Strikethrough))

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
