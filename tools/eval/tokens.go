package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenize splits s into lower-cased tokens the way the scorer does (see
// score.go's package comment): runs of letters and digits, with every Han,
// kana and Hangul character a token of its own. It is used only to show
// which words differ; the scores themselves come from the scorer.
func tokenize(s string) []string {
	var toks []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == '\u00AD' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF':
			// in-word format characters neither form nor split a token
		case isCJK(r):
			flush()
			toks = append(toks, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r) || (unicode.Is(unicode.M, r) && cur.Len() > 0):
			cur.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return toks
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// maxShown is how many differing tokens a report line shows.
const maxShown = 14

// diff returns the start of what gold has and pred lacks (lost) and of what
// pred has and gold lacks (extra), counting tokens as multisets like the
// scorer. Tokens are shown in document order; "…" marks a gap between runs.
func diff(gold, pred []string) (lost, extra string) {
	return unmatched(gold, pred), unmatched(pred, gold)
}

// unmatched lists the tokens of a, in order, that are left when each token
// of b cancels one equal token of a (earliest first).
func unmatched(a, b []string) string {
	left := map[string]int{}
	for _, t := range b {
		left[t]++
	}
	var out strings.Builder
	shown, prev := 0, -2
	for i, t := range a {
		if left[t] > 0 {
			left[t]--
			continue
		}
		if shown == maxShown {
			out.WriteString(" …")
			break
		}
		switch {
		case prev >= 0 && prev != i-1:
			out.WriteString(" … ")
		case prev >= 0 && !(isCJKToken(t) && isCJKToken(a[prev])):
			out.WriteString(" ")
		}
		out.WriteString(t)
		shown, prev = shown+1, i
	}
	return out.String()
}

func isCJKToken(t string) bool {
	r, n := utf8.DecodeRuneInString(t)
	return n == len(t) && isCJK(r)
}
