package tree

import (
	"gonum.org/v1/gonum/mat"
)

// Regressor is a CART regression tree: splits minimise the squared error
// and each leaf predicts the mean target of its rows, as scikit-learn's
// DecisionTreeRegressor. Set the options, then call [Regressor.Fit].
type Regressor struct {
	Options
	// FeatureNames label the splits in [Regressor.String] and
	// [Regressor.SVG]; nil shows column numbers.
	FeatureNames []string
	// Tree is the fitted tree; nil before Fit.
	Tree *Tree
}

// Fit grows the tree on the rows of X and the targets y.
func (r *Regressor) Fit(X mat.Matrix, y []float64) error {
	d, err := NewData(X)
	if err != nil {
		return err
	}
	return r.FitData(d, y, nil)
}

// FitData grows the tree on prepared data, with optional row weights.
func (r *Regressor) FitData(d *Data, y, weights []float64) error {
	t, err := FitRegression(d, y, weights, r.Options)
	if err != nil {
		return err
	}
	r.Tree = t
	return nil
}

// Predict returns the prediction for each row of X.
func (r *Regressor) Predict(X mat.Matrix) []float64 {
	rows, _ := X.Dims()
	out := make([]float64, rows)
	r.fitted().PredictInto(denseOf(X), out)
	return out
}

// NLeaves returns the number of leaves of the fitted tree.
func (r *Regressor) NLeaves() int { return r.fitted().NLeaves() }

// Depth returns the depth of the fitted tree.
func (r *Regressor) Depth() int { return r.fitted().Depth() }

// Importances returns the normalised impurity decrease per feature.
func (r *Regressor) Importances() []float64 { return r.fitted().Importances() }

// String returns the tree as indented text, one node a line.
func (r *Regressor) String() string {
	if r.Tree == nil {
		return "tree.Regressor (not fitted)"
	}
	return r.Tree.Dump(r.FeatureNames)
}

// SVG draws the tree; notebooks display it inline.
func (r *Regressor) SVG() string { return r.fitted().SVG(r.FeatureNames, 0) }

func (r *Regressor) fitted() *Tree {
	if r.Tree == nil {
		panic("tree: Regressor used before Fit")
	}
	return r.Tree
}
