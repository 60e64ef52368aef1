package main

import (
	"github.com/cleanread/cleanread/internal/tokens"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenize splits s into the scorer's tokens (internal/tokens). It is used
// only to show which words differ; the scores come from the scorer.
func tokenize(s string) []string { return tokens.Split(s) }

// maxShown is how many differing tokens a report line shows.
const maxShown = 20

// runLen is the length of the token runs that count as shared: a token of
// one text is matched when it sits in a run of runLen tokens that also
// occurs in the other (the scorer's shingle size). Matching runs rather
// than single tokens shows lost and extra text as phrases, instead of the
// scattered leftovers that single common words and CJK characters leave.
const runLen = 4

// diff returns the start of what gold has and pred lacks (lost) and of what
// pred has and gold lacks (extra), in document order; "…" marks a gap.
func diff(gold, pred []string) (lost, extra string) {
	return unmatched(gold, pred), unmatched(pred, gold)
}

// unmatched shows the tokens of a not covered by a run shared with b.
func unmatched(a, b []string) string {
	n := min(runLen, len(a), len(b))
	covered := make([]bool, len(a))
	if n > 0 {
		runs := map[string]bool{}
		for i := 0; i+n <= len(b); i++ {
			runs[strings.Join(b[i:i+n], "\x00")] = true
		}
		for i := 0; i+n <= len(a); i++ {
			if runs[strings.Join(a[i:i+n], "\x00")] {
				for j := i; j < i+n; j++ {
					covered[j] = true
				}
			}
		}
	}
	var out strings.Builder
	shown, prev := 0, -1
	for i, t := range a {
		if covered[i] {
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
	return n == len(t) && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}
