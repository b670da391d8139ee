package tree

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Options are the growth limits shared by [Regressor] and [Classifier].
// The zero value grows a full tree on all features.
type Options struct {
	// MaxDepth limits the depth of the tree; 0 means no limit.
	MaxDepth int
	// MinSamplesLeaf is the minimum number of rows in a leaf: a count when
	// at least 1, or a fraction f of the training rows (ceil(f·n)) when
	// below 1. 0 means 1.
	MinSamplesLeaf float64
	// MaxLeafNodes grows the tree best-first up to this many leaves; 0
	// grows it depth-first without a leaf limit.
	MaxLeafNodes int
	// MaxFeatures is the number of features tried at each split: a
	// fraction f of them (max(1, ⌊f·p⌋)) when at most 1, or a count when
	// above 1. 0 means all features.
	MaxFeatures float64
	// Seed drives the order in which features are tried, which breaks
	// ties between equally good splits and picks the MaxFeatures subset.
	Seed uint64
}

// resolve checks the options against a training set of n rows (distinct
// rows with positive weight) and p features.
func (o Options) resolve(n, p, classes int) (params, error) {
	pr := params{maxDepth: o.MaxDepth, maxLeaves: o.MaxLeafNodes, classes: classes}
	switch {
	case o.MaxDepth < 0:
		return pr, fmt.Errorf("tree: MaxDepth %d is negative: use 0 for no limit", o.MaxDepth)
	case o.MaxLeafNodes == 1 || o.MaxLeafNodes < 0:
		return pr, fmt.Errorf("tree: MaxLeafNodes %d is invalid: use 0 for no limit or at least 2", o.MaxLeafNodes)
	case o.MinSamplesLeaf < 0 || math.IsNaN(o.MinSamplesLeaf):
		return pr, fmt.Errorf("tree: MinSamplesLeaf %v is invalid: use a count ≥ 1 or a fraction in (0, 1)", o.MinSamplesLeaf)
	case o.MaxFeatures < 0 || math.IsNaN(o.MaxFeatures):
		return pr, fmt.Errorf("tree: MaxFeatures %v is invalid: use a fraction in (0, 1] or a count", o.MaxFeatures)
	}
	pr.minLeaf = MinSamplesLeafCount(o.MinSamplesLeaf, n)
	pr.mtry = MaxFeaturesCount(o.MaxFeatures, p)
	return pr, nil
}

// MinSamplesLeafCount converts a MinSamplesLeaf option to a row count for
// a node of n training rows.
func MinSamplesLeafCount(v float64, n int) int {
	switch {
	case v == 0:
		return 1
	case v < 1:
		return int(math.Ceil(v * float64(n)))
	}
	return int(v)
}

// MaxFeaturesCount converts a MaxFeatures option to the number of
// features tried per split out of p.
func MaxFeaturesCount(v float64, p int) int {
	switch {
	case v == 0:
		return p
	case v <= 1:
		return max(1, int(v*float64(p)))
	}
	return min(int(v), p)
}

// checkTarget panics when y and the data disagree in length, and returns
// an error for a non-finite target value.
func checkTarget(d *Data, y, w []float64) error {
	if len(y) != d.rows {
		panic(fmt.Sprintf("tree: len(y) = %d, X has %d rows", len(y), d.rows))
	}
	if w != nil && len(w) != d.rows {
		panic(fmt.Sprintf("tree: len(weights) = %d, X has %d rows", len(w), d.rows))
	}
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("tree: target of row %d is %v: drop or fill it before fitting", i, v)
		}
	}
	positive := 0
	for i, v := range w {
		if v < 0 || math.IsNaN(v) {
			return fmt.Errorf("tree: weight of row %d is %v: weights must be ≥ 0", i, v)
		}
		if v > 0 {
			positive++
		}
	}
	if w != nil && positive == 0 {
		return fmt.Errorf("tree: all %d weights are zero: give some rows a positive weight", len(w))
	}
	return nil
}

func countPositive(w []float64, n int) int {
	if w == nil {
		return n
	}
	c := 0
	for _, v := range w {
		if v > 0 {
			c++
		}
	}
	return c
}

// FitRegression grows a squared-error regression tree on d and y. Rows
// with weight 0 are left out; nil weights count every row once.
func FitRegression(d *Data, y, weights []float64, o Options) (*Tree, error) {
	if err := checkTarget(d, y, weights); err != nil {
		return nil, err
	}
	p, err := o.resolve(countPositive(weights, d.rows), d.cols, 0)
	if err != nil {
		return nil, err
	}
	return newBuilder(d, y, nil, weights, p, o.Seed).grow(), nil
}

// FitClassification grows a Gini classification tree on d and the class
// codes 0..classes-1 in code.
func FitClassification(d *Data, code []int32, classes int, weights []float64, o Options) (*Tree, error) {
	if len(code) != d.rows {
		panic(fmt.Sprintf("tree: len(codes) = %d, X has %d rows", len(code), d.rows))
	}
	for i, c := range code {
		if c < 0 || int(c) >= classes {
			panic(fmt.Sprintf("tree: class code %d of row %d is outside [0, %d)", c, i, classes))
		}
	}
	y := make([]float64, len(code))
	if err := checkTarget(d, y, weights); err != nil {
		return nil, err
	}
	p, err := o.resolve(countPositive(weights, d.rows), d.cols, classes)
	if err != nil {
		return nil, err
	}
	return newBuilder(d, nil, code, weights, p, o.Seed).grow(), nil
}

// EncodeClasses maps the labels in y to codes 0..k-1 in sorted label
// order and returns the codes and the sorted labels. It returns an error
// for a non-finite label.
func EncodeClasses(y []float64) ([]int32, []float64, error) {
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, nil, fmt.Errorf("tree: label of row %d is %v: drop or fill it before fitting", i, v)
		}
	}
	classes := slices.Compact(slices.Sorted(slices.Values(y)))
	code := make([]int32, len(y))
	for i, v := range y {
		k, _ := slices.BinarySearch(classes, v)
		code[i] = int32(k)
	}
	return code, slices.Clip(classes), nil
}

// denseOf returns X as a *mat.Dense, copying only when it is another kind
// of matrix.
func denseOf(X mat.Matrix) *mat.Dense {
	if d, ok := X.(*mat.Dense); ok {
		return d
	}
	return mat.DenseCopyOf(X)
}
