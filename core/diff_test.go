package core

import (
	"fmt"
	"strings"
	"testing"
)

// lineDiff returns a short line diff of want and got: changed lines
// prefixed "-" (want) and "+" (got), one line of context around each
// change, at most diffMaxLines lines.
func lineDiff(want, got string) string {
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	if len(a)*len(b) > 4_000_000 {
		// Too big for the table: show the first differing line.
		for i := 0; i < len(a) || i < len(b); i++ {
			var x, y string
			if i < len(a) {
				x = a[i]
			}
			if i < len(b) {
				y = b[i]
			}
			if x != y {
				return fmt.Sprintf("line %d:\n-%s\n+%s\n", i+1, x, y)
			}
		}
		return ""
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:]
	// and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type op struct {
		kind byte // ' ', '-', '+'
		line string
	}
	var ops []op
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, op{' ', a[i]})
			i++
			j++
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, op{'-', a[i]})
			i++
		default:
			ops = append(ops, op{'+', b[j]})
			j++
		}
	}
	show := make([]bool, len(ops))
	for k, o := range ops {
		if o.kind != ' ' {
			for d := -1; d <= 1; d++ {
				if k+d >= 0 && k+d < len(ops) {
					show[k+d] = true
				}
			}
		}
	}
	var out strings.Builder
	lines := 0
	gap := false
	for k, o := range ops {
		if !show[k] {
			gap = true
			continue
		}
		if gap && lines > 0 {
			out.WriteString("  ...\n")
		}
		gap = false
		if lines == diffMaxLines {
			out.WriteString("  (diff cut)\n")
			break
		}
		fmt.Fprintf(&out, "%c %s\n", o.kind, cutLine(o.line, 160))
		lines++
	}
	return out.String()
}

const diffMaxLines = 40

func TestLineDiff(t *testing.T) {
	tests := []struct {
		name, want, got, diff string
	}{
		{"equal", "a\nb", "a\nb", ""},
		{"changed line", "a\nb\nc", "a\nx\nc", "  a\n- b\n+ x\n  c\n"},
		{"added line", "a\nc", "a\nb\nc", "  a\n+ b\n  c\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := lineDiff(tt.want, tt.got); d != tt.diff {
				t.Errorf("lineDiff = %q, want %q", d, tt.diff)
			}
		})
	}
}

// cutLine cuts a line to n runes for display, keeping its indentation.
func cutLine(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
