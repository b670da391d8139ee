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

// im2col writes the patches of x [N, C, H, W] as the columns of col
// [C·KH·KW, N·OH·OW]. Row (c, i, j) and column (n, oh, ow) hold
// x[n, c, oh·stride − pad + i, ow·stride − pad + j], or 0 in the padding.
func im2col(g ConvGeom, x, col []float32) {
	oh, ow := g.OutH(), g.OutW()
	np := g.N * oh * ow
	for c := 0; c < g.C; c++ {
		for i := 0; i < g.KH; i++ {
			for j := 0; j < g.KW; j++ {
				row := col[((c*g.KH+i)*g.KW+j)*np:][:np]
				for n := 0; n < g.N; n++ {
					img := x[(n*g.C+c)*g.H*g.W:][:g.H*g.W]
					im2colPlane(g, img, row[n*oh*ow:][:oh*ow], i, j, oh, ow)
				}
			}
		}
	}
}

// im2colPlane fills one (channel, kernel offset) row of one image.
func im2colPlane(g ConvGeom, img, dst []float32, i, j, oh, ow int) {
	for y := 0; y < oh; y++ {
		iy := y*g.Stride - g.Pad + i
		out := dst[y*ow : (y+1)*ow]
		if iy < 0 || iy >= g.H {
			clear(out)
			continue
		}
		src := img[iy*g.W : (iy+1)*g.W]
		if g.Stride == 1 {
			copyShifted(out, src, j-g.Pad)
			continue
		}
		for x := range out {
			ix := x*g.Stride - g.Pad + j
			if ix >= 0 && ix < g.W {
				out[x] = src[ix]
			} else {
				out[x] = 0
			}
		}
	}
}

// copyShifted sets out[x] = src[x+shift], or 0 where that is outside src.
func copyShifted(out, src []float32, shift int) {
	lo := min(max(0, -shift), len(out))
	hi := max(min(len(out), len(src)-shift), lo)
	clear(out[:lo])
	copy(out[lo:hi], src[lo+shift:])
	clear(out[hi:])
}

// col2im adds the columns of col back into the image gradient dx, the
// adjoint of [im2col].
func col2im(g ConvGeom, col, dx []float32) {
	oh, ow := g.OutH(), g.OutW()
	np := g.N * oh * ow
	for c := 0; c < g.C; c++ {
		for i := 0; i < g.KH; i++ {
			for j := 0; j < g.KW; j++ {
				row := col[((c*g.KH+i)*g.KW+j)*np:][:np]
				for n := 0; n < g.N; n++ {
					img := dx[(n*g.C+c)*g.H*g.W:][:g.H*g.W]
					col2imPlane(g, row[n*oh*ow:][:oh*ow], img, i, j, oh, ow)
				}
			}
		}
	}
}

func col2imPlane(g ConvGeom, src, img []float32, i, j, oh, ow int) {
	for y := 0; y < oh; y++ {
		iy := y*g.Stride - g.Pad + i
		if iy < 0 || iy >= g.H {
			continue
		}
		dst := img[iy*g.W : (iy+1)*g.W]
		for x, v := range src[y*ow : (y+1)*ow] {
			ix := x*g.Stride - g.Pad + j
			if ix >= 0 && ix < g.W {
				dst[ix] += v
			}
		}
	}
}

// convForward computes out [N, O, OH, OW] = w ⊛ x + b and returns the
// im2col matrix, which the backward pass reuses. b may be nil.
func convForward(g ConvGeom, x, w, b, out []float32) (col []float32) {
	g.check()
	k, np := g.colRows(), g.colCols()
	col = make([]float32, k*np)
	im2col(g, x, col)
	prod := getBuf(g.O * np)
	defer putBuf(prod)
	clear(prod)
	sgemmAcc(false, false, g.O, np, k, w, k, col, np, prod, np)
	// prod is [O, N·P]; out is [N, O, P].
	p := g.OutH() * g.OutW()
	for n := 0; n < g.N; n++ {
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
	return col
}

// convBackward adds the gradients of the loss with respect to x, w and b
// into dx, dw and db, given dout [N, O, OH, OW] and the forward pass's
// im2col matrix. Any of dx, dw and db may be nil to skip it.
func convBackward(g ConvGeom, col, w, dout, dx, dw, db []float32) {
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
		sgemmAcc(false, true, g.O, k, np, d2, np, col, np, dw, k)
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
