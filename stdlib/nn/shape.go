package nn

import "fmt"

// Reshape returns a tensor with x's values and a new shape holding the
// same number of values. One dimension may be -1, and is then inferred.
func Reshape(x *Tensor, shape ...int) *Tensor {
	shape = append([]int(nil), shape...)
	infer, known := -1, 1
	for i, d := range shape {
		if d == -1 {
			infer = i
			continue
		}
		known *= d
	}
	if infer >= 0 && known > 0 {
		shape[infer] = len(x.Data) / known
	}
	if numel(shape) != len(x.Data) {
		panic(fmt.Sprintf("nn: Reshape: shape %v does not hold the %d values of shape %v", shape, len(x.Data), x.shape))
	}
	out := &Tensor{Data: x.Data, shape: shape}
	return Record(out, func() { addInto(x.GradBuf(), out.Grad) }, x)
}

// Column returns column j of the two-dimensional x as a tensor of shape
// [rows].
func Column(x *Tensor, j int) *Tensor {
	if x.Rank() != 2 || j < 0 || j >= x.shape[1] {
		panic(fmt.Sprintf("nn: Column: column %d of shape %v", j, x.shape))
	}
	n, c := x.shape[0], x.shape[1]
	out := Zeros(n)
	for i := 0; i < n; i++ {
		out.Data[i] = x.Data[i*c+j]
	}
	return Record(out, func() {
		g := x.GradBuf()
		for i, d := range out.Grad {
			g[i*c+j] += d
		}
	}, x)
}

// Columns returns columns [from, to) of the two-dimensional x.
func Columns(x *Tensor, from, to int) *Tensor {
	if x.Rank() != 2 || from < 0 || to > x.shape[1] || from > to {
		panic(fmt.Sprintf("nn: Columns: columns [%d, %d) of shape %v", from, to, x.shape))
	}
	n, c, w := x.shape[0], x.shape[1], to-from
	out := Zeros(n, w)
	for i := 0; i < n; i++ {
		copy(out.Data[i*w:(i+1)*w], x.Data[i*c+from:i*c+to])
	}
	return Record(out, func() {
		g := x.GradBuf()
		for i := 0; i < n; i++ {
			addInto(g[i*c+from:i*c+to], out.Grad[i*w:(i+1)*w])
		}
	}, x)
}

// Concat joins two-dimensional tensors with the same number of rows side
// by side, along their columns.
func Concat(xs ...*Tensor) *Tensor {
	if len(xs) == 0 {
		panic("nn: Concat: no tensors")
	}
	n, width := xs[0].Dim(0), 0
	for _, x := range xs {
		if x.Rank() != 2 || x.shape[0] != n {
			panic(fmt.Sprintf("nn: Concat: shape %v does not have %d rows", x.shape, n))
		}
		width += x.shape[1]
	}
	out := Zeros(n, width)
	off := 0
	for _, x := range xs {
		c := x.shape[1]
		for i := 0; i < n; i++ {
			copy(out.Data[i*width+off:i*width+off+c], x.Data[i*c:(i+1)*c])
		}
		off += c
	}
	return Record(out, func() {
		off := 0
		for _, x := range xs {
			c := x.shape[1]
			if x.requiresGrad {
				g := x.GradBuf()
				for i := 0; i < n; i++ {
					addInto(g[i*c:(i+1)*c], out.Grad[i*width+off:i*width+off+c])
				}
			}
			off += c
		}
	}, xs...)
}
