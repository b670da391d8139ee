package vision

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
)

// DisplayScale is how many screen pixels each image pixel covers when an
// image is rendered for the notebook, because a 28×28 PNG is too small to see.
var DisplayScale = 4

// Gray is a single-channel image of float32 values, row by row. Values may
// be raw 0–255 pixels, scaled pixels or signed kernel responses.
type Gray struct {
	Rows, Cols int
	Pix        []float32
}

// NewGray returns a zero image of the given size.
func NewGray(rows, cols int) *Gray {
	return &Gray{Rows: rows, Cols: cols, Pix: make([]float32, rows*cols)}
}

// At returns the value at row r and column c.
func (g *Gray) At(r, c int) float32 { return g.Pix[r*g.Cols+c] }

// Set stores v at row r and column c.
func (g *Gray) Set(r, c int, v float32) { g.Pix[r*g.Cols+c] = v }

// Crop returns rows r0..r1-1 and columns c0..c1-1 as a new image, like a
// Python slice g[r0:r1, c0:c1].
func (g *Gray) Crop(r0, r1, c0, c1 int) *Gray {
	if r0 < 0 || c0 < 0 || r1 > g.Rows || c1 > g.Cols || r0 > r1 || c0 > c1 {
		panic(fmt.Sprintf("vision: crop [%d:%d, %d:%d] out of a %d×%d image", r0, r1, c0, c1, g.Rows, g.Cols))
	}
	out := NewGray(r1-r0, c1-c0)
	for r := r0; r < r1; r++ {
		copy(out.Pix[(r-r0)*out.Cols:(r-r0+1)*out.Cols], g.Pix[r*g.Cols+c0:r*g.Cols+c1])
	}
	return out
}

// String formats the values as a table, one row per line, so small crops
// read like the book's pixel grids.
func (g *Gray) String() string {
	var b strings.Builder
	for r := 0; r < g.Rows; r++ {
		for c := 0; c < g.Cols; c++ {
			if c > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%4g", g.At(r, c))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Image renders g as an 8-bit grayscale image in the style of matplotlib's
// "Greys" colour map: the smallest value is white and the largest black.
// Each pixel becomes a DisplayScale×DisplayScale block.
func (g *Gray) Image() *image.Gray {
	lo, hi := g.bounds()
	s := DisplayScale
	img := image.NewGray(image.Rect(0, 0, g.Cols*s, g.Rows*s))
	for r := 0; r < g.Rows; r++ {
		for c := 0; c < g.Cols; c++ {
			shade := greyLevel(g.At(r, c), lo, hi)
			fillBlock(img, c*s, r*s, s, shade)
		}
	}
	return img
}

// PNG encodes [Gray.Image] as PNG, so a notebook shows g as a picture.
func (g *Gray) PNG() []byte { return encodePNG(g.Image()) }

func (g *Gray) bounds() (lo, hi float32) {
	lo, hi = float32(math.Inf(1)), float32(math.Inf(-1))
	for _, v := range g.Pix {
		lo = float32(math.Min(float64(lo), float64(v)))
		hi = float32(math.Max(float64(hi), float64(v)))
	}
	return lo, hi
}

func greyLevel(v, lo, hi float32) uint8 {
	if hi <= lo {
		return 255
	}
	return uint8(255 - math.Round(float64((v-lo)/(hi-lo))*255))
}

func fillBlock(img *image.Gray, x, y, size int, shade uint8) {
	for dy := 0; dy < size; dy++ {
		for dx := 0; dx < size; dx++ {
			img.SetGray(x+dx, y+dy, color.Gray{Y: shade})
		}
	}
}

func encodePNG(img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		// Encoding an in-memory image.Gray cannot fail.
		panic(fmt.Sprintf("vision: encoding PNG: %v", err))
	}
	return buf.Bytes()
}

// Grid is a set of images laid out in rows for display.
type Grid struct {
	Images []*Gray
	// Cols is the number of images per row.
	Cols int
}

// NewGrid returns a grid of images with cols images per row.
func NewGrid(cols int, images ...*Gray) *Grid {
	if cols < 1 {
		panic(fmt.Sprintf("vision: grid needs at least one column, got %d", cols))
	}
	return &Grid{Images: images, Cols: cols}
}

// Image renders the grid, each image scaled on its own, with a white gap
// of one scaled pixel between images.
func (gr *Grid) Image() *image.Gray {
	if len(gr.Images) == 0 {
		return image.NewGray(image.Rect(0, 0, 1, 1))
	}
	s := DisplayScale
	cellH, cellW := 0, 0
	for _, g := range gr.Images {
		cellH = max(cellH, g.Rows*s+s)
		cellW = max(cellW, g.Cols*s+s)
	}
	rows := (len(gr.Images) + gr.Cols - 1) / gr.Cols
	cols := min(gr.Cols, len(gr.Images))
	out := image.NewGray(image.Rect(0, 0, cols*cellW-s, rows*cellH-s))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	for i, g := range gr.Images {
		x, y := (i%gr.Cols)*cellW, (i/gr.Cols)*cellH
		tile := g.Image()
		for ty := 0; ty < tile.Rect.Dy(); ty++ {
			copy(out.Pix[(y+ty)*out.Stride+x:], tile.Pix[ty*tile.Stride:ty*tile.Stride+tile.Rect.Dx()])
		}
	}
	return out
}

// PNG encodes [Grid.Image] as PNG.
func (gr *Grid) PNG() []byte { return encodePNG(gr.Image()) }

// Show returns images start..start+n-1 of d as a grid with cols per row.
func (d *Dataset) Show(start, n, cols int) *Grid {
	imgs := make([]*Gray, 0, n)
	for i := start; i < start+n && i < d.Len(); i++ {
		imgs = append(imgs, d.Image(i))
	}
	return NewGrid(cols, imgs...)
}
