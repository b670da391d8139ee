package nn

import (
	"math/bits"
	"sync"
)

// Tile sizes of the packed matrix product used by the convolutions. The
// micro-kernel updates an sgemmMR×sgemmNR block of C from packed panels.
// A packed block of B holds sgemmKC×sgemmNC floats (480 KiB), chosen to
// fit a 1 MiB L2 cache; other cache sizes were not tried.
const (
	sgemmMR = 4
	sgemmNR = 24
	sgemmKC = 256
	sgemmNC = 480
)

// sgemmAcc computes c += op(a)·op(b) for row-major operands: op(a) is
// [m, k], op(b) is [k, n] and c is [m, n] with row stride ldc. op
// transposes its argument when the flag is set; lda and ldb are the row
// strides of a and b as stored. It packs a once, splits the columns of c
// between GOMAXPROCS threads and runs an AVX2 or AVX-512 micro-kernel when
// the CPU has one.
//
// [MatMul] calls it instead of gonum's Sgemm because gonum's pure-Go Sgemm reached 5–8 GFLOP/s on the products of a small
// CNN, against 25–35 here (BenchmarkSgemmConv*, 2-core Xeon with AVX2).
func sgemmAcc(transA, transB bool, m, n, k int, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
	if m == 0 || n == 0 || k == 0 {
		return
	}
	pa := packA(transA, m, k, a, lda)
	defer putBuf(pa)
	nPanels := (n + sgemmNR - 1) / sgemmNR
	parallelRanges(nPanels, chunkCount(2*m*n*k, 1<<18), func(_, lo, hi int) {
		sgemmColumns(transB, m, k, lo*sgemmNR, min(hi*sgemmNR, n), pa, b, ldb, c, ldc)
	})
}

// sgemmColumns computes columns j0..j1-1 of c += A·op(b) from the packed
// A. j0 is a multiple of sgemmNR.
func sgemmColumns(transB bool, m, k, j0, j1 int, pa, b []float32, ldb int, c []float32, ldc int) {
	pb := getBuf(sgemmKC * sgemmNC)
	defer putBuf(pb)
	var edge [sgemmMR * sgemmNR]float32
	mPanels := (m + sgemmMR - 1) / sgemmMR
	for jc := j0; jc < j1; jc += sgemmNC {
		nc := min(sgemmNC, j1-jc)
		for pc := 0; pc < k; pc += sgemmKC {
			kc := min(sgemmKC, k-pc)
			packB(transB, kc, nc, pc, jc, b, ldb, pb)
			for jr := 0; jr < nc; jr += sgemmNR {
				nr := min(sgemmNR, nc-jr)
				bp := pb[jr*kc : jr*kc+kc*sgemmNR]
				for ip := 0; ip < mPanels; ip++ {
					i0 := ip * sgemmMR
					mr := min(sgemmMR, m-i0)
					ap := pa[ip*sgemmMR*k+pc*sgemmMR:]
					if mr == sgemmMR && nr == sgemmNR {
						sgemmKernel(kc, ap, bp, c[i0*ldc+jc+jr:], ldc)
						continue
					}
					edge = [sgemmMR * sgemmNR]float32{}
					sgemmKernel(kc, ap, bp, edge[:], sgemmNR)
					for i := 0; i < mr; i++ {
						row := c[(i0+i)*ldc+jc+jr:]
						for j := 0; j < nr; j++ {
							row[j] += edge[i*sgemmNR+j]
						}
					}
				}
			}
		}
	}
}

// packA copies op(a) into panels of sgemmMR rows, each stored k-major
// (sgemmMR values per step), padding the last panel with zeros.
func packA(trans bool, m, k int, a []float32, lda int) []float32 {
	mPanels := (m + sgemmMR - 1) / sgemmMR
	pa := getBuf(mPanels * sgemmMR * k)
	for ip := 0; ip < mPanels; ip++ {
		dst := pa[ip*sgemmMR*k : (ip+1)*sgemmMR*k]
		for r := 0; r < sgemmMR; r++ {
			i := ip*sgemmMR + r
			if i >= m {
				for p := 0; p < k; p++ {
					dst[p*sgemmMR+r] = 0
				}
				continue
			}
			if trans {
				for p := 0; p < k; p++ {
					dst[p*sgemmMR+r] = a[p*lda+i]
				}
			} else {
				row := a[i*lda : i*lda+k]
				for p, v := range row {
					dst[p*sgemmMR+r] = v
				}
			}
		}
	}
	return pa
}

// packB copies rows pc..pc+kc-1 and columns jc..jc+nc-1 of op(b) into
// panels of sgemmNR columns, each stored row by row, padding with zeros.
// Both forms read b sequentially: a transposed b is read along its rows
// and written down the panel's columns, which stay in L1.
func packB(trans bool, kc, nc, pc, jc int, b []float32, ldb int, pb []float32) {
	for jr := 0; jr < nc; jr += sgemmNR {
		nr := min(sgemmNR, nc-jr)
		dst := pb[jr*kc : jr*kc+kc*sgemmNR]
		if trans {
			for j := 0; j < nr; j++ {
				src := b[(jc+jr+j)*ldb+pc:][:kc]
				for p, v := range src {
					dst[p*sgemmNR+j] = v
				}
			}
			for j := nr; j < sgemmNR; j++ {
				for p := 0; p < kc; p++ {
					dst[p*sgemmNR+j] = 0
				}
			}
			continue
		}
		for p := 0; p < kc; p++ {
			out := dst[p*sgemmNR : (p+1)*sgemmNR]
			src := b[(pc+p)*ldb+jc+jr:][:nr]
			for j, v := range src {
				out[j] = v
			}
			for j := nr; j < sgemmNR; j++ {
				out[j] = 0
			}
		}
	}
}

// sgemmKernelGo is the portable micro-kernel: c[i*ldc+j] += Σp a[p*MR+i]·b[p*NR+j]
// for an sgemmMR×sgemmNR block.
func sgemmKernelGo(k int, a, b, c []float32, ldc int) {
	var acc [sgemmMR][sgemmNR]float32
	for p := 0; p < k; p++ {
		bp := b[p*sgemmNR : (p+1)*sgemmNR]
		for i := 0; i < sgemmMR; i++ {
			ai := a[p*sgemmMR+i]
			for j, bv := range bp {
				acc[i][j] += ai * bv
			}
		}
	}
	for i := range acc {
		row := c[i*ldc : i*ldc+sgemmNR]
		for j := range row {
			row[j] += acc[i][j]
		}
	}
}

// scratchPools holds released scratch slices by size class: pool c holds
// slices of capacity 1<<c, so a request never takes a slice too small for
// it and drops it.
var scratchPools [64]sync.Pool

// getBuf returns a scratch slice of n floats with unspecified contents.
// Its capacity is n rounded up to a power of two, so putBuf can file it
// by size.
func getBuf(n int) []float32 {
	if n == 0 {
		return nil
	}
	class := bits.Len(uint(n - 1))
	if p, ok := scratchPools[class].Get().(*[]float32); ok {
		return (*p)[:n]
	}
	return make([]float32, n, 1<<class)
}

// putBuf releases a slice from getBuf for reuse. The caller must not
// touch it afterwards.
func putBuf(b []float32) {
	c := cap(b)
	if c == 0 || c&(c-1) != 0 {
		return // not from getBuf
	}
	scratchPools[bits.Len(uint(c-1))].Put(&b)
}
