package charts

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Font sizes, in points, which are the unit of vg.Length. gonum/plot's defaults are 12 for titles and axis
// labels and 10 for tick labels, which look small at 6×4 inches.
const (
	titleSize     vg.Length = 14
	axisLabelSize vg.Length = 12
	tickLabelSize vg.Length = 10
)

// sansFont is Liberation Sans, which gonum/plot embeds along with its
// default Liberation Serif and reads better at small sizes.
var sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Colors of the bars and points.
var (
	blue  = color.NRGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	green = color.NRGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff}
	red   = color.NRGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	gray  = color.NRGBA{R: 0x7f, G: 0x7f, B: 0x7f, A: 0xff}
)

// newPlot returns a plot with the title, axis labels, fonts and light grid
// lines that every chart here uses.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sansFont, titleSize)
	p.Title.Padding = 6 * vg.Points(1)
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sansFont, axisLabelSize)
		a.Tick.Label.Font = font.From(sansFont, tickLabelSize)
		a.Tick.Marker = readableTicks{}
	}
	p.Legend.TextStyle.Font = font.From(sansFont, tickLabelSize)
	grid := plotter.NewGrid()
	grid.Vertical.Color = color.Gray{Y: 0xe0}
	grid.Horizontal.Color = color.Gray{Y: 0xe0}
	p.Add(grid)
	return p
}

// checkLen panics unless two slices have equal lengths got and want,
// naming the function and the slices.
func checkLen(fn, name string, got int, other string, want int) {
	if got != want {
		panic(fmt.Sprintf("charts: %s: len(%s) = %d, len(%s) = %d, want equal lengths", fn, name, got, other, want))
	}
}

// checkValues panics when values is empty or has a NaN or infinite entry,
// naming the function, the slice and the index.
func checkValues(fn, name string, values []float64) {
	if len(values) == 0 {
		panic(fmt.Sprintf("charts: %s: %s is empty, want at least one value", fn, name))
	}
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			panic(fmt.Sprintf("charts: %s: %s[%d] = %v, want finite values (drop missing values first)",
				fn, name, i, v))
		}
	}
}
