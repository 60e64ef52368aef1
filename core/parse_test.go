package core

import (
	"strings"
	"testing"

	"golang.org/x/net/html/atom"
)

// TestParseBase checks that the page's first <base> sets the base of every
// address, those before it included, also when it sits where the node or
// depth limit cuts the tree (the limits apply to what the stages read, not
// to what the page declares).
func TestParseBase(t *testing.T) {
	deep := strings.Repeat("<div>", 12) + `<base href="http://b.example/dir/">` + strings.Repeat("</div>", 12)
	for _, tt := range []struct {
		name, page string
		lim        Limits
		want       string
	}{
		{"none", `<a href="x">x</a>`, Limits{}, "http://page.example/a/x"},
		{"head", `<head><base href="http://b.example/dir/"></head><a href="x">x</a>`, Limits{}, "http://b.example/dir/x"},
		{"after the link", `<a href="x">x</a><p>text</p><base href="http://b.example/dir/">`, Limits{}, "http://b.example/dir/x"},
		{"first only", `<a href="x">x</a><base href="http://b.example/dir/"><base href="http://c.example/">`, Limits{}, "http://b.example/dir/x"},
		{"not http", `<a href="x">x</a><base href="javascript:alert(1)//">`, Limits{}, "http://page.example/a/x"},
		{"past the node limit", `<a href="x">x</a>` + strings.Repeat("<p>text</p>", 20) + `<base href="http://b.example/dir/">`, Limits{MaxNodes: 12}, "http://b.example/dir/x"},
		{"past the depth limit", `<a href="x">x</a>` + deep, Limits{MaxDepth: 8}, "http://b.example/dir/x"},
	} {
		p, err := parse(tt.page, "http://page.example/a/b.html", tt.lim)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		a := firstElem(p.root, atom.A)
		if a == nil {
			t.Fatalf("%s: the link is gone", tt.name)
		}
		if got := attr(a, "href"); got != tt.want {
			t.Errorf("%s: href %q, want %q", tt.name, got, tt.want)
		}
	}
}
