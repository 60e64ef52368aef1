//go:build js

package core

import (
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Under node the tests decode legacy pages with the same x/text tables as
// the native build, so the golden pages in GBK read the same; the product
// wasm uses the browser's TextDecoder instead (wasm/).
func init() {
	testTables = func(label string, b []byte) (string, string, bool) {
		enc, err := htmlindex.Get(label)
		if err != nil {
			if enc, _ = charset.Lookup(label); enc == nil {
				return "", "", false
			}
		}
		name, _ := htmlindex.Name(enc)
		if name == "gbk" {
			enc, name = simplifiedchinese.GB18030, "gb18030"
		}
		out, err := enc.NewDecoder().Bytes(b)
		if err != nil {
			return "", "", false
		}
		return string(out), name, true
	}
}
