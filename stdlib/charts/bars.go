package charts

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// barFraction is the share of each category slot that a bar fills.
const barFraction = 0.7

// floatingBars draws one bar per category i, from lo[i] to hi[i], with
// widths in data units so that they scale with the canvas. Categories
// sit at 0, 1, 2, ... on the category axis, which is Y when horizontal.
type floatingBars struct {
	lo, hi     []float64
	colors     []color.Color
	horizontal bool
}

// Plot implements plot.Plotter.
func (b *floatingBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i := range b.lo {
		cat0, cat1 := float64(i)-barFraction/2, float64(i)+barFraction/2
		var pts []vg.Point
		if b.horizontal {
			x0, x1, y0, y1 := trX(b.lo[i]), trX(b.hi[i]), trY(cat0), trY(cat1)
			pts = []vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}, {X: x1, Y: y1}, {X: x1, Y: y0}}
		} else {
			x0, x1, y0, y1 := trX(cat0), trX(cat1), trY(b.lo[i]), trY(b.hi[i])
			pts = []vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}, {X: x1, Y: y1}, {X: x1, Y: y0}}
		}
		c.FillPolygon(b.colors[i], c.ClipPolygonXY(pts))
	}
}

// DataRange implements plot.DataRanger, with half a slot of margin around
// the categories.
func (b *floatingBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	vmin, vmax := math.Inf(1), math.Inf(-1)
	for i := range b.lo {
		vmin = math.Min(vmin, math.Min(b.lo[i], b.hi[i]))
		vmax = math.Max(vmax, math.Max(b.lo[i], b.hi[i]))
	}
	// Leave 5% of the value range free beyond the bars' ends, except at a
	// zero baseline.
	margin := 0.05 * (vmax - vmin)
	if vmin != 0 {
		vmin -= margin
	}
	if vmax != 0 {
		vmax += margin
	}
	cmin, cmax := -0.5, float64(len(b.lo))-0.5
	if b.horizontal {
		return vmin, vmax, cmin, cmax
	}
	return cmin, cmax, vmin, vmax
}

// Bars returns a horizontal bar chart with one bar per label, such as
// feature importances. The bars keep the order given, with labels[0] at
// the top. Bars start at zero, so negative values extend to the left.
// Labels shrink to fit the default 4-inch height, down to 5 points, so
// for more than about 40 bars draw a taller chart with [Size], such as
// charts.Size(p, 6, 0.2*float64(len(labels))). It panics when the lengths
// differ, when there are no values, or when a value is NaN or infinite.
func Bars(labels []string, values []float64, title string) *plot.Plot {
	checkLen("Bars", "labels", len(labels), "values", len(values))
	checkValues("Bars", "values", values)

	n := len(values)
	bars := &floatingBars{lo: make([]float64, n), hi: make([]float64, n), horizontal: true}
	names := make([]string, n)
	for i, v := range values {
		// Category 0 is at the bottom of the Y axis, so reverse the order.
		j := n - 1 - i
		bars.hi[j] = v
		bars.colors = append(bars.colors, blue)
		names[j] = labels[i]
	}
	p := newPlot(title, "", "")
	p.Add(bars)
	p.NominalY(names...)
	p.Y.Tick.Label.Font.Size = barLabelSize(n)
	return p
}

// barLabelSize returns the tick label size that lets n bar labels fit the
// default plot height without overlapping, between 5 and 10 points.
func barLabelSize(n int) vg.Length {
	// About 3 inches of the 4-inch default height are left for the bars.
	slot := 3 * vg.Inch / vg.Length(n)
	return max(5*vg.Points(1), min(tickLabelSize, slot*0.9))
}

// Waterfall returns a waterfall chart of how deltas move a prediction
// from base to base+Σdeltas, as drawn for a tree interpreter. Each label
// gets a bar from the running total before its delta to the total after
// it, green when the delta is positive and red when it is negative. A
// gray "net" bar from base to the final value comes last. The value axis starts at the
// smallest total rather than zero, so small deltas stay visible. It
// panics when the lengths differ, when there are no deltas, or when a
// value is NaN or infinite.
func Waterfall(labels []string, deltas []float64, base float64, title string) *plot.Plot {
	checkLen("Waterfall", "labels", len(labels), "deltas", len(deltas))
	checkValues("Waterfall", "deltas", deltas)
	if math.IsNaN(base) || math.IsInf(base, 0) {
		panic(fmt.Sprintf("charts: Waterfall: base = %v, want a finite value", base))
	}

	bars, names := waterfallBars(labels, deltas, base)
	p := newPlot(title, "", "")
	p.Add(bars)
	p.NominalX(names...)
	p.X.Tick.Label.Rotation = math.Pi / 4
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YCenter
	baseLine, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: base}, {X: float64(len(names)) - 0.5, Y: base}})
	if err != nil {
		panic(fmt.Sprintf("charts: Waterfall: base line: %v", err))
	}
	baseLine.Color = gray
	baseLine.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(baseLine)
	return p
}

// waterfallBars returns the bars of [Waterfall] and their labels.
func waterfallBars(labels []string, deltas []float64, base float64) (*floatingBars, []string) {
	bars := &floatingBars{}
	names := make([]string, 0, len(labels)+1)
	total := base
	for i, d := range deltas {
		bars.lo = append(bars.lo, total)
		bars.hi = append(bars.hi, total+d)
		bars.colors = append(bars.colors, deltaColor(d))
		names = append(names, labels[i])
		total += d
	}
	bars.lo = append(bars.lo, base)
	bars.hi = append(bars.hi, total)
	bars.colors = append(bars.colors, gray)
	names = append(names, "net")
	return bars, names
}

func deltaColor(d float64) color.Color {
	if d < 0 {
		return red
	}
	return green
}
