package display

import (
	"bytes"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Default size of a rendered plot, in points at 96 dots per inch.
const (
	PlotWidth  = 6 * vg.Inch
	PlotHeight = 4 * vg.Inch
)

func renderPlot(v any) (Data, bool) {
	p, ok := v.(*plot.Plot)
	if !ok || p == nil {
		return Data{}, false
	}
	b, err := PlotPNG(p, PlotWidth, PlotHeight)
	if err != nil {
		return Text("display: rendering plot failed: " + err.Error()), true
	}
	return PNG(b), true
}

// PlotPNG renders p as a PNG image of the given size.
func PlotPNG(p *plot.Plot, w, h vg.Length) ([]byte, error) {
	c := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(96))}
	p.Draw(draw.New(c.Canvas))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// PlotSVG renders p as an SVG document of the given size.
func PlotSVG(p *plot.Plot, w, h vg.Length) (string, error) {
	wt, err := p.WriterTo(w, h, "svg")
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return "", err
	}
	return buf.String(), nil
}
