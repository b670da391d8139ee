package nn

import (
	"fmt"
	"math"
)

// broadcastLen checks that b can be broadcast over a, meaning that b has
// a's shape, a single value, or a's trailing dimensions (leading ones
// allowed), and returns b's length. It panics otherwise.
func broadcastLen(op string, a, b *Tensor) int {
	nb := len(b.Data)
	if nb == len(a.Data) || nb == 1 {
		return nb
	}
	bs := b.shape
	for len(bs) > 0 && bs[0] == 1 {
		bs = bs[1:]
	}
	if len(bs) <= len(a.shape) && sameShape(bs, a.shape[len(a.shape)-len(bs):]) {
		return nb
	}
	panic(fmt.Sprintf("nn: %s: shape %v cannot be broadcast over shape %v", op, b.shape, a.shape))
}

// Add returns a+b. b may have a's shape, be a single value, or match a's
// trailing dimensions, such as a bias row added to every row of a batch.
func Add(a, b *Tensor) *Tensor {
	nb := broadcastLen("Add", a, b)
	out := Zeros(a.shape...)
	for i, v := range a.Data {
		out.Data[i] = v + b.Data[i%nb]
	}
	return Record(out, func() {
		if a.requiresGrad {
			addInto(a.GradBuf(), out.Grad)
		}
		if b.requiresGrad {
			g := b.GradBuf()
			for i, d := range out.Grad {
				g[i%nb] += d
			}
		}
	}, a, b)
}

// Sub returns a-b, broadcasting b as [Add] does.
func Sub(a, b *Tensor) *Tensor {
	nb := broadcastLen("Sub", a, b)
	out := Zeros(a.shape...)
	for i, v := range a.Data {
		out.Data[i] = v - b.Data[i%nb]
	}
	return Record(out, func() {
		if a.requiresGrad {
			addInto(a.GradBuf(), out.Grad)
		}
		if b.requiresGrad {
			g := b.GradBuf()
			for i, d := range out.Grad {
				g[i%nb] -= d
			}
		}
	}, a, b)
}

// Mul returns the elementwise product a*b, broadcasting b as [Add] does.
func Mul(a, b *Tensor) *Tensor {
	nb := broadcastLen("Mul", a, b)
	out := Zeros(a.shape...)
	for i, v := range a.Data {
		out.Data[i] = v * b.Data[i%nb]
	}
	return Record(out, func() {
		if a.requiresGrad {
			g := a.GradBuf()
			for i, d := range out.Grad {
				g[i] += d * b.Data[i%nb]
			}
		}
		if b.requiresGrad {
			g := b.GradBuf()
			for i, d := range out.Grad {
				g[i%nb] += d * a.Data[i]
			}
		}
	}, a, b)
}

// Scale returns s*x.
func Scale(x *Tensor, s float32) *Tensor {
	out := Zeros(x.shape...)
	for i, v := range x.Data {
		out.Data[i] = s * v
	}
	return Record(out, func() {
		g := x.GradBuf()
		for i, d := range out.Grad {
			g[i] += s * d
		}
	}, x)
}

// AddScalar returns x+s.
func AddScalar(x *Tensor, s float32) *Tensor {
	out := Zeros(x.shape...)
	for i, v := range x.Data {
		out.Data[i] = v + s
	}
	return Record(out, func() { addInto(x.GradBuf(), out.Grad) }, x)
}

// mapUnary applies f to each value of x. df returns the derivative given
// the input value and the output value.
func mapUnary(x *Tensor, f func(float32) float32, df func(in, out float32) float32) *Tensor {
	out := Zeros(x.shape...)
	for i, v := range x.Data {
		out.Data[i] = f(v)
	}
	return Record(out, func() {
		g := x.GradBuf()
		for i, d := range out.Grad {
			g[i] += d * df(x.Data[i], out.Data[i])
		}
	}, x)
}

func sigmoid(v float32) float32 {
	return float32(1 / (1 + math.Exp(-float64(v))))
}

// Sigmoid returns 1/(1+exp(-x)) elementwise.
func Sigmoid(x *Tensor) *Tensor {
	return mapUnary(x, sigmoid, func(_, s float32) float32 { return s * (1 - s) })
}

// Tanh returns tanh(x) elementwise.
func Tanh(x *Tensor) *Tensor {
	return mapUnary(x, func(v float32) float32 { return float32(math.Tanh(float64(v))) },
		func(_, y float32) float32 { return 1 - y*y })
}

// Exp returns exp(x) elementwise.
func Exp(x *Tensor) *Tensor {
	return mapUnary(x, func(v float32) float32 { return float32(math.Exp(float64(v))) },
		func(_, y float32) float32 { return y })
}

// Log returns the natural logarithm of x elementwise.
func Log(x *Tensor) *Tensor {
	return mapUnary(x, func(v float32) float32 { return float32(math.Log(float64(v))) },
		func(in, _ float32) float32 { return 1 / in })
}

// SigmoidRange returns lo + (hi-lo)·sigmoid(x), squashing predictions into
// (lo, hi) as fastai's sigmoid_range does.
func SigmoidRange(x *Tensor, lo, hi float32) *Tensor {
	r := hi - lo
	return mapUnary(x, func(v float32) float32 { return lo + r*sigmoid(v) },
		func(_, y float32) float32 {
			s := (y - lo) / r
			return r * s * (1 - s)
		})
}

func addIntoGo(dst, src []float32) {
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] += v
	}
}

// scatterAddGo is the portable form of [scatterAdd].
func scatterAddGo(dst, src []float32, offsets []int32) {
	src = src[:len(offsets)]
	for i, off := range offsets {
		dst[off] += src[i]
	}
}

// scatterTileGo is the portable form of [scatterTile].
func scatterTileGo(dst, tile []float32, ld int, rowOff, colOff []int32) {
	for r, ro := range rowOff {
		scatterAdd(dst[ro:], tile[r*ld:r*ld+len(colOff)], colOff)
	}
}
