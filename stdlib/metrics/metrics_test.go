package metrics

import (
	"math"
	"slices"
	"testing"

	"fastgo/bench/tabular/bulldozers"
	"gonum.org/v1/gonum/mat"
)

func TestRegressionMetrics(t *testing.T) {
	pred := []float64{1, 2, 3, 4}
	truth := []float64{1, 3, 3, 6}
	// Hand computed: errors 0, -1, 0, -2; truth mean 3.25, SS_tot 12.75.
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"RMSE", RMSE(pred, truth), math.Sqrt(5.0 / 4)},
		{"MAE", MAE(pred, truth), 3.0 / 4},
		{"R2", R2(pred, truth), 1 - 5/12.75},
		{"Accuracy", Accuracy(pred, truth), 2.0 / 4},
	}
	const tol = 1e-12
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > tol {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestRanksAverageTies(t *testing.T) {
	got := Ranks([]float64{10, 30, 20, 30, 10})
	want := []float64{1.5, 4.5, 3, 4.5, 1.5} // scipy.stats.rankdata
	if !slices.Equal(got, want) {
		t.Errorf("Ranks = %v, want %v", got, want)
	}
}

// TestClusterColumnsMatchesScipy compares correlations and merges with
// scipy's spearmanr and linkage(method="average") on eight bulldozers
// columns, as printed by bench/tabular/reference_cluster.py (scipy 1.10).
func TestClusterColumnsMatchesScipy(t *testing.T) {
	dir, err := bulldozers.Dir()
	if err != nil {
		t.Skip(err)
	}
	s, err := bulldozers.Load(dir)
	if err != nil {
		t.Skip(err)
	}
	names := []string{"YearMade", "ProductGroup", "ProductGroupDesc", "saleYear",
		"saleElapsed", "fiModelDesc", "fiBaseModel", "Coupler_System"}
	X := mat.NewDense(len(s.TrainY), len(names), nil)
	for j, n := range names {
		X.SetCol(j, mat.Col(nil, slices.Index(s.Names, n), s.TrainX))
	}
	corr := Spearman(X)
	const rhoTol = 5e-5 // scipy's values are rounded to 4 decimals
	for _, c := range []struct {
		i, j int
		want float64
	}{{3, 4, 0.9890}, {5, 6, 0.9998}, {0, 7, 0.2601}} {
		if got := corr.At(c.i, c.j); math.Abs(got-c.want) > rhoTol {
			t.Errorf("ρ(%s, %s) = %.5f, want %.4f", names[c.i], names[c.j], got, c.want)
		}
	}
	_, l := ClusterColumns(X, names)
	want := Linkage{
		Left:   []int{1, 5, 3, 8, 0, 10, 12},
		Right:  []int{2, 6, 4, 9, 7, 11, 13},
		Height: []float64{0, 0.0002, 0.011, 0.6406, 0.7399, 0.891125, 1.063167},
	}
	const heightTol = 1e-6
	if !slices.Equal(l.Left, want.Left) || !slices.Equal(l.Right, want.Right) {
		t.Errorf("merges %v %v, want %v %v", l.Left, l.Right, want.Left, want.Right)
	}
	for i := range want.Height {
		if math.Abs(l.Height[i]-want.Height[i]) > heightTol {
			t.Errorf("merge %d height %.6f, want %.6f", i, l.Height[i], want.Height[i])
		}
	}
}
