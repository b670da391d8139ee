package vision

import "fmt"

// Kernel is a small filter applied to an image by [ApplyKernel] and
// [Convolve]. W holds Rows×Cols weights row by row.
type Kernel struct {
	Name       string
	Rows, Cols int
	W          []float32
}

// NewKernel returns a kernel from its rows of weights, such as
// NewKernel("top edge", [][]float32{{-1, -1, -1}, {0, 0, 0}, {1, 1, 1}}).
func NewKernel(name string, rows [][]float32) *Kernel {
	k := &Kernel{Name: name, Rows: len(rows)}
	for i, r := range rows {
		if i == 0 {
			k.Cols = len(r)
		}
		if len(r) != k.Cols {
			panic(fmt.Sprintf("vision: kernel row %d has %d weights, row 0 has %d", i, len(r), k.Cols))
		}
		k.W = append(k.W, r...)
	}
	return k
}

// The four 3×3 edge kernels of fastbook chapter 13.
var (
	// TopEdge responds where dark pixels sit above bright ones.
	TopEdge = NewKernel("top edge", [][]float32{{-1, -1, -1}, {0, 0, 0}, {1, 1, 1}})
	// LeftEdge responds where dark pixels sit left of bright ones.
	LeftEdge = NewKernel("left edge", [][]float32{{-1, 1, 0}, {-1, 1, 0}, {-1, 1, 0}})
	// Diag1 responds to one diagonal direction.
	Diag1 = NewKernel("diagonal 1", [][]float32{{0, -1, 1}, {-1, 1, 0}, {1, 0, 0}})
	// Diag2 responds to the other diagonal direction.
	Diag2 = NewKernel("diagonal 2", [][]float32{{1, -1, 0}, {0, 1, -1}, {0, 0, 1}})
)

// EdgeKernels returns TopEdge, LeftEdge, Diag1 and Diag2 in that order.
func EdgeKernels() []*Kernel { return []*Kernel{TopEdge, LeftEdge, Diag1, Diag2} }

// Image returns the weights as a [Gray] so they can be printed or shown.
func (k *Kernel) Image() *Gray {
	return &Gray{Rows: k.Rows, Cols: k.Cols, Pix: append([]float32(nil), k.W...)}
}

// ApplyKernel returns the sum of the elementwise product of k with the
// patch of g centred on row r and column c. The patch must lie inside g.
func ApplyKernel(g *Gray, r, c int, k *Kernel) float32 {
	r0, c0 := r-k.Rows/2, c-k.Cols/2
	if r0 < 0 || c0 < 0 || r0+k.Rows > g.Rows || c0+k.Cols > g.Cols {
		panic(fmt.Sprintf("vision: a %d×%d kernel centred at (%d, %d) leaves the %d×%d image",
			k.Rows, k.Cols, r, c, g.Rows, g.Cols))
	}
	var sum float32
	for i := 0; i < k.Rows; i++ {
		for j := 0; j < k.Cols; j++ {
			sum += g.At(r0+i, c0+j) * k.W[i*k.Cols+j]
		}
	}
	return sum
}

// Convolve applies k at every position where it fits inside g, without
// padding, so a 28×28 image and a 3×3 kernel give a 26×26 map. Like
// PyTorch's conv2d it does not flip the kernel (strictly, a correlation).
func Convolve(g *Gray, k *Kernel) *Gray {
	out := NewGray(g.Rows-k.Rows+1, g.Cols-k.Cols+1)
	for r := 0; r < out.Rows; r++ {
		for c := 0; c < out.Cols; c++ {
			out.Set(r, c, ApplyKernel(g, r+k.Rows/2, c+k.Cols/2, k))
		}
	}
	return out
}
