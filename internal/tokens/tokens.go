// Package tokens is the project's copy of the evaluation metric of
// ../shared/eval/score.go (a separate module the project cannot import):
// its tokens and its bag-of-tokens precision, recall and F1. Tests and the
// eval tool share it, so it is written once; keep it in step with the
// scorer's package comment.
package tokens

import "unicode"

// Split returns the tokens of s: lower-cased runs of letters and digits;
// every Han, Hiragana, Katakana and Hangul character a token of its own;
// combining marks stay in the token they follow; soft hyphens and
// zero-width joiners are dropped.
func Split(s string) []string {
	var toks []string
	var cur []rune
	end := func() {
		if len(cur) > 0 {
			toks = append(toks, string(cur))
			cur = cur[:0]
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
			end()
			toks = append(toks, string(r))
		case unicode.IsLetter(r), unicode.IsDigit(r):
			cur = append(cur, r)
		case len(cur) > 0 && unicode.Is(unicode.M, r):
			cur = append(cur, r)
		default:
			end()
		}
	}
	end()
	return toks
}

// PRF returns the bag-of-tokens precision, recall and F1 of pred against
// gold. Both empty score 1; one empty scores 0.
func PRF(pred, gold string) (p, r, f float64) {
	pt, gt := Split(pred), Split(gold)
	switch {
	case len(pt) == 0 && len(gt) == 0:
		return 1, 1, 1
	case len(pt) == 0 || len(gt) == 0:
		return 0, 0, 0
	}
	left := make(map[string]int, len(gt))
	for _, g := range gt {
		left[g]++
	}
	common := 0
	for _, x := range pt {
		if left[x] > 0 {
			left[x]--
			common++
		}
	}
	if common == 0 {
		return 0, 0, 0
	}
	p = float64(common) / float64(len(pt))
	r = float64(common) / float64(len(gt))
	return p, r, 2 * p * r / (p + r)
}
