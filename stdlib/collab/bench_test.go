package collab

import (
	"math/rand"
	"testing"

	"fastgo/stdlib/nn"
)

// BenchmarkDotProductBiasEpoch trains one epoch of the book's model (50
// factors, batch 64, Adam with weight decay) on synthetic ratings of the
// size of MovieLens 100k's training split.
func BenchmarkDotProductBiasEpoch(b *testing.B) {
	const users, items, rows = 944, 1635, 80000
	r := rand.New(rand.NewSource(1))
	x, y := nn.Zeros(rows, 2), nn.Zeros(rows, 1)
	for i := 0; i < rows; i++ {
		x.Data[2*i] = float32(r.Intn(users))
		x.Data[2*i+1] = float32(r.Intn(items))
		y.Data[i] = float32(1 + r.Intn(5))
	}
	model := NewDotProductBias(rand.NewSource(2), users, items, 50, 0, 5.5)
	vx, vy := nn.SelectRows(x, []int{0, 1, 2}), nn.SelectRows(y, []int{0, 1, 2})
	learn := nn.NewLearner(model, nn.NewDataLoaders(x, y, vx, vy, 64, 3), nn.MSE)
	learn.WD, learn.Quiet = 0.1, true
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := learn.FitOneCycle(1, 5e-3); err != nil {
			b.Fatal(err)
		}
	}
}
