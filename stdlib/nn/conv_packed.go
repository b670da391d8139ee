package nn

// The forward pass writes the im2col matrix straight into the panel layout
// that the matrix product reads (see [bSource]), which saves copying it a
// second time. The weight gradient then reads its transpose from the same
// panels through [colTPacker].

// colPanels returns the number of sgemmNR-column panels of the im2col matrix.
func (g ConvGeom) colPanels() int { return (g.colCols() + sgemmNR - 1) / sgemmNR }

// im2colPacked writes the patches of x [N, C, H, W] as the columns of the
// im2col matrix [C·KH·KW, N·OH·OW]. Row (c, i, j) and column (n, oh, ow)
// hold x[n, c, oh·stride − pad + i, ow·stride − pad + j], or 0 in the
// padding. The matrix is stored packed: panel q holds columns q·sgemmNR
// to q·sgemmNR+sgemmNR−1 as C·KH·KW rows of sgemmNR values, and columns
// past N·OH·OW are zero. Images are split between GOMAXPROCS goroutines.
func im2colPacked(g ConvGeom, x, colP []float32) {
	k, np := g.colRows(), g.colCols()
	last := g.colPanels() - 1
	for p := np; p < (last+1)*sgemmNR; p++ {
		for row := 0; row < k; row++ {
			colP[last*k*sgemmNR+row*sgemmNR+p-last*sgemmNR] = 0
		}
	}
	parallelImages(g.N, g.C*g.H*g.W*g.KH*g.KW, func(n0, n1 int) {
		for c := 0; c < g.C; c++ {
			for i := 0; i < g.KH; i++ {
				for j := 0; j < g.KW; j++ {
					row := (c*g.KH+i)*g.KW + j
					g.window(i, j).gatherPacked(g, x, colP, row, c, n0, n1)
				}
			}
		}
	})
}

// gatherPacked writes row `row` (channel c) of the im2col matrix for images
// n0..n1-1 into the packed colP, with zeros where the window reads padding.
func (cw convWindow) gatherPacked(g ConvGeom, x, colP []float32, row, c, n0, n1 int) {
	k, plane := g.colRows(), cw.oh*cw.ow
	p := n0 * plane
	pw := panelWriter{
		colP: colP,
		pos:  (p/sgemmNR)*k*sgemmNR + row*sgemmNR + p%sgemmNR,
		col:  p % sgemmNR,
		skip: (k - 1) * sgemmNR,
	}
	for n := n0; n < n1; n++ {
		img := x[(n*g.C+c)*g.H*g.W:][:g.H*g.W]
		pw.zeros(cw.ylo * cw.ow)
		for y := cw.ylo; y < cw.yhi; y++ {
			pw.zeros(cw.xlo)
			base := (y*g.Stride+cw.yoff)*g.W + cw.xoff
			pw.strided(img, base+cw.xlo*g.Stride, g.Stride, cw.xhi-cw.xlo)
			pw.zeros(cw.ow - cw.xhi)
		}
		pw.zeros((cw.oh - cw.yhi) * cw.ow)
	}
}

// panelWriter appends values to one row of a packed im2col matrix, moving
// to the same row of the next panel after every sgemmNR values.
type panelWriter struct {
	colP     []float32
	pos, col int // next index in colP, and its column within the panel
	skip     int // distance from the end of a panel row to the next panel's row
}

// zeros appends n zeros.
func (pw *panelWriter) zeros(n int) {
	for n > 0 {
		run := min(n, sgemmNR-pw.col)
		dst := pw.colP[pw.pos : pw.pos+run]
		for i := range dst {
			dst[i] = 0
		}
		pw.advance(run)
		n -= run
	}
}

// strided appends n values of src starting at off, stride apart.
func (pw *panelWriter) strided(src []float32, off, stride, n int) {
	for n > 0 {
		run := min(n, sgemmNR-pw.col)
		dst := pw.colP[pw.pos : pw.pos+run]
		for i := range dst {
			dst[i] = src[off]
			off += stride
		}
		pw.advance(run)
		n -= run
	}
}

func (pw *panelWriter) advance(run int) {
	pw.pos += run
	pw.col += run
	if pw.col == sgemmNR {
		pw.col = 0
		pw.pos += pw.skip
	}
}

// colTPacker returns a [bSource] packer for the transpose of the packed
// im2col matrix colP with k rows: B [N·OH·OW, k] with B(p, j) = col(j, p).
func colTPacker(colP []float32, k int) func(kc, nc, pc, jc int, pb []float32) {
	return func(kc, nc, pc, jc int, pb []float32) {
		for jr := 0; jr < nc; jr += sgemmNR {
			nr := min(sgemmNR, nc-jr)
			dst := pb[jr*kc : jr*kc+kc*sgemmNR]
			for jj := 0; jj < nr; jj++ {
				j := jc + jr + jj
				// Copy column j of B, rows pc..pc+kc-1, one panel run at a time.
				for p := pc; p < pc+kc; {
					q, r := p/sgemmNR, p%sgemmNR
					run := min(sgemmNR-r, pc+kc-p)
					src := colP[q*k*sgemmNR+j*sgemmNR+r:][:run]
					for t, v := range src {
						dst[(p-pc+t)*sgemmNR+jj] = v
					}
					p += run
				}
			}
			for jj := nr; jj < sgemmNR; jj++ {
				for p := 0; p < kc; p++ {
					dst[p*sgemmNR+jj] = 0
				}
			}
		}
	}
}
