package vision

import (
	"bytes"
	"image/png"
	"testing"

	"fastgo/stdlib/nn"
)

func TestConvolveShapeAndValues(t *testing.T) {
	train, _ := loadSample(t)
	im := train.Image(train.Find(12))
	for _, k := range EdgeKernels() {
		t.Run(k.Name, func(t *testing.T) {
			out := Convolve(im, k)
			// A 3×3 kernel without padding removes one pixel on each side.
			if out.Rows != 26 || out.Cols != 26 {
				t.Fatalf("Convolve gives %d×%d, want 26×26", out.Rows, out.Cols)
			}
			for _, p := range [][2]int{{0, 0}, {4, 6}, {7, 17}, {25, 25}} {
				want := ApplyKernel(im, p[0]+1, p[1]+1, k)
				if got := out.At(p[0], p[1]); got != want {
					t.Errorf("out(%d, %d) = %g, want ApplyKernel = %g", p[0], p[1], got, want)
				}
			}
		})
	}
}

func TestCropMatchesSlice(t *testing.T) {
	g := NewGray(4, 5)
	for i := range g.Pix {
		g.Pix[i] = float32(i)
	}
	c := g.Crop(1, 3, 2, 5)
	want := []float32{7, 8, 9, 12, 13, 14}
	if c.Rows != 2 || c.Cols != 3 {
		t.Fatalf("Crop size %d×%d, want 2×3", c.Rows, c.Cols)
	}
	for i, w := range want {
		if c.Pix[i] != w {
			t.Errorf("Pix[%d] = %g, want %g", i, c.Pix[i], w)
		}
	}
}

func TestGridPNGSize(t *testing.T) {
	train, _ := loadSample(t)
	tests := []struct {
		name          string
		n, cols       int
		width, height int
	}{
		// Each 28-pixel image becomes 28·DisplayScale pixels plus a gap of
		// DisplayScale pixels between neighbours.
		{"one image", 1, 4, 28 * 4, 28 * 4},
		{"two rows of three", 6, 3, 3*29*4 - 4, 2*29*4 - 4},
		{"partial last row", 5, 3, 3*29*4 - 4, 2*29*4 - 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := png.DecodeConfig(bytes.NewReader(train.Show(0, tt.n, tt.cols).PNG()))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Width != tt.width || cfg.Height != tt.height {
				t.Errorf("PNG is %d×%d, want %d×%d", cfg.Width, cfg.Height, tt.width, tt.height)
			}
		})
	}
}

func TestGrayImageShades(t *testing.T) {
	g := &Gray{Rows: 1, Cols: 3, Pix: []float32{-29, 0, 762}}
	img := g.Image()
	s := DisplayScale
	// Greys colour map: the minimum is white (255), the maximum black (0) and
	// 0 lies 29/791 of the way, 255 − round(9.35) = 246.
	for i, want := range []uint8{255, 246, 0} {
		if got := img.GrayAt(i*s, 0).Y; got != want {
			t.Errorf("pixel %d shade %d, want %d", i, got, want)
		}
	}
}

func TestKernelTensorConvMatchesConvolve(t *testing.T) {
	train, _ := loadSample(t)
	i := train.Find(12)
	x, _ := train.Tensors()
	img := nn.New(x.Data[i*784:(i+1)*784], 1, 1, 28, 28)
	out := nn.Conv(img, KernelTensor(EdgeKernels()...), nil, 1, 0)
	// Tensors scales pixels by 1/255, so the conv output is Convolve's
	// raw-pixel map divided by 255.
	const tol = 1e-4
	for c, k := range EdgeKernels() {
		got, want := Channel(out, 0, c), Convolve(train.Image(i), k)
		for j := range want.Pix {
			if d := got.Pix[j] - want.Pix[j]/255; d > tol || d < -tol {
				t.Fatalf("%s: pixel %d = %g, want %g", k.Name, j, got.Pix[j], want.Pix[j]/255)
			}
		}
	}
}
