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
	gold := tokenize("home news. the quick brown fox jumps over the lazy dog while the cat sleeps")
	pred := tokenize("menu home news the quick brown fox jumps over the lazy dog share this")
	lost, extra := diff(gold, pred)
	if lost != "while the cat sleeps" {
		t.Errorf("lost = %q", lost)
	}
	if extra != "menu … share this" {
		t.Errorf("extra = %q", extra)
	}
	if lost, _ := diff(tokenize("新闻内容今天很好"), tokenize("新闻内容")); lost != "今天很好" {
		t.Errorf("CJK lost = %q", lost)
	}
	if lost, extra := diff(tokenize("a b"), nil); lost != "a b" || extra != "" {
		t.Errorf("against nothing: lost %q, extra %q", lost, extra)
	}
}
