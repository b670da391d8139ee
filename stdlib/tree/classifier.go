package tree

import (
	"gonum.org/v1/gonum/mat"
)

// Classifier is a CART classification tree: splits minimise the Gini
// impurity and each leaf stores the class proportions of its rows, as
// scikit-learn's DecisionTreeClassifier.
type Classifier struct {
	Options
	FeatureNames []string
	// Classes are the sorted distinct labels seen by Fit; column k of
	// [Classifier.PredictProba] belongs to Classes[k].
	Classes []float64
	Tree    *Tree
}

// Fit grows the tree on the rows of X and the labels y.
func (c *Classifier) Fit(X mat.Matrix, y []float64) error {
	d, err := NewData(X)
	if err != nil {
		return err
	}
	return c.FitData(d, y, nil)
}

// FitData grows the tree on prepared data, with optional row weights.
func (c *Classifier) FitData(d *Data, y, weights []float64) error {
	code, classes, err := EncodeClasses(y)
	if err != nil {
		return err
	}
	t, err := FitClassification(d, code, len(classes), weights, c.Options)
	if err != nil {
		return err
	}
	c.Tree, c.Classes = t, classes
	return nil
}

// PredictProba returns the class proportions of the leaf each row of X
// reaches, one row per row of X and one column per class.
func (c *Classifier) PredictProba(X mat.Matrix) *mat.Dense {
	rows, _ := X.Dims()
	t := c.fitted()
	out := make([]float64, rows*t.Width)
	t.PredictInto(denseOf(X), out)
	return mat.NewDense(rows, t.Width, out)
}

// Predict returns the most frequent class of the leaf each row reaches;
// ties go to the smaller label.
func (c *Classifier) Predict(X mat.Matrix) []float64 {
	p := c.PredictProba(X)
	rows, _ := p.Dims()
	out := make([]float64, rows)
	for i := range out {
		out[i] = c.Classes[argmax(p.RawRowView(i))]
	}
	return out
}

func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

// NLeaves returns the number of leaves of the fitted tree.
func (c *Classifier) NLeaves() int { return c.fitted().NLeaves() }

// Depth returns the depth of the fitted tree.
func (c *Classifier) Depth() int { return c.fitted().Depth() }

// Importances returns the normalised Gini decrease per feature.
func (c *Classifier) Importances() []float64 { return c.fitted().Importances() }

// String returns the tree as indented text, one node a line.
func (c *Classifier) String() string {
	if c.Tree == nil {
		return "tree.Classifier (not fitted)"
	}
	return c.Tree.Dump(c.FeatureNames)
}

// SVG draws the tree; notebooks display it inline.
func (c *Classifier) SVG() string { return c.fitted().SVG(c.FeatureNames, 0) }

func (c *Classifier) fitted() *Tree {
	if c.Tree == nil {
		panic("tree: Classifier used before Fit")
	}
	return c.Tree
}
