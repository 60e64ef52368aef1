// Package legacy decodes the legacy encodings of the WHATWG Encoding
// Standard with the x/text tables. The native build of core uses it; the
// wasm build does not link it (the browser's TextDecoder does the work
// there), except in core's own tests under node.
package legacy

import (
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Decode decodes b from the encoding a label names and returns the text,
// the encoding's canonical name and whether it could. gb2312 and GBK
// labels decode as GB18030, their superset.
func Decode(label string, b []byte) (text, name string, ok bool) {
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
