package install

import (
	"image"
	"image/color"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// logoBlue is the light blue of Go's logo, #00ADD8.
var logoBlue = color.NRGBA{R: 0x00, G: 0xAD, B: 0xD8, A: 0xFF}

// logoGrid is the side of the pixel grid the logo text is drawn on before
// it is scaled up, in pixels. basicfont's 7×13 glyphs for "Go" fit it.
const logoGrid = 16

// Logo draws the kernel logo at size×size pixels: a white "Go" on a
// light blue square with rounded corners. The text is drawn with
// basicfont on a 16×16 grid and scaled up without smoothing, so sizes that
// are multiples of 16, such as Jupyter's 32 and 64, look sharpest.
func Logo(size int) image.Image {
	text := logoText()
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	radius := float64(size) / 6
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			if !insideRoundedSquare(float64(x)+0.5, float64(y)+0.5, float64(size), radius) {
				continue
			}
			img.SetNRGBA(x, y, logoBlue)
			if text.AlphaAt(x*logoGrid/size, y*logoGrid/size).A >= 0x80 {
				img.SetNRGBA(x, y, color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF})
			}
		}
	}
	return img
}

// logoText returns the mask of "Go" on the logo grid.
func logoText() *image.Alpha {
	mask := image.NewAlpha(image.Rect(0, 0, logoGrid, logoGrid))
	face := basicfont.Face7x13
	d := font.Drawer{
		Dst:  mask,
		Src:  image.Opaque,
		Face: face,
		// Center the 14-pixel-wide text, with its ascent of 11 pixels
		// below a 1-pixel top margin.
		Dot: fixed.P(1, 1+face.Ascent),
	}
	d.DrawString("Go")
	return mask
}

// insideRoundedSquare reports whether (x, y) lies in the side×side square
// at the origin whose corners are rounded with radius r.
func insideRoundedSquare(x, y, side, r float64) bool {
	cx := clamp(x, r, side-r)
	cy := clamp(y, r, side-r)
	dx, dy := x-cx, y-cy
	return dx*dx+dy*dy <= r*r
}

func clamp(v, lo, hi float64) float64 {
	return max(lo, min(v, hi))
}
