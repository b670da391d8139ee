package nn

import (
	"math"
	"math/rand"
	"testing"
)

// Tolerances of the finite-difference check. The forward pass runs in
// float32, so central differences with step gradStep carry a rounding
// error near 1e-7·|loss|/gradStep, about 1e-4 here.
const (
	gradStep   = 1e-2
	gradAbsTol = 3e-3
	gradRelTol = 3e-2
)

// checkGrad compares the gradients that Backward computes for inputs with
// central finite differences of loss = Σ f()·r, where r is a fixed random
// weighting so that every output value matters differently. f must
// rebuild its output from inputs on each call.
func checkGrad(t *testing.T, f func() *Tensor, inputs ...*Tensor) {
	t.Helper()
	for _, in := range inputs {
		in.requiresGrad = true
		in.Grad = nil
	}
	out := f()
	weights := RandN(rand.NewSource(99), 1, out.shape...)
	loss := func() float64 {
		var s float64
		var o *Tensor
		NoGrad(func() { o = f() })
		for i, v := range o.Data {
			s += float64(v) * float64(weights.Data[i])
		}
		return s
	}
	Sum(Mul(out, weights)).Backward()
	for k, in := range inputs {
		for i := range in.Data {
			orig := in.Data[i]
			in.Data[i] = orig + gradStep
			up := loss()
			in.Data[i] = orig - gradStep
			down := loss()
			in.Data[i] = orig
			want := (up - down) / (2 * gradStep)
			got := 0.0
			if in.Grad != nil {
				got = float64(in.Grad[i])
			}
			if math.Abs(got-want) > gradAbsTol+gradRelTol*math.Abs(want) {
				t.Errorf("input %d value %d: gradient %.6g, finite difference %.6g", k, i, got, want)
			}
		}
	}
}

// awayFromZero returns values in ±[0.2, 1.2), so ReLU and other kinks are
// farther than gradStep from every input.
func awayFromZero(seed int64, shape ...int) *Tensor {
	r := rand.New(rand.NewSource(seed))
	t := Zeros(shape...)
	for i := range t.Data {
		v := 0.2 + r.Float32()
		if r.Intn(2) == 0 {
			v = -v
		}
		t.Data[i] = v
	}
	return t
}

func TestGradients(t *testing.T) {
	a := func() *Tensor { return awayFromZero(1, 4, 3) }
	b := func() *Tensor { return awayFromZero(2, 4, 3) }
	row := func() *Tensor { return awayFromZero(3, 3) }
	positive := func() *Tensor { return RandU(rand.NewSource(4), 0.5, 2, 4, 3) }
	codes := func() *Tensor { return New([]float32{2, 0, 2, 4, 1}, 5) }
	tests := []struct {
		name   string
		inputs []*Tensor
		f      func(in []*Tensor) *Tensor
	}{
		{"Add same shape", []*Tensor{a(), b()}, func(in []*Tensor) *Tensor { return Add(in[0], in[1]) }},
		{"Add bias row", []*Tensor{a(), row()}, func(in []*Tensor) *Tensor { return Add(in[0], in[1]) }},
		{"Add scalar tensor", []*Tensor{a(), New([]float32{0.3}, 1)}, func(in []*Tensor) *Tensor { return Add(in[0], in[1]) }},
		{"Sub bias row", []*Tensor{a(), row()}, func(in []*Tensor) *Tensor { return Sub(in[0], in[1]) }},
		{"Mul same shape", []*Tensor{a(), b()}, func(in []*Tensor) *Tensor { return Mul(in[0], in[1]) }},
		{"Mul bias row", []*Tensor{a(), row()}, func(in []*Tensor) *Tensor { return Mul(in[0], in[1]) }},
		{"Scale", []*Tensor{a()}, func(in []*Tensor) *Tensor { return Scale(in[0], -1.5) }},
		{"AddScalar", []*Tensor{a()}, func(in []*Tensor) *Tensor { return AddScalar(in[0], 2) }},
		{"ReLU", []*Tensor{a()}, func(in []*Tensor) *Tensor { return ReLU(in[0]) }},
		{"Sigmoid", []*Tensor{a()}, func(in []*Tensor) *Tensor { return Sigmoid(in[0]) }},
		{"Tanh", []*Tensor{a()}, func(in []*Tensor) *Tensor { return Tanh(in[0]) }},
		{"Exp", []*Tensor{a()}, func(in []*Tensor) *Tensor { return Exp(in[0]) }},
		{"Log", []*Tensor{positive()}, func(in []*Tensor) *Tensor { return Log(in[0]) }},
		{"SigmoidRange", []*Tensor{a()}, func(in []*Tensor) *Tensor { return SigmoidRange(in[0], 0, 5.5) }},
		{"Reshape", []*Tensor{a()}, func(in []*Tensor) *Tensor { return Reshape(in[0], 3, -1) }},
		{"Column", []*Tensor{a()}, func(in []*Tensor) *Tensor { return Column(in[0], 1) }},
		{"Columns", []*Tensor{a()}, func(in []*Tensor) *Tensor { return Columns(in[0], 1, 3) }},
		{"Concat", []*Tensor{a(), awayFromZero(5, 4, 2)}, func(in []*Tensor) *Tensor { return Concat(in[0], in[1]) }},
		{"Sum", []*Tensor{a()}, func(in []*Tensor) *Tensor { return Sum(in[0]) }},
		{"Mean", []*Tensor{a()}, func(in []*Tensor) *Tensor { return Mean(in[0]) }},
		{"SumRows", []*Tensor{a()}, func(in []*Tensor) *Tensor { return SumRows(in[0]) }},
		{"MatMul", []*Tensor{a(), awayFromZero(6, 3, 5)}, func(in []*Tensor) *Tensor { return MatMul(in[0], in[1]) }},
		{"MSE", []*Tensor{a(), b()}, func(in []*Tensor) *Tensor { return MSE(in[0], in[1]) }},
		{"LogSoftmax", []*Tensor{a()}, func(in []*Tensor) *Tensor { return LogSoftmax(in[0]) }},
		{"CrossEntropy", []*Tensor{a()}, func(in []*Tensor) *Tensor {
			return CrossEntropy(in[0], New([]float32{0, 2, 1, 2}, 4))
		}},
		{"Lookup repeated codes", []*Tensor{awayFromZero(7, 5, 3)}, func(in []*Tensor) *Tensor {
			return Lookup(in[0], codes())
		}},
		{"Linear", []*Tensor{a(), awayFromZero(8, 3, 2), awayFromZero(10, 2)}, nil},
		{"BatchNorm1d training", []*Tensor{a(), row(), awayFromZero(9, 3)}, func(in []*Tensor) *Tensor {
			bn := NewBatchNorm1d(3)
			bn.Gamma, bn.Beta = in[1], in[2]
			return bn.Forward(in[0])
		}},
		{"BatchNorm1d evaluation", []*Tensor{a(), row(), awayFromZero(9, 3)}, func(in []*Tensor) *Tensor {
			bn := NewBatchNorm1d(3)
			bn.Gamma, bn.Beta = in[1], in[2]
			bn.RunMean = []float32{0.1, -0.2, 0.3}
			bn.RunVar = []float32{0.5, 2, 1}
			bn.SetTraining(false)
			return bn.Forward(in[0])
		}},
		{"Dropout seeded mask", []*Tensor{a()}, func(in []*Tensor) *Tensor {
			return NewDropout(rand.NewSource(3), 0.5).Forward(in[0])
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.f
			if f == nil {
				f = func(in []*Tensor) *Tensor { return (&Linear{W: in[1], B: in[2]}).Forward(in[0]) }
			}
			checkGrad(t, func() *Tensor { return f(tt.inputs) }, tt.inputs...)
		})
	}
}
