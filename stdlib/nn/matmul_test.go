package nn

import (
	"math"
	"math/rand"
	"testing"
)

func TestMatMulMatchesNaive(t *testing.T) {
	// Shapes larger than the kernel's tiles and not multiples of them,
	// compared with a float64 triple loop. float32 sums of k products of
	// values in [-1, 1) stay within about k·2^-24 of the exact value.
	const tol = 1e-4
	tests := []struct {
		name    string
		m, k, n int
	}{
		{"square", 64, 64, 64},
		{"ragged", 70, 131, 9},
		{"batch by hidden", 64, 175, 100},
		{"single row", 1, 50, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := RandU(rand.NewSource(1), -1, 1, tt.m, tt.k)
			b := RandU(rand.NewSource(2), -1, 1, tt.k, tt.n)
			got := MatMul(a, b)
			for i := 0; i < tt.m; i++ {
				for j := 0; j < tt.n; j++ {
					var want float64
					for p := 0; p < tt.k; p++ {
						want += float64(a.Data[i*tt.k+p]) * float64(b.Data[p*tt.n+j])
					}
					if d := math.Abs(float64(got.At(i, j)) - want); d > tol {
						t.Fatalf("c[%d][%d] = %v, want %v", i, j, got.At(i, j), want)
					}
				}
			}
		})
	}
}

func BenchmarkMatMulHidden(b *testing.B) {
	x := RandU(rand.NewSource(1), -1, 1, 64, 175)
	w := RandU(rand.NewSource(2), -1, 1, 175, 100)
	for i := 0; i < b.N; i++ {
		MatMul(x, w)
	}
}
