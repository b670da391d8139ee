package nn

import (
	"fmt"
	"math"
	"math/rand"
	"testing"
)

// naiveGemmAcc is the textbook triple loop that sgemmAcc must match.
func naiveGemmAcc(transA, transB bool, m, n, k int, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var s float64
			for p := 0; p < k; p++ {
				ai, bi := i*lda+p, p*ldb+j
				if transA {
					ai = p*lda + i
				}
				if transB {
					bi = j*ldb + p
				}
				av, bv := a[ai], b[bi]
				s += float64(av) * float64(bv)
			}
			c[i*ldc+j] += float32(s)
		}
	}
}

func randSlice(rng *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(rng.NormFloat64())
	}
	return s
}

func TestSgemmAccMatchesNaive(t *testing.T) {
	// Relative tolerance for float32 sums of up to 600 products.
	const tol = 1e-4
	rng := rand.New(rand.NewSource(1))
	shapes := [][3]int{{1, 1, 1}, {4, 24, 7}, {5, 25, 3}, {8, 3136, 25}, {16, 100, 300}, {3, 1000, 2}, {70, 530, 600}}
	for _, s := range shapes {
		for _, tr := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
			m, n, k := s[0], s[1], s[2]
			t.Run(fmt.Sprintf("m%d n%d k%d tA %v tB %v", m, n, k, tr[0], tr[1]), func(t *testing.T) {
				lda, ldb := k, n
				if tr[0] {
					lda = m
				}
				if tr[1] {
					ldb = k
				}
				a, b := randSlice(rng, m*k), randSlice(rng, k*n)
				got, want := randSlice(rng, m*n), make([]float32, m*n)
				copy(want, got)
				sgemmAcc(tr[0], tr[1], m, n, k, a, lda, b, ldb, got, n)
				naiveGemmAcc(tr[0], tr[1], m, n, k, a, lda, b, ldb, want, n)
				for i := range got {
					if d := math.Abs(float64(got[i] - want[i])); d > tol*(1+math.Abs(float64(want[i]))) {
						t.Fatalf("c[%d] = %g, want %g", i, got[i], want[i])
					}
				}
			})
		}
	}
}

func TestSgemmKernelGoMatchesAVX2(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	k := 37
	a, b := randSlice(rng, k*sgemmMR), randSlice(rng, k*sgemmNR)
	got, want := make([]float32, sgemmMR*30), make([]float32, sgemmMR*30)
	sgemmKernel(k, a, b, got, 30)
	sgemmKernelGo(k, a, b, want, 30)
	for i := range got {
		if math.Abs(float64(got[i]-want[i])) > 1e-4 {
			t.Fatalf("c[%d] = %g, portable kernel gives %g", i, got[i], want[i])
		}
	}
}

func benchmarkSgemm(b *testing.B, m, n, k int) {
	rng := rand.New(rand.NewSource(1))
	x, y, c := randSlice(rng, m*k), randSlice(rng, k*n), make([]float32, m*n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sgemmAcc(false, false, m, n, k, x, k, y, n, c, n)
	}
	b.ReportMetric(2*float64(m*n*k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func BenchmarkSgemm512(b *testing.B)            { benchmarkSgemm(b, 512, 512, 512) }
func BenchmarkSgemmConv16x3136x72(b *testing.B) { benchmarkSgemm(b, 16, 3136, 72) }
func BenchmarkSgemmConv8x12544x25(b *testing.B) { benchmarkSgemm(b, 8, 12544, 25) }
