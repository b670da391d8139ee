package nn

import (
	"fmt"
	"math"
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

// TestGatherPanelMatchesLoop checks the AVX2 gather of a packed panel
// against the portable loop on increasing offsets.
func TestGatherPanelMatchesLoop(t *testing.T) {
	src := make([]float32, 1000)
	for i := range src {
		src[i] = float32(i)
	}
	rowOff := []int32{0, 3, 40, 41, 500}
	cols := make([]int32, sgemmNR)
	for j := range cols {
		cols[j] = int32(j*j) / 2
	}
	got, want := make([]float32, len(rowOff)*sgemmNR), make([]float32, len(rowOff)*sgemmNR)
	gatherPanel(got, src, rowOff, cols)
	gatherPanelGo(want, src, rowOff, cols)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("value %d = %g, want %g", i, got[i], want[i])
		}
	}
}

// TestAddAndScatterMatchLoops checks addInto on every tail length after
// blocks of 8 and scatterAdd on increasing offsets.
func TestAddAndScatterMatchLoops(t *testing.T) {
	for n := 0; n <= 19; n++ {
		dst, src := make([]float32, n), make([]float32, n)
		for i := range dst {
			dst[i], src[i] = float32(i), float32(100*i)
		}
		addInto(dst, src)
		for i, v := range dst {
			if want := float32(101 * i); v != want {
				t.Errorf("length %d: value %d = %g, want %g", n, i, v, want)
			}
		}
	}

	dst := make([]float32, 10)
	scatterAdd(dst, []float32{1, 2, 3}, []int32{0, 4, 9})
	scatterAdd(dst, []float32{10}, []int32{4})
	want := []float32{1, 0, 0, 0, 12, 0, 0, 0, 0, 3}
	for i := range want {
		if dst[i] != want[i] {
			t.Errorf("scatter value %d = %g, want %g", i, dst[i], want[i])
		}
	}

	// 37 offsets fill two blocks of 16 of the AVX-512 loop and a tail.
	offsets, src := make([]int32, 37), make([]float32, 37)
	for i := range offsets {
		offsets[i], src[i] = int32(3*i+i%3), float32(i+1)
	}

	got, wantLoop := make([]float32, 200), make([]float32, 200)
	for i := range got {
		got[i], wantLoop[i] = float32(i), float32(i)
	}
	scatterAdd(got, src, offsets)
	scatterAddGo(wantLoop, src, offsets)
	for i := range wantLoop {
		if got[i] != wantLoop[i] {
			t.Errorf("long scatter value %d = %g, want %g", i, got[i], wantLoop[i])
		}
	}
}

// TestBatchNormKernelsMatchLoops checks the vector batch norm kernels
// against the portable loops on every tail length after blocks of 8.
func TestBatchNormKernelsMatchLoops(t *testing.T) {
	const tol = 1e-5 // float32 sums of at most 19 values below 3 in size
	rng := rand.New(rand.NewSource(2))
	near := func(a, b float32) bool { return math.Abs(float64(a-b)) <= tol }
	for n := 0; n <= 19; n++ {
		x, dy := make([]float32, n), make([]float32, n)
		for i := range x {
			x[i], dy[i] = float32(rng.NormFloat64()), float32(rng.NormFloat64())
		}
		got, want := make([]float32, n), make([]float32, n)
		affineInto(got, x, 1.5, -0.25)
		affineIntoGo(want, x, 1.5, -0.25)
		for i := range want {
			if !near(got[i], want[i]) {
				t.Errorf("length %d: affine value %d = %g, want %g", n, i, got[i], want[i])
			}
		}
		s, ss := sumSquares(x)
		ws, wss := sumSquaresGo(x)
		if !near(s, ws) || !near(ss, wss) {
			t.Errorf("length %d: sumSquares = %g, %g, want %g, %g", n, s, ss, ws, wss)
		}
		s, d := dotCentred(dy, x, 0.3)
		ws, wd := dotCentredGo(dy, x, 0.3)
		if !near(s, ws) || !near(d, wd) {
			t.Errorf("length %d: dotCentred = %g, %g, want %g, %g", n, s, d, ws, wd)
		}
		bnGradAdd(got, dy, x, 0.5, -2, 0.125)
		bnGradAddGo(want, dy, x, 0.5, -2, 0.125)
		for i := range want {
			if !near(got[i], want[i]) {
				t.Errorf("length %d: gradient value %d = %g, want %g", n, i, got[i], want[i])
			}
		}
	}
}

// TestOverwriteKernelsMatchLoops checks the kernels that write a fresh
// gradient against the portable loops on every tail length after blocks
// of 8.
func TestOverwriteKernelsMatchLoops(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	for n := 0; n <= 19; n++ {
		x, dy := make([]float32, n), make([]float32, n)
		for i := range x {
			x[i], dy[i] = float32(rng.NormFloat64()), float32(rng.NormFloat64())
		}
		got, want := make([]float32, n), make([]float32, n)
		reluGradSet(got, dy, x)
		reluGradSetGo(want, dy, x)
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("length %d: ReLU gradient %d = %g, want %g", n, i, got[i], want[i])
			}
		}
		bnGradSet(got, dy, x, 0.5, -2, 0.125)
		bnGradSetGo(want, dy, x, 0.5, -2, 0.125)
		for i := range want {
			if d := got[i] - want[i]; d > 1e-5 || d < -1e-5 {
				t.Errorf("length %d: batch norm gradient %d = %g, want %g", n, i, got[i], want[i])
			}
		}
	}
}

// TestScatterTileMatchesLoop checks the AVX-512 scatter of a tile, with
// full blocks of 16 columns and a masked tail, against the portable loop.
func TestScatterTileMatchesLoop(t *testing.T) {
	const ld = 40
	for _, cols := range []int{1, 16, 37} {
		rowOff := []int32{0, 2, 300, 301, 700}
		colOff := make([]int32, cols)
		for q := range colOff {
			colOff[q] = int32(3*q + q%3)
		}
		tile := make([]float32, len(rowOff)*ld)
		for i := range tile {
			tile[i] = float32(i%7) - 3
		}
		got, want := make([]float32, 1000), make([]float32, 1000)
		for i := range got {
			got[i], want[i] = float32(i), float32(i)
		}
		scatterTile(got, tile, ld, rowOff, colOff)
		scatterTileGo(want, tile, ld, rowOff, colOff)
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%d columns: value %d = %g, want %g", cols, i, got[i], want[i])
			}
		}
	}
}
