package tree

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Leaf is the Feature of a node that has no children.
const Leaf = -1

// Node is one node of a fitted [Tree]. An internal node sends a row to
// Left when its value of Feature is at most Threshold, else to Right.
type Node struct {
	Feature   int // split column, or Leaf
	Threshold float64
	Left      int // child index in Tree.Nodes; -1 for a leaf
	Right     int
	// Impurity is the node's squared error (regression: weighted mean of
	// (y − value)²) or Gini impurity (classification).
	Impurity float64
	Samples  int     // distinct training rows in the node
	Weight   float64 // sum of the rows' weights (bootstrap counts in a forest)
	Depth    int
}

// Tree is a fitted binary decision tree. Nodes[0] is the root. Values
// holds Width numbers per node: the weighted mean target for regression
// (Width 1), or the class proportions for classification.
type Tree struct {
	Nodes     []Node
	Values    []float64
	Width     int
	NFeatures int
}

// Value returns the prediction stored at node k.
func (t *Tree) Value(k int) []float64 { return t.Values[k*t.Width : (k+1)*t.Width] }

// LeafOf returns the index of the leaf that row x reaches.
func (t *Tree) LeafOf(x []float64) int {
	k := 0
	for {
		n := &t.Nodes[k]
		if n.Feature == Leaf {
			return k
		}
		if x[n.Feature] <= n.Threshold {
			k = n.Left
		} else {
			k = n.Right
		}
	}
}

// LeafOfRow returns the index of the leaf that row i of X reaches.
func (t *Tree) LeafOfRow(X mat.RawMatrixer, i int) int {
	raw := X.RawMatrix()
	return t.LeafOf(raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols])
}

// NLeaves returns the number of leaves.
func (t *Tree) NLeaves() int {
	n := 0
	for i := range t.Nodes {
		if t.Nodes[i].Feature == Leaf {
			n++
		}
	}
	return n
}

// Depth returns the largest depth of any node; a single leaf has depth 0.
func (t *Tree) Depth() int {
	d := 0
	for i := range t.Nodes {
		d = max(d, t.Nodes[i].Depth)
	}
	return d
}

// Importances returns the weighted impurity decrease of the splits on each
// feature, W·I − W_L·I_L − W_R·I_R summed over the nodes, normalised to sum
// to 1 (all zero for a single-leaf tree), as scikit-learn's
// feature_importances_.
func (t *Tree) Importances() []float64 {
	imp := make([]float64, t.NFeatures)
	for i := range t.Nodes {
		n := &t.Nodes[i]
		if n.Feature == Leaf {
			continue
		}
		l, r := &t.Nodes[n.Left], &t.Nodes[n.Right]
		imp[n.Feature] += n.Weight*n.Impurity - l.Weight*l.Impurity - r.Weight*r.Impurity
	}
	normalize(imp)
	return imp
}

func normalize(v []float64) {
	s := 0.0
	for _, x := range v {
		s += x
	}
	if s <= 0 {
		return
	}
	for i := range v {
		v[i] /= s
	}
}

// PredictInto writes the value of the leaf reached by each row of X into
// out, Width numbers per row.
func (t *Tree) PredictInto(X *mat.Dense, out []float64) {
	r, c := X.Dims()
	if c != t.NFeatures {
		panic(fmt.Sprintf("tree: X has %d columns, the tree was fit on %d", c, t.NFeatures))
	}
	if len(out) != r*t.Width {
		panic(fmt.Sprintf("tree: output length %d, want rows×width = %d", len(out), r*t.Width))
	}
	for i := 0; i < r; i++ {
		copy(out[i*t.Width:(i+1)*t.Width], t.Value(t.LeafOfRow(X, i)))
	}
}
