package boost

import (
	"errors"
	"math"
	"testing"

	"fastgo/bench/tabular/bulldozers"
	"fastgo/stdlib/cell"
	"gonum.org/v1/gonum/mat"
)

// TestBoostMatchesScikitLearn compares with
// GradientBoostingRegressor(criterion="squared_error", n_estimators=100,
// learning_rate=0.1, max_depth=3), as printed by
// bench/tabular/reference_boost.py (scikit-learn 1.2.1). Without
// subsampling both fit the same trees except for ties between splits.
func TestBoostMatchesScikitLearn(t *testing.T) {
	dir, err := bulldozers.Dir()
	if err != nil {
		t.Skip(err)
	}
	s, err := bulldozers.Load(dir)
	if err != nil {
		t.Skip(err)
	}
	m := &Regressor{Quiet: true}
	if err := m.FitValid(s.TrainX, s.TrainY, s.ValidX, s.ValidY); err != nil {
		t.Fatal(err)
	}
	const tol = 1e-3
	tests := []struct {
		name      string
		got, want float64
	}{
		{"train RMSE after 1 round", m.TrainRMSE[0], 0.668847},
		{"train RMSE after 10 rounds", m.TrainRMSE[9], 0.494202},
		{"train RMSE after 50 rounds", m.TrainRMSE[49], 0.309442},
		{"train RMSE after 100 rounds", m.TrainRMSE[99], 0.271143},
		{"valid RMSE after 100 rounds", m.ValidRMSE[99], 0.354620},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > tol {
			t.Errorf("%s = %.6f, want %.6f", tt.name, tt.got, tt.want)
		}
	}
	if got := rmse(m.Predict(s.ValidX), s.ValidY); math.Abs(got-m.ValidRMSE[99]) > 1e-12 {
		t.Errorf("Predict gives valid RMSE %v, the last round recorded %v", got, m.ValidRMSE[99])
	}
}

// noisyLine returns y = x + noise on n points, the noise a fixed pattern
// of ±1.
func noisyLine(n, offset int) (*mat.Dense, []float64) {
	X := mat.NewDense(n, 1, nil)
	y := make([]float64, n)
	for i := 0; i < n; i++ {
		x := float64(i*2 + offset)
		X.Set(i, 0, x)
		y[i] = x/10 + float64((i*7+offset)%3-1)
	}
	return X, y
}

func TestEarlyStoppingKeepsBestRound(t *testing.T) {
	X, y := noisyLine(200, 0)
	vX, vy := noisyLine(200, 1)
	m := &Regressor{Rounds: 500, LearningRate: 0.5, MaxLeafNodes: 8, Patience: 10, Quiet: true}
	if err := m.FitValid(X, y, vX, vy); err != nil {
		t.Fatal(err)
	}
	if len(m.ValidRMSE) >= 500 {
		t.Fatalf("ran all %d rounds, want an early stop", len(m.ValidRMSE))
	}
	if len(m.ValidRMSE) != m.BestRound+10 {
		t.Errorf("stopped after %d rounds, want best round %d + patience 10", len(m.ValidRMSE), m.BestRound)
	}
	if len(m.Trees) != m.BestRound {
		t.Errorf("kept %d trees, want %d", len(m.Trees), m.BestRound)
	}
	best := m.ValidRMSE[m.BestRound-1]
	for i, v := range m.ValidRMSE {
		if v < best {
			t.Errorf("round %d valid RMSE %v beats the kept round's %v", i+1, v, best)
		}
	}
	// Training error keeps falling while validation error stops improving.
	if last := m.TrainRMSE[len(m.TrainRMSE)-1]; last >= m.TrainRMSE[m.BestRound-1] {
		t.Errorf("train RMSE rose from %v to %v after the best round", m.TrainRMSE[m.BestRound-1], last)
	}
}

func TestSubsampleIsSeeded(t *testing.T) {
	X, y := noisyLine(100, 0)
	var preds [][]float64
	for range 2 {
		m := &Regressor{Rounds: 20, Subsample: 0.5, Seed: 3, Quiet: true}
		if err := m.Fit(X, y); err != nil {
			t.Fatal(err)
		}
		preds = append(preds, m.Predict(X))
	}
	for i := range preds[0] {
		if preds[0][i] != preds[1][i] {
			t.Fatalf("row %d: %v then %v with the same seed", i, preds[0][i], preds[1][i])
		}
	}
}

func TestBoostRejectsBadOptions(t *testing.T) {
	X, y := noisyLine(10, 0)
	tests := []struct {
		name string
		m    Regressor
	}{
		{"negative rounds", Regressor{Rounds: -1}},
		{"subsample above 1", Regressor{Subsample: 1.5}},
		{"negative rate", Regressor{LearningRate: -0.1}},
	}
	for _, tt := range tests {
		if err := tt.m.Fit(X, y); err == nil {
			t.Errorf("%s: Fit returned no error", tt.name)
		}
	}
}

func TestBoostStopsWhenInterrupted(t *testing.T) {
	X, y := noisyLine(50, 0)
	_, cancel := cell.Begin()
	cancel()
	defer cell.Begin()
	m := &Regressor{Quiet: true}
	if err := m.Fit(X, y); !errors.Is(err, cell.ErrInterrupted) {
		t.Errorf("Fit after interrupt returned %v, want cell.ErrInterrupted", err)
	}
}
