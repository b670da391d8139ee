package collab

import (
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"fastgo/stdlib/nn"
)

// useSharedData points FASTGO_DATA at the repository's sibling shared
// data folder when it exists, falling back to the caller's setting.
func useSharedData(t *testing.T) {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, "movielens")); err == nil {
		t.Setenv("FASTGO_DATA", dir)
	}
}

func TestEmbeddingSizeRule(t *testing.T) {
	// Expected widths are fastai's get_emb_sz outputs quoted by the book
	// for MovieLens users and titles and for the bulldozers' ModelID.
	tests := []struct {
		name   string
		levels int
		want   int
	}{
		{"users", 944, 74},
		{"titles", 1635, 101},
		{"model ids", 5281, 194},
		{"capped", 1_000_000, 600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nn.EmbeddingSize(tt.levels); got != tt.want {
				t.Errorf("EmbeddingSize(%d) = %d, want %d", tt.levels, got, tt.want)
			}
		})
	}
}

func TestNewDataVocabulary(t *testing.T) {
	users := []string{"10", "2", "2", "7"}
	items := []string{"b", "a", "c", "a"}
	ratings := []float64{1, 2, 3, 4}
	d, err := NewData(users, items, ratings, 0.25, 1)
	if err != nil {
		t.Fatal(err)
	}
	if d.TrainX.Dim(0) != 3 || d.ValidX.Dim(0) != 1 {
		t.Fatalf("split %d/%d rows, want 3/1", d.TrainX.Dim(0), d.ValidX.Dim(0))
	}
	if d.Users[0] != NA || d.Items[0] != NA {
		t.Errorf("code 0 is %q and %q, want %q", d.Users[0], d.Items[0], NA)
	}
	for i := 2; i < len(d.Users); i++ {
		if d.Users[i-1] != NA && atoi(d.Users[i-1]) > atoi(d.Users[i]) {
			t.Errorf("users %v are not in numeric order", d.Users)
		}
	}
	// Every training row decodes back to its original user and item.
	for i := 0; i < d.TrainX.Dim(0); i++ {
		u, it := d.Users[int(d.TrainX.Data[2*i])], d.Items[int(d.TrainX.Data[2*i+1])]
		found := false
		for r := range users {
			if users[r] == u && items[r] == it && float32(ratings[r]) == d.TrainY.Data[i] {
				found = true
			}
		}
		if !found {
			t.Errorf("training row %d decodes to (%s, %s, %v), which is not in the input", i, u, it, d.TrainY.Data[i])
		}
	}
	if _, err := NewData(users, items[:2], ratings, 0.2, 1); err == nil {
		t.Error("NewData with lists of different lengths returned no error")
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestDotProductBiasGradient(t *testing.T) {
	// The fused op must give the same output and gradients as the same
	// model written with nn's separate ops.
	const tol = 1e-5
	m := NewDotProductBias(rand.NewSource(1), 6, 5, 4, 0, 5.5)
	for _, p := range m.Parameters() {
		for i := range p.Data {
			p.Data[i] *= 30 // move away from the tiny initial values
		}
	}
	x := nn.New([]float32{0, 1, 3, 4, 3, 1, 5, 0}, 4, 2)
	y := nn.New([]float32{3, 4, 1, 5}, 4)

	nn.MSE(m.Forward(x), y).Backward()
	fused := gradsOf(m.Parameters())
	nn.ZeroGrad(m.Parameters())

	u, i := nn.Column(x, 0), nn.Column(x, 1)
	dotp := nn.SumRows(nn.Mul(m.Users.Forward(u), m.Items.Forward(i)))
	biases := nn.Add(nn.Reshape(m.UserBias.Forward(u), 4), nn.Reshape(m.ItemBias.Forward(i), 4))
	nn.MSE(nn.SigmoidRange(nn.Add(dotp, biases), 0, 5.5), y).Backward()
	plain := gradsOf(m.Parameters())

	for k := range fused {
		for j := range fused[k] {
			if math.Abs(float64(fused[k][j]-plain[k][j])) > tol {
				t.Errorf("parameter %d value %d: fused gradient %v, separate ops %v", k, j, fused[k][j], plain[k][j])
			}
		}
	}
}

func gradsOf(params []*nn.Tensor) [][]float32 {
	var out [][]float32
	for _, p := range params {
		out = append(out, append([]float32(nil), p.GradBuf()...))
	}
	return out
}

func TestMostSimilarAndTopK(t *testing.T) {
	// Row 2 points the same way as row 0 with a different length, so its
	// cosine similarity is exactly 1. Row 1 is orthogonal (0) and row 3
	// opposite (-1).
	w := nn.New([]float32{
		1, 1,
		1, -1,
		3, 3,
		-1, -1,
	}, 4, 2)
	tests := []struct {
		name string
		got  []int
		want []int
	}{
		{"most similar to row 0", MostSimilar(w, 0, 3), []int{2, 1, 3}},
		{"largest values", TopK([]float32{0.5, 2, -1, 1}, 2, true), []int{1, 3}},
		{"smallest values", TopK([]float32{0.5, 2, -1, 1}, 2, false), []int{2, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.got) != len(tt.want) {
				t.Fatalf("got %v, want %v", tt.got, tt.want)
			}
			for i := range tt.want {
				if tt.got[i] != tt.want[i] {
					t.Errorf("got %v, want %v", tt.got, tt.want)
					break
				}
			}
		})
	}
}

func TestPCAOnLine(t *testing.T) {
	// Points on the line t·(3, 4)/5 have all their variance on one
	// component, so the first coordinate is the centred t (up to sign)
	// and the second is zero.
	const tol = 1e-5
	ts := []float64{-2, -1, 0, 1, 2}
	w := nn.Zeros(5, 2)
	for i, v := range ts {
		w.Data[2*i], w.Data[2*i+1] = float32(v*0.6), float32(v*0.8)
	}
	coords, err := PCA(w, []int{0, 1, 2, 3, 4}, 2)
	if err != nil {
		t.Fatal(err)
	}
	sign := math.Copysign(1, coords.At(4, 0))
	for i, v := range ts {
		if d := math.Abs(sign*coords.At(i, 0) - v); d > tol {
			t.Errorf("row %d component 0 = %v, want %v", i, coords.At(i, 0), v)
		}
		if d := math.Abs(coords.At(i, 1)); d > tol {
			t.Errorf("row %d component 1 = %v, want 0", i, coords.At(i, 1))
		}
	}
	if _, err := PCA(w, []int{0, 1}, 3); err == nil {
		t.Error("PCA with more components than columns returned no error")
	}
}

func TestMovieLensDotProductBias(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for 5 epochs on MovieLens 100k")
	}
	useSharedData(t)
	// The book's DotProductBias with wd 0.1 ends at valid MSE 0.823060;
	// random splits differ, so allow 0.03 either way.
	const bookMSE, tol = 0.823060, 0.03
	d, err := MovieLens(0.2, 42)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(d.Users); got != 944 {
		t.Errorf("%d user codes, want 944 (943 users and #na#)", got)
	}
	// The book has 1635 title codes for its split. Titles rated only in
	// the validation rows are missing from the vocabulary, so another
	// split gives a nearby count.
	if got := len(d.Items); got < 1600 || got > 1665 {
		t.Errorf("%d title codes, want about 1635", got)
	}
	m := NewDotProductBias(rand.NewSource(42), len(d.Users), len(d.Items), 50, 0, 5.5)
	learn := nn.NewLearner(m, d.DataLoaders(64, 42), nn.MSE)
	learn.WD, learn.Quiet = 0.1, true
	if err := learn.FitOneCycle(5, 5e-3); err != nil {
		t.Fatal(err)
	}
	got := learn.History[4].ValidLoss
	if math.Abs(got-bookMSE) > tol {
		t.Errorf("final valid MSE %.6f, want %.6f ± %v", got, bookMSE, tol)
	}
}
