package nn

import (
	"fmt"
	"math"
	"math/rand"
)

// Conv returns the 2-D convolution of x [N, C, H, W] with the filters w
// [O, C, KH, KW] plus the bias b [O] (nil for none). The filters move
// stride pixels at a time over x padded with pad zeros on every side.
// The output has shape [N, O, OH, OW] with OH = ⌊(H + 2·pad − KH)/stride⌋ + 1.
// Like PyTorch's conv2d, Conv does not flip the filters.
//
// It runs as one matrix product per batch with the filters as one operand
// and the im2col matrix of x as the other, gathered block by block from a
// padded copy of x. The images are split between GOMAXPROCS threads.
func Conv(x, w, b *Tensor, stride, pad int) *Tensor {
	g := convGeomOf(x, w, b, stride, pad)
	pl := planFor(g)
	out := Zeros(g.N, g.O, g.OutH(), g.OutW())
	var bias []float32
	parents := []*Tensor{x, w}
	if b != nil {
		bias = b.Data
		parents = append(parents, b)
	}
	xp := convForward(pl, x.Data, w.Data, bias, out.Data)
	out = Record(out, func() {
		var dx, dw, db []float32
		overwrite := false
		if x.requiresGrad {
			dx, overwrite = x.gradForWrite()
		}
		if w.requiresGrad {
			dw = w.GradBuf()
		}
		if b != nil && b.requiresGrad {
			db = b.GradBuf()
		}
		convBackward(pl, xp, w.Data, out.Grad, dx, overwrite, dw, db)
		putBuf(xp)
	}, parents...)
	if !out.requiresGrad {
		putBuf(xp) // no backward pass will read it
	}
	return out
}

func convGeomOf(x, w, b *Tensor, stride, pad int) ConvGeom {
	if x.Rank() != 4 || w.Rank() != 4 || x.shape[1] != w.shape[1] {
		panic(fmt.Sprintf("nn: Conv: input shape %v and weight shape %v do not match, "+
			"expected [N, C, H, W] and [O, C, KH, KW]", x.shape, w.shape))
	}
	if b != nil && (b.Rank() != 1 || b.shape[0] != w.shape[0]) {
		panic(fmt.Sprintf("nn: Conv: bias shape %v, expected [%d]", b.shape, w.shape[0]))
	}
	if stride < 1 || pad < 0 {
		panic(fmt.Sprintf("nn: Conv: stride %d must be at least 1 and pad %d at least 0", stride, pad))
	}
	g := ConvGeom{
		N: x.shape[0], C: x.shape[1], H: x.shape[2], W: x.shape[3],
		O: w.shape[0], KH: w.shape[2], KW: w.shape[3],
		Stride: stride, Pad: pad,
	}
	g.check()
	return g
}

// Conv2d is a 2-D convolution layer with learnable filters W [out, in, ks,
// ks] and, unless it was built without one, a bias B [out].
type Conv2d struct {
	W, B        *Tensor
	Stride, Pad int
}

// NewConv2d returns a Conv2d layer from in to out channels with a ks×ks
// kernel, initialised as PyTorch does: W and B uniform in ±1/√(in·ks·ks)
// (Kaiming uniform with a = √5), drawn from src. With bias false the layer
// has no B, as before a batch norm.
func NewConv2d(src rand.Source, in, out, ks, stride, pad int, bias bool) *Conv2d {
	if in < 1 || out < 1 || ks < 1 {
		panic(fmt.Sprintf("nn: NewConv2d: in %d, out %d and ks %d must be positive", in, out, ks))
	}
	bound := float32(1 / math.Sqrt(float64(in*ks*ks)))
	c := &Conv2d{W: Param(RandU(src, -bound, bound, out, in, ks, ks)), Stride: stride, Pad: pad}
	if bias {
		c.B = Param(RandU(src, -bound, bound, out))
	}
	return c
}

// Forward returns the convolution of x [N, in, H, W].
func (c *Conv2d) Forward(x *Tensor) *Tensor { return Conv(x, c.W, c.B, c.Stride, c.Pad) }

// Parameters returns W and, when the layer has one, B.
func (c *Conv2d) Parameters() []*Tensor {
	if c.B == nil {
		return []*Tensor{c.W}
	}
	return []*Tensor{c.W, c.B}
}

// SetTraining does nothing: a convolution behaves the same in both modes.
func (c *Conv2d) SetTraining(bool) {}

// String describes the layer in PyTorch's style.
func (c *Conv2d) String() string {
	s := c.W.shape
	return fmt.Sprintf("Conv2d(%d, %d, kernel_size=(%d, %d), stride=(%d, %d), padding=(%d, %d), bias=%v)",
		s[1], s[0], s[2], s[3], c.Stride, c.Stride, c.Pad, c.Pad, c.B != nil)
}
