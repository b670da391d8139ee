package nn

// tileGemm computes blocks of C = A·B for the convolutions, where A
// [m, k] comes packed (see [packA] and [convPlan.packOutGrad]) and packB
// packs B [k, n] block by block. Each finished block of C goes to store
// instead of being added into a matrix, so the caller can write it to
// wherever its values belong, such as the NCHW output.
type tileGemm struct {
	m int
	// pa holds the rows of A for the k range [p0, p1), in panels of
	// sgemmMR rows stored (p1−p0)-major.
	pa     []float32
	p0, p1 int
	// packB fills pb with rows pc..pc+kc-1 and columns jc..jc+nc-1 of B
	// in panels of sgemmNR columns, each stored as kc rows of sgemmNR
	// values, with zeros past column nc.
	packB func(kc, nc, pc, jc int, pb []float32)
	// store receives columns jc..jc+nc-1 of C as the first m rows of
	// tile, row stride ld.
	store func(tile []float32, ld, jc, nc int)
}

// tileFloats bounds the floats of C held by one tile, so that the tile
// stays in the L2 cache while the kernel adds into it.
const tileFloats = 1 << 14

// run computes columns j0..j1-1 of C.
func (t tileGemm) run(j0, j1 int) {
	if j0 >= j1 {
		return
	}
	mPanels := (t.m + sgemmMR - 1) / sgemmMR
	mPad, kk := mPanels*sgemmMR, t.p1-t.p0
	block := min(sgemmNC, max(sgemmNR, tileFloats/mPad/sgemmNR*sgemmNR))
	pb := getBuf(sgemmKC * block)
	defer putBuf(pb)
	tile := getBuf(mPad * block)
	defer putBuf(tile)
	for jc := j0; jc < j1; jc += block {
		nc := min(block, j1-jc)
		ld := (nc + sgemmNR - 1) / sgemmNR * sgemmNR
		c := tile[:mPad*ld]
		clear(c)
		for pc := t.p0; pc < t.p1; pc += sgemmKC {
			kc := min(sgemmKC, t.p1-pc)
			t.packB(kc, nc, pc, jc, pb)
			for jr := 0; jr < nc; jr += sgemmNR {
				bp := pb[jr*kc : jr*kc+kc*sgemmNR]
				for ip := 0; ip < mPanels; ip++ {
					ap := t.pa[ip*sgemmMR*kk+(pc-t.p0)*sgemmMR:]
					sgemmKernel(kc, ap, bp, c[ip*sgemmMR*ld+jr:], ld)
				}
			}
		}
		t.store(c, ld, jc, nc)
	}
}

// gatherPacker returns a packB function of [tileGemm] for the matrix B
// with B(p, j) = src[rowOff[p] + colOff[j]]. Both offset lists must be
// non-negative and increasing.
func gatherPacker(src []float32, rowOff, colOff []int32) func(kc, nc, pc, jc int, pb []float32) {
	return func(kc, nc, pc, jc int, pb []float32) {
		rows := rowOff[pc : pc+kc]
		for jr := 0; jr < nc; jr += sgemmNR {
			nr := min(sgemmNR, nc-jr)
			panel := pb[jr*kc : jr*kc+kc*sgemmNR]
			cols := colOff[jc+jr : jc+jr+nr]
			if nr == sgemmNR {
				gatherPanel(panel, src, rows, cols)
				continue
			}
			for p, ro := range rows {
				row := panel[p*sgemmNR : p*sgemmNR+sgemmNR]
				gatherRow(row[:nr], src[ro:], cols)
				clear(row[nr:])
			}
		}
	}
}

// gatherPanelGo is the portable form of [gatherPanel].
func gatherPanelGo(dst, src []float32, rowOff, cols []int32) {
	for p, ro := range rowOff {
		gatherRow(dst[p*sgemmNR:(p+1)*sgemmNR], src[ro:], cols)
	}
}

func gatherRow(dst, src []float32, offsets []int32) {
	dst = dst[:len(offsets)]
	for i, off := range offsets {
		dst[i] = src[off]
	}
}
