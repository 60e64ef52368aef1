package core

import (
	"errors"
	"fmt"
	"time"
)

// Sentinel errors. Every error returned by Extract wraps exactly one of them,
// so callers can tell a page without an article from input we refused.
var (
	// ErrNoArticle: the page parsed, but nothing on it reads as an article.
	ErrNoArticle = errors.New("no article found")
	// ErrTooLarge: the input is over one of the size limits in Limits.
	ErrTooLarge = errors.New("input too large")
	// ErrNotHTML: the input is not an HTML page (empty, binary, a PDF...).
	ErrNotHTML = errors.New("input is not an HTML page")
	// ErrTimeout: the per-page time budget (Limits.Budget) ran out.
	ErrTimeout = errors.New("time budget exceeded")
)

// Limits bound the work spent on one page. The zero value of each field
// means its default (see DefaultLimits); a negative value disables it.
type Limits struct {
	// MaxBytes is the largest input accepted, in bytes.
	MaxBytes int64
	// MaxNodes is the largest number of DOM nodes processed; past it the
	// rest of the document is ignored (a documented degraded result).
	MaxNodes int
	// MaxDepth is the deepest element nesting kept; deeper elements are
	// flattened into their ancestor at that depth.
	MaxDepth int
	// MaxLinks is the largest number of anchors considered for link-farm
	// clustering; further anchors are left alone.
	MaxLinks int
	// Budget is the wall-clock time allowed for one page.
	Budget time.Duration
}

// DefaultLimits are the limits used for zero fields of Limits. 16 MiB is
// well above real article pages (the corpus's largest is under 2 MB) and
// keeps the worst case near half a second natively: larger inputs are
// data dumps or inlined media, refused with ErrTooLarge unless MaxBytes is
// raised. The budget is checked between stages; parsing itself is not
// interruptible, which the size limit bounds.
var DefaultLimits = Limits{
	MaxBytes: 16 << 20,
	MaxNodes: 2_000_000,
	MaxDepth: 512,
	MaxLinks: 250_000,
	Budget:   10 * time.Second,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxBytes != 0 {
		d.MaxBytes = l.MaxBytes
	}
	if l.MaxNodes != 0 {
		d.MaxNodes = l.MaxNodes
	}
	if l.MaxDepth != 0 {
		d.MaxDepth = l.MaxDepth
	}
	if l.MaxLinks != 0 {
		d.MaxLinks = l.MaxLinks
	}
	if l.Budget != 0 {
		d.Budget = l.Budget
	}
	return d
}

// Options configure an Extractor. The zero value is the sensible default.
type Options struct {
	// Limits bound time and memory per page.
	Limits Limits
	// KeepImages keeps images in the article (default true; set
	// DropImages to remove them).
	DropImages bool
	// NoLinkFarm disables near-duplicate link removal (for comparison).
	NoLinkFarm bool
	// NoBoilerplate disables the in-article boilerplate pass.
	NoBoilerplate bool
	// LegacyDecoder, when set, decodes legacy encodings (GBK, Big5,
	// Shift_JIS...) before the built-in tables are tried. The wasm build
	// has no tables and passes the browser's TextDecoder here.
	LegacyDecoder LegacyDecoder
	// Checkpoint, when set, is called between the pipeline's stages with
	// the name of the stage just done ("parse", "link farms", "attempt N",
	// "markdown"). After "markdown" the page's tree is no longer
	// referenced: the wasm build collects garbage there, since its
	// collector cannot run during an extraction otherwise.
	Checkpoint func(stage string)
	// Explain has Extract fill Article.Explain: what was removed and
	// why, and the choices made on the way (the CLI's -explain). Off, the
	// notes are not written: they cost a short page's extraction a few
	// percent in the wasm, which never shows them.
	Explain bool
}

// Input is one page to extract.
type Input struct {
	// HTML is the raw page bytes, in any encoding. Extract reads them in
	// place: do not change them until it returns.
	HTML []byte
	// URL is the page's address: links and images are resolved against it
	// (or the page's <base>). Optional.
	URL string
	// ContentType is the transport's Content-Type header (for its
	// charset), when known. Optional.
	ContentType string
	// Tree, when set, is the page as a browser has parsed it, in the flat
	// form of core/flat.go (cleanread.js's pageTree makes it from a live
	// document), and HTML and ContentType are not read: the page is
	// neither decoded nor parsed again. The result is the one HTML would
	// give for the same document.
	Tree []byte
}

// Article is the clean article of one page.
type Article struct {
	URL            string   `json:"url"`
	Title          string   `json:"title"`
	Byline         string   `json:"byline"`
	Published      string   `json:"published"`
	Modified       string   `json:"modified"`
	SiteName       string   `json:"siteName"`
	Lang           string   `json:"lang"`
	Dir            string   `json:"dir"`
	Excerpt        string   `json:"excerpt"`
	LeadImage      string   `json:"leadImage"`
	WordCount      int      `json:"wordCount"`
	ReadingMinutes int      `json:"readingMinutes"`
	Markdown       string   `json:"markdown"` // title, byline line, then the body
	HTML           string   `json:"html"`     // Markdown rendered
	BodyMarkdown   string   `json:"bodyMarkdown"`
	BodyHTML       string   `json:"bodyHtml"` // the body alone, for readers that draw their own header
	Text           string   `json:"text"`
	Removed        Removed  `json:"removed"`
	Charset        string   `json:"charset"`
	Explain        []string `json:"-"`
}

// Removed summarises what the pipeline took out of the article container.
type Removed struct {
	LinkFarms int       `json:"linkFarms"`
	Links     int       `json:"links"`
	Blocks    int       `json:"blocks"`
	Details   []Removal `json:"details"`
}

// Removal is one removed thing, for -explain and the reader's "show what was
// removed" panel.
type Removal struct {
	// Kind is "linkfarm", "link" or "block".
	Kind string `json:"kind"`
	// Reason says which signal removed it.
	Reason string `json:"reason"`
	// Size is the number of links (link farms) or characters (blocks).
	Size int `json:"size"`
	// Sample is the start of the removed text.
	Sample string `json:"sample"`
}

// Extractor extracts articles. It holds only configuration and is safe for
// concurrent use; build one and reuse it.
type Extractor struct {
	opts   Options
	limits Limits
}

// New returns an Extractor with the given options.
func New(opts Options) *Extractor {
	return &Extractor{opts: opts, limits: opts.Limits.withDefaults()}
}

var defaultExtractor = New(Options{})

// Extract extracts the article of page with the default options.
func Extract(page []byte, url string) (*Article, error) {
	return defaultExtractor.Extract(Input{HTML: page, URL: url})
}

// Extract runs the whole pipeline on one page: decode, parse, clean, score,
// remove link farms and boilerplate, extract metadata, serialise to Markdown
// and render HTML.
func (e *Extractor) Extract(in Input) (*Article, error) {
	r := &run{ex: e, start: time.Now()}
	a, err := r.extract(in)
	if err != nil {
		return nil, err
	}
	return a, nil
}

func errorf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}
