package forest

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Predictor is any fitted model that predicts one number per row, such
// as [Regressor] or a tree.Regressor.
type Predictor interface {
	Predict(X mat.Matrix) []float64
}

// PartialDependence returns the grid of values of column feature (see
// [PDPGrid]) and, for each grid value, the mean prediction over all rows
// of X with that column set to the value. This is scikit-learn's
// partial_dependence with method "brute" and kind "average".
func PartialDependence(m Predictor, X *mat.Dense, feature, resolution int) (grid, average []float64) {
	rows, cols := X.Dims()
	if feature < 0 || feature >= cols {
		panic(fmt.Sprintf("forest: feature %d outside [0, %d)", feature, cols))
	}
	grid = PDPGrid(mat.Col(nil, feature, X), resolution)
	work := mat.DenseCopyOf(X)
	average = make([]float64, len(grid))
	for g, v := range grid {
		for i := 0; i < rows; i++ {
			work.Set(i, feature, v)
		}
		p := m.Predict(work)
		s := 0.0
		for _, x := range p {
			s += x
		}
		average[g] = s / float64(rows)
	}
	return grid, average
}

// PDPGrid returns the sorted distinct values when there are fewer than
// resolution of them, otherwise resolution evenly spaced points between
// the 5th and 95th percentiles. Percentiles follow scipy's mquantiles
// with alphap = betap = 0.4, which scikit-learn 1.2 uses.
func PDPGrid(values []float64, resolution int) []float64 {
	sorted := slices.Sorted(slices.Values(values))
	uniq := slices.Compact(slices.Clone(sorted))
	if len(uniq) < resolution {
		return uniq
	}
	lo, hi := mquantile(sorted, 0.05), mquantile(sorted, 0.95)
	grid := make([]float64, resolution)
	step := (hi - lo) / float64(resolution-1)
	for i := range grid {
		grid[i] = float64(i)*step + lo // numpy.linspace's order of operations
	}
	grid[resolution-1] = hi
	return grid
}

// mquantile returns the p-quantile of sorted with plotting positions
// alphap = betap = 0.4 (scipy.stats.mstats.mquantiles' default).
func mquantile(sorted []float64, p float64) float64 {
	const alphap, betap = 0.4, 0.4
	n := float64(len(sorted))
	m := alphap + p*(1-alphap-betap)
	aleph := n*p + m
	k := math.Floor(math.Min(math.Max(aleph, 1), n-1))
	gamma := math.Min(math.Max(aleph-k, 0), 1)
	return (1-gamma)*sorted[int(k)-1] + gamma*sorted[int(k)]
}
