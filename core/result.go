package core

import "errors"

// Result is the JSON object that the CLI's -f json and the wasm extract()
// return for one input: the article's fields, the input as given, and an
// error message when the input failed (the article fields are then empty).
type Result struct {
	Input string `json:"input"`
	Article
	Error string `json:"error,omitempty"`
	// ErrorKind names the sentinel behind Error: "no-article", "too-large",
	// "not-html", "timeout" or "other".
	ErrorKind string `json:"errorKind,omitempty"`
}

// NewResult builds the Result for one input from Extract's return values.
func NewResult(input string, a *Article, err error) Result {
	r := Result{Input: input}
	if a != nil {
		r.Article = *a
	}
	if r.Removed.Details == nil {
		r.Removed.Details = []Removal{}
	}
	if err != nil {
		r.Error = err.Error()
		r.ErrorKind = ErrorKind(err)
	}
	return r
}

// ErrorKind names the sentinel error that err wraps.
func ErrorKind(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrNoArticle):
		return "no-article"
	case errors.Is(err, ErrTooLarge):
		return "too-large"
	case errors.Is(err, ErrNotHTML):
		return "not-html"
	case errors.Is(err, ErrTimeout):
		return "timeout"
	}
	return "other"
}
