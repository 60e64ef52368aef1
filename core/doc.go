// Package core extracts the clean article of a web page: the pipeline that
// the CLI, the wasm module and the browser reader share. It does no I/O:
// no files, no network, no syscall/js.
//
// Use it through an Extractor, built once and safe for concurrent use:
//
//	ex := core.New(core.Options{})
//	a, err := ex.Extract(core.Input{HTML: page, URL: "https://example.com/news/1"})
//	if errors.Is(err, core.ErrNoArticle) { ... }
//	fmt.Println(a.Title, a.Published)
//	fmt.Println(a.Markdown)
//
// The stages, one file each, in the order they run:
//
//   - decode.go: bytes to UTF-8 as browsers do (BOM, transport charset,
//     <meta> prescan, a statistical guess among the CJK legacy encodings,
//     windows-1252), with stale labels and double encoding repaired.
//   - parse.go: the x/net/html tree; links and images resolved against the
//     page address or <base>, lazy images normalised, limits applied.
//   - metadata.go: title, byline, dates, language, lead image, excerpt
//     (JSON-LD, Open Graph, <meta>, <time>, the lines around the title).
//   - clean.go: marks for what is never text (scripts, hidden elements) and
//     what is probably furniture (class, id, role, tag), read under the
//     flags of the retry sieve; and the conditional cleaning of the article.
//   - linkfarm.go: near-duplicate link clusters (SEO link farms) go.
//   - score.go: Readability-style scoring in Latin-equivalent characters
//     (a CJK character counts three), the choice of the article's
//     container and of its siblings; on a page of dated posts in a row,
//     the first post.
//   - boilerplate.go: site furniture inside the container (hotlines, QR
//     lines, disclaimers and the site's self-promotion, edit stamps, link
//     rows, "See also" lists, a pasted comment thread) around the body,
//     layout tables opened like divs; repeated links.
//   - markdown.go: the article as Markdown and as text in one walk; page
//     text is always escaped, URLs allow-listed.
//   - render.go: goldmark renders the Markdown to HTML with raw HTML off.
//
// pipeline.go runs the stages and the retry sieve; extract.go holds the
// public types. Every walk over the tree is iterative (walk.go), because
// pages nest deeper than any stack a page should be able to choose.
package core
