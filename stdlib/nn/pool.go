package nn

import (
	"fmt"
	"math"
)

// poolSpan is the input range [lo, hi) one output row or column of a
// pooling window covers, clipped to the input. size is the window's length
// counting padding, the divisor PyTorch's avg_pool2d uses by default
// (count_include_pad=True).
type poolSpan struct{ lo, hi, size int }

// poolPlan is the geometry of a pooling op on an NCHW batch: the spans of
// every output row and column.
type poolPlan struct {
	n, c, h, w int
	rows, cols []poolSpan
}

// windowSpans returns the spans of a sliding window of size ks over n
// pixels padded with pad on both sides.
func windowSpans(n, ks, stride, pad int) []poolSpan {
	out := make([]poolSpan, ConvOutSize(n, ks, stride, pad))
	for i := range out {
		start := i*stride - pad
		end := min(start+ks, n+pad)
		out[i] = poolSpan{lo: max(start, 0), hi: min(end, n), size: end - start}
	}
	return out
}

// adaptiveSpans returns the spans that split n pixels into out bins as
// PyTorch's adaptive pooling does: bin i covers ⌊i·n/out⌋ to ⌈(i+1)·n/out⌉.
func adaptiveSpans(n, out int) []poolSpan {
	spans := make([]poolSpan, out)
	for i := range spans {
		lo := i * n / out
		hi := ((i+1)*n + out - 1) / out
		spans[i] = poolSpan{lo: lo, hi: hi, size: hi - lo}
	}
	return spans
}

func newPoolPlan(op string, x *Tensor, rows, cols func(n int) []poolSpan) poolPlan {
	if x.Rank() != 4 {
		panic(fmt.Sprintf("nn: %s: input shape %v, expected [N, C, H, W]", op, x.shape))
	}
	p := poolPlan{n: x.shape[0], c: x.shape[1], h: x.shape[2], w: x.shape[3]}
	p.rows, p.cols = rows(p.h), cols(p.w)
	if len(p.rows) < 1 || len(p.cols) < 1 {
		panic(fmt.Sprintf("nn: %s: the window does not fit the %d×%d input", op, p.h, p.w))
	}
	for _, s := range append(append([]poolSpan(nil), p.rows...), p.cols...) {
		if s.hi <= s.lo {
			panic(fmt.Sprintf("nn: %s: a window lies entirely in the padding of the %d×%d input", op, p.h, p.w))
		}
	}
	return p
}

func (p poolPlan) outShape() []int { return []int{p.n, p.c, len(p.rows), len(p.cols)} }

// maxPool returns the pooled maxima and, for each output, the offset of
// the maximum within its input plane.
func (p poolPlan) maxPool(x []float32) (out []float32, arg []int32) {
	oh, ow := len(p.rows), len(p.cols)
	out = make([]float32, p.n*p.c*oh*ow)
	arg = make([]int32, len(out))
	for plane := 0; plane < p.n*p.c; plane++ {
		in := x[plane*p.h*p.w:][:p.h*p.w]
		for oy, r := range p.rows {
			for ox, c := range p.cols {
				best, at := float32(math.Inf(-1)), r.lo*p.w+c.lo
				for y := r.lo; y < r.hi; y++ {
					for xx := c.lo; xx < c.hi; xx++ {
						if v := in[y*p.w+xx]; v > best {
							best, at = v, y*p.w+xx
						}
					}
				}
				i := (plane*oh+oy)*ow + ox
				out[i], arg[i] = best, int32(at)
			}
		}
	}
	return out, arg
}

// avgPool returns the window means, each sum divided by the span sizes.
func (p poolPlan) avgPool(x []float32) []float32 {
	oh, ow := len(p.rows), len(p.cols)
	out := make([]float32, p.n*p.c*oh*ow)
	for plane := 0; plane < p.n*p.c; plane++ {
		in := x[plane*p.h*p.w:][:p.h*p.w]
		for oy, r := range p.rows {
			for ox, c := range p.cols {
				var s float32
				for y := r.lo; y < r.hi; y++ {
					for _, v := range in[y*p.w+c.lo : y*p.w+c.hi] {
						s += v
					}
				}
				out[(plane*oh+oy)*ow+ox] = s / float32(r.size*c.size)
			}
		}
	}
	return out
}

// avgPoolBackward spreads each output gradient evenly over its window.
func (p poolPlan) avgPoolBackward(dout, dx []float32) {
	oh, ow := len(p.rows), len(p.cols)
	for plane := 0; plane < p.n*p.c; plane++ {
		g := dx[plane*p.h*p.w:][:p.h*p.w]
		for oy, r := range p.rows {
			for ox, c := range p.cols {
				d := dout[(plane*oh+oy)*ow+ox] / float32(r.size*c.size)
				for y := r.lo; y < r.hi; y++ {
					for xx := c.lo; xx < c.hi; xx++ {
						g[y*p.w+xx] += d
					}
				}
			}
		}
	}
}

func (p poolPlan) runMax(x *Tensor) *Tensor {
	data, arg := p.maxPool(x.Data)
	out := New(data, p.outShape()...)
	per := len(p.rows) * len(p.cols)
	return Record(out, func() {
		dx := x.GradBuf()
		for i, d := range out.Grad {
			dx[(i/per)*p.h*p.w+int(arg[i])] += d
		}
	}, x)
}

func (p poolPlan) runAvg(x *Tensor) *Tensor {
	out := New(p.avgPool(x.Data), p.outShape()...)
	return Record(out, func() { p.avgPoolBackward(out.Grad, x.GradBuf()) }, x)
}

// MaxPool returns the maximum of each ks×ks window of x [N, C, H, W],
// moving stride pixels at a time over x padded with pad on every side.
// Padding never wins, as if it held −∞.
func MaxPool(x *Tensor, ks, stride, pad int) *Tensor {
	spans := func(n int) []poolSpan { return windowSpans(n, ks, stride, pad) }
	return newPoolPlan("MaxPool", x, spans, spans).runMax(x)
}

// AvgPool returns the mean of each ks×ks window of x [N, C, H, W]. Windows
// that reach into the padding divide by the full window size, as PyTorch's
// avg_pool2d does by default.
func AvgPool(x *Tensor, ks, stride, pad int) *Tensor {
	spans := func(n int) []poolSpan { return windowSpans(n, ks, stride, pad) }
	return newPoolPlan("AvgPool", x, spans, spans).runAvg(x)
}

// AdaptiveAvgPool returns the means of x [N, C, H, W] over an outH×outW
// grid of bins that together cover the input, so the output size does not
// depend on H and W. With outH = outW = 1 it averages each channel.
func AdaptiveAvgPool(x *Tensor, outH, outW int) *Tensor {
	return newPoolPlan("AdaptiveAvgPool", x,
		func(n int) []poolSpan { return adaptiveSpans(n, outH) },
		func(n int) []poolSpan { return adaptiveSpans(n, outW) }).runAvg(x)
}

// AdaptiveMaxPool returns the maxima of x [N, C, H, W] over an outH×outW
// grid of bins, like [AdaptiveAvgPool].
func AdaptiveMaxPool(x *Tensor, outH, outW int) *Tensor {
	return newPoolPlan("AdaptiveMaxPool", x,
		func(n int) []poolSpan { return adaptiveSpans(n, outH) },
		func(n int) []poolSpan { return adaptiveSpans(n, outW) }).runMax(x)
}

// AdaptiveConcatPool returns [AdaptiveMaxPool] and [AdaptiveAvgPool] of x
// joined along the channels, max first as in fastai's AdaptiveConcatPool2d,
// so the output has twice the channels of x.
func AdaptiveConcatPool(x *Tensor, outH, outW int) *Tensor {
	mx, avg := AdaptiveMaxPool(x, outH, outW), AdaptiveAvgPool(x, outH, outW)
	n := x.Dim(0)
	// A row of an NCHW batch flattened to [N, C·H·W] is channel-major, so
	// joining the rows joins the channels.
	joined := Concat(Reshape(mx, n, -1), Reshape(avg, n, -1))
	return Reshape(joined, n, 2*x.Dim(1), outH, outW)
}
