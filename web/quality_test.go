package web_test

import (
	"github.com/cleanread/cleanread/internal/tokens"
)

// tokenF1 is the evaluation metric's token F1 (internal/tokens).
func tokenF1(pred, gold string) float64 {
	_, _, f := tokens.PRF(pred, gold)
	return f
}
