package metrics

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"fastgo/stdlib/charts"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
)

// Ranks returns the rank of each value (1 for the smallest), giving tied
// values the mean of their ranks, as scipy.stats.rankdata.
func Ranks(v []float64) []float64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	r := make([]float64, len(v))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && v[idx[j+1]] == v[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = avg
		}
		i = j + 1
	}
	return r
}

// Spearman returns the Spearman rank correlation of every pair of
// columns of X: the Pearson correlation of their [Ranks]. A constant
// column correlates NaN with every column.
func Spearman(X mat.Matrix) *mat.SymDense {
	rows, cols := X.Dims()
	z := mat.NewDense(rows, cols, nil)
	col := make([]float64, rows)
	for j := 0; j < cols; j++ {
		mat.Col(col, j, X)
		r := Ranks(col)
		mean, ss := 0.0, 0.0
		for _, x := range r {
			mean += x
		}
		mean /= float64(rows)
		for _, x := range r {
			ss += (x - mean) * (x - mean)
		}
		sd := math.Sqrt(ss)
		for i, x := range r {
			z.Set(i, j, (x-mean)/sd)
		}
	}
	corr := mat.NewSymDense(cols, nil)
	corr.SymOuterK(1, z.T())
	return corr
}

// Linkage is a hierarchical clustering in scipy's linkage format: merge i
// joins clusters Left[i] and Right[i] (Left < Right) at distance
// Height[i] into cluster n+i, clusters 0..n-1 being the leaves.
type Linkage struct {
	Left, Right []int
	Height      []float64
}

// AverageLinkage clusters n items from their distance matrix, merging at
// each step the two clusters with the smallest mean pairwise distance
// (UPGMA, scipy's method "average"). Ties go to the pair found first.
func AverageLinkage(dist mat.Symmetric) Linkage {
	n := dist.SymmetricDim()
	if n < 2 {
		panic(fmt.Sprintf("metrics: AverageLinkage: %d items, want at least 2", n))
	}
	d := mat.NewSymDense(n, nil)
	d.CopySym(dist)
	ids := make([]int, n) // cluster id of each active slot
	size := make([]float64, n)
	for i := range ids {
		ids[i], size[i] = i, 1
	}
	active := make([]bool, n)
	for i := range active {
		active[i] = true
	}
	var l Linkage
	for step := 0; step < n-1; step++ {
		a, b := closestPair(d, active)
		l.Left = append(l.Left, min(ids[a], ids[b]))
		l.Right = append(l.Right, max(ids[a], ids[b]))
		l.Height = append(l.Height, d.At(a, b))
		// Slot a becomes the merged cluster; its distance to k is the
		// size-weighted mean of a's and b's.
		for k := 0; k < n; k++ {
			if active[k] && k != a && k != b {
				d.SetSym(a, k, (size[a]*d.At(a, k)+size[b]*d.At(b, k))/(size[a]+size[b]))
			}
		}
		size[a] += size[b]
		active[b] = false
		ids[a] = n + step
	}
	return l
}

func closestPair(d *mat.SymDense, active []bool) (int, int) {
	best, ba, bb := math.Inf(1), -1, -1
	n := len(active)
	for i := 0; i < n; i++ {
		if !active[i] {
			continue
		}
		for j := i + 1; j < n; j++ {
			if active[j] && d.At(i, j) < best {
				best, ba, bb = d.At(i, j), i, j
			}
		}
	}
	return ba, bb
}

// ClusterColumns clusters the columns of X by Spearman rank correlation,
// with distance 1 − ρ (ρ rounded to 4 decimals) and average linkage, and
// returns the dendrogram, as fastbook's cluster_columns. Columns that
// merge near distance 0 carry almost the same information.
func ClusterColumns(X mat.Matrix, names []string) (*plot.Plot, Linkage) {
	_, cols := X.Dims()
	if len(names) != cols {
		panic(fmt.Sprintf("metrics: ClusterColumns: %d names for %d columns", len(names), cols))
	}
	corr := Spearman(X)
	dist := mat.NewSymDense(cols, nil)
	for i := 0; i < cols; i++ {
		for j := i + 1; j < cols; j++ {
			rho := math.Round(corr.At(i, j)*1e4) / 1e4
			if math.IsNaN(rho) {
				rho = 0
			}
			dist.SetSym(i, j, 1-rho)
		}
	}
	l := AverageLinkage(dist)
	return charts.Dendrogram(slices.Clone(names), l.Left, l.Right, l.Height, "Spearman rank correlation"), l
}
