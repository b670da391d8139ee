package nn

import (
	"fmt"
	"math/rand"
	"testing"
)

// TestReLUKernelsMatchLoop checks the vector ReLU and its gradient against
// the definition on lengths that leave every tail size after blocks of 8.
func TestReLUKernelsMatchLoop(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for n := 0; n <= 19; n++ {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			x, dout := make([]float32, n), make([]float32, n)
			for i := range x {
				x[i] = float32(rng.NormFloat64())
				dout[i] = float32(rng.NormFloat64())
			}
			if n > 0 {
				x[0] = 0
			}
			out := make([]float32, n)
			reluInto(out, x)
			grad := make([]float32, n)
			for i := range grad {
				grad[i] = 1
			}
			reluGradAdd(grad, dout, out)
			for i, v := range x {
				want, wantGrad := float32(0), float32(1)
				if v > 0 {
					want, wantGrad = v, 1+dout[i]
				}
				if out[i] != want {
					t.Errorf("relu(%g) = %g, want %g", v, out[i], want)
				}
				if grad[i] != wantGrad {
					t.Errorf("gradient at %g = %g, want %g", v, grad[i], wantGrad)
				}
			}
		})
	}
}
