package tree

import (
	"fmt"
	"html"
	"strconv"
	"strings"
)

// featureName returns names[f], or "x[f]" when names does not cover f.
func featureName(names []string, f int) string {
	if f < len(names) {
		return names[f]
	}
	return "x[" + strconv.Itoa(f) + "]"
}

// criterion returns the impurity label for the tree's task.
func (t *Tree) criterion() string {
	if t.Width == 1 {
		return "mse"
	}
	return "gini"
}

func (t *Tree) valueText(k int) string {
	v := t.Value(k)
	if len(v) == 1 {
		return strconv.FormatFloat(v[0], 'g', 4, 64)
	}
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = strconv.FormatFloat(x, 'f', 2, 64)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// nodeLines returns the text shown for node k: its split (if any),
// impurity, sample count and value.
func (t *Tree) nodeLines(k int, names []string) []string {
	n := &t.Nodes[k]
	var lines []string
	if n.Feature != Leaf {
		lines = append(lines, fmt.Sprintf("%s ≤ %s", featureName(names, n.Feature),
			strconv.FormatFloat(n.Threshold, 'g', 6, 64)))
	}
	return append(lines,
		fmt.Sprintf("%s = %.4g", t.criterion(), n.Impurity),
		fmt.Sprintf("samples = %d", n.Samples),
		"value = "+t.valueText(k))
}

// Dump returns the tree as indented text, one node a line, children of a
// split indented under it (left child first).
func (t *Tree) Dump(names []string) string {
	var sb strings.Builder
	var walk func(k int)
	walk = func(k int) {
		n := &t.Nodes[k]
		fmt.Fprintf(&sb, "%s%d: %s\n", strings.Repeat("  ", n.Depth), k, strings.Join(t.nodeLines(k, names), ", "))
		if n.Feature != Leaf {
			walk(n.Left)
			walk(n.Right)
		}
	}
	walk(0)
	return sb.String()
}

// Box sizes of the SVG drawing, in pixels.
const (
	boxWidth  = 170
	boxHeight = 66
	boxGapX   = 12
	levelGap  = 40
	lineStep  = 15
)

// maxDrawnDepth is the depth drawn when SVG is given no limit, because a
// deeper drawing is too wide to read.
const maxDrawnDepth = 5

// SVG draws the tree down to maxDepth (≤ 0: up to 5 levels) as boxes
// showing each node's split, impurity, samples and value, with the left
// (≤) child on the left. Nodes below the limit are drawn as "…".
func (t *Tree) SVG(names []string, maxDepth int) string {
	if maxDepth <= 0 {
		maxDepth = maxDrawnDepth
	}
	xs := make(map[int]float64)
	slot := 0.0
	var place func(k int) float64
	place = func(k int) float64 {
		n := &t.Nodes[k]
		if n.Feature == Leaf || n.Depth >= maxDepth {
			xs[k] = slot
			slot++
			return xs[k]
		}
		xs[k] = (place(n.Left) + place(n.Right)) / 2
		return xs[k]
	}
	place(0)
	depth := min(t.Depth(), maxDepth)
	width := int(slot)*(boxWidth+boxGapX) + boxGapX
	height := (depth+1)*(boxHeight+levelGap) + boxGapX
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">`+"\n", width, height)
	for k := range t.Nodes {
		if x, ok := xs[k]; ok {
			t.drawNode(&sb, k, x, names, maxDepth, xs)
		}
	}
	sb.WriteString("</svg>\n")
	return sb.String()
}

func boxLeft(slot float64) float64 { return boxGapX + slot*(boxWidth+boxGapX) }

func boxTop(depth int) float64 { return float64(boxGapX + depth*(boxHeight+levelGap)) }

func (t *Tree) drawNode(sb *strings.Builder, k int, slot float64, names []string, maxDepth int, xs map[int]float64) {
	n := &t.Nodes[k]
	x, y := boxLeft(slot), boxTop(n.Depth)
	fill := "#e8f0fa"
	if n.Feature == Leaf {
		fill = "#f4f4f4"
	}
	fmt.Fprintf(sb, `<rect x="%.0f" y="%.0f" width="%d" height="%d" rx="5" fill="%s" stroke="#666"/>`+"\n",
		x, y, boxWidth, boxHeight, fill)
	for i, line := range t.nodeLines(k, names) {
		fmt.Fprintf(sb, `<text x="%.0f" y="%.0f" text-anchor="middle">%s</text>`+"\n",
			x+boxWidth/2, y+16+float64(i*lineStep), html.EscapeString(line))
	}
	if n.Feature == Leaf {
		return
	}
	if n.Depth >= maxDepth {
		fmt.Fprintf(sb, `<text x="%.0f" y="%.0f" text-anchor="middle">…</text>`+"\n", x+boxWidth/2, y+boxHeight+14)
		return
	}
	for _, c := range []int{n.Left, n.Right} {
		fmt.Fprintf(sb, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="#666"/>`+"\n",
			x+boxWidth/2, y+boxHeight, boxLeft(xs[c])+boxWidth/2, boxTop(n.Depth+1))
	}
}
