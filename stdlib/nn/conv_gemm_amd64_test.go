package nn

import (
	"math"
	"math/rand"
	"testing"
)

// TestSgemmKernelsAVXMatchGo runs each assembly micro-kernel the CPU
// supports, whichever one sgemmKernel picks, against the portable one.
func TestSgemmKernelsAVXMatchGo(t *testing.T) {
	const tol = 1e-4 // float32 sums of 37 products of values below 1
	kernels := []struct {
		name string
		ok   bool
		run  func(k int, a, b, c *float32, ldc int)
	}{
		{"AVX2", hasAVX2FMA, sgemmKernelAVX2},
		{"AVX-512", hasAVX512, sgemmKernelAVX512},
	}
	rng := rand.New(rand.NewSource(3))
	k := 37
	a, b := randSlice(rng, k*sgemmMR), randSlice(rng, k*sgemmNR)
	want := make([]float32, sgemmMR*30)
	sgemmKernelGo(k, a, b, want, 30)
	for _, kern := range kernels {
		t.Run(kern.name, func(t *testing.T) {
			if !kern.ok {
				t.Skipf("the CPU has no %s", kern.name)
			}
			got := make([]float32, sgemmMR*30)
			kern.run(k, &a[0], &b[0], &got[0], 30)
			for i := range got {
				if math.Abs(float64(got[i]-want[i])) > tol {
					t.Fatalf("c[%d] = %g, portable kernel gives %g", i, got[i], want[i])
				}
			}
		})
	}
}
