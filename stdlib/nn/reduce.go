package nn

// Sum returns the sum of all values of x as a one-value tensor.
func Sum(x *Tensor) *Tensor {
	var s float64
	for _, v := range x.Data {
		s += float64(v)
	}
	out := New([]float32{float32(s)}, 1)
	return Record(out, func() {
		g, d := x.GradBuf(), out.Grad[0]
		for i := range g {
			g[i] += d
		}
	}, x)
}

// Mean returns the mean of all values of x as a one-value tensor.
func Mean(x *Tensor) *Tensor {
	return Scale(Sum(x), 1/float32(len(x.Data)))
}

// SumRows returns the sum over the last dimension of x: a [n, m] tensor
// gives [n]. It is the row-wise dot product when x is an elementwise
// product.
func SumRows(x *Tensor) *Tensor {
	m := x.Dim(-1)
	n := len(x.Data) / m
	out := Zeros(x.shape[:len(x.shape)-1]...)
	for i := 0; i < n; i++ {
		var s float32
		for _, v := range x.Data[i*m : (i+1)*m] {
			s += v
		}
		out.Data[i] = s
	}
	return Record(out, func() {
		g := x.GradBuf()
		for i := 0; i < n; i++ {
			d := out.Grad[i]
			row := g[i*m : (i+1)*m]
			for j := range row {
				row[j] += d
			}
		}
	}, x)
}
