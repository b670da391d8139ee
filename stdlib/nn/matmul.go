package nn

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// impl is gonum's pure-Go BLAS. Its Sgemm splits large products into
// blocks computed on GOMAXPROCS goroutines.
var impl gonum.Implementation

// MatMul returns the matrix product a·b of a [m, k] and a [k, n] tensor.
func MatMul(a, b *Tensor) *Tensor {
	if a.Rank() != 2 || b.Rank() != 2 || a.shape[1] != b.shape[0] {
		panic(fmt.Sprintf("nn: MatMul: shapes %v and %v do not multiply", a.shape, b.shape))
	}
	m, k, n := a.shape[0], a.shape[1], b.shape[1]
	out := Zeros(m, n)
	gemm(false, false, m, n, k, a.Data, b.Data, 0, out.Data)
	return Record(out, func() {
		if a.requiresGrad {
			// dA = dC·Bᵀ, [m, n]·[n, k].
			gemm(false, true, m, k, n, out.Grad, b.Data, 1, a.GradBuf())
		}
		if b.requiresGrad {
			// dB = Aᵀ·dC, [k, m]·[m, n].
			gemm(true, false, k, n, m, a.Data, out.Grad, 1, b.GradBuf())
		}
	}, a, b)
}

// gemm computes c = op(a)·op(b) + beta·c for row-major operands, where
// op transposes its argument when the flag is set and c is [m, n].
func gemm(transA, transB bool, m, n, k int, a, b []float32, beta float32, c []float32) {
	if m == 0 || n == 0 {
		return
	}
	ta, lda := blas.NoTrans, k
	if transA {
		ta, lda = blas.Trans, m
	}
	tb, ldb := blas.NoTrans, n
	if transB {
		tb, ldb = blas.Trans, k
	}
	if k == 0 {
		for i := range c[:m*n] {
			c[i] *= beta
		}
		return
	}
	impl.Sgemm(ta, tb, m, n, k, 1, a, lda, b, ldb, beta, c, n)
}
