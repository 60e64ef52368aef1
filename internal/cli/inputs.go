package cli

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// kind is where an input's bytes come from.
type kind int

const (
	fromFile kind = iota
	fromStdin
	fromURL
)

// input is one page to extract.
type input struct {
	// name is the input as given on the command line, or the path of a
	// file found below a directory argument; it is the JSON "input" and
	// names the input in messages.
	name string
	kind kind
	// out is the slash-separated path below -o, without extension.
	out string
	// err is set when the input could not be listed (a directory without
	// pages, an -o path taken by an earlier input); it fails on its own.
	err error
}

// expand turns the arguments into inputs: directories become the *.html
// and *.htm files below them, in lexical order. With -o (toDir), an input
// whose output path an earlier input already has fails.
func expand(args []string, toDir bool) []input {
	var ins []input
	for _, a := range args {
		switch {
		case a == "-":
			ins = append(ins, input{name: a, kind: fromStdin, out: "stdin"})
		case isURL(a):
			ins = append(ins, input{name: a, kind: fromURL, out: urlOutPath(a)})
		default:
			ins = append(ins, expandPath(a)...)
		}
	}
	if toDir {
		taken := map[string]string{}
		for i := range ins {
			if ins[i].err != nil {
				continue
			}
			if first, ok := taken[ins[i].out]; ok {
				ins[i].err = fmt.Errorf("same -o output path as %s", first)
				continue
			}
			taken[ins[i].out] = ins[i].name
		}
	}
	return ins
}

// expandPath lists a file argument, or the pages below a directory argument.
// A missing file is listed anyway and fails when it is read.
func expandPath(p string) []input {
	st, err := os.Stat(p)
	if err != nil || !st.IsDir() {
		return []input{{name: p, kind: fromFile, out: fileOutPath(p)}}
	}
	var ins []input
	err = filepath.WalkDir(p, func(f string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && isPage(f) {
			ins = append(ins, input{name: f, kind: fromFile, out: fileOutPath(f)})
		}
		return nil
	})
	if err == nil && len(ins) == 0 {
		err = fmt.Errorf("no *.html or *.htm files in directory")
	}
	if err != nil {
		ins = append(ins, input{name: p, kind: fromFile, err: err})
	}
	return ins
}

func isPage(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm":
		return true
	}
	return false
}

// isURL reports whether s is an absolute http or https URL.
func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// fileOutPath mirrors a file path below -o: cleaned, made relative (a
// leading "/" or volume and leading ".." elements are dropped, so nothing
// is written outside -o) and without its extension.
func fileOutPath(p string) string {
	p = filepath.ToSlash(filepath.Clean(strings.TrimPrefix(p, filepath.VolumeName(p))))
	p = strings.TrimLeft(p, "/")
	for p == ".." || strings.HasPrefix(p, "../") {
		p = strings.TrimPrefix(strings.TrimPrefix(p, ".."), "/")
	}
	p = strings.TrimSuffix(p, path.Ext(p))
	if p == "" || p == "." {
		p = "index"
	}
	return p
}

// urlOutPath is host/path without extension; "index" names a directory
// path, and a query string becomes a suffix so that ?page=2 does not
// overwrite ?page=1.
func urlOutPath(s string) string {
	u, _ := url.Parse(s)
	p := path.Clean("/" + u.Path)
	if strings.HasSuffix(u.Path, "/") || p == "/" {
		p = path.Join(p, "index")
	}
	p = strings.TrimSuffix(p, path.Ext(p))
	if u.RawQuery != "" {
		p += "_" + safeName(u.RawQuery)
	}
	return safeName(u.Host) + "/" + strings.TrimLeft(p, "/")
}

// safeName replaces the characters that are awkward in file names.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '/', '\\', ':', '*', '?', '"', '<', '>', '|', '&', '=', '%':
			return '_'
		}
		if r < ' ' {
			return '_'
		}
		return r
	}, s)
}
