package forest

import (
	"errors"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"fastgo/stdlib/cell"
	"fastgo/stdlib/tree"
	"gonum.org/v1/gonum/mat"
)

// bookForest returns the forest of the lesson fitted on the bulldozers
// subset: 40 trees, max_samples 0.5, max_features 0.5, min_samples_leaf 5.
func bookForest(t *testing.T, d *tree.Data, y []float64, seed uint64) *Regressor {
	t.Helper()
	rf := &Regressor{Options: Options{NTrees: 40, MaxSamples: 0.5, MaxFeatures: 0.5,
		MinSamplesLeaf: 5, OOB: true, Seed: seed, Quiet: true}}
	if err := rf.FitData(d, y); err != nil {
		t.Fatal(err)
	}
	return rf
}

// TestForestMatchesScikitLearn compares RMSEs with
// RandomForestRegressor(40, max_samples=0.5, max_features=0.5,
// min_samples_leaf=5, oob_score=True) over seeds 0..2, as printed by
// bench/tabular/reference.py (scikit-learn 1.2.1): train 0.1964 (mean),
// valid 0.3367 (0.3314 to 0.3430), OOB 0.2466 (0.2461 to 0.2473), OOB R²
// 0.8764. The tolerances are about three times scikit-learn's spread
// over seeds plus the gap left by its float32 features.
func TestForestMatchesScikitLearn(t *testing.T) {
	if testing.Short() {
		t.Skip("fits three forests")
	}
	s := bulldozerSet(t)
	d, err := tree.NewData(s.TrainX)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		want, tol float64
		got       func(rf *Regressor) float64
	}{
		{"train RMSE", 0.1964, 0.012, func(rf *Regressor) float64 { return rmse(rf.Predict(s.TrainX), s.TrainY) }},
		{"valid RMSE", 0.3367, 0.015, func(rf *Regressor) float64 { return rmse(rf.Predict(s.ValidX), s.ValidY) }},
		{"OOB RMSE", 0.2466, 0.006, func(rf *Regressor) float64 { return rmse(rf.OOBPrediction, s.TrainY) }},
		{"OOB R²", 0.8764, 0.008, func(rf *Regressor) float64 { return rf.OOBScore }},
	}
	for seed := uint64(0); seed < 3; seed++ {
		rf := bookForest(t, d, s.TrainY, seed)
		for _, tt := range tests {
			if got := tt.got(rf); math.Abs(got-tt.want) > tt.tol {
				t.Errorf("seed %d: %s = %.4f, want %.4f ± %.3f", seed, tt.name, got, tt.want, tt.tol)
			}
		}
	}
}

func TestForestIgnoresWorkerCount(t *testing.T) {
	s := bulldozerSet(t)
	d, err := tree.NewData(s.TrainX)
	if err != nil {
		t.Fatal(err)
	}
	var preds [][]float64
	for _, workers := range []int{1, 3} {
		rf := &Regressor{Options: Options{NTrees: 6, MaxSamples: 0.3, MinSamplesLeaf: 5,
			MaxFeatures: 0.5, Seed: 7, Workers: workers, OOB: true, Quiet: true}}
		if err := rf.FitData(d, s.TrainY); err != nil {
			t.Fatal(err)
		}
		preds = append(preds, append(rf.Predict(s.ValidX), rf.OOBScore))
	}
	if !slices.Equal(preds[0], preds[1]) {
		t.Error("predictions with 1 and 3 workers differ")
	}
}

func TestForestPerTreeAndContributions(t *testing.T) {
	s := bulldozerSet(t)
	d, err := tree.NewData(s.TrainX)
	if err != nil {
		t.Fatal(err)
	}
	rf := &Regressor{Options: Options{NTrees: 8, MaxSamples: 0.5, MinSamplesLeaf: 5, Quiet: true}}
	if err := rf.FitData(d, s.TrainY); err != nil {
		t.Fatal(err)
	}
	const tol = 1e-9
	X := s.ValidX.Slice(0, 200, 0, len(s.Names)).(*mat.Dense)
	pred := rf.Predict(X)
	perTree := rf.PredictTrees(X)
	if r, c := perTree.Dims(); r != 8 || c != 200 {
		t.Fatalf("PredictTrees dims = %d×%d, want 8×200", r, c)
	}
	for i := range pred {
		if m := mean(mat.Col(nil, i, perTree)); math.Abs(m-pred[i]) > tol {
			t.Errorf("row %d: mean over trees %v, Predict %v", i, m, pred[i])
		}
	}
	p, bias, contrib := rf.Contributions(X)
	for i := range pred {
		sum := bias
		for _, c := range contrib.RawRowView(i) {
			sum += c
		}
		if math.Abs(sum-pred[i]) > tol {
			t.Errorf("row %d: bias + Σ contributions = %v, prediction %v", i, sum, pred[i])
		}
		if math.Abs(p[i]-pred[i]) > tol {
			t.Errorf("row %d: Contributions prediction %v, Predict %v", i, p[i], pred[i])
		}
	}
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// TestPDPGridMatchesScikitLearn checks the grids that scikit-learn's
// partial_dependence(grid_resolution=20) chose on the validation rows
// (bench/tabular/reference.py).
func TestPDPGridMatchesScikitLearn(t *testing.T) {
	s := bulldozerSet(t)
	tests := []struct {
		column string
		want   []float64
	}{
		{"YearMade", []float64{1950, 1953, 1956, 1959, 1962, 1965, 1968, 1971, 1974, 1977,
			1980, 1983, 1986, 1989, 1992, 1995, 1998, 2001, 2004, 2007}},
		{"ProductSize", []float64{0, 1, 2, 3, 4, 5, 6}},
	}
	const tol = 1e-9
	for _, tt := range tests {
		t.Run(tt.column, func(t *testing.T) {
			j := slices.Index(s.Names, tt.column)
			got := PDPGrid(mat.Col(nil, j, s.ValidX), 20)
			if len(got) != len(tt.want) {
				t.Fatalf("grid = %v, want %v", got, tt.want)
			}
			for i := range got {
				if math.Abs(got[i]-tt.want[i]) > tol {
					t.Errorf("grid[%d] = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestPartialDependenceOfStep(t *testing.T) {
	// y = 1 when x0 > 5, else 0; x1 is noise. Partial dependence on x0 is
	// that step whatever x1 is.
	X := mat.NewDense(10, 2, nil)
	y := make([]float64, 10)
	for i := 0; i < 10; i++ {
		X.Set(i, 0, float64(i))
		X.Set(i, 1, float64((i*7)%10))
		if i > 5 {
			y[i] = 1
		}
	}
	m := &tree.Regressor{}
	if err := m.Fit(X, y); err != nil {
		t.Fatal(err)
	}
	grid, avg := PartialDependence(m, X, 0, 20)
	for g, v := range grid {
		want := 0.0
		if v > 5 {
			want = 1
		}
		if avg[g] != want {
			t.Errorf("PD at x0 = %v is %v, want %v", v, avg[g], want)
		}
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	s := bulldozerSet(t)
	rf := &Regressor{Options: Options{NTrees: 3, MaxSamples: 0.2, MinSamplesLeaf: 10, Quiet: true},
		FeatureNames: s.Names}
	if err := rf.Fit(s.TrainX, s.TrainY); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rf.gob")
	if err := rf.Save(path); err != nil {
		t.Fatal(err)
	}
	back, err := LoadRegressor(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rf.Predict(s.ValidX), back.Predict(s.ValidX)) {
		t.Error("loaded forest predicts differently")
	}
	if !slices.Equal(back.FeatureNames, s.Names) {
		t.Error("loaded forest lost its feature names")
	}
	if _, err := LoadRegressor(filepath.Join(t.TempDir(), "missing.gob")); err == nil {
		t.Error("loading a missing file returned no error")
	}
}

func TestFitStopsWhenInterrupted(t *testing.T) {
	s := bulldozerSet(t)
	_, cancel := cell.Begin()
	cancel()
	defer cell.Begin()
	rf := &Regressor{Options: Options{NTrees: 50, Quiet: true}}
	if err := rf.Fit(s.TrainX, s.TrainY); !errors.Is(err, cell.ErrInterrupted) {
		t.Errorf("Fit after interrupt returned %v, want cell.ErrInterrupted", err)
	}
}

func TestClassifierOnSeparableData(t *testing.T) {
	// Class is 1 when x0 + x1 > 10; a forest should learn it almost
	// perfectly, out of bag too.
	const n = 400
	X := mat.NewDense(n, 3, nil)
	y := make([]float64, n)
	for i := 0; i < n; i++ {
		a, b := float64(i%21), float64((i*13)%17)
		X.Set(i, 0, a)
		X.Set(i, 1, b)
		X.Set(i, 2, float64((i*31)%7))
		if a+b > 10 {
			y[i] = 1
		}
	}
	c := &Classifier{Options: Options{NTrees: 30, OOB: true, Seed: 1, Quiet: true}}
	if err := c.Fit(X, y); err != nil {
		t.Fatal(err)
	}
	const minAccuracy = 0.9
	if c.OOBScore < minAccuracy {
		t.Errorf("OOB accuracy %.3f, want ≥ %.2f", c.OOBScore, minAccuracy)
	}
	right := 0
	for i, p := range c.Predict(X) {
		if p == y[i] {
			right++
		}
	}
	if right != n {
		t.Errorf("train accuracy %d/%d, want all", right, n)
	}
	imp := c.Importances()
	if imp[2] >= imp[0] || imp[2] >= imp[1] {
		t.Errorf("importances %v: the noise column x2 should rank last", imp)
	}
}

func TestBootstrapCountsGiveOOB(t *testing.T) {
	s := bulldozerSet(t)
	rf := &Regressor{Options: Options{NTrees: 5, MaxSamples: 0.5, MinSamplesLeaf: 5, OOB: true, Seed: 3, Quiet: true}}
	if err := rf.Fit(s.TrainX, s.TrainY); err != nil {
		t.Fatal(err)
	}
	perTree := rf.PredictTrees(s.TrainX)
	rows := len(s.TrainY)
	counts := make([][]float64, len(rf.Trees))
	for k := range rf.Trees {
		counts[k] = rf.BootstrapCounts(k, rows)
		total := 0.0
		for _, c := range counts[k] {
			total += c
		}
		if want := math.Round(0.5 * float64(rows)); total != want {
			t.Errorf("tree %d draws %v rows, want %v", k, total, want)
		}
	}
	const tol = 1e-12
	for i := 0; i < rows; i++ {
		sum, n := 0.0, 0
		for k := range rf.Trees {
			if counts[k][i] == 0 {
				sum += perTree.At(k, i)
				n++
			}
		}
		want := rf.OOBPrediction[i]
		if n == 0 {
			if !math.IsNaN(want) {
				t.Errorf("row %d is in every bag but has OOB prediction %v", i, want)
			}
			continue
		}
		if got := sum / float64(n); math.Abs(got-want) > tol {
			t.Fatalf("row %d: OOB from counts %v, OOBPrediction %v", i, got, want)
		}
	}
}
