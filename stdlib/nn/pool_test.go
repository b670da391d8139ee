package nn

import (
	"fmt"
	"math"
	"math/rand"
	"testing"
)

// arange returns 0, 1, 2, ... in the given shape, like torch.arange.
func arange(shape ...int) *Tensor {
	t := Zeros(shape...)
	for i := range t.Data {
		t.Data[i] = float32(i)
	}
	return t
}

// distinctValues returns a random permutation of 0.05·(1..n) − n/40, so
// no two values are closer than 0.05 and max pooling has no ties within
// the finite-difference step.
func distinctValues(seed int64, shape ...int) *Tensor {
	t := Zeros(shape...)
	perm := rand.New(rand.NewSource(seed)).Perm(len(t.Data))
	for i, p := range perm {
		t.Data[i] = 0.05*float32(p+1) - float32(len(t.Data))/40
	}
	return t
}

func TestPoolValues(t *testing.T) {
	// Expected values printed by PyTorch 1.13.1's torch.nn.functional on the
	// same inputs (torch.arange(25.).reshape(1,1,5,5) and torch.ones(1,1,3,3)).
	const tol = 1e-6
	x5 := arange(1, 1, 5, 5)
	ones := Full(1, 1, 1, 3, 3)
	tests := []struct {
		name string
		got  *Tensor
		want []float32
	}{
		{"adaptive avg 5 to 3", AdaptiveAvgPool(x5, 3, 3), []float32{3, 4.5, 6, 10.5, 12, 13.5, 18, 19.5, 21}},
		{"adaptive max 5 to 3", AdaptiveMaxPool(x5, 3, 3), []float32{6, 8, 9, 16, 18, 19, 21, 23, 24}},
		{"max ks 3 stride 2 pad 1", MaxPool(x5, 3, 2, 1), []float32{6, 8, 9, 16, 18, 19, 21, 23, 24}},
		{"avg ks 2 stride 2 pad 1", AvgPool(x5, 2, 2, 1), []float32{0, 0.75, 1.75, 3.75, 9, 11, 8.75, 19, 21}},
		{"avg counts padding", AvgPool(ones, 3, 1, 1), []float32{4. / 9, 6. / 9, 4. / 9, 6. / 9, 1, 6. / 9, 4. / 9, 6. / 9, 4. / 9}},
		{"max 2x2 halves", MaxPool(arange(1, 1, 4, 4), 2, 2, 0), []float32{5, 7, 13, 15}},
		{"global avg", AdaptiveAvgPool(x5, 1, 1), []float32{12}},
		{"concat pool max then avg", AdaptiveConcatPool(x5, 1, 1), []float32{24, 12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.got.Data) != len(tt.want) {
				t.Fatalf("%d values %v, want %d", len(tt.got.Data), tt.got.Data, len(tt.want))
			}
			for i, w := range tt.want {
				if math.Abs(float64(tt.got.Data[i]-w)) > tol {
					t.Errorf("value %d = %g, want %g", i, tt.got.Data[i], w)
				}
			}
		})
	}
}

func TestPoolShapes(t *testing.T) {
	x := Zeros(2, 3, 7, 6)
	tests := []struct {
		name string
		got  *Tensor
		want []int
	}{
		{"max 2x2", NewMaxPool2d(2).Forward(x), []int{2, 3, 3, 3}},
		{"avg 3 stride 2", (&AvgPool2d{KS: 3, Stride: 2, Pad: 1}).Forward(x), []int{2, 3, 4, 3}},
		{"adaptive avg 1", NewAdaptiveAvgPool2d(1).Forward(x), []int{2, 3, 1, 1}},
		{"concat pool doubles channels", NewAdaptiveConcatPool2d(1).Forward(x), []int{2, 6, 1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if fmt.Sprint(tt.got.Shape()) != fmt.Sprint(tt.want) {
				t.Errorf("shape %v, want %v", tt.got.Shape(), tt.want)
			}
		})
	}
}

func TestPoolGradients(t *testing.T) {
	tests := []struct {
		name string
		f    func(x *Tensor) *Tensor
	}{
		{"max 2x2", func(x *Tensor) *Tensor { return MaxPool(x, 2, 2, 0) }},
		{"max overlapping pad 1", func(x *Tensor) *Tensor { return MaxPool(x, 3, 2, 1) }},
		{"avg 2x2", func(x *Tensor) *Tensor { return AvgPool(x, 2, 2, 0) }},
		{"avg pad 1", func(x *Tensor) *Tensor { return AvgPool(x, 3, 1, 1) }},
		{"adaptive avg 3", func(x *Tensor) *Tensor { return AdaptiveAvgPool(x, 3, 2) }},
		{"adaptive max 2", func(x *Tensor) *Tensor { return AdaptiveMaxPool(x, 2, 2) }},
		{"concat pool", func(x *Tensor) *Tensor { return AdaptiveConcatPool(x, 1, 1) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := distinctValues(7, 2, 2, 5, 5)
			checkGrad(t, func() *Tensor { return tt.f(x) }, x)
		})
	}
}
