package core

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// Stage 9: render. goldmark turns our Markdown into HTML with GFM tables
// and strikethrough. Raw HTML is off (goldmark's default), so any HTML that
// reached the Markdown would be dropped, and goldmark refuses dangerous
// link schemes too; with the escaping of stage 8 the HTML output holds only
// the elements the Markdown renderer makes.

var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

func renderHTML(markdown string) (string, error) {
	var b bytes.Buffer
	b.Grow(len(markdown) * 5 / 4)
	if err := md.Convert([]byte(markdown), &b); err != nil {
		return "", err
	}
	return b.String(), nil
}
