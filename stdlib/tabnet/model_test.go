package tabnet

import (
	"math/rand"
	"strings"
	"testing"

	"fastgo/stdlib/nn"
)

// synthetic returns rows whose target is 10 + effect[code] + 0.5·x, with
// category effects in ±1 and x standard normal, plus noise of standard
// deviation 0.05.
func synthetic(seed int64, n int, effects []float64) (*nn.Tensor, *nn.Tensor) {
	r := rand.New(rand.NewSource(seed))
	codes, xs := make([]int, n), make([]float64, n)
	y := nn.Zeros(n, 1)
	for i := range codes {
		codes[i] = 1 + r.Intn(len(effects)-1)
		xs[i] = r.NormFloat64()
		y.Data[i] = float32(10 + effects[codes[i]] + 0.5*xs[i] + 0.05*r.NormFloat64())
	}
	x, err := Tensor([][]int{codes}, [][]float64{xs})
	if err != nil {
		panic(err)
	}
	return x, y
}

func TestModelLearnsEffects(t *testing.T) {
	// The target's variance is about 0.33 + 0.25; a model that learned
	// the category effects and the slope gets near the noise variance
	// 0.0025, so 0.02 leaves room for a short training run.
	const maxMSE = 0.02
	r := rand.New(rand.NewSource(1))
	effects := make([]float64, 21)
	for i := range effects {
		effects[i] = 2*r.Float64() - 1
	}
	x, y := synthetic(2, 4000, effects)
	vx, vy := synthetic(3, 1000, effects)
	m, err := New(rand.NewSource(4), Config{Cardinalities: []int{21}, NumCont: 1,
		Layers: []int{50, 25}, YLo: 8, YHi: 12})
	if err != nil {
		t.Fatal(err)
	}
	learn := nn.NewLearner(m, nn.NewDataLoaders(x, y, vx, vy, 128, 5), nn.MSE)
	learn.Quiet = true
	if err := learn.FitOneCycle(8, 1e-2); err != nil {
		t.Fatal(err)
	}
	if got := learn.History[7].ValidLoss; got > maxMSE {
		t.Errorf("valid MSE %v, want below %v", got, maxMSE)
	}
	emb, err := m.EmbedColumn(0, []int{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(emb) != 2 || len(emb[0]) != nn.EmbeddingSize(21) {
		t.Errorf("EmbedColumn returned %d rows of width %d, want 2 of %d", len(emb), len(emb[0]), nn.EmbeddingSize(21))
	}
}

func TestModelParameterCount(t *testing.T) {
	// Counted by hand from fastai's TabularModel layout: embeddings
	// 944·74 + 1635·101, Linear(175, 100) without bias, BatchNorm1d(100),
	// Linear(100, 50) without bias, BatchNorm1d(50), Linear(50, 1).
	const want = 944*74 + 1635*101 + 175*100 + 2*100 + 100*50 + 2*50 + 50 + 1
	m, err := New(rand.NewSource(1), Config{Cardinalities: []int{944, 1635}, Layers: []int{100, 50}, YLo: 0, YHi: 5.5})
	if err != nil {
		t.Fatal(err)
	}
	if got := nn.NumParams(m); got != want {
		t.Errorf("NumParams = %d, want %d", got, want)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		c    Config
	}{
		{"embedding sizes mismatch", Config{Cardinalities: []int{3, 4}, EmbeddingSizes: []int{2}}},
		{"dropout mismatch", Config{Cardinalities: []int{3}, Layers: []int{4, 4}, Dropout: []float64{0.1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(rand.NewSource(1), tt.c); err == nil {
				t.Error("New returned no error")
			}
		})
	}
}

func TestEmbedInputs(t *testing.T) {
	m, err := New(rand.NewSource(1), Config{Cardinalities: []int{3, 4}, EmbeddingSizes: []int{2, 3}, NumCont: 1})
	if err != nil {
		t.Fatal(err)
	}
	x := nn.New([]float32{
		1, 3, 0.5,
		2, 0, -1,
	}, 2, 3)
	got, err := m.EmbedInputs(x, []int{1})
	if err != nil {
		t.Fatal(err)
	}
	// Column 1 (width 3) replaces its code, so each row has 1 + 3 + 1
	// values: the code of column 0, the embedding row, the continuous
	// value.
	w := m.EmbeddingWeight(1)
	want := [][]float64{
		{1, float64(w.At(3, 0)), float64(w.At(3, 1)), float64(w.At(3, 2)), 0.5},
		{2, float64(w.At(0, 0)), float64(w.At(0, 1)), float64(w.At(0, 2)), -1},
	}
	for i, row := range want {
		for j, v := range row {
			if got.At(i, j) != v {
				t.Errorf("row %d column %d = %v, want %v", i, j, got.At(i, j), v)
			}
		}
	}
	if _, err := m.EmbedInputs(x, []int{2}); err == nil {
		t.Error("EmbedInputs of a continuous column returned no error")
	}
	twice, err := m.EmbedInputs(x, []int{1, 1})
	if err != nil {
		t.Fatal(err)
	}
	if r, c := twice.Dims(); r != 2 || c != 5 {
		t.Errorf("column 1 listed twice: shape %d×%d, expected 2×5 as when listed once", r, c)
	}
}

func TestEmbedInputsRejectsBadInput(t *testing.T) {
	m, err := New(rand.NewSource(1), Config{Cardinalities: []int{3}, EmbeddingSizes: []int{2}, NumCont: 1})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		x       *nn.Tensor
		wantErr string
	}{
		{"code past the table", nn.New([]float32{3, 0.5}, 1, 2), "not a code in [0, 3)"},
		{"negative code", nn.New([]float32{-1, 0.5}, 1, 2), "not a code in [0, 3)"},
		{"fractional code", nn.New([]float32{1.5, 0.5}, 1, 2), "not a code in [0, 3)"},
		{"no rows", nn.Zeros(0, 2), "at least one row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := m.EmbedInputs(tt.x, []int{0})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %v, expected one containing %q", err, tt.wantErr)
			}
		})
	}
}
