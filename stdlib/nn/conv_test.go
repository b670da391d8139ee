package nn

import (
	"fmt"
	"math"
	"math/rand"
	"runtime"
	"testing"
)

// naiveConv is the direct six-loop convolution that Conv must match.
func naiveConv(x, w, b *Tensor, stride, pad int) *Tensor {
	n, c, h, wd := x.shape[0], x.shape[1], x.shape[2], x.shape[3]
	o, kh, kw := w.shape[0], w.shape[2], w.shape[3]
	oh, ow := ConvOutSize(h, kh, stride, pad), ConvOutSize(wd, kw, stride, pad)
	out := Zeros(n, o, oh, ow)
	for in := 0; in < n; in++ {
		for f := 0; f < o; f++ {
			for y := 0; y < oh; y++ {
				for xx := 0; xx < ow; xx++ {
					var s float32
					if b != nil {
						s = b.Data[f]
					}
					for ch := 0; ch < c; ch++ {
						for i := 0; i < kh; i++ {
							for j := 0; j < kw; j++ {
								iy, ix := y*stride-pad+i, xx*stride-pad+j
								if iy >= 0 && iy < h && ix >= 0 && ix < wd {
									s += x.At(in, ch, iy, ix) * w.At(f, ch, i, j)
								}
							}
						}
					}
					out.Set(s, in, f, y, xx)
				}
			}
		}
	}
	return out
}

var convCases = []struct {
	name             string
	n, c, h, w, o, k int
	stride, pad      int
	bias             bool
}{
	{"3x3 pad 1", 2, 1, 6, 6, 3, 3, 1, 1, true},
	{"3x3 stride 2 pad 1", 2, 2, 7, 7, 3, 3, 2, 1, true},
	{"5x5 stride 2 no bias", 1, 3, 9, 8, 2, 5, 2, 2, false},
	{"4x4 pad 2 on 5x5", 1, 1, 5, 5, 1, 4, 1, 2, true},
	{"1x1", 2, 4, 3, 3, 5, 1, 1, 0, true},
	{"wide stride 3", 1, 2, 10, 10, 2, 3, 3, 0, true},
}

func TestConvMatchesNaive(t *testing.T) {
	const tol = 1e-4 // float32 sums of at most 75 products of values below 1.2
	for _, tc := range convCases {
		t.Run(tc.name, func(t *testing.T) {
			x := awayFromZero(1, tc.n, tc.c, tc.h, tc.w)
			w := awayFromZero(2, tc.o, tc.c, tc.k, tc.k)
			var b *Tensor
			if tc.bias {
				b = awayFromZero(3, tc.o)
			}
			got, want := Conv(x, w, b, tc.stride, tc.pad), naiveConv(x, w, b, tc.stride, tc.pad)
			if fmt.Sprint(got.shape) != fmt.Sprint(want.shape) {
				t.Fatalf("shape %v, want %v", got.shape, want.shape)
			}
			for i := range got.Data {
				if math.Abs(float64(got.Data[i]-want.Data[i])) > tol {
					t.Fatalf("value %d = %g, want %g", i, got.Data[i], want.Data[i])
				}
			}
		})
	}
}

func TestConvGradients(t *testing.T) {
	for _, tc := range convCases {
		t.Run(tc.name, func(t *testing.T) {
			x := awayFromZero(1, tc.n, tc.c, tc.h, tc.w)
			w := awayFromZero(2, tc.o, tc.c, tc.k, tc.k)
			inputs := []*Tensor{x, w}
			var b *Tensor
			if tc.bias {
				b = awayFromZero(3, tc.o)
				inputs = append(inputs, b)
			}
			checkGrad(t, func() *Tensor { return Conv(x, w, b, tc.stride, tc.pad) }, inputs...)
		})
	}
}

func TestConvOutSize(t *testing.T) {
	// Sizes from fastbook chapter 13: padding ks/2 keeps the size at stride
	// 1, stride 2 with pad 1 gives (n+1)/2, and a 5×5 input with a 4×4
	// kernel and pad 2 gives 6×6.
	tests := []struct {
		name               string
		n, ks, stride, pad int
		want               int
	}{
		{"no pad", 28, 3, 1, 0, 26},
		{"same pad", 28, 3, 1, 1, 28},
		{"stride 2 even", 28, 3, 2, 1, 14},
		{"stride 2 odd", 7, 3, 2, 1, 4},
		{"4x4 pad 2", 5, 4, 1, 2, 6},
		{"5x5 stride 2", 28, 5, 2, 2, 14},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ConvOutSize(tt.n, tt.ks, tt.stride, tt.pad); got != tt.want {
				t.Errorf("ConvOutSize(%d, %d, %d, %d) = %d, want %d", tt.n, tt.ks, tt.stride, tt.pad, got, tt.want)
			}
		})
	}
}

func TestConv2dParamCount(t *testing.T) {
	// Parameter counts of fastbook chapter 13's simple_cnn layers.
	tests := []struct {
		in, out, want int
	}{
		{1, 4, 40}, {4, 8, 296}, {8, 16, 1168}, {16, 32, 4640}, {32, 2, 578},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d to %d", tt.in, tt.out), func(t *testing.T) {
			c := NewConv2d(rand.NewSource(1), tt.in, tt.out, 3, 2, 1, true)
			if got := NumParams(c); got != tt.want {
				t.Errorf("NumParams = %d, want %d", got, tt.want)
			}
		})
	}
}

func BenchmarkConvForwardBackward(b *testing.B) {
	// The second conv of the MNIST CNN on a batch of 64: 8→16 channels, 14×14 → 7×7.
	x := RandN(rand.NewSource(1), 1, 64, 8, 14, 14)
	w := Param(RandN(rand.NewSource(2), 0.1, 16, 8, 3, 3))
	bias := Param(Zeros(16))
	x.SetRequiresGrad(true)
	for i := 0; i < b.N; i++ {
		Sum(Conv(x, w, bias, 2, 1)).Backward()
	}
}

func BenchmarkConvForwardBackward2x2(b *testing.B) {
	// The last conv of the MNIST CNN on a batch of 64: 64→10 channels, 2×2 → 1×1.
	x := RandN(rand.NewSource(1), 1, 64, 64, 2, 2)
	w := Param(RandN(rand.NewSource(2), 0.1, 10, 64, 3, 3))
	bias := Param(Zeros(10))
	x.SetRequiresGrad(true)
	for i := 0; i < b.N; i++ {
		Sum(Conv(x, w, bias, 2, 1)).Backward()
	}
}

// TestConvParallelMatchesSerial runs a batch large enough for the forward
// and backward passes to split its images between two threads, and
// checks the output against naiveConv and the gradients against a run on
// one thread.
func TestConvParallelMatchesSerial(t *testing.T) {
	const tol = 1e-4 // float32 sums of at most 36 products of values below 1.2
	run := func(procs int) (out, dx, dw, db []float32) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		x := Param(awayFromZero(1, 16, 4, 15, 15))
		w := Param(awayFromZero(2, 8, 4, 3, 3))
		b := Param(awayFromZero(3, 8))
		y := Conv(x, w, b, 2, 1)
		Sum(Mul(y, awayFromZero(4, y.Shape()...))).Backward()
		if procs == 2 {
			want := naiveConv(x, w, b, 2, 1)
			for i := range want.Data {
				if d := math.Abs(float64(y.Data[i] - want.Data[i])); d > tol {
					t.Fatalf("output %d = %g, naive convolution gives %g", i, y.Data[i], want.Data[i])
				}
			}
		}
		return y.Data, x.Grad, w.Grad, b.Grad
	}
	serial := [][]float32{}
	o, dx, dw, db := run(1)
	serial = append(serial, o, dx, dw, db)
	o, dx, dw, db = run(2)
	for k, par := range [][]float32{o, dx, dw, db} {
		name := []string{"output", "input gradient", "weight gradient", "bias gradient"}[k]
		for i := range par {
			if d := math.Abs(float64(par[i] - serial[k][i])); d > tol*(1+math.Abs(float64(serial[k][i]))) {
				t.Fatalf("%s %d: 2 threads give %g, 1 thread %g", name, i, par[i], serial[k][i])
			}
		}
	}
}
