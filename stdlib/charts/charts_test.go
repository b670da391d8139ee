package charts

import (
	"bytes"
	"encoding/base64"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fastgo/stdlib/display"

	"gonum.org/v1/plot"
)

var outDir = flag.String("charts.out", "", "folder to write the rendered test charts to, for looking at them")

// chartCases are one chart of each kind, with small deterministic data.
func chartCases() []struct {
	name string
	plot *plot.Plot
} {
	xs := make([]float64, 40)
	ys := make([]float64, 40)
	for i := range xs {
		xs[i] = float64(i) / 2
		ys[i] = math.Sin(xs[i])
	}
	labels := []string{"YearMade", "ProductSize", "Coupler_System", "fiProductClassDesc", "ModelID"}
	return []struct {
		name string
		plot *plot.Plot
	}{
		{"histogram", Histogram(ys, 10, "sin(x)", "value")},
		{"bars", Bars(labels, []float64{0.18, 0.12, 0.1, 0.07, -0.02}, "Feature importance")},
		{"line", Line(xs, ys, "Loss", "epoch", "loss")},
		{"lines", Lines([]Series{{"train", xs, ys}, {"valid", xs, xs}}, "Loss", "epoch", "loss")},
		{"scatter", Scatter(xs[:5], ys[:5], labels, "Movie factors")},
		{"scatter without labels", Scatter(xs, ys, nil, "Points")},
		{"waterfall", Waterfall(labels, []float64{0.05, -0.12, 0.02, -0.04, 0.01}, 10.1, "Contributions")},
	}
}

func TestChartsRenderPNG(t *testing.T) {
	for _, tt := range chartCases() {
		t.Run(tt.name, func(t *testing.T) {
			d := display.Render(tt.plot)
			encoded, ok := d.Data[display.MIMEPNG].(string)
			if !ok {
				t.Fatalf("display.Render gave no %s: %v", display.MIMEPNG, d.Data[display.MIMEText])
			}
			b, err := base64.StdEncoding.DecodeString(encoded)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			// 6×4 inches at 96 dots per inch, the display package's size.
			if got := img.Bounds().Size(); got.X != 576 || got.Y != 384 {
				t.Errorf("PNG size = %v, want 576×384", got)
			}
			if colors := distinctColors(img, 8); colors < 3 {
				t.Errorf("PNG has %d distinct colors, want at least 3 (blank chart?)", colors)
			}
			if *outDir != "" {
				name := strings.ReplaceAll(tt.name, " ", "-") + ".png"
				if err := os.WriteFile(filepath.Join(*outDir, name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// distinctColors counts the distinct colors of img up to limit, sampling
// every fourth pixel.
func distinctColors(img image.Image, limit int) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

func TestChartsRenderSVG(t *testing.T) {
	for _, tt := range chartCases() {
		t.Run(tt.name, func(t *testing.T) {
			d := display.Render(SVG(tt.plot))
			doc, ok := d.Data[display.MIMESVG].(string)
			if !ok {
				t.Fatalf("display.Render gave no %s: %v", display.MIMESVG, d.Data[display.MIMEText])
			}
			// vg measures in points: 6×4 inches are 432×288 points.
			for _, want := range []string{"<svg", `width="432pt"`, `height="288pt"`, tt.plot.Title.Text} {
				if !strings.Contains(doc, want) {
					t.Errorf("SVG does not contain %q", want)
				}
			}
		})
	}
}

func TestSizeRendersPNG(t *testing.T) {
	p := Bars([]string{"a", "b"}, []float64{1, 2}, "Sized")
	img, err := png.Decode(bytes.NewReader(Size(p, 8, 10).PNG()))
	if err != nil {
		t.Fatal(err)
	}
	// 8×10 inches at 96 dots per inch.
	if got := img.Bounds().Size(); got.X != 768 || got.Y != 960 {
		t.Errorf("PNG size = %v, want 768×960", got)
	}
}

func TestBarsKeepOrderTopDown(t *testing.T) {
	labels := []string{"first", "second", "third"}
	p := Bars(labels, []float64{3, 2, 1}, "Order")
	ticks := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
	byValue := map[float64]string{}
	for _, tick := range ticks {
		byValue[tick.Value] = tick.Label
	}
	// Y grows upward, so the top bar is at the largest category value.
	for i, want := range labels {
		value := float64(len(labels) - 1 - i)
		if got := byValue[value]; got != want {
			t.Errorf("label at y = %g is %q, want %q", value, got, want)
		}
	}
}

func TestWaterfallBars(t *testing.T) {
	// fastbook's chapter 9 prints bias 10.10475 and contributions summing
	// to -0.09258 for its first validation row. The sum is split here into
	// three deltas. The book rounds to 5 decimals, hence the tolerance.
	const tol = 1e-5
	base := 10.10475
	deltas := []float64{-0.05, 0.02, -0.06258}
	bars, names := waterfallBars([]string{"a", "b", "c"}, deltas, base)

	wantLo := []float64{10.10475, 10.05475, 10.07475, 10.10475}
	wantHi := []float64{10.05475, 10.07475, 10.01217, 10.01217}
	for i := range wantLo {
		if math.Abs(bars.lo[i]-wantLo[i]) > tol || math.Abs(bars.hi[i]-wantHi[i]) > tol {
			t.Errorf("bar %d spans %.5f..%.5f, want %.5f..%.5f", i, bars.lo[i], bars.hi[i], wantLo[i], wantHi[i])
		}
	}
	wantColors := []color.Color{red, green, red, gray}
	for i, want := range wantColors {
		if bars.colors[i] != want {
			t.Errorf("bar %d color = %v, want %v", i, bars.colors[i], want)
		}
	}
	if last := names[len(names)-1]; last != "net" {
		t.Errorf("last bar label = %q, want %q", last, "net")
	}
}

func TestChartsPanicOnBadInput(t *testing.T) {
	tests := []struct {
		name string
		call func()
		want string // substring of the panic message
	}{
		{"histogram empty", func() { Histogram(nil, 10, "", "") }, "charts: Histogram: values is empty"},
		{"histogram zero bins", func() { Histogram([]float64{1}, 0, "", "") }, "bins = 0"},
		{"histogram NaN", func() { Histogram([]float64{1, math.NaN()}, 3, "", "") }, "values[1] = NaN"},
		{"bars lengths", func() { Bars([]string{"a"}, []float64{1, 2}, "") },
			"charts: Bars: len(labels) = 1, len(values) = 2"},
		{"line lengths", func() { Line([]float64{1, 2}, []float64{1}, "", "", "") },
			"charts: Line: len(xs) = 2, len(ys) = 1"},
		{"line infinite", func() { Line([]float64{1, 2}, []float64{1, math.Inf(1)}, "", "", "") }, "ys[1] = +Inf"},
		{"lines empty", func() { Lines(nil, "", "", "") }, "charts: Lines: series is empty"},
		{"lines series lengths", func() { Lines([]Series{{"a", []float64{1}, []float64{1}}, {"b", []float64{1}, nil}}, "", "", "") },
			"len(series[1].Xs) = 1, len(series[1].Ys) = 0"},
		{"scatter labels", func() { Scatter([]float64{1}, []float64{1}, []string{"a", "b"}, "") },
			"charts: Scatter: len(labels) = 2, len(xs) = 1"},
		{"waterfall empty", func() { Waterfall(nil, nil, 1, "") }, "charts: Waterfall: deltas is empty"},
		{"waterfall NaN base", func() { Waterfall([]string{"a"}, []float64{1}, math.NaN(), "") }, "base = NaN"},
		{"size zero", func() { Size(plot.New(), 0, 4) }, "charts: Size: size 0×4 inches"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				msg := fmt.Sprint(recover())
				if !strings.Contains(msg, tt.want) {
					t.Errorf("panic %q, want one containing %q", msg, tt.want)
				}
			}()
			tt.call()
		})
	}
}

func TestReadableTickLabels(t *testing.T) {
	tests := []struct {
		name     string
		min, max float64
	}{
		{"narrow range near 10", 10.01, 10.15},
		{"symmetric fractions", -0.95, 0.95},
		{"large counts", 0, 25000},
		{"tiny values", 0, 0.0003},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tol := 1e-6 * (tt.max - tt.min)
			seen := map[string]bool{}
			for _, tick := range (readableTicks{}).Ticks(tt.min, tt.max) {
				if tick.IsMinor() {
					continue
				}
				v, err := strconv.ParseFloat(tick.Label, 64)
				if err != nil || math.Abs(v-tick.Value) > tol {
					t.Errorf("tick at %g labeled %q", tick.Value, tick.Label)
				}
				if seen[tick.Label] {
					t.Errorf("label %q appears twice", tick.Label)
				}
				seen[tick.Label] = true
			}
			if len(seen) < 2 {
				t.Errorf("%d labeled ticks, want at least 2", len(seen))
			}
		})
	}
}

func TestDendrogramLeafOrder(t *testing.T) {
	// Five leaves: (0,3) merge into 5, (1,2) into 6, (5,4) into 7 and
	// (6,7) into the root 8. A walk from the root, left child first,
	// meets 1, 2, 0, 3, 4.
	left := []int{0, 1, 5, 6}
	right := []int{3, 2, 4, 7}
	got := leafOrder(5, left, right)
	want := []int{1, 2, 0, 3, 4}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("leafOrder = %v, want %v", got, want)
	}

	labels := []string{"a", "b", "c", "d", "e"}
	p := Dendrogram(labels, left, right, []float64{0.1, 0.2, 0.4, 0.9}, "Clusters")
	ticks := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
	for i, leaf := range want {
		if ticks[i].Label != labels[leaf] {
			t.Errorf("label at y = %d is %q, want %q", i, ticks[i].Label, labels[leaf])
		}
	}
	img, err := png.Decode(bytes.NewReader(Size(p, 6, 4).PNG()))
	if err != nil {
		t.Fatal(err)
	}
	if colors := distinctColors(img, 8); colors < 3 {
		t.Errorf("PNG has %d distinct colors, want at least 3 (blank chart?)", colors)
	}
	if *outDir != "" {
		if err := os.WriteFile(filepath.Join(*outDir, "dendrogram.png"), Size(p, 6, 4).PNG(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDendrogramPanicsOnBadMerges(t *testing.T) {
	labels := []string{"a", "b", "c"}
	tests := []struct {
		name        string
		left, right []int
		heights     []float64
		want        string
	}{
		{"too few merges", []int{0}, []int{1}, []float64{1}, "len(left) = 1, len(labels minus one) = 2"},
		{"future cluster", []int{0, 4}, []int{1, 2}, []float64{1, 2}, "merge 1 joins cluster 4, want 0 to 3"},
		{"cluster used twice", []int{0, 0}, []int{1, 3}, []float64{1, 2}, "merge 1 joins cluster 0, which an earlier merge used"},
		{"merge with itself", []int{0, 1}, []int{0, 2}, []float64{1, 2}, "merge 0 joins cluster 0 with itself"},
		{"NaN distance", []int{0, 3}, []int{1, 2}, []float64{1, math.NaN()}, "heights[1] = NaN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				msg := fmt.Sprint(recover())
				if !strings.Contains(msg, tt.want) {
					t.Errorf("panic %q, want one containing %q", msg, tt.want)
				}
			}()
			Dendrogram(labels, tt.left, tt.right, tt.heights, "")
		})
	}
}
