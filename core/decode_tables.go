//go:build !js

package core

import xtext "github.com/cleanread/cleanread/internal/legacy"

// builtinLegacy decodes with the x/text tables: every encoding of the
// WHATWG Encoding Standard. The wasm build leaves them out (0.35 MB
// compressed) and decodes with the browser's TextDecoder instead.
func builtinLegacy(label string, b []byte) (text, name string, ok bool) {
	return xtext.Decode(label, b)
}
