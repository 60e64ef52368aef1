package core

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"unicode/utf16"
	"unsafe"

	"golang.org/x/net/html"
)

// Stage 1: decode. Bytes become UTF-8 the way browsers do it, in order:
// a byte-order mark, the transport's charset, a <meta> declaration in the
// first 64 KiB, a statistical guess among the legacy CJK encodings, and
// windows-1252 last. Two departures from the browser's rules, both because
// real pages lie: a page whose bytes are valid UTF-8 (with non-ASCII in
// them) is UTF-8 whatever legacy charset its label names, and gb2312/GBK
// labels decode as GB18030, their superset.

// prescanLimit is how far into the page a <meta> charset is looked for.
const prescanLimit = 64 << 10

// decoded is the result of stage 1.
type decoded struct {
	text    string
	charset string // canonical name of the encoding used
	how     string // which rule chose it: bom, transport, meta, utf8, guess, default
}

// sniffNotHTML refuses input that is plainly not a page.
func sniffNotHTML(b []byte) error {
	t := bytes.TrimLeft(bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n\f\x00")
	if len(t) == 0 {
		return errorf(ErrNotHTML, "empty input")
	}
	switch {
	case bytes.HasPrefix(t, []byte("%PDF-")):
		return errorf(ErrNotHTML, "a PDF document")
	case bytes.HasPrefix(t, []byte("\x89PNG")), bytes.HasPrefix(t, []byte("\xff\xd8\xff")),
		bytes.HasPrefix(t, []byte("GIF8")):
		return errorf(ErrNotHTML, "an image")
	case bytes.HasPrefix(t, []byte("PK\x03\x04")), bytes.HasPrefix(t, []byte("\x1f\x8b")):
		return errorf(ErrNotHTML, "a compressed archive")
	}
	if hasBOM(b) {
		return nil
	}
	// Binary data: many control bytes in the first 8 KiB.
	head := b
	if len(head) > 8192 {
		head = head[:8192]
	}
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			ctl++
		}
	}
	if ctl*10 > len(head) {
		return errorf(ErrNotHTML, "binary data (%d control bytes in the first %d)", ctl, len(head))
	}
	return nil
}

func hasBOM(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) ||
		bytes.HasPrefix(b, []byte{0xFF, 0xFE})
}

// LegacyDecoder decodes b from the legacy encoding named by a WHATWG label
// ("gb18030", "shift_jis", "koi8-r"...) and reports whether it could. A
// host that has such decoders (a browser's TextDecoder) passes one in
// Options, so that the wasm build need not carry the encoding tables.
type LegacyDecoder func(label string, b []byte) (string, bool)

// decode turns page bytes into UTF-8 text.
func decode(b []byte, contentType string, host LegacyDecoder) (decoded, error) {
	if err := sniffNotHTML(b); err != nil {
		return decoded{}, err
	}
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return utf8Text(b[3:], "bom"), nil
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decoded{text: decodeUTF16(b[2:], true), charset: "utf-16be", how: "bom"}, nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decoded{text: decodeUTF16(b[2:], false), charset: "utf-16le", how: "bom"}, nil
	}
	if label := contentTypeCharset(contentType); label != "" {
		if d, ok := decodeLabel(b, label, "transport", host); ok {
			return d, nil
		}
	}
	if label := prescanMeta(b); label != "" {
		if d, ok := decodeLabel(b, label, "meta", host); ok {
			return d, nil
		}
	}
	if utf8.Valid(b) {
		return validUTF8Text(b, "utf8"), nil
	}
	if name := guessEncoding(b); name != "" {
		if t, cs, ok := legacy(name, b, host); ok {
			return decoded{text: t, charset: cs, how: "guess"}, nil
		}
	}
	return decoded{text: decode1252(b), charset: "windows-1252", how: "default"}, nil
}

// legacy decodes with the host's decoder when there is one, else with the
// tables this build carries (none in the wasm build).
func legacy(label string, b []byte, host LegacyDecoder) (text, charset string, ok bool) {
	if host != nil {
		if t, ok := host(label, b); ok {
			return t, label, true
		}
	}
	return builtinLegacy(label, b)
}

// canonicalLabel folds the labels that need rules of their own; the others
// pass through lower-cased for the decoders, which know their aliases.
func canonicalLabel(label string) string {
	l := strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	switch l {
	case "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8":
		return "utf-8"
	case "utf-16", "utf-16le", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2", "unicodefeff":
		return "utf-16le"
	case "utf-16be", "unicodefffe":
		return "utf-16be"
	case "gb2312", "gbk", "x-gbk", "gb18030", "chinese", "csgb2312", "csiso58gb231280", "gb_2312", "gb_2312-80", "iso-ir-58":
		// GB18030 is the superset: pages labelled gb2312 use GBK characters.
		return "gb18030"
	case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "cp1252", "windows-1252", "x-cp1252",
		"iso_8859-1", "iso-ir-100", "cp819", "ibm819", "csisolatin1", "ansi_x3.4-1968", "iso_8859-1:1987", "iso88591":
		// Browsers read all of these as windows-1252.
		return "windows-1252"
	}
	return l
}

// decodeLabel decodes b with the encoding named by an HTML label.
func decodeLabel(b []byte, label, how string, host LegacyDecoder) (decoded, bool) {
	name := canonicalLabel(label)
	switch name {
	case "":
		return decoded{}, false
	case "utf-8":
		return utf8Text(b, how), true
	case "utf-16le", "utf-16be":
		// A page that reached us as bytes with a UTF-16 label but no BOM
		// is almost always mislabelled ASCII-compatible text.
		if utf8.Valid(b) {
			return validUTF8Text(b, "utf8"), true
		}
		return decoded{}, false
	}
	if !isASCII(b) && utf8.Valid(b) {
		// Declared Latin-1, GBK or another legacy charset, yet valid UTF-8
		// with non-ASCII bytes: the declaration is stale (the page was
		// re-encoded and its <meta> left alone). Legacy multi-byte text
		// is almost never valid UTF-8 by chance.
		return validUTF8Text(b, "utf8"), true
	}
	if name == "windows-1252" {
		return decoded{text: decode1252(b), charset: name, how: how}, true
	}
	if t, cs, ok := legacy(name, b, host); ok {
		return decoded{text: t, charset: cs, how: how}, true
	}
	return decoded{}, false
}

// utf8Text takes b as UTF-8, replacing invalid bytes and repairing double
// encoding.
func utf8Text(b []byte, how string) decoded {
	if utf8.Valid(b) {
		return validUTF8Text(b, how)
	}
	return decoded{text: repairMojibake(strings.ToValidUTF8(string(b), "\uFFFD")), charset: "utf-8", how: how}
}

// validUTF8Text is utf8Text of b already known to be valid UTF-8.
func validUTF8Text(b []byte, how string) decoded {
	// The page's bytes are read in place, not copied: the caller does
	// not change Input.HTML during Extract (see Input), and nothing
	// keeps the text after the parse, which copies what it keeps.
	t := unsafe.String(unsafe.SliceData(b), len(b))
	return decoded{text: repairMojibake(t), charset: "utf-8", how: how}
}

// decode1252 decodes windows-1252 (what browsers use for Latin-1 labels):
// bytes 0x80-0x9F are the typographic characters of cp1252High, where
// defined, and the rest is Latin-1.
func decode1252(b []byte) string {
	var from [32]rune
	for r, c := range cp1252High {
		from[c-0x80] = r
	}
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/4)
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c < 0xA0 && from[c-0x80] != 0:
			sb.WriteRune(from[c-0x80])
		default:
			sb.WriteRune(rune(c))
		}
	}
	return sb.String()
}

// decodeUTF16 decodes UTF-16 without a BOM (already skipped).
func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	return string(utf16.Decode(u))
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// contentTypeCharset returns the charset parameter of a Content-Type value.
func contentTypeCharset(ct string) string {
	// Case-insensitive search on the value itself: lower-casing first can
	// change its length (invalid UTF-8 becomes U+FFFD) and shift the index.
	i := -1
	for k := 0; k+len("charset=") <= len(ct); k++ {
		if strings.EqualFold(ct[k:k+len("charset=")], "charset=") {
			i = k
			break
		}
	}
	if i < 0 {
		return ""
	}
	v := ct[i+len("charset="):]
	if j := strings.IndexAny(v, "; "); j >= 0 {
		v = v[:j]
	}
	return strings.Trim(v, `"'`)
}

// prescanMeta finds a charset declared by <meta charset> or
// <meta http-equiv="content-type" content="...; charset=..."> in the first
// 64 KiB of the page.
func prescanMeta(b []byte) string {
	if len(b) > prescanLimit {
		b = b[:prescanLimit]
	}
	// Like the browser's prescan, skip comments and look only at <meta
	// tags, reading each with the tokenizer.
	for i := 0; i < len(b); i++ {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return ""
		}
		i += j
		rest := b[i:]
		if bytes.HasPrefix(rest, []byte("<!--")) {
			k := bytes.Index(rest[4:], []byte("-->"))
			if k < 0 {
				return ""
			}
			i += 4 + k + 2
			continue
		}
		if len(rest) < 6 || !bytes.EqualFold(rest[1:5], []byte("meta")) || !isTagEnd(rest[5]) {
			continue
		}
		// Only a tag that says "charset" can declare one; most <meta>
		// tags (description, og:...) are passed over without a tokenizer.
		end := bytes.IndexByte(rest, '>')
		if end < 0 {
			end = len(rest)
		}
		if !containsFoldASCII(rest[:end], "charset") {
			continue
		}
		if cs := metaCharset(rest); cs != "" {
			return cs
		}
	}
	return ""
}

func isTagEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>'
}

// metaCharset reads the <meta> tag at the start of b and returns the
// charset it declares, if any.
func metaCharset(b []byte) string {
	z := html.NewTokenizer(bytes.NewReader(b))
	if tt := z.Next(); tt != html.StartTagToken && tt != html.SelfClosingTagToken {
		return ""
	}
	var cs, content string
	httpEquiv := false
	for {
		k, v, more := z.TagAttr()
		switch string(k) {
		case "charset":
			cs = string(v)
		case "http-equiv":
			httpEquiv = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
		case "content":
			content = string(v)
		}
		if !more {
			break
		}
	}
	if cs = strings.TrimSpace(cs); cs != "" {
		return cs
	}
	if httpEquiv {
		return contentTypeCharset(content)
	}
	return ""
}

// guessEncoding names the legacy multi-byte encoding whose byte structure
// fits b best, or "" when none fits (the caller then uses windows-1252).
// Each candidate is scored by how many of the high bytes form valid pairs,
// and how many of those fall in the rows of that encoding's most frequent
// characters (GB2312 level 1, Big5 frequent characters, kana and JIS
// level 1, Hangul syllables).
func guessEncoding(b []byte) string {
	if len(b) > 1<<20 {
		b = b[:1<<20]
	}
	type cand struct {
		name string
		fit  func([]byte) (valid, common, bad int)
	}
	cands := []cand{
		{"gb18030", fitGBK},
		{"big5", fitBig5},
		{"shift_jis", fitShiftJIS},
		{"euc-jp", fitEUCJP},
		{"euc-kr", fitEUCKR},
	}
	// Korean puts spaces between words; Chinese and Japanese do not. Text
	// whose double-byte runs are space-separated is not read as Chinese.
	spaced := spacedPairs(b)
	best, bestScore := -1, 0
	for i, c := range cands {
		valid, common, bad := c.fit(b)
		if valid == 0 {
			continue
		}
		if spaced && c.name != "euc-kr" {
			common /= 4
		}
		score := valid + 3*common - 20*bad
		if bad*50 > valid { // more than 2% broken pairs: not this encoding
			continue
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return ""
	}
	return cands[best].name
}

// Each fit function walks b as the encoding would and counts valid
// multi-byte characters, how many of them are frequent ones, and broken
// sequences.

func fitGBK(b []byte) (valid, common, bad int) {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < 0x80 {
			continue
		}
		if c == 0x80 || c == 0xFF || i+1 >= len(b) {
			bad++
			continue
		}
		t := b[i+1]
		if t >= 0x30 && t <= 0x39 { // four-byte GB18030 sequence
			i += 3
			valid++
			continue
		}
		if t < 0x40 || t == 0x7F || t == 0xFF {
			bad++
			continue
		}
		valid++
		if c >= 0xB0 && c <= 0xD7 && t >= 0xA1 {
			common++
		} else if c == 0xA1 || c == 0xA3 { // CJK punctuation and full-width forms
			common++
		}
		i++
	}
	return
}

func fitBig5(b []byte) (valid, common, bad int) {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < 0x80 {
			continue
		}
		if c < 0x81 || c == 0xFF || i+1 >= len(b) {
			bad++
			continue
		}
		t := b[i+1]
		if !(t >= 0x40 && t <= 0x7E || t >= 0xA1 && t <= 0xFE) {
			bad++
			continue
		}
		valid++
		if c >= 0xA4 && c <= 0xC6 || c == 0xA1 {
			common++
		}
		i++
	}
	return
}

func fitShiftJIS(b []byte) (valid, common, bad int) {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < 0x80 {
			continue
		}
		if c >= 0xA1 && c <= 0xDF { // half-width katakana
			valid++
			continue
		}
		if !(c >= 0x81 && c <= 0x9F || c >= 0xE0 && c <= 0xFC) || i+1 >= len(b) {
			bad++
			continue
		}
		t := b[i+1]
		if t < 0x40 || t == 0x7F || t > 0xFC {
			bad++
			continue
		}
		valid++
		if c == 0x82 || c == 0x83 || c >= 0x88 && c <= 0x98 || c == 0x81 {
			common++
		}
		i++
	}
	return
}

func fitEUCJP(b []byte) (valid, common, bad int) {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < 0x80 {
			continue
		}
		if i+1 >= len(b) {
			bad++
			continue
		}
		t := b[i+1]
		if c == 0x8E && t >= 0xA1 && t <= 0xDF {
			valid++
			i++
			continue
		}
		if c < 0xA1 || c == 0xFF || t < 0xA1 || t == 0xFF {
			bad++
			continue
		}
		valid++
		if c == 0xA4 || c == 0xA5 { // kana: frequent in Japanese, rare in Chinese
			common += 3
		}
		i++
	}
	return
}

func fitEUCKR(b []byte) (valid, common, bad int) {
	spaced, pairs := 0, 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < 0x80 {
			continue
		}
		if i+1 >= len(b) {
			bad++
			continue
		}
		t := b[i+1]
		if c < 0xA1 || c == 0xFF || t < 0xA1 || t == 0xFF {
			bad++
			continue
		}
		valid++
		pairs++
		if i+2 < len(b) && b[i+2] == ' ' {
			spaced++
		}
		i++
	}
	// Korean separates words with spaces; Chinese text in the same byte
	// ranges does not. Without spaces the Hangul reading is implausible.
	if pairs > 0 && spaced*8 >= pairs {
		common = valid
	} else {
		valid /= 2
	}
	return
}

// cp1252High maps the windows-1252 characters of bytes 0x80-0x9F back to
// their bytes.
var cp1252High = map[rune]byte{'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86,
	'‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91,
	'’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99,
	'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F}

// mojibakeByte returns the byte that r stands for when UTF-8 was read as
// Latin-1 or windows-1252.
func mojibakeByte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xFF {
		return byte(r), true
	}
	b, ok := cp1252High[r]
	return b, ok
}

// repairMojibake undoes double encoding: UTF-8 text that was once decoded
// as Latin-1 or windows-1252 and encoded again ("youâ€™re" for
// "you’re"), which pages carry from careless CMS imports. Only runs that
// decode to valid multi-byte UTF-8 are replaced, so real Latin-1 letters
// stay.
func repairMojibake(s string) string {
	// The lead bytes of double-encoded text are U+00C2-U+00F4, written
	// C3 82-C3 B4: one scan tells whether there is anything to repair.
	if !hasMojibakeLead(s) {
		return s
	}
	var out []byte // nil until the first repair
	last := 0
	for i := 0; i < len(s); {
		// Every rune that can lead is C3 xx, and s is valid UTF-8, where
		// a C3 byte always starts a rune: skip to the next one.
		k := strings.IndexByte(s[i:], 0xC3)
		if k < 0 {
			break
		}
		i += k
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < 0xC2 || r > 0xF4 {
			i += n
			continue
		}
		need := 1
		switch {
		case r >= 0xF0:
			need = 3
		case r >= 0xE0:
			need = 2
		}
		var buf [4]byte
		buf[0] = byte(r)
		j, ok := i+n, true
		punct := true // every continuation is Latin-1 punctuation (U+00A0-U+00BF)
		for k := 1; k <= need; k++ {
			if j >= len(s) {
				ok = false
				break
			}
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			c, isByte := mojibakeByte(r2)
			if !isByte || c < 0x80 || c > 0xBF {
				ok = false
				break
			}
			punct = punct && r2 >= 0xA0 && r2 <= 0xBF
			buf[k] = c
			j += n2
		}
		if ok && need == 2 && punct && (r == 0xE0 && buf[1] < 0xA4 || latinLetterBefore(s[:i])) {
			// An accented letter then two Latin-1 signs is French as
			// often as it is mojibake ("automatisé »" with a no-break
			// space would read "automatis頻"): it is taken for text when
			// it ends a Latin word, or when it would make U+0800-U+08FF
			// (Samaritan, Mandaic: "à «" would), which pages do not
			// double-encode. Double-encoded punctuation has a
			// windows-1252 sign in it ("donâ€™t"), and CJK text comes in
			// runs, not glued to a Latin word.
			ok = false
		}
		if ok {
			if dr, dn := utf8.DecodeRune(buf[:need+1]); dr != utf8.RuneError && dn == need+1 {
				if out == nil {
					out = make([]byte, 0, len(s))
				}
				out = append(out, s[last:i]...)
				out = utf8.AppendRune(out, dr)
				last, i = j, j
				continue
			}
		}
		i += n
	}
	if out == nil {
		return s
	}
	return string(append(out, s[last:]...))
}

// latinLetterBefore reports whether s ends with a Latin letter (ASCII or
// Latin-1).
func latinLetterBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r >= 0xC0 && r <= 0xFF && r != 0xD7 && r != 0xF7
}

// spacedPairs reports text whose runs of high bytes are often followed by
// an ASCII space, as Korean words are.
func spacedPairs(b []byte) bool {
	runs, spaced := 0, 0
	for i := 0; i < len(b); i++ {
		if b[i] < 0x80 {
			continue
		}
		j := i
		for j < len(b) && b[j] >= 0x80 {
			j++
		}
		runs++
		if j < len(b) && b[j] == ' ' {
			spaced++
		}
		i = j
	}
	return runs >= 4 && spaced*3 >= runs
}

func hasMojibakeLead(s string) bool {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], 0xC3)
		if j < 0 || i+j+1 >= len(s) {
			return false
		}
		i += j + 1
		if c := s[i]; c >= 0x82 && c <= 0xB4 {
			if i+1 < len(s) && s[i+1] >= 0x80 {
				return true // followed by another non-ASCII character
			}
		}
	}
}

// containsFoldASCII reports whether b contains word (lower-case ASCII),
// ignoring ASCII case.
func containsFoldASCII(b []byte, word string) bool {
	for i := 0; i+len(word) <= len(b); i++ {
		j := 0
		for j < len(word) {
			c := b[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != word[j] {
				break
			}
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return false
}
