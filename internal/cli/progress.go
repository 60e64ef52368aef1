package cli

import (
	"fmt"
	"io"
	"strings"
)

// progress draws a one-line progress bar on a terminal. A nil *progress
// draws nothing, so callers need not check whether the bar is on.
type progress struct {
	w     io.Writer
	total int
	done  int
	drawn bool
}

const barWidth = 30

// step counts one more input as done and redraws the bar.
func (p *progress) step() {
	if p == nil {
		return
	}
	p.done++
	p.draw()
}

func (p *progress) draw() {
	n := barWidth * p.done / p.total
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d\x1b[K", strings.Repeat("=", n), strings.Repeat(" ", barWidth-n), p.done, p.total)
	p.drawn = true
}

// clear erases the bar, leaving the cursor at the start of the line.
func (p *progress) clear() {
	if p == nil || !p.drawn {
		return
	}
	fmt.Fprint(p.w, "\r\x1b[K")
	p.drawn = false
}

// above runs print (which writes whole lines to the same terminal) with
// the bar moved out of its way.
func (p *progress) above(print func()) {
	if p == nil {
		print()
		return
	}
	wasDrawn := p.drawn
	p.clear()
	print()
	if wasDrawn {
		p.draw()
	}
}
