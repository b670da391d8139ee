package nn

import (
	"strings"
	"testing"
)

// TestBackwardReleasesOpGradients checks that Backward leaves the
// gradient of a leaf in place and releases those of the tensors that ops
// produced, and that a second step reusing released buffers starts from
// zero.
func TestBackwardReleasesOpGradients(t *testing.T) {
	w := Param(New([]float32{1, -2, 3}, 3))
	for step := 0; step < 2; step++ {
		w.ZeroGrad()
		hidden := Scale(w, 2)
		loss := Sum(ReLU(hidden))
		loss.Backward()
		if hidden.Grad != nil {
			t.Errorf("step %d: gradient of an op's output kept: %v", step, hidden.Grad)
		}
		want := []float32{2, 0, 2}
		for i, g := range w.Grad {
			if g != want[i] {
				t.Errorf("step %d: weight gradient %d = %g, want %g", step, i, g, want[i])
			}
		}
	}
}

// TestOpsAccumulateIntoGradient checks that the ops which overwrite a
// fresh input gradient add into one that already holds values: a second
// backward pass without zeroing must double the first one's gradient.
func TestOpsAccumulateIntoGradient(t *testing.T) {
	const tol = 1e-4 // float32 rounding of sums of at most 36 products
	ops := []struct {
		name string
		f    func(x *Tensor) *Tensor
	}{
		{"ReLU", ReLU},
		{"BatchNorm2d", func(x *Tensor) *Tensor { return NewBatchNorm2d(4).Forward(x) }},
		{"Conv", func(x *Tensor) *Tensor { return Conv(x, awayFromZero(2, 3, 4, 3, 3), nil, 2, 1) }},
	}
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			x := Param(awayFromZero(1, 16, 4, 9, 9))
			weights := awayFromZero(3, op.f(x).Shape()...)
			Sum(Mul(op.f(x), weights)).Backward()
			first := append([]float32(nil), x.Grad...)
			Sum(Mul(op.f(x), weights)).Backward()
			for i, g := range x.Grad {
				if d := g - 2*first[i]; d > tol || d < -tol {
					t.Fatalf("gradient %d after two passes = %g, want 2 × %g", i, g, first[i])
				}
			}
		})
	}
}

func TestBackwardTwiceOnSameLoss(t *testing.T) {
	w := Param(New([]float32{1, -2, 3}, 3))
	loss := Sum(Scale(w, 2))
	loss.Backward()
	defer func() {
		msg, _ := recover().(string)
		if !strings.Contains(msg, "already released") {
			t.Errorf("second Backward on the same loss: panic %q, want one that says the graph was already released", msg)
		}
		for i, g := range w.Grad {
			if g != 2 {
				t.Errorf("weight gradient %d = %g after the rejected second Backward, want 2", i, g)
			}
		}
	}()
	loss.Backward()
}
