package charts

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Dendrogram returns the tree of a hierarchical clustering of the leaves
// named by labels. The leaves are on the Y axis at the left and the merge
// distance grows along the X axis, so the root is at the right, as scipy
// draws with orientation="right".
//
// Merge i joins clusters left[i] and right[i] at distance heights[i] and
// forms cluster len(labels)+i. Clusters 0 to len(labels)-1 are the leaves,
// the same numbering as a scipy linkage matrix, whose first three columns
// are left, right and heights. The last merge is the root. It panics
// unless there are len(labels)-1 merges, each joining two existing
// clusters that no earlier merge used, at finite distances.
func Dendrogram(labels []string, left, right []int, heights []float64, title string) *plot.Plot {
	n := len(labels)
	if n < 2 {
		panic(fmt.Sprintf("charts: Dendrogram: len(labels) = %d, want at least 2 leaves", n))
	}
	checkLen("Dendrogram", "left", len(left), "labels minus one", n-1)
	checkLen("Dendrogram", "right", len(right), "left", len(left))
	checkLen("Dendrogram", "heights", len(heights), "left", len(left))
	checkValues("Dendrogram", "heights", heights)
	checkMerges(n, left, right)

	// Number the leaves from the bottom in the tree's drawing order, then
	// place each cluster midway between its two children.
	x := make([]float64, 2*n-1) // merge distance of each cluster, 0 for leaves
	y := make([]float64, 2*n-1)
	order := leafOrder(n, left, right)
	names := make([]string, n)
	for pos, leaf := range order {
		y[leaf] = float64(pos)
		names[pos] = labels[leaf]
	}
	p := newPlot(title, "distance", "")
	for i := range left {
		c := n + i
		x[c] = heights[i]
		y[c] = (y[left[i]] + y[right[i]]) / 2
		p.Add(bracket(x[left[i]], y[left[i]], x[right[i]], y[right[i]], x[c]))
	}
	p.NominalY(names...)
	p.Y.Tick.Label.Font.Size = barLabelSize(n)
	// Keep the outer leaves and the root off the plot's edges.
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	p.X.Max += 0.05 * (p.X.Max - p.X.Min)
	return p
}

// checkMerges panics unless every merge joins two clusters that exist
// before it and that no earlier merge has used.
func checkMerges(n int, left, right []int) {
	used := make([]bool, 2*n-1)
	for i := range left {
		if left[i] == right[i] {
			panic(fmt.Sprintf("charts: Dendrogram: merge %d joins cluster %d with itself", i, left[i]))
		}
		for _, c := range []int{left[i], right[i]} {
			if c < 0 || c >= n+i {
				panic(fmt.Sprintf("charts: Dendrogram: merge %d joins cluster %d, want 0 to %d", i, c, n+i-1))
			}
			if used[c] {
				panic(fmt.Sprintf("charts: Dendrogram: merge %d joins cluster %d, which an earlier merge used", i, c))
			}
			used[c] = true
		}
	}
}

// leafOrder returns the leaves in the order a depth-first walk from the
// root meets them, left child first, so that no branches cross.
func leafOrder(n int, left, right []int) []int {
	order := make([]int, 0, n)
	stack := []int{2*n - 2}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c < n {
			order = append(order, c)
			continue
		}
		// Push right first so that left is walked first.
		stack = append(stack, right[c-n], left[c-n])
	}
	return order
}

// bracket returns the ⊐-shaped line that joins two children, at (x1, y1)
// and (x2, y2), at distance x.
func bracket(x1, y1, x2, y2, x float64) *plotter.Line {
	l, err := plotter.NewLine(plotter.XYs{{X: x1, Y: y1}, {X: x, Y: y1}, {X: x, Y: y2}, {X: x2, Y: y2}})
	if err != nil {
		panic(fmt.Sprintf("charts: Dendrogram: %v", err))
	}
	l.Color = blue
	l.Width = 1.2 * vg.Points(1)
	return l
}
