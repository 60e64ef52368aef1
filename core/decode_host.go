//go:build js

package core

// builtinLegacy has no tables in the wasm build: the host decodes legacy
// encodings (Options.LegacyDecoder, the browser's TextDecoder), and
// without one such pages fall back to windows-1252. The package's own
// tests, run under node, plug the x/text tables in through testTables.
func builtinLegacy(label string, b []byte) (text, name string, ok bool) {
	if testTables != nil {
		return testTables(label, b)
	}
	return "", "", false
}

// testTables is set only by the tests of the js build.
var testTables func(label string, b []byte) (text, name string, ok bool)
