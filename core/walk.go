package core

import "golang.org/x/net/html"

// walk visits root's subtree in document order without recursion. enter is
// called on the way down and returns whether to visit the node's children;
// leave, if not nil, is called on the way back up (also for nodes whose
// children were skipped). Neither callback may detach nodes.
func walk(root *html.Node, enter func(*html.Node) bool, leave func(*html.Node)) {
	n := root
	for n != nil {
		if enter(n) && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for {
			if leave != nil {
				leave(n)
			}
			if n == root {
				return
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
		}
	}
}

// cloneTree deep-copies root, leaving out nodes for which drop returns
// true. The copies share their originals' attributes: the pipeline sets
// attributes only while parsing, before anything is copied (the slices
// are capped, so an append to a copy's would not reach the original's).
func cloneTree(root *html.Node, drop func(*html.Node) bool) *html.Node {
	var chunk []html.Node // copies are allocated a chunk at a time
	size := 16
	cp := func(n *html.Node) *html.Node {
		if len(chunk) == 0 {
			chunk = make([]html.Node, size)
			size = min(2*size, 1024)
		}
		c := &chunk[0]
		chunk = chunk[1:]
		c.Type, c.DataAtom, c.Data, c.Namespace = n.Type, n.DataAtom, n.Data, n.Namespace
		if len(n.Attr) > 0 {
			c.Attr = n.Attr[:len(n.Attr):len(n.Attr)]
		}
		return c
	}
	out := cp(root)
	parent := out
	var open []*html.Node // originals whose copies are the current parents
	walk(root, func(n *html.Node) bool {
		if n == root {
			return true
		}
		if drop != nil && drop(n) {
			return false
		}
		c := cp(n)
		parent.AppendChild(c)
		if n.FirstChild == nil {
			return false
		}
		parent = c
		open = append(open, n)
		return true
	}, func(n *html.Node) {
		if len(open) > 0 && open[len(open)-1] == n {
			open = open[:len(open)-1]
			parent = parent.Parent
		}
	})
	return out
}
