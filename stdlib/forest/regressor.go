package forest

import (
	"fmt"
	"math"

	"fastgo/stdlib/tree"
	"gonum.org/v1/gonum/mat"
)

// Regressor is a random forest of regression trees whose prediction is
// the mean of the trees', as scikit-learn's RandomForestRegressor.
type Regressor struct {
	Options
	// FeatureNames label plots and reports; nil shows column numbers.
	FeatureNames []string
	// Trees are the fitted trees; nil before Fit.
	Trees []*tree.Tree
	// OOBPrediction is, for each training row, the mean prediction of the
	// trees whose bootstrap sample missed it (NaN if every tree saw it).
	// Set by Fit when Options.OOB is true.
	OOBPrediction []float64
	// OOBScore is the R² of OOBPrediction over the rows that have one.
	OOBScore float64
}

// Fit grows the forest on the rows of X and the targets y.
func (r *Regressor) Fit(X mat.Matrix, y []float64) error {
	d, err := tree.NewData(X)
	if err != nil {
		return fmt.Errorf("forest: %w", err)
	}
	return r.FitData(d, y)
}

// FitData grows the forest on prepared data, so that several forests can
// share one [tree.Data].
func (r *Regressor) FitData(d *tree.Data, y []float64) error {
	if err := r.check(); err != nil {
		return err
	}
	rows, cols := d.Dims()
	mf := r.MaxFeatures
	trees, weights, err := fitAll(r.Options, rows, func(i int, w []float64) (*tree.Tree, error) {
		return tree.FitRegression(d, y, w, r.treeOptions(i, mf))
	})
	if err != nil {
		return err
	}
	r.Trees = trees
	r.OOBPrediction, r.OOBScore = nil, 0
	if r.OOB {
		r.OOBPrediction = oobMeans(trees, weights, d, cols, r.workers())
		r.OOBScore = r2Present(r.OOBPrediction, y)
	}
	return nil
}

// oobMeans averages, for each row, the first output of the trees whose
// weight for the row is zero.
func oobMeans(trees []*tree.Tree, weights [][]float64, d *tree.Data, cols, workers int) []float64 {
	rows, _ := d.Dims()
	out := make([]float64, rows)
	parallelRows(rows, workers, func(lo, hi int) {
		x := make([]float64, cols)
		for i := lo; i < hi; i++ {
			for j := range x {
				x[j] = d.At(i, j)
			}
			sum, n := 0.0, 0
			for t, tr := range trees {
				if weights[t] != nil && weights[t][i] == 0 {
					sum += tr.Value(tr.LeafOf(x))[0]
					n++
				}
			}
			out[i] = sum / float64(n)
		}
	})
	return out
}

// r2Present returns R² of p against y over the rows where p is not NaN.
func r2Present(p, y []float64) float64 {
	mean, n := 0.0, 0
	for i := range p {
		if !math.IsNaN(p[i]) {
			mean += y[i]
			n++
		}
	}
	mean /= float64(n)
	var ssRes, ssTot float64
	for i := range p {
		if math.IsNaN(p[i]) {
			continue
		}
		ssRes += (y[i] - p[i]) * (y[i] - p[i])
		ssTot += (y[i] - mean) * (y[i] - mean)
	}
	return 1 - ssRes/ssTot
}

// Predict returns the mean tree prediction for each row of X.
func (r *Regressor) Predict(X mat.Matrix) []float64 {
	Xd := r.checkX(X)
	rows, _ := Xd.Dims()
	out := make([]float64, rows)
	parallelRows(rows, r.workers(), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			sum := 0.0
			for _, t := range r.Trees {
				sum += t.Value(t.LeafOfRow(Xd, i))[0]
			}
			out[i] = sum / float64(len(r.Trees))
		}
	})
	return out
}

// PredictTrees returns every tree's prediction: one row per tree, one
// column per row of X. The column means equal [Regressor.Predict], and
// their standard deviation measures the forest's confidence.
func (r *Regressor) PredictTrees(X mat.Matrix) *mat.Dense {
	Xd := r.checkX(X)
	rows, _ := Xd.Dims()
	out := mat.NewDense(len(r.Trees), rows, nil)
	parallelRows(rows, r.workers(), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			for k, t := range r.Trees {
				out.Set(k, i, t.Value(t.LeafOfRow(Xd, i))[0])
			}
		}
	})
	return out
}

// Importances returns the impurity decrease per feature, averaged over
// the trees (each normalised) and normalised to sum to 1, as
// scikit-learn's feature_importances_.
func (r *Regressor) Importances() []float64 {
	r.fitted()
	return meanImportances(r.Trees)
}

func meanImportances(trees []*tree.Tree) []float64 {
	imp := make([]float64, trees[0].NFeatures)
	used := 0
	for _, t := range trees {
		if len(t.Nodes) == 1 {
			continue
		}
		used++
		for j, v := range t.Importances() {
			imp[j] += v
		}
	}
	s := 0.0
	for _, v := range imp {
		s += v
	}
	if s > 0 {
		for j := range imp {
			imp[j] /= s
		}
	}
	return imp
}

// NFeatures returns the number of columns the forest was fit on.
func (r *Regressor) NFeatures() int { return r.fitted()[0].NFeatures }

func (r *Regressor) fitted() []*tree.Tree {
	if len(r.Trees) == 0 {
		panic("forest: Regressor used before Fit")
	}
	return r.Trees
}

// checkX returns X as a *mat.Dense and panics when its width differs from
// the training data's.
func (r *Regressor) checkX(X mat.Matrix) *mat.Dense {
	return denseFor(X, r.NFeatures())
}

func denseFor(X mat.Matrix, cols int) *mat.Dense {
	if _, c := X.Dims(); c != cols {
		panic(fmt.Sprintf("forest: X has %d columns, the forest was fit on %d", c, cols))
	}
	if d, ok := X.(*mat.Dense); ok {
		return d
	}
	return mat.DenseCopyOf(X)
}
