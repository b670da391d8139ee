package nn

import (
	"fmt"
	"math"
	"math/rand"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Tensor is a row-major array of float32 values with a shape and, when it
// takes part in training, a gradient of the same size and a link to the op
// that produced it.
//
// Data and Grad are exported so that ops and optimizers can work on the
// raw slices. Grad is nil until the backward pass first writes to it (see
// [Tensor.GradBuf]).
type Tensor struct {
	Data []float32
	Grad []float32

	shape        []int
	requiresGrad bool

	// parents and backward record the op that produced the tensor. They
	// are nil for leaves and for tensors computed without gradients.
	parents  []*Tensor
	backward func()
	// backpropagated is set on an op's output once Backward has run
	// through it and released its graph.
	backpropagated bool
}

// New returns a tensor that uses data (without copying) with the given
// shape. It panics if the shape does not hold exactly len(data) values.
func New(data []float32, shape ...int) *Tensor {
	n := numel(shape)
	if n != len(data) {
		panic(fmt.Sprintf("nn: New: shape %v has %d values, data has %d", shape, n, len(data)))
	}
	return &Tensor{Data: data, shape: append([]int(nil), shape...)}
}

// Zeros returns a tensor of the given shape filled with zeros.
func Zeros(shape ...int) *Tensor {
	return New(make([]float32, numel(shape)), shape...)
}

// Full returns a tensor of the given shape filled with v.
func Full(v float32, shape ...int) *Tensor {
	t := Zeros(shape...)
	for i := range t.Data {
		t.Data[i] = v
	}
	return t
}

// FromFloat64 returns a tensor holding data converted to float32.
func FromFloat64(data []float64, shape ...int) *Tensor {
	out := make([]float32, len(data))
	for i, v := range data {
		out[i] = float32(v)
	}
	return New(out, shape...)
}

// RandN returns a tensor of normal values with mean 0 and standard
// deviation std, drawn from src.
func RandN(src rand.Source, std float32, shape ...int) *Tensor {
	r := rand.New(src)
	t := Zeros(shape...)
	for i := range t.Data {
		t.Data[i] = float32(r.NormFloat64()) * std
	}
	return t
}

// RandU returns a tensor of values drawn uniformly from [lo, hi) by src.
func RandU(src rand.Source, lo, hi float32, shape ...int) *Tensor {
	r := rand.New(src)
	t := Zeros(shape...)
	for i := range t.Data {
		t.Data[i] = lo + (hi-lo)*r.Float32()
	}
	return t
}

// Param marks t as a trainable parameter: a leaf whose gradient the
// backward pass accumulates. It returns t.
func Param(t *Tensor) *Tensor {
	t.requiresGrad = true
	return t
}

func numel(shape []int) int {
	n := 1
	for _, d := range shape {
		if d < 0 {
			panic(fmt.Sprintf("nn: negative dimension in shape %v", shape))
		}
		n *= d
	}
	return n
}

// Shape returns the dimensions of t. Callers must not modify the slice.
func (t *Tensor) Shape() []int { return t.shape }

// Dim returns the size of dimension i. A negative i counts from the end.
func (t *Tensor) Dim(i int) int {
	if i < 0 {
		i += len(t.shape)
	}
	return t.shape[i]
}

// Rank returns the number of dimensions of t.
func (t *Tensor) Rank() int { return len(t.shape) }

// Len returns the number of values in t.
func (t *Tensor) Len() int { return len(t.Data) }

// Item returns the only value of a one-value tensor, such as a loss.
func (t *Tensor) Item() float32 {
	if len(t.Data) != 1 {
		panic(fmt.Sprintf("nn: Item: tensor of shape %v has %d values, expected 1", t.shape, len(t.Data)))
	}
	return t.Data[0]
}

// At returns the value at the given index, one coordinate per dimension.
func (t *Tensor) At(index ...int) float32 {
	return t.Data[t.offset(index)]
}

// Set stores v at the given index.
func (t *Tensor) Set(v float32, index ...int) {
	t.Data[t.offset(index)] = v
}

func (t *Tensor) offset(index []int) int {
	if len(index) != len(t.shape) {
		panic(fmt.Sprintf("nn: index %v has %d coordinates, tensor has rank %d", index, len(index), len(t.shape)))
	}
	off := 0
	for i, x := range index {
		if x < 0 || x >= t.shape[i] {
			panic(fmt.Sprintf("nn: index %v out of range for shape %v", index, t.shape))
		}
		off = off*t.shape[i] + x
	}
	return off
}

// RequiresGrad reports whether the backward pass computes a gradient for t.
func (t *Tensor) RequiresGrad() bool { return t.requiresGrad }

// SetRequiresGrad turns gradient tracking of a leaf tensor on or off.
func (t *Tensor) SetRequiresGrad(on bool) { t.requiresGrad = on }

// GradBuf returns t.Grad, allocating it filled with zeros on first use.
// Backward functions of ops add into it.
func (t *Tensor) GradBuf() []float32 {
	if t.Grad == nil {
		// A released gradient of an earlier step is usually at hand, and
		// reusing it saves the page faults of fresh memory.
		t.Grad = getBuf(len(t.Data))
		clear(t.Grad)
	}
	return t.Grad
}

// gradForWrite returns t's gradient buffer for an op's backward pass and
// reports whether the op must overwrite it. When t has no gradient yet,
// the buffer comes uncleared from the scratch pool, so the op must write
// every value instead of adding into it.
func (t *Tensor) gradForWrite() (g []float32, overwrite bool) {
	if t.Grad == nil {
		t.Grad = getBuf(len(t.Data))
		return t.Grad, true
	}
	return t.Grad, false
}

// ZeroGrad sets every value of t.Grad to zero, if it has been allocated.
func (t *Tensor) ZeroGrad() {
	for i := range t.Grad {
		t.Grad[i] = 0
	}
}

// Detach returns a tensor that shares t's data but is cut from the graph,
// so no gradient flows back through it.
func (t *Tensor) Detach() *Tensor {
	return &Tensor{Data: t.Data, shape: t.shape}
}

// Clone returns a deep copy of t's data and shape, cut from the graph.
func (t *Tensor) Clone() *Tensor {
	return New(append([]float32(nil), t.Data...), t.shape...)
}

// Float64s returns t's values converted to float64.
func (t *Tensor) Float64s() []float64 {
	out := make([]float64, len(t.Data))
	for i, v := range t.Data {
		out[i] = float64(v)
	}
	return out
}

// Row returns a copy of row i of a two-dimensional tensor.
func (t *Tensor) Row(i int) []float32 {
	if len(t.shape) != 2 {
		panic(fmt.Sprintf("nn: Row: tensor of shape %v is not two-dimensional", t.shape))
	}
	c := t.shape[1]
	return append([]float32(nil), t.Data[i*c:(i+1)*c]...)
}

// String formats the shape and up to 8 leading values of t.
func (t *Tensor) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Tensor%v[", t.shape)
	for i, v := range t.Data {
		if i == 8 {
			b.WriteString(" ...")
			break
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.4g", v)
	}
	b.WriteByte(']')
	return b.String()
}

// sameShape reports whether a and b have equal dimensions.
func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// isFinite reports whether v is neither NaN nor infinite.
func isFinite(v float32) bool {
	return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0)
}

// Dense returns a copy of the two-dimensional t as a gonum matrix, for
// models such as random forests that take float64 matrices.
func (t *Tensor) Dense() *mat.Dense {
	if len(t.shape) != 2 {
		panic(fmt.Sprintf("nn: Dense: tensor of shape %v is not two-dimensional", t.shape))
	}
	return mat.NewDense(t.shape[0], t.shape[1], t.Float64s())
}
