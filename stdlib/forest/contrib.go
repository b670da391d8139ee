package forest

import (
	"gonum.org/v1/gonum/mat"
)

// Contributions splits each prediction into a bias and one contribution
// per feature, as the treeinterpreter package does for scikit-learn
// forests. The bias is the mean over trees of the root's value. Walking a
// row down a tree, each split adds the change of node value to the
// contribution of its feature. Averaged over the trees,
// prediction = bias + Σ contributions for every row, up to rounding.
func (r *Regressor) Contributions(X mat.Matrix) (pred []float64, bias float64, contrib *mat.Dense) {
	Xd := r.checkX(X)
	rows, cols := Xd.Dims()
	for _, t := range r.Trees {
		bias += t.Value(0)[0]
	}
	n := float64(len(r.Trees))
	bias /= n
	contrib = mat.NewDense(rows, cols, nil)
	pred = make([]float64, rows)
	parallelRows(rows, r.workers(), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			x, c := Xd.RawRowView(i), contrib.RawRowView(i)
			for _, t := range r.Trees {
				k := 0
				for t.Nodes[k].Feature >= 0 {
					nd := &t.Nodes[k]
					next := nd.Right
					if x[nd.Feature] <= nd.Threshold {
						next = nd.Left
					}
					c[nd.Feature] += t.Value(next)[0] - t.Value(k)[0]
					k = next
				}
				pred[i] += t.Value(k)[0]
			}
			for j := range c {
				c[j] /= n
			}
			pred[i] /= n
		}
	})
	return pred, bias, contrib
}
