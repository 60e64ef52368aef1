//go:build js

package core

import xtext "github.com/cleanread/cleanread/internal/legacy"

// Under node the tests decode legacy pages with the same x/text tables as
// the native build, so the golden pages in GBK read the same; the product
// wasm uses the browser's TextDecoder instead (wasm/).
func init() { testTables = xtext.Decode }
