//go:build js && wasm

package main

import (
	"encoding/json"

	"github.com/cleanread/cleanread/core"
)

// extractJSON runs the extractor on one page and returns the JSON object the
// CLI's -f json prints for it. It never panics: a panic in the pipeline
// becomes the result's error, so one bad page cannot stop the runtime that
// later calls share.
func extractJSON(ex *core.Extractor, page []byte, url, ctype string) (out string) {
	defer func() {
		if p := recover(); p != nil {
			out = errorJSON(url, "internal error in the extractor")
		}
	}()
	a, err := ex.Extract(core.Input{HTML: page, URL: url, ContentType: ctype})
	b, err := json.Marshal(core.NewResult(url, a, err))
	if err != nil {
		return errorJSON(url, err.Error())
	}
	return string(b)
}

func errorJSON(url, msg string) string {
	b, _ := json.Marshal(core.Result{Input: url, Error: msg, ErrorKind: "other",
		Article: core.Article{Removed: core.Removed{Details: []core.Removal{}}}})
	return string(b)
}
