package nn

import "math"

// ReLU returns max(x, 0) elementwise. On amd64 with AVX2 a NaN input
// stays NaN, as in PyTorch. The portable loop keeps a NaN whose sign bit
// is clear and maps the others to 0.
func ReLU(x *Tensor) *Tensor {
	out := &Tensor{Data: make([]float32, len(x.Data)), shape: x.shape}
	parallelRows(x, func(lo, hi int) { reluInto(out.Data[lo:hi], x.Data[lo:hi]) })
	return Record(out, func() {
		g, overwrite := x.gradForWrite()
		parallelRows(x, func(lo, hi int) {
			if overwrite {
				reluGradSet(g[lo:hi], out.Grad[lo:hi], out.Data[lo:hi])
			} else {
				reluGradAdd(g[lo:hi], out.Grad[lo:hi], out.Data[lo:hi])
			}
		})
	}, x)
}

// parallelRows runs f on ranges [lo, hi) of the values of x that hold
// whole rows of its first dimension, such as whole images of a batch,
// split between GOMAXPROCS threads when x holds at least 1<<16 values.
func parallelRows(x *Tensor, f func(lo, hi int)) {
	rows := 1
	if len(x.shape) > 0 {
		rows = x.shape[0]
	}
	if rows == 0 {
		return
	}
	width := len(x.Data) / rows
	parallelRanges(rows, chunkCount(len(x.Data), 1<<16), func(_, lo, hi int) { f(lo*width, hi*width) })
}

// reluIntoGo writes src with every value whose sign bit is set replaced
// by 0. It has no branches, because the sign of activations is close to
// random and a branch on it mispredicts about half the time.
func reluIntoGo(dst, src []float32) {
	dst = dst[:len(src)]
	for i, v := range src {
		b := math.Float32bits(v)
		dst[i] = math.Float32frombits(b &^ uint32(int32(b)>>31))
	}
}

// reluGradAddGo adds dout[i] into grad[i] where out[i] > 0, without branches.
func reluGradAddGo(grad, dout, out []float32) {
	grad, dout = grad[:len(out)], dout[:len(out)]
	for i, v := range out {
		b := int32(math.Float32bits(v))
		keep := uint32(^((b - 1) | b) >> 31) // all ones when v > 0
		grad[i] += math.Float32frombits(math.Float32bits(dout[i]) & keep)
	}
}

// reluGradSetGo is the portable form of [reluGradSet].
func reluGradSetGo(grad, dout, out []float32) {
	grad, dout = grad[:len(out)], dout[:len(out)]
	for i, v := range out {
		b := int32(math.Float32bits(v))
		keep := uint32(^((b - 1) | b) >> 31) // all ones when v > 0
		grad[i] = math.Float32frombits(math.Float32bits(dout[i]) & keep)
	}
}
