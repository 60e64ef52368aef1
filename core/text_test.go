package core

import (
	"math/rand"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// countTextRef is countText as it was before its ASCII table: the
// reference that the faster version must match exactly.
func countTextRef(s string) textStats {
	var t textStats
	inWord := false
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		if c < utf8.RuneSelf {
			r = rune(c)
			i++
		} else {
			var n int
			r, n = utf8.DecodeRuneInString(s[i:])
			i += n
		}
		switch {
		case r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == 0xA0 || r == 0x3000:
			inWord = false
			continue
		case r < 0x80:
			t.chars++
			if r == ',' || r == ';' {
				t.clause++
			} else if r == '.' || r == '!' || r == '?' {
				t.stops++
			}
			if isWordByte(byte(r)) {
				if !inWord {
					t.words++
					inWord = true
				}
			}
			continue
		}
		t.chars++
		// Clause marks first: a cheap switch, and CJK text is full of them.
		if isClauseMark(r) {
			t.clause++
			if r == '。' || r == '！' || r == '？' {
				t.stops++
			}
			inWord = false
			continue
		}
		if isCJK(r) {
			t.cjk++
			t.words++
			inWord = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !inWord {
				t.words++
				inWord = true
			}
		}
	}
	return t
}

func TestCountTextMatchesReference(t *testing.T) {
	alphabet := []rune{' ', '\n', '\t', '\r', '\f', '\v', 0xA0, 0x3000, 'a', 'Z', '7', ',', ';', '.', '!', '?',
		'-', '"', '\'', 0, 0x7F, 'é', 'ß', 'Ж', '中', '文', '。', '，', '、', '！', '？', 'か', 'カ', '한', '٣',
		'،', 0x2028, 0x1680, 0xFFFD, 0x10400, '😀'}
	rng := rand.New(rand.NewSource(1))
	cases := []string{"", " ", "a", "hello, world. Fine!", "中文，测试。", "\xff\xfe abc", "a\x80b", "x\xe4\xb8",
		"\xe0\x80\x80", "\xed\xa0\x80", "\xef\xbf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "中\xe4\xb8"}
	// Indentation before the text: runs of spaces, by eight and not.
	for n := 0; n < 20; n++ {
		sp := strings.Repeat(" ", n)
		cases = append(cases, sp, sp+"a", "\n"+sp+"b c", sp+"\t"+sp+"中", sp+"\v"+sp+"x", sp+"\xff", "\n\t"+sp+"\r\n"+sp, sp+"a"+sp)
	}
	// Three-byte sequences of every kind, valid or not.
	for _, c0 := range []byte{0xE0, 0xE3, 0xED, 0xEF} {
		for c1 := 0x70; c1 < 0xD0; c1 += 7 {
			cases = append(cases, string([]byte{'a', c0, byte(c1), 0x80, 'b'}), string([]byte{c0, byte(c1), 0xBF}))
		}
	}
	for i := 0; i < 20000; i++ {
		var b []byte
		for n := rng.Intn(40); n > 0; n-- {
			if rng.Intn(20) == 0 {
				b = append(b, byte(rng.Intn(256))) // invalid UTF-8 too
				continue
			}
			b = utf8.AppendRune(b, alphabet[rng.Intn(len(alphabet))])
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		if got, want := countText(s), countTextRef(s); got != want {
			t.Fatalf("countText(%q) = %+v, want %+v", s, got, want)
		}
	}
}

var countSample = "The council voted on Tuesday, after a long debate; the bridge will close. 市议会周二投票，桥梁将关闭。 Über die Brücke! "

func BenchmarkCountText(b *testing.B) {
	for i := 0; i < b.N; i++ {
		countText(countSample)
	}
}

func BenchmarkCountTextRef(b *testing.B) {
	for i := 0; i < b.N; i++ {
		countTextRef(countSample)
	}
}

// wordBitsRef is what wordBits computes: which lists have a word inside
// the ASCII-lower-cased s.
func wordBitsRef(s string) uint8 {
	low := []byte(s)
	for i, c := range low {
		low[i] = lowerASCII(c)
	}
	var b uint8
	for _, l := range []struct {
		bit   uint8
		words []string
	}{{clsUnlikely, unlikelyWords}, {clsMaybe, maybeWords}, {clsPositive, positiveWords},
		{clsNegative, negativeWords}, {clsByline, bylineWords}, {clsComment, commentWords}} {
		for _, w := range l.words {
			if strings.Contains(string(low), w) {
				b |= l.bit
			}
		}
	}
	return b
}

func TestWordBitsMatchesReference(t *testing.T) {
	var words []string
	for _, l := range [][]string{unlikelyWords, maybeWords, positiveWords, negativeWords, bylineWords, commentWords} {
		words = append(words, l...)
	}
	pieces := append(words, "-", " ", "x", "AD", "Com", "SIDE", "bar", "É", "_", "a", "n", "d")
	rng := rand.New(rand.NewSource(2))
	cases := []string{"", "a", "ad", "-ad-", "Sidebar", "post-body", "comment-author"}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.Intn(6); n > 0; n-- {
			p := pieces[rng.Intn(len(pieces))]
			if rng.Intn(4) == 0 && len(p) > 1 {
				p = p[:1+rng.Intn(len(p)-1)] // a prefix of a word
			}
			if rng.Intn(3) == 0 {
				p = strings.ToUpper(p)
			} else if rng.Intn(3) == 0 {
				// Mixed case: each ASCII letter in either.
				q := []byte(p)
				for i, c := range q {
					if rng.Intn(2) == 0 {
						q[i] = upperASCII(c)
					}
				}
				p = string(q)
			}
			b.WriteString(p)
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := wordBits(s), wordBitsRef(s); got != want {
			t.Fatalf("wordBits(%q) = %06b, want %06b", s, got, want)
		}
	}
}

// normSpaceRef is normSpace before its ASCII path: the reference.
// It collapses whitespace runs to one space and trims the ends.
// Text that is already normal is returned as it is, without a copy.
func normSpaceRef(s string) string {
	if isNormal(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpaceRune(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// isNormalRef is isNormal decoding every rune: the reference.
func isNormalRef(s string) bool {
	prevSpace := true
	for _, r := range s {
		if r == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		}
		if isSpaceRune(r) {
			return false
		}
		prevSpace = false
	}
	return !prevSpace || s == ""
}

func TestNormSpaceMatchesReference(t *testing.T) {
	alphabet := []rune{' ', '\n', '\t', '\r', '\f', '\v', 0xA0, 0x3000, 0x2028, 0x2029, 0x1680, 0x85, 0x2000, 0x200A, 0x202F,
		0x205F, 0x180E, 0xFEFF, 'a', 'Z', '.', 'é', '中', 'か', '、', 0x3001, 0x1F600, 0xFFFD}
	cases := randomTexts(3, alphabet, "", " ", "a b", " a", "a ", "a  b", "\xff", " \xff\xfe x")
	for _, s := range cases {
		if got, want := normSpace(s), normSpaceRef(s); got != want {
			t.Fatalf("normSpace(%q) = %q, want %q", s, got, want)
		}
		if got, want := blank(s), normSpace(s) == ""; got != want {
			t.Fatalf("blank(%q) = %v, want %v", s, got, want)
		}
		if got, want := isNormal(s), isNormalRef(s); got != want {
			t.Fatalf("isNormal(%q) = %v, want %v", s, got, want)
		}
	}
}

// spaceNorm over pieces is normSpace of their concatenation, when every
// piece is valid UTF-8; a piece that is not is reported.
func TestSpaceNormMatchesNormSpace(t *testing.T) {
	alphabet := []rune{' ', '\n', '\t', '\r', '\f', '\v', 0xA0, 0x3000, 0x2028, 0x2029, 0x1680, 0x85, 0x2000, 0x200A, 0x202F,
		0x205F, 0x180E, 0xFEFF, 'a', 'Z', '.', 'é', '中', 'か', '、', 0x3001, 0x1F600, 0xFFFD}
	rng := rand.New(rand.NewSource(4))
	for i := 0; i < 20000; i++ {
		var w spaceNorm
		var all strings.Builder
		valid := true
		for p := rng.Intn(5); p > 0; p-- {
			if rng.Intn(4) == 0 {
				w.addSpace()
				all.WriteByte(' ')
				continue
			}
			var b []byte
			for n := rng.Intn(12); n > 0; n-- {
				if rng.Intn(40) == 0 {
					b = append(b, byte(0x80+rng.Intn(128)))
					continue
				}
				if rng.Intn(8) == 0 {
					b = append(b, strings.Repeat(" ", rng.Intn(20))...) // indentation
					continue
				}
				b = utf8.AppendRune(b, alphabet[rng.Intn(len(alphabet))])
			}
			valid = valid && utf8.Valid(b)
			w.add(string(b))
			all.Write(b)
		}
		if w.bad != !valid {
			t.Fatalf("%q: bad %v", all.String(), w.bad)
		}
		if got, want := w.String(), normSpace(all.String()); valid && got != want {
			t.Fatalf("spaceNorm of %q = %q, want %q", all.String(), got, want)
		}
	}
}

func TestIsAlnum(t *testing.T) {
	for r := rune(-1); r <= 0x11000; r++ {
		if got, want := isAlnum(r), unicode.IsLetter(r) || unicode.IsDigit(r); got != want {
			t.Fatalf("isAlnum(%U) = %v, want %v", r, got, want)
		}
	}
}

func TestStyleHidesMatchesReference(t *testing.T) {
	ref := func(st string) bool {
		st = strings.ToLower(strings.ReplaceAll(st, " ", ""))
		return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
	}
	pieces := []string{"display", "DISPLAY", ":", " ", "none", "NoNe", ";", "visibility", "hidden", "Hidden", "color:red", "\t", "K", "\u212a", "İ", "x"}
	rng := rand.New(rand.NewSource(9))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.Intn(8); n > 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		if rng.Intn(50) == 0 {
			b.WriteString(strings.Repeat(" ", 250) + "display:none")
		}
		s := b.String()
		if got, want := styleHides(s), ref(s); got != want {
			t.Fatalf("styleHides(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCaseless(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if caseless(r) && unicode.ToLower(r) != r {
			t.Fatalf("caseless(%U), but it lower-cases to %U", r, unicode.ToLower(r))
		}
	}
}

func TestLowerTextMatchesToLower(t *testing.T) {
	// (lowerText passes over U+4000-U+9FFF undecoded: none has a case.)
	for r := rune(0x4000); r <= 0x9FFF; r++ {
		if unicode.ToLower(r) != r {
			t.Fatalf("%U lower-cases to %U", r, unicode.ToLower(r))
		}
	}
	alphabet := []rune{' ', 'a', 'Z', 'Q', '.', 'é', 'É', 'Ж', 'ж', '中', 'か', '한', 'Ａ', 'ａ', 0x130, 0x212A, 0x23A,
		0x1E9E, 0x2C00, 0xA640, 0xA7F5, 0xFF21, 0xFFFD, 0x10400, 0x1F600, 0x3FFF, 0x4000, 0x4DC0, 0x9FFF, 0xA000}
	cases := randomTexts(4, alphabet, "", "a", "A", "中", "\xff", "a\xffB", "\xed\xa0\x80", "中\xe4\xb8", "ÀB", "İ", "K", "\xe4\xb8\xff中", "\xe9\xbf", "A\xe4\x80\x80B")
	for _, s := range cases {
		if got, want := lowerText(s), strings.ToLower(s); got != want {
			t.Fatalf("lowerText(%q) = %q, want %q", s, got, want)
		}
	}
}

// textOf and a leaf's text are normSpace of the raw text, also when a text
// node is not valid UTF-8 on its own (a rune split over two nodes).
func TestTextOfPieceByPiece(t *testing.T) {
	for _, pieces := range [][]string{
		{"a \n b", " c\t", "中文 "},
		{"\xe4\xb8", "\xad x"},
		{"w", "x", "\xe4\xb8", "\xad y"},
		{" \xff ", "y"},
		{"", "\u00a0", "z\u3000"},
	} {
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		for i, s := range pieces {
			if i == 1 {
				d := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
				d.AppendChild(&html.Node{Type: html.TextNode, Data: s})
				p.AppendChild(d)
				continue
			}
			p.AppendChild(&html.Node{Type: html.TextNode, Data: s})
		}
		var b strings.Builder
		appendText(&b, p)
		if got, want := textOf(p), normSpace(b.String()); got != want {
			t.Errorf("textOf %q = %q, want %q", pieces, got, want)
		}
		if got, want := measureLeaf([]*html.Node{p}, atom.P).text, normSpace(leafText([]*html.Node{p})); got != want {
			t.Errorf("leaf %q = %q, want %q", pieces, got, want)
		}
	}
}

// The fast paths of isAlnum and isDigitRune give the Unicode tables'
// answers, for every rune.
func TestRuneClassFastPaths(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := isAlnum(r), unicode.IsLetter(r) || unicode.IsDigit(r); got != want {
			t.Fatalf("isAlnum(%U) = %v, want %v", r, got, want)
		}
		if got, want := isDigitRune(r), unicode.IsDigit(r); got != want {
			t.Fatalf("isDigitRune(%U) = %v, want %v", r, got, want)
		}
	}
}

// randomTexts returns the fixed cases and 20000 random strings of up to 30
// runes of alphabet, one byte in fifteen an invalid UTF-8 byte.
func randomTexts(seed int64, alphabet []rune, fixed ...string) []string {
	rng := rand.New(rand.NewSource(seed))
	cases := fixed
	for i := 0; i < 20000; i++ {
		var b []byte
		for n := rng.Intn(30); n > 0; n-- {
			if rng.Intn(15) == 0 {
				b = append(b, byte(0x80+rng.Intn(128))) // invalid UTF-8 too
				continue
			}
			b = utf8.AppendRune(b, alphabet[rng.Intn(len(alphabet))])
		}
		cases = append(cases, string(b))
	}
	return cases
}
