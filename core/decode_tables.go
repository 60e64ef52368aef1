//go:build !js

package core

import (
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// builtinLegacy decodes with the x/text tables: every encoding of the
// WHATWG Encoding Standard. The wasm build leaves them out (about 0.2 MB
// compressed) and decodes with the browser's TextDecoder instead.
func builtinLegacy(label string, b []byte) (text, name string, ok bool) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		// x/net/html/charset knows a few aliases the index lacks.
		if enc, _ = charset.Lookup(label); enc == nil {
			return "", "", false
		}
	}
	name, _ = htmlindex.Name(enc)
	if name == "gbk" {
		enc, name = simplifiedchinese.GB18030, "gb18030"
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", false
	}
	return string(out), name, true
}
