package nn

import (
	"fmt"
	"math"
	"sync"
)

// convPlan describes the im2col matrix of a convolution without storing
// it. The input is first copied into a zero-padded buffer xp [C, N, Hp,
// Wp], so that every patch value lies inside it. Row r = (c, i, j) and
// column q = (n, y, x) of the matrix then hold xp[rowOff[r] + colOff[q]],
// and the matrix products gather their packed blocks straight from xp.
// Putting the channel first keeps the images of one channel next to each
// other, so that a block of columns on small images reads and writes a
// few cache lines instead of lines a whole image apart. The output value
// of filter o at column q sits at out[chanOff[o] + outOff[q]] in the NCHW
// output.
type convPlan struct {
	g        ConvGeom
	k, np, p int // rows and columns of the im2col matrix; output pixels per image
	hp, wp   int // padded input height and width
	rowOff   []int32
	colOff   []int32
	outOff   []int32
	chanOff  []int32
	planeLen int // Hp·Wp, the values of one padded channel of one image
}

// convPlans caches plans by geometry, because a net runs the same few
// geometries on every batch.
var convPlans sync.Map // ConvGeom → *convPlan

func planFor(g ConvGeom) *convPlan {
	if pl, ok := convPlans.Load(g); ok {
		return pl.(*convPlan)
	}
	pl := newConvPlan(g)
	convPlans.Store(g, pl)
	return pl
}

func newConvPlan(g ConvGeom) *convPlan {
	g.check()
	oh, ow := g.OutH(), g.OutW()
	pl := &convPlan{g: g, k: g.colRows(), np: g.colCols(), p: oh * ow,
		hp: g.H + 2*g.Pad, wp: g.W + 2*g.Pad}
	pl.planeLen = pl.hp * pl.wp
	if g.N*max(g.C*pl.planeLen, g.O*pl.p) > math.MaxInt32 {
		panic(fmt.Sprintf("nn: Conv: batch of %d padded %d×%d×%d images does not fit int32 offsets",
			g.N, g.C, pl.hp, pl.wp))
	}

	pl.rowOff = make([]int32, 0, pl.k)
	for c := 0; c < g.C; c++ {
		for i := 0; i < g.KH; i++ {
			for j := 0; j < g.KW; j++ {
				pl.rowOff = append(pl.rowOff, int32(c*g.N*pl.planeLen+i*pl.wp+j))
			}
		}
	}

	pl.colOff = make([]int32, 0, pl.np)
	pl.outOff = make([]int32, 0, pl.np)
	for n := 0; n < g.N; n++ {
		for y := 0; y < oh; y++ {
			for x := 0; x < ow; x++ {
				pl.colOff = append(pl.colOff, int32(n*pl.planeLen+y*g.Stride*pl.wp+x*g.Stride))
				pl.outOff = append(pl.outOff, int32(n*g.O*pl.p+y*ow+x))
			}
		}
	}

	pl.chanOff = make([]int32, g.O)
	for o := range pl.chanOff {
		pl.chanOff[o] = int32(o * pl.p)
	}
	return pl
}

// padLen returns the length of the padded input buffer.
func (pl *convPlan) padLen() int { return pl.g.N * pl.g.C * pl.planeLen }

// plane returns the padded plane of channel c of image n in xp.
func (pl *convPlan) plane(xp []float32, n, c int) []float32 {
	return xp[(c*pl.g.N+n)*pl.planeLen:][:pl.planeLen]
}

// pad copies images n0..n1-1 of x [N, C, H, W] into xp with a border of
// Pad zeros.
func (pl *convPlan) pad(x, xp []float32, n0, n1 int) {
	g := pl.g
	for n := n0; n < n1; n++ {
		for c := 0; c < g.C; c++ {
			src := x[(n*g.C+c)*g.H*g.W:][:g.H*g.W]
			out := pl.plane(xp, n, c)
			if g.Pad == 0 {
				copy(out, src)
				continue
			}
			clear(out)
			for y := 0; y < g.H; y++ {
				copy(out[(y+g.Pad)*pl.wp+g.Pad:][:g.W], src[y*g.W:][:g.W])
			}
		}
	}
}

// clearImages sets the planes of images n0..n1-1 of xp to zero.
func (pl *convPlan) clearImages(xp []float32, n0, n1 int) {
	for c := 0; c < pl.g.C; c++ {
		clear(xp[(c*pl.g.N+n0)*pl.planeLen : (c*pl.g.N+n1)*pl.planeLen])
	}
}

// unpad adds the interior of images n0..n1-1 of the padded gradient dxp
// into dx [N, C, H, W], or copies it there when overwrite is set.
func (pl *convPlan) unpad(dxp, dx []float32, n0, n1 int, overwrite bool) {
	g := pl.g
	for n := n0; n < n1; n++ {
		for c := 0; c < g.C; c++ {
			dst := dx[(n*g.C+c)*g.H*g.W:][:g.H*g.W]
			src := pl.plane(dxp, n, c)
			for y := 0; y < g.H; y++ {
				row := src[(y+g.Pad)*pl.wp+g.Pad:][:g.W]
				if overwrite {
					copy(dst[y*g.W:][:g.W], row)
				} else {
					addInto(dst[y*g.W:][:g.W], row)
				}
			}
		}
	}
}

// chunks returns how many ranges of images a pass that costs work
// multiply-adds is split into (see [chunkCount]). Each range holds at
// least 4 panels of output columns, so that few panels are part-filled.
func (pl *convPlan) chunks(work int) int {
	return min(chunkCount(work, 1<<16), max(1, pl.np/(4*sgemmNR)))
}
