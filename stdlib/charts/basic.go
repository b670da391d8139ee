package charts

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Histogram returns a histogram of values with the given number of
// equal-width bins from the smallest to the largest value, and counts on
// the Y axis. It
// panics when bins < 1, when values is empty, or when a value is NaN or
// infinite.
func Histogram(values []float64, bins int, title, xlabel string) *plot.Plot {
	if bins < 1 {
		panic(fmt.Sprintf("charts: Histogram: bins = %d, want at least 1", bins))
	}
	checkValues("Histogram", "values", values)

	h, err := plotter.NewHist(plotter.Values(values), bins)
	if err != nil {
		panic(fmt.Sprintf("charts: Histogram: %v", err))
	}
	h.FillColor = blue
	h.LineStyle.Color = color.White // separates neighboring bins
	p := newPlot(title, xlabel, "count")
	p.Add(h)
	return p
}

// Series is one named line of a [Lines] chart.
type Series struct {
	Name string
	Xs   []float64
	Ys   []float64
}

// Line returns a line chart of ys against xs, with the points joined in
// the order given. It panics when the lengths differ, when xs is empty,
// or when a value is NaN or infinite.
func Line(xs, ys []float64, title, xlabel, ylabel string) *plot.Plot {
	return lines("Line", []Series{{Xs: xs, Ys: ys}}, title, xlabel, ylabel)
}

// Lines returns a chart with one line per series, in distinct colors and
// dash patterns, named in a legend at the top right. It panics when
// series is empty or when one of them is invalid as in [Line].
func Lines(series []Series, title, xlabel, ylabel string) *plot.Plot {
	if len(series) == 0 {
		panic("charts: Lines: series is empty, want at least one Series")
	}
	return lines("Lines", series, title, xlabel, ylabel)
}

func lines(fn string, series []Series, title, xlabel, ylabel string) *plot.Plot {
	p := newPlot(title, xlabel, ylabel)
	for i, s := range series {
		xs, ys := fmt.Sprintf("series[%d].Xs", i), fmt.Sprintf("series[%d].Ys", i)
		if fn == "Line" {
			xs, ys = "xs", "ys"
		}
		checkLen(fn, xs, len(s.Xs), ys, len(s.Ys))
		checkValues(fn, xs, s.Xs)
		checkValues(fn, ys, s.Ys)

		l, err := plotter.NewLine(xyPoints(s.Xs, s.Ys))
		if err != nil {
			panic(fmt.Sprintf("charts: %s: %v", fn, err))
		}
		l.Color = plotutil.Color(i)
		l.Width = 1.5 * vg.Points(1)
		l.Dashes = plotutil.Dashes(i)
		p.Add(l)
		if s.Name != "" {
			p.Legend.Add(s.Name, l)
		}
	}
	p.Legend.Top = true
	p.Legend.XOffs = -6 * vg.Points(1)
	p.Legend.YOffs = -6 * vg.Points(1)
	return p
}

// xyPoints pairs xs and ys, which have equal lengths.
func xyPoints(xs, ys []float64) plotter.XYs {
	pts := make(plotter.XYs, len(xs))
	for i := range xs {
		pts[i] = plotter.XY{X: xs[i], Y: ys[i]}
	}
	return pts
}

// Scatter returns a scatter plot of ys against xs. When labels is not
// nil, each point's label is drawn to its right, as for the principal
// components of movie factors labeled with titles. It panics when the
// lengths differ, when xs is empty, or when a value is NaN or infinite.
func Scatter(xs, ys []float64, labels []string, title string) *plot.Plot {
	checkLen("Scatter", "xs", len(xs), "ys", len(ys))
	if labels != nil {
		checkLen("Scatter", "labels", len(labels), "xs", len(xs))
	}
	checkValues("Scatter", "xs", xs)
	checkValues("Scatter", "ys", ys)

	pts := xyPoints(xs, ys)
	s, err := plotter.NewScatter(pts)
	if err != nil {
		panic(fmt.Sprintf("charts: Scatter: %v", err))
	}
	s.GlyphStyle = draw.GlyphStyle{Color: blue, Radius: 2.5 * vg.Points(1), Shape: draw.CircleGlyph{}}
	p := newPlot(title, "", "")
	p.Add(s)
	if labels == nil {
		return p
	}

	l, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: labels})
	if err != nil {
		panic(fmt.Sprintf("charts: Scatter: %v", err))
	}
	for i := range l.TextStyle {
		l.TextStyle[i].Font = p.X.Tick.Label.Font
		l.TextStyle[i].YAlign = draw.YCenter
	}
	l.Offset = vg.Point{X: 4 * vg.Points(1)}
	p.Add(l)
	return p
}
