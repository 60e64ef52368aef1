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
// true. It also returns a map from each copied element to its original.
func cloneTree(root *html.Node, drop func(*html.Node) bool, orig map[*html.Node]*html.Node) *html.Node {
	cp := func(n *html.Node) *html.Node {
		c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace}
		if len(n.Attr) > 0 {
			c.Attr = make([]html.Attribute, len(n.Attr))
			copy(c.Attr, n.Attr)
		}
		if orig != nil && n.Type == html.ElementNode {
			orig[c] = n
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
