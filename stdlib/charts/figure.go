package charts

import (
	"fmt"

	"fastgo/stdlib/display"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Default chart size in inches. display shows a *plot.Plot at this size
// (display.PlotWidth × display.PlotHeight), which is 576×384 pixels at
// 96 dots per inch.
const (
	DefaultWidth  = 6.0
	DefaultHeight = 4.0
)

// PNGChart is a plot with its own size in inches. display.Render shows it
// as a PNG image.
type PNGChart struct {
	Plot          *plot.Plot
	Width, Height float64
}

// Size returns p drawn at width×height inches, for charts that need more
// room than the default 6×4, such as bar charts with many labels.
func Size(p *plot.Plot, width, height float64) *PNGChart {
	checkSize("Size", width, height)
	return &PNGChart{Plot: p, Width: width, Height: height}
}

// PNG renders the chart as a PNG image at 96 dots per inch. It panics if
// rendering fails.
func (c *PNGChart) PNG() []byte {
	checkSize("PNGChart.PNG", c.Width, c.Height)
	b, err := display.PlotPNG(c.Plot, vg.Length(c.Width)*vg.Inch, vg.Length(c.Height)*vg.Inch)
	if err != nil {
		panic(fmt.Sprintf("charts: rendering PNG failed: %v", err))
	}
	return b
}

// SVGChart is a plot with its own size in inches. display.Render shows it
// as an SVG document, which stays sharp when zoomed.
type SVGChart struct {
	Plot          *plot.Plot
	Width, Height float64
}

// SVG returns p as an [SVGChart] of the default size. Set its Width and
// Height fields for another size.
func SVG(p *plot.Plot) *SVGChart {
	return &SVGChart{Plot: p, Width: DefaultWidth, Height: DefaultHeight}
}

// SVG renders the chart as an SVG document. It panics if rendering fails.
func (c *SVGChart) SVG() string {
	checkSize("SVGChart.SVG", c.Width, c.Height)
	s, err := display.PlotSVG(c.Plot, vg.Length(c.Width)*vg.Inch, vg.Length(c.Height)*vg.Inch)
	if err != nil {
		panic(fmt.Sprintf("charts: rendering SVG failed: %v", err))
	}
	return s
}

func checkSize(fn string, width, height float64) {
	if !(width > 0 && height > 0) {
		panic(fmt.Sprintf("charts: %s: size %g×%g inches, want positive width and height", fn, width, height))
	}
}
