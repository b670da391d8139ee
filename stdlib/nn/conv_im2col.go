package nn

import (
	"fmt"
	"runtime"
	"sync"
)

// ConvGeom is the geometry of a 2-D convolution on an NCHW batch of N
// images with C channels and H×W pixels. It has O filters of C×KH×KW
// weights (layout [O, C, KH, KW]). They move Stride pixels at a time over
// the input, which is padded with Pad zeros on every side.
type ConvGeom struct {
	N, C, H, W  int
	O, KH, KW   int
	Stride, Pad int
}

// ConvOutSize returns the output length ⌊(n + 2·pad − ks)/stride⌋ + 1 of a
// convolution or pooling window of size ks over n pixels.
func ConvOutSize(n, ks, stride, pad int) int {
	if stride < 1 {
		panic(fmt.Sprintf("nn: stride %d is not positive", stride))
	}
	return (n+2*pad-ks)/stride + 1
}

// OutH returns the output height.
func (g ConvGeom) OutH() int { return ConvOutSize(g.H, g.KH, g.Stride, g.Pad) }

// OutW returns the output width.
func (g ConvGeom) OutW() int { return ConvOutSize(g.W, g.KW, g.Stride, g.Pad) }

// colRows returns the rows of the im2col matrix, C·KH·KW.
func (g ConvGeom) colRows() int { return g.C * g.KH * g.KW }

// colCols returns the columns of the im2col matrix, N·OutH·OutW.
func (g ConvGeom) colCols() int { return g.N * g.OutH() * g.OutW() }

// MulAdds returns the multiply-adds of one forward pass.
func (g ConvGeom) MulAdds() int { return g.O * g.colRows() * g.colCols() }

func (g ConvGeom) check() {
	if g.OutH() < 1 || g.OutW() < 1 {
		panic(fmt.Sprintf("nn: a %d×%d kernel with pad %d does not fit a %d×%d input", g.KH, g.KW, g.Pad, g.H, g.W))
	}
}

// convWindow is the part of the output grid whose input pixel for kernel
// offset (i, j) lies inside the image: rows [ylo, yhi) and columns
// [xlo, xhi). Output (y, x) reads input (y·stride + yoff, x·stride + xoff).
type convWindow struct {
	ylo, yhi, xlo, xhi int
	yoff, xoff         int
	oh, ow             int
}

func (g ConvGeom) window(i, j int) convWindow {
	oh, ow := g.OutH(), g.OutW()
	cw := convWindow{yoff: i - g.Pad, xoff: j - g.Pad, oh: oh, ow: ow}
	cw.ylo, cw.yhi = outRange(oh, g.Stride, cw.yoff, g.H)
	cw.xlo, cw.xhi = outRange(ow, g.Stride, cw.xoff, g.W)
	return cw
}

// scatter adds the im2col row of channel c for images n0..n1-1, stored
// unpacked as [N·OH·OW], into the image gradient dx. It is the adjoint of
// gatherPacked.
func (cw convWindow) scatter(g ConvGeom, row, dx []float32, c, n0, n1 int) {
	plane, ow, s := cw.oh*cw.ow, cw.ow, g.Stride
	for n := n0; n < n1; n++ {
		img := dx[(n*g.C+c)*g.H*g.W:][:g.H*g.W]
		src := row[n*plane:][:plane]
		for y := cw.ylo; y < cw.yhi; y++ {
			in := src[y*ow : y*ow+ow]
			base := (y*s+cw.yoff)*g.W + cw.xoff
			for k := cw.xlo; k < cw.xhi; k++ {
				img[base+k*s] += in[k]
			}
		}
	}
}

// parallelImages runs f on ranges of n items (images or channels), on
// GOMAXPROCS goroutines when the batch holds at least 1<<15 values of
// work (perImage per item).
func parallelImages(n, perImage int, f func(n0, n1 int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers < 2 || n*perImage < 1<<15 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	per := (n + workers - 1) / workers
	for n0 := 0; n0 < n; n0 += per {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(n0, min(n0+per, n))
		}()
	}
	wg.Wait()
}

// outRange returns the outputs x in [lo, hi) whose input x·stride + off
// lies in [0, size).
func outRange(outLen, stride, off, size int) (lo, hi int) {
	lo = 0
	if off < 0 {
		lo = (-off + stride - 1) / stride
	}
	hi = 0
	if size-1-off >= 0 {
		hi = (size-1-off)/stride + 1
	}
	lo, hi = min(lo, outLen), min(hi, outLen)
	return lo, max(hi, lo)
}

// col2im adds the columns of the unpacked matrix col [C·KH·KW, N·OH·OW]
// back into the image gradient dx, the adjoint of [im2colPacked].
func col2im(g ConvGeom, col, dx []float32) {
	np := g.colCols()
	parallelImages(g.N, g.C*g.H*g.W*g.KH*g.KW, func(n0, n1 int) {
		for c := 0; c < g.C; c++ {
			for i := 0; i < g.KH; i++ {
				for j := 0; j < g.KW; j++ {
					row := col[((c*g.KH+i)*g.KW+j)*np:][:np]
					g.window(i, j).scatter(g, row, dx, c, n0, n1)
				}
			}
		}
	})
}

// convForward computes out [N, O, OH, OW] = w ⊛ x + b and returns the
// packed im2col matrix (see [im2colPacked]), which the backward pass
// reuses. The matrix comes from the scratch pool, so the caller may return
// it with putBuf. b may be nil.
func convForward(g ConvGeom, x, w, b, out []float32) (colP []float32) {
	g.check()
	k, np := g.colRows(), g.colCols()
	colP = getBuf(g.colPanels() * k * sgemmNR)
	im2colPacked(g, x, colP)
	prod := getBuf(g.O * np)
	defer putBuf(prod)
	clear(prod)
	sgemmRun(false, g.O, np, k, w, k, bSource{pre: colP}, prod, np)
	// prod is [O, N·P]; out is [N, O, P].
	p := g.OutH() * g.OutW()
	parallelImages(g.N, g.O*p, func(n0, n1 int) {
		for n := n0; n < n1; n++ {
			for o := 0; o < g.O; o++ {
				dst := out[(n*g.O+o)*p:][:p]
				copy(dst, prod[o*np+n*p:][:p])
				if b != nil {
					for q := range dst {
						dst[q] += b[o]
					}
				}
			}
		}
	})
	return colP
}

// convBackward adds the gradients of the loss with respect to x, w and b
// into dx, dw and db, given dout [N, O, OH, OW] and the forward pass's
// packed im2col matrix. Any of dx, dw and db may be nil to skip it.
func convBackward(g ConvGeom, colP, w, dout, dx, dw, db []float32) {
	k, np := g.colRows(), g.colCols()
	p := g.OutH() * g.OutW()
	// d2 is dout rearranged to [O, N·P], the layout of the forward product.
	d2 := getBuf(g.O * np)
	defer putBuf(d2)
	for n := 0; n < g.N; n++ {
		for o := 0; o < g.O; o++ {
			copy(d2[o*np+n*p:][:p], dout[(n*g.O+o)*p:][:p])
		}
	}
	if db != nil {
		for o := 0; o < g.O; o++ {
			var s float32
			for _, v := range d2[o*np : (o+1)*np] {
				s += v
			}
			db[o] += s
		}
	}
	if dw != nil {
		// dW [O, K] += d2 [O, NP] · colᵀ [NP, K].
		sgemmRun(false, g.O, k, np, d2, np, bSource{pack: colTPacker(colP, k)}, dw, k)
	}
	if dx != nil {
		// dcol [K, NP] = Wᵀ [K, O] · d2 [O, NP], then scattered back.
		dcol := getBuf(k * np)
		defer putBuf(dcol)
		clear(dcol)
		sgemmAcc(true, false, k, np, g.O, w, k, d2, np, dcol, np)
		col2im(g, dcol, dx)
	}
}
