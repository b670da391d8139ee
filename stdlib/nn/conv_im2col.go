package nn

import "fmt"

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

// convForward computes out [N, O, OH, OW] = w ⊛ x + b and returns the
// zero-padded copy of x (see [convPlan]), which the backward pass reads.
// The copy comes from the scratch pool, so the caller may return it with
// putBuf. b may be nil.
func convForward(pl *convPlan, x, w, b, out []float32) (xp []float32) {
	g := pl.g
	xp = getBuf(pl.padLen())
	pa := packA(false, g.O, pl.k, w, pl.k)
	defer putBuf(pa)
	mm := tileGemm{m: g.O, pa: pa, p0: 0, p1: pl.k,
		packB: gatherPacker(xp, pl.rowOff, pl.colOff),
		store: func(tile []float32, ld, jc, nc int) {
			// Columns of one image are contiguous in each output plane.
			for q := 0; q < nc; {
				n, pix := (jc+q)/pl.p, (jc+q)%pl.p
				run := min(pl.p-pix, nc-q)
				for o := 0; o < g.O; o++ {
					var bias float32
					if b != nil {
						bias = b[o]
					}
					affineInto(out[(n*g.O+o)*pl.p+pix:][:run], tile[o*ld+q:][:run], 1, bias)
				}
				q += run
			}
		}}
	parallelRanges(g.N, pl.chunks(g.MulAdds()), func(_, n0, n1 int) {
		pl.pad(x, xp, n0, n1)
		mm.run(n0*pl.p, n1*pl.p)
	})
	return xp
}

// convBackward adds the gradients of the loss with respect to x, w and b
// into dx, dw and db, given dout [N, O, OH, OW] and the padded input xp
// that convForward returned. With overwriteDx set it writes dx instead of
// adding into it. Any of dx, dw and db may be nil to skip it.
// Each range of images computes its own input gradient and partial weight
// and bias gradients, which are added in range order at the end, so the
// result does not depend on which goroutine ran which range.
func convBackward(pl *convPlan, xp, w, dout, dx []float32, overwriteDx bool, dw, db []float32) {
	g := pl.g
	var dxp, wt []float32
	if dx != nil {
		dxp = getBuf(pl.padLen())
		defer putBuf(dxp)
		wt = packA(true, pl.k, g.O, w, pl.k)
		defer putBuf(wt)
	}
	chunks := pl.chunks(2 * g.MulAdds())
	parts := make([][]float32, chunks)
	parallelRanges(g.N, chunks, func(chunk, n0, n1 int) {
		if dw != nil || db != nil {
			parts[chunk] = getBuf(g.O*pl.k + g.O)
			clear(parts[chunk])
			pl.weightGrad(xp, dout, n0, n1, parts[chunk])
		}
		if dx != nil {
			pl.inputGrad(wt, dout, dxp, n0, n1)
			pl.unpad(dxp, dx, n0, n1, overwriteDx)
		}
	})
	for _, part := range parts {
		if part == nil {
			continue
		}
		if dw != nil {
			addInto(dw, part[:g.O*pl.k])
		}
		if db != nil {
			addInto(db, part[g.O*pl.k:])
		}
		putBuf(part)
	}
}

// weightGrad adds the weight gradient [O, K] of images n0..n1-1 into
// part, followed by their bias gradient [O]. The weight gradient is
// d2 · colᵀ, with d2 [O, N·P] the output gradient by filter and column,
// summed over the columns of these images.
func (pl *convPlan) weightGrad(xp, dout []float32, n0, n1 int, part []float32) {
	g := pl.g
	p0, p1 := n0*pl.p, n1*pl.p
	pa := pl.packOutGrad(dout, p0, p1)
	defer putBuf(pa)
	mm := tileGemm{m: g.O, pa: pa, p0: p0, p1: p1,
		packB: gatherPacker(xp, pl.colOff, pl.rowOff),
		store: func(tile []float32, ld, jc, nc int) {
			for o := 0; o < g.O; o++ {
				addInto(part[o*pl.k+jc:][:nc], tile[o*ld:o*ld+nc])
			}
		}}
	mm.run(0, pl.k)
	db := part[g.O*pl.k:]
	for n := n0; n < n1; n++ {
		for o := range db {
			var s float32
			for _, v := range dout[(n*g.O+o)*pl.p:][:pl.p] {
				s += v
			}
			db[o] += s
		}
	}
}

// inputGrad computes dcol = Wᵀ · d2 for the columns of images n0..n1-1
// and scatters it into their part of the padded input gradient dxp,
// which it clears first. wt is Wᵀ [K, O] packed by packA.
func (pl *convPlan) inputGrad(wt, dout, dxp []float32, n0, n1 int) {
	pl.clearImages(dxp, n0, n1)
	mm := tileGemm{m: pl.k, pa: wt, p0: 0, p1: pl.g.O,
		packB: gatherPacker(dout, pl.chanOff, pl.outOff),
		store: func(tile []float32, ld, jc, nc int) {
			scatterTile(dxp, tile, ld, pl.rowOff, pl.colOff[jc:jc+nc])
		}}
	mm.run(n0*pl.p, n1*pl.p)
}

// packOutGrad packs columns p0..p1-1 of d2 [O, N·P], the output gradient
// dout [N, O, OH, OW] by filter and column, as the A operand of
// [tileGemm]: panels of sgemmMR filters, stored column by column, with
// zero rows past O. The result comes from the scratch pool.
func (pl *convPlan) packOutGrad(dout []float32, p0, p1 int) []float32 {
	o, kk := pl.g.O, p1-p0
	mPanels := (o + sgemmMR - 1) / sgemmMR
	pa := getBuf(mPanels * sgemmMR * kk)
	for ip := 0; ip < mPanels; ip++ {
		panel := pa[ip*sgemmMR*kk : (ip+1)*sgemmMR*kk]
		for r := 0; r < sgemmMR; r++ {
			f := ip*sgemmMR + r
			if f >= o {
				for p := 0; p < kk; p++ {
					panel[p*sgemmMR+r] = 0
				}
				continue
			}
			// Columns of one image are contiguous in each output plane.
			for p := p0; p < p1; {
				n, pix := p/pl.p, p%pl.p
				run := min(pl.p-pix, p1-p)
				dst := panel[(p-p0)*sgemmMR+r:]
				for t, v := range dout[(n*o+f)*pl.p+pix:][:run] {
					dst[t*sgemmMR] = v
				}
				p += run
			}
		}
	}
	return pa
}
