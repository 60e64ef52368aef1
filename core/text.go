package core

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Language-aware text counting. Thresholds in this package are written in
// "word units": a space-separated word counts one, and so does one CJK
// character (Han, kana, Hangul), because Chinese and Japanese put no spaces
// between words and a character carries about as much as a short word.

// isCJK reports whether r is written without spaces between words.
func isCJK(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7A3:
		// The common Han ideographs and the Hangul syllables, without a
		// table lookup: most CJK text is these.
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// isClauseMark reports whether r ends a clause: the comma-like marks that
// Readability counts, in Latin, Arabic and CJK scripts.
func isClauseMark(r rune) bool {
	switch r {
	case ',', '，', '、', '；', ';', '،', '﹐', '﹑', '︐', '︑', '。', '！', '？':
		return true
	}
	return false
}

// textStats are cheap counts over a piece of text, made in one pass.
type textStats struct {
	// int32: one of these sits in every scored node, twice.
	chars  int32 // non-space runes
	words  int32 // word units: space-separated words plus CJK characters
	cjk    int32 // CJK characters
	clause int32 // clause marks (commas and the CJK marks)
	stops  int32 // sentence ends: . ! ? and their CJK forms
}

func (s *textStats) add(o textStats) {
	s.chars += o.chars
	s.words += o.words
	s.cjk += o.cjk
	s.clause += o.clause
	s.stops += o.stops
}

// asciiKind classifies the ASCII bytes for countText as bits, so that the
// common case is one table load and a few additions, without branches.
const (
	akWord   uint8 = 1 << iota // a letter or digit: starts or continues a word
	akSpace                    // ends a word, not counted
	akClause                   // , ;
	akStop                     // . ! ?
)

var asciiKind = func() (t [utf8.RuneSelf]uint8) {
	for _, c := range " \n\t\r\f" {
		t[c] = akSpace
	}
	for c := 0; c < utf8.RuneSelf; c++ {
		if isWordByte(byte(c)) {
			t[c] = akWord
		}
	}
	t[','], t[';'] = akClause, akClause
	t['.'], t['!'], t['?'] = akStop, akStop, akStop
	return t
}()

// countText returns the statistics of s.
func countText(s string) textStats {
	var t textStats
	var inWord int32 // 1 inside a word
	// Whitespace before the first word counts for nothing, and it is half
	// the bytes of a page's text nodes (the indentation between its tags,
	// most nodes all of it): it is passed over first, eight spaces at a
	// time where it can.
	i := 0
	for i < len(s) {
		if i+8 <= len(s) && s[i:i+8] == "        " {
			i += 8
		} else if c := s[i]; c < utf8.RuneSelf && asciiKind[c] == akSpace {
			i++
		} else {
			break
		}
	}
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			k := int32(asciiKind[c])
			word, space := k&1, k>>1&1
			t.chars += 1 - space
			t.words += word &^ inWord
			t.clause += k >> 2 & 1
			t.stops += k >> 3
			// A word byte starts or continues a word, a space ends it,
			// anything else leaves it as it is.
			inWord = word | inWord&^space
			continue
		}
		var r rune
		var n int
		if c >= 0xE0 && c < 0xF0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// Three bytes (CJK text is all such runes), decoded here as
			// DecodeRuneInString would, overlong forms and surrogates
			// excepted.
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			n = 3
			if r < 0x800 || r >= 0xD800 && r <= 0xDFFF {
				r, n = utf8.RuneError, 1
			}
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		if r >= 0x4E00 && r <= 0x9FFF {
			// A common Han ideograph, most runes of CJK text: neither a
			// space nor a clause mark, so tested first.
			t.chars++
			t.cjk++
			t.words++
			inWord = 0
			continue
		}
		if r == 0xA0 || r == 0x3000 {
			inWord = 0
			continue
		}
		t.chars++
		// Clause marks first: a cheap switch, and CJK text is full of them.
		if isClauseMark(r) {
			t.clause++
			if r == '。' || r == '！' || r == '？' {
				t.stops++
			}
			inWord = 0
			continue
		}
		if isCJK(r) {
			t.cjk++
			t.words++
			inWord = 0
			continue
		}
		if isAlnum(r) {
			t.words += 1 - inWord
			inWord = 1
		}
	}
	return t
}

// alnumTable holds unicode.IsLetter || unicode.IsDigit for the runes
// below alnumTableEnd (the alphabets of Europe, the Middle East, India
// and South-East Asia), one bit each: the unicode tables are a binary
// search per rune.
const alnumTableEnd = 0x3000

var alnumTable = func() (t [alnumTableEnd / 64]uint64) {
	for r := rune(0); r < alnumTableEnd; r++ {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			t[r>>6] |= 1 << (r & 63)
		}
	}
	return t
}()

// isAlnum is unicode.IsLetter(r) || unicode.IsDigit(r).
func isAlnum(r rune) bool {
	if r >= 0 && r < alnumTableEnd {
		return alnumTable[r>>6]&(1<<(r&63)) != 0
	}
	if r >= 0x4E00 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7A3 {
		return true // CJK ideographs, Hangul syllables: letters all
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isDigitRune is unicode.IsDigit(r), without the table search for ASCII
// and the CJK blocks, which hold no decimal digits.
func isDigitRune(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	if r >= 0x3000 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7A3 {
		return false
	}
	return unicode.IsDigit(r)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// normSpace collapses whitespace runs to one space and trims the ends.
// Text that is already normal is returned as it is, without a copy.
func normSpace(s string) string {
	if isNormal(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	valid := utf8.ValidString(s)
	for i := 0; i < len(s); {
		if valid {
			// Runes that cannot be spaces are copied in bulk.
			if j := nonSpaceRun(s, i); j > i {
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteString(s[i:j])
				i = j
				continue
			}
		}
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII, the common case, byte by byte.
			i++
			if asciiKind[c] == akSpace || c == '\v' {
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSpaceRune(r) {
			space = true
			i += n
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if r == utf8.RuneError && n == 1 {
			b.WriteString("\uFFFD") // as ranging over s reads an invalid byte
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// nonSpaceRun returns the end of the bytes from i on that cannot start a
// space: ASCII spaces, and the lead bytes of every non-ASCII space (C2,
// E1, E2, E3), stop it.
func nonSpaceRun(s string, i int) int {
	for ; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf && (asciiKind[c] == akSpace || c == '\v') || c == 0xC2 || c >= 0xE1 && c <= 0xE3 {
			break
		}
	}
	return i
}

// digits counts the ASCII digits in t.
func digits(t string) int {
	n := 0
	for i := 0; i < len(t); i++ {
		if t[i]-'0' < 10 {
			n++
		}
	}
	return n
}

// spaceNorm builds normSpace of a concatenation of pieces (the text nodes
// of a subtree) as they come, without the concatenation: one pass over
// each piece and one copy, where the concatenation and then normSpace
// (isNormal, utf8.ValidString, the copy) read the text four times. Pieces
// must be valid UTF-8 each, as the tree's text is (the decoded page is, and
// the parser writes whole runes): the result is then normSpace's, as the
// runes are the same. A piece that is not sets bad, and the caller falls
// back to normSpace of the whole.
//
// Its bytes go into a buffer taken from a pool (newSpaceNorm), and String
// copies them out once, at their size: a builder of its own per text grew
// through every size class on the way (eight allocations for a paragraph),
// and spaceNorm runs for every leaf block and many elements' text.
type spaceNorm struct {
	b     []byte
	space bool // whitespace is pending before the next rune
	bad   bool
}

var normBufs = sync.Pool{New: func() any { return new([]byte) }}

// newSpaceNorm returns a spaceNorm on a pooled buffer; done gives it back.
func newSpaceNorm() spaceNorm {
	return spaceNorm{b: (*normBufs.Get().(*[]byte))[:0]}
}

// done returns w's buffer to the pool (but a very large one); w is not to
// be used after.
func (w *spaceNorm) done() {
	if b := w.b; cap(b) > 0 && cap(b) <= 1<<16 {
		normBufs.Put(&b)
	}
	w.b = nil
}

// addSpace adds whitespace (a block's boundary).
func (w *spaceNorm) addSpace() { w.space = true }

// add adds a piece of text.
func (w *spaceNorm) add(s string) {
	if w.bad || !utf8.ValidString(s) {
		w.bad = true
		return
	}
	for i := 0; i < len(s); {
		// Runes that cannot be spaces are copied in bulk (as in normSpace).
		if j := nonSpaceRun(s, i); j > i {
			if w.space && len(w.b) > 0 {
				w.b = append(w.b, ' ')
			}
			w.space = false
			w.b = append(w.b, s[i:j]...)
			i = j
			continue
		}
		if s[i] < utf8.RuneSelf {
			w.space = true // an ASCII space: the run above stops at nothing else
			i++
			for i+8 <= len(s) && s[i:i+8] == "        " {
				i += 8 // indentation, eight spaces at a time
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSpaceRune(r) {
			w.space = true
		} else {
			if w.space && len(w.b) > 0 {
				w.b = append(w.b, ' ')
			}
			w.space = false
			w.b = append(w.b, s[i:i+n]...)
		}
		i += n
	}
}

// String returns the normalised text (valid when !bad).
func (w *spaceNorm) String() string { return string(w.b) }

// blank reports whether s is all whitespace, normSpace(s) == "", without
// building the normalised copy.
func blank(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiKind[c] != akSpace && c != '\v' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isSpaceRune(r) {
			return false // (an invalid byte too: normSpace keeps it as U+FFFD)
		}
		i += n
	}
	return true
}

// spaceLead holds the bytes that may start a whitespace rune: the ASCII
// spaces, and the first bytes of all others (U+0085 and U+00A0 start with
// C2, U+1680 and U+180E with E1, U+2000-205F with E2, U+3000 with E3).
var spaceLead = func() (t [256]bool) {
	for _, c := range []byte{' ', '\n', '\t', '\r', '\f', '\v', 0xC2, 0xE1, 0xE2, 0xE3} {
		t[c] = true
	}
	return t
}()

func isSpaceRune(r rune) bool {
	if r < 0x80 {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v'
	}
	return r == 0xA0 || unicode.IsSpace(r)
}

// isNormal reports text with no whitespace but single spaces between
// words.
func isNormal(s string) bool {
	prevSpace := true // a leading space is not normal
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' {
				if prevSpace {
					return false
				}
				prevSpace = true
				continue
			}
			if c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				return false
			}
			prevSpace = false
			continue
		}
		if !spaceLead[c] {
			// A byte that cannot start whitespace (most of CJK text):
			// no need to decode its rune.
			i++
			prevSpace = false
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if isSpaceRune(r) {
			return false
		}
		prevSpace = false
	}
	return !prevSpace || s == ""
}

// lowerText is strings.ToLower(s), faster on page text: the runs that
// lower-casing leaves alone (lower-case ASCII, and the CJK scripts, which
// have no case) are copied whole, where strings.ToLower writes byte by
// byte and looks each rune that is not ASCII up in the case tables; text
// that needs no change is returned as it is.
func lowerText(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is in b, once something had to change
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if 'A' <= c && c <= 'Z' {
				if b.Cap() == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[done : i-1])
				b.WriteByte(c + 'a' - 'A')
				done = i
			}
			continue
		}
		if c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// U+4000-U+9FFF (CJK ideographs, most of Chinese text, and
			// the hexagrams): no case, and nothing to decode.
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		low := r
		if !caseless(r) {
			low = unicode.ToLower(r)
		}
		i += n
		if low != r || r == utf8.RuneError && n == 1 {
			// (An invalid byte becomes U+FFFD, as strings.ToLower writes it.)
			if b.Cap() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[done : i-n])
			b.WriteRune(low)
			done = i
		}
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// caseless reports the runes of two wide blocks without upper or lower
// case: CJK radicals to the Yi syllables, and Hangul to the CJK
// compatibility forms (TestCaseless checks them all against unicode).
func caseless(r rune) bool {
	return r >= 0x2E80 && r < 0xA640 || r >= 0xA7F6 && r < 0xFF21
}

// hasCJKMajority reports whether most letters of s are CJK.
func hasCJKMajority(s string) bool {
	t := countText(s)
	return t.cjk*2 > t.words
}

// truncate returns s cut to at most n runes, with an ellipsis when cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return strings.TrimSpace(s[:j]) + "…"
		}
		i++
	}
	return s
}
