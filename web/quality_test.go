package web_test

import (
	"strings"
	"unicode"
)

// tokenF1 is the token F1 of ../shared/eval/score.go (ScoreText's F1):
// lower-cased letter/digit runs, each CJK character a token of its own,
// bag-of-tokens precision and recall. Kept in step with that file by hand:
// it is a separate module the tests cannot import.
func tokenF1(pred, gold string) float64 {
	p, g := tokenize(pred), tokenize(gold)
	switch {
	case len(p) == 0 && len(g) == 0:
		return 1
	case len(p) == 0 || len(g) == 0:
		return 0
	}
	counts := map[string]int{}
	for _, t := range g {
		counts[t]++
	}
	inter := 0
	for _, t := range p {
		if counts[t] > 0 {
			counts[t]--
			inter++
		}
	}
	prec, rec := float64(inter)/float64(len(p)), float64(inter)/float64(len(g))
	if prec+rec == 0 {
		return 0
	}
	return 2 * prec * rec / (prec + rec)
}

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
		switch r {
		case '\u00AD', '\u200C', '\u200D', '\u2060', '\uFEFF':
			continue
		}
		r = unicode.ToLower(r)
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			flush()
			toks = append(toks, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur.WriteRune(r)
		case cur.Len() > 0 && unicode.Is(unicode.M, r):
			cur.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return toks
}
