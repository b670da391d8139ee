package nn

import (
	"fmt"
	"math"
	"math/rand"
)

// Linear is a fully connected layer y = x·W + b, with W of shape
// [in, out] and b of shape [out]. B may be nil for a layer without bias,
// as before a batch norm that adds its own shift.
type Linear struct {
	W, B *Tensor
}

// NewLinear returns a Linear layer initialised as PyTorch does: W and b
// drawn uniformly from ±1/√in (Kaiming uniform with a = √5), using src.
func NewLinear(src rand.Source, in, out int) *Linear {
	bound := float32(1 / math.Sqrt(float64(in)))
	return &Linear{
		W: Param(RandU(src, -bound, bound, in, out)),
		B: Param(RandU(src, -bound, bound, out)),
	}
}

// Forward returns x·W + b for x of shape [n, in].
func (l *Linear) Forward(x *Tensor) *Tensor {
	if l.B == nil {
		return MatMul(x, l.W)
	}
	return Add(MatMul(x, l.W), l.B)
}

// Parameters returns W and, unless it is nil, B.
func (l *Linear) Parameters() []*Tensor {
	if l.B == nil {
		return []*Tensor{l.W}
	}
	return []*Tensor{l.W, l.B}
}

// SetTraining does nothing: a linear layer behaves the same in both modes.
func (l *Linear) SetTraining(bool) {}

// Sequential applies its layers in order.
type Sequential struct {
	Layers []Module
}

// NewSequential returns a Sequential of layers.
func NewSequential(layers ...Module) *Sequential {
	return &Sequential{Layers: layers}
}

// Forward passes x through every layer.
func (s *Sequential) Forward(x *Tensor) *Tensor {
	for _, l := range s.Layers {
		x = l.Forward(x)
	}
	return x
}

// Parameters returns the parameters of all layers, in order.
func (s *Sequential) Parameters() []*Tensor { return Params(s.Layers...) }

// SetTraining sets the mode of every layer.
func (s *Sequential) SetTraining(training bool) { SetTraining(training, s.Layers...) }

// ReLULayer returns [ReLU] as a module for a [Sequential].
func ReLULayer() Module { return Func{F: ReLU} }

// Dropout zeroes each value with probability P in training mode and
// scales the kept ones by 1/(1-P) (inverted dropout), so evaluation mode
// is the identity.
type Dropout struct {
	P        float64
	rng      *rand.Rand
	training bool
}

// NewDropout returns a Dropout layer that draws its masks from src.
func NewDropout(src rand.Source, p float64) *Dropout {
	if p < 0 || p >= 1 {
		panic(fmt.Sprintf("nn: NewDropout: probability %v is outside [0, 1)", p))
	}
	return &Dropout{P: p, rng: rand.New(src), training: true}
}

// Forward applies the dropout mask in training mode and returns x as it
// is in evaluation mode.
func (d *Dropout) Forward(x *Tensor) *Tensor {
	if !d.training || d.P == 0 {
		return x
	}
	keep := float32(1 / (1 - d.P))
	mask := Zeros(x.shape...)
	for i := range mask.Data {
		if d.rng.Float64() >= d.P {
			mask.Data[i] = keep
		}
	}
	return Mul(x, mask)
}

// Parameters returns nil.
func (d *Dropout) Parameters() []*Tensor { return nil }

// SetTraining turns the mask on (training) or off.
func (d *Dropout) SetTraining(training bool) { d.training = training }
