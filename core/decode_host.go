//go:build js

package core

// builtinLegacy has no tables in the wasm build: the host decodes legacy
// encodings (Options.LegacyDecoder, the browser's TextDecoder), and
// without one such pages fall back to windows-1252.
func builtinLegacy(label string, b []byte) (text, name string, ok bool) {
	return "", "", false
}
