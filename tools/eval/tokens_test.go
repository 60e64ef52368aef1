package main

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hello, World 42!", []string{"hello", "world", "42"}},
		{"co\u00ADoperate", []string{"cooperate"}},
		{"中文abc", []string{"中", "文", "abc"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := tokenize(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDiff(t *testing.T) {
	gold := tokenize("the quick brown fox jumps over the lazy dog")
	pred := tokenize("menu the quick fox jumps over a dog")
	lost, extra := diff(gold, pred)
	if lost != "brown … the lazy" {
		t.Errorf("lost = %q", lost)
	}
	if extra != "menu … a" {
		t.Errorf("extra = %q", extra)
	}
	if lost, _ := diff(tokenize("新闻内容"), tokenize("新闻")); lost != "内容" {
		t.Errorf("CJK lost = %q", lost)
	}
}
