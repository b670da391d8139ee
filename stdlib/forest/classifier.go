package forest

import (
	"fmt"
	"math"

	"fastgo/stdlib/tree"
	"gonum.org/v1/gonum/mat"
)

// Classifier is a random forest of Gini classification trees whose class
// probabilities are the mean of the trees', as scikit-learn's
// RandomForestClassifier. MaxFeatures 0 tries ⌊√p⌋ features per split.
type Classifier struct {
	Options
	FeatureNames []string
	// Classes are the sorted distinct labels; column k of
	// [Classifier.PredictProba] belongs to Classes[k].
	Classes []float64
	Trees   []*tree.Tree
	// OOBProba holds, per training row, the mean class probabilities of
	// the trees that did not see the row, or NaN when all did. Fit sets
	// it when Options.OOB is true.
	OOBProba *mat.Dense
	// OOBScore is the accuracy of the most probable OOB class.
	OOBScore float64
}

// Fit grows the forest on the rows of X and the labels y.
func (c *Classifier) Fit(X mat.Matrix, y []float64) error {
	d, err := tree.NewData(X)
	if err != nil {
		return fmt.Errorf("forest: %w", err)
	}
	return c.FitData(d, y)
}

// FitData grows the forest on prepared data.
func (c *Classifier) FitData(d *tree.Data, y []float64) error {
	if err := c.check(); err != nil {
		return err
	}
	code, classes, err := tree.EncodeClasses(y)
	if err != nil {
		return fmt.Errorf("forest: %w", err)
	}
	rows, cols := d.Dims()
	mf := c.MaxFeatures
	if mf == 0 {
		mf = math.Max(1, math.Floor(math.Sqrt(float64(cols))))
	}
	trees, weights, err := fitAll(c.Options, rows, func(i int, w []float64) (*tree.Tree, error) {
		return tree.FitClassification(d, code, len(classes), w, c.treeOptions(i, mf))
	})
	if err != nil {
		return err
	}
	c.Trees, c.Classes = trees, classes
	c.OOBProba, c.OOBScore = nil, 0
	if c.OOB {
		c.OOBProba = oobProba(trees, weights, d, len(classes), c.workers())
		c.OOBScore = oobAccuracy(c.OOBProba, code)
	}
	return nil
}

func oobProba(trees []*tree.Tree, weights [][]float64, d *tree.Data, classes, workers int) *mat.Dense {
	rows, cols := d.Dims()
	out := mat.NewDense(rows, classes, nil)
	parallelRows(rows, workers, func(lo, hi int) {
		x := make([]float64, cols)
		for i := lo; i < hi; i++ {
			for j := range x {
				x[j] = d.At(i, j)
			}
			p := out.RawRowView(i)
			n := 0
			for t, tr := range trees {
				if weights[t] != nil && weights[t][i] == 0 {
					for k, v := range tr.Value(tr.LeafOf(x)) {
						p[k] += v
					}
					n++
				}
			}
			for k := range p {
				p[k] /= float64(n)
			}
		}
	})
	return out
}

func oobAccuracy(p *mat.Dense, code []int32) float64 {
	right, n := 0, 0
	for i, c := range code {
		row := p.RawRowView(i)
		if math.IsNaN(row[0]) {
			continue
		}
		n++
		if argmax(row) == int(c) {
			right++
		}
	}
	return float64(right) / float64(n)
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

// PredictProba returns the mean class probabilities of the trees, one row
// per row of X and one column per class.
func (c *Classifier) PredictProba(X mat.Matrix) *mat.Dense {
	Xd := denseFor(X, c.fitted()[0].NFeatures)
	rows, _ := Xd.Dims()
	out := mat.NewDense(rows, len(c.Classes), nil)
	parallelRows(rows, c.workers(), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			p := out.RawRowView(i)
			for _, t := range c.Trees {
				for k, v := range t.Value(t.LeafOfRow(Xd, i)) {
					p[k] += v
				}
			}
			for k := range p {
				p[k] /= float64(len(c.Trees))
			}
		}
	})
	return out
}

// Predict returns the most probable class for each row of X.
func (c *Classifier) Predict(X mat.Matrix) []float64 {
	p := c.PredictProba(X)
	rows, _ := p.Dims()
	out := make([]float64, rows)
	for i := range out {
		out[i] = c.Classes[argmax(p.RawRowView(i))]
	}
	return out
}

// Importances returns the mean Gini decrease per feature, normalised to
// sum to 1.
func (c *Classifier) Importances() []float64 { return meanImportances(c.fitted()) }

func (c *Classifier) fitted() []*tree.Tree {
	if len(c.Trees) == 0 {
		panic("forest: Classifier used before Fit")
	}
	return c.Trees
}
