package nn

import (
	"math"
	"math/rand"
	"testing"
)

func TestAdamKernelMatchesGo(t *testing.T) {
	// The assembly kernel and the Go loop compute the same formulas.
	// float32 sqrt and division are correctly rounded in both, and only
	// the fused multiply-adds round differently, so values agree to a
	// few units in the last place.
	const relTol = 1e-5
	const n = 1003 // not a multiple of 8, so the Go tail runs too
	r := rand.New(rand.NewSource(1))
	fill := func(scale float64, nonNegative bool) []float32 {
		out := make([]float32, n)
		for i := range out {
			v := r.NormFloat64() * scale
			if nonNegative {
				v = math.Abs(v)
			}
			out[i] = float32(v)
		}
		return out
	}
	p1, m1, v1 := fill(1, false), fill(0.01, false), fill(1e-4, true)
	p2, m2, v2 := append([]float32(nil), p1...), append([]float32(nil), m1...), append([]float32(nil), v1...)
	c := &adamKernelCoef{decay: 0.9995, b1: 0.9, oneMinusB1: 0.1, b2: 0.99, oneMinusB2: 0.01, k: 0.003, eps: 1e-6}
	for step := 0; step < 5; step++ {
		g := fill(0.1, false)
		g[7], g[500] = 0, 0 // untouched values, as embedding rows outside the batch
		g2 := append([]float32(nil), g...)
		adamUpdate(c, p1, g, m1, v1)
		adamUpdateGo(c, p2, g2, m2, v2)
		for i := range g {
			if g[i] != 0 {
				t.Fatalf("step %d: gradient %d not zeroed: %v", step, i, g[i])
			}
		}
	}
	for i := range p1 {
		if d := math.Abs(float64(p1[i] - p2[i])); d > relTol*math.Max(1, math.Abs(float64(p2[i]))) {
			t.Errorf("value %d: kernel %v, Go %v", i, p1[i], p2[i])
		}
	}
}

func BenchmarkAdamStep(b *testing.B) {
	// The parameter count of the book's DotProductBias on MovieLens:
	// (944 + 1635) × (50 factors + 1 bias).
	const n = (944 + 1635) * 51
	p := Param(RandN(rand.NewSource(1), 0.01, n))
	opt := NewAdam([]*Tensor{p}, 1e-3, 0.1)
	for i := 0; i < b.N; i++ {
		p.GradBuf()[i%n] = 0.1
		opt.Step()
	}
}
