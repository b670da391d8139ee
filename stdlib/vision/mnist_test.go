package vision

import (
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"fastgo/stdlib/datasets"
)

// testDataDir returns ../shared/data/mnist relative to the module root, or
// $FASTGO_DATA/mnist, and skips the test when neither holds MNIST.
func testDataDir(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	dir := filepath.Join(root, "..", "shared", "data", "mnist")
	if _, _, err := readSplitLabels(dir); err == nil {
		return dir
	}
	dir = filepath.Join(datasets.Dir(), "mnist")
	if _, _, err := readSplitLabels(dir); err != nil {
		t.Skip(err)
	}
	return dir
}

func readSplitLabels(dir string) ([]int, []uint8, error) {
	return readIDX(filepath.Join(dir, testLabelsFile), idxLabelsMagic)
}

// The sample is read once for all tests, because decompressing MNIST
// takes about half a second.
var (
	sampleOnce               sync.Once
	sampleTrain, sampleValid *Dataset
	sampleErr                error
)

func loadSample(t testing.TB) (train, valid *Dataset) {
	t.Helper()
	dir := testDataDir(t)
	sampleOnce.Do(func() {
		var full, test *Dataset
		full, test, sampleErr = MNISTFrom(dir)
		if sampleErr == nil {
			sampleTrain, sampleValid = full.Filter(3, 7), test.Filter(3, 7)
		}
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return sampleTrain, sampleValid
}

func TestMNISTCounts(t *testing.T) {
	full, test, err := MNISTFrom(testDataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	// Per-class counts of the canonical MNIST files, counted with Python.
	tests := []struct {
		name string
		d    *Dataset
		want []int
	}{
		{"train", full, []int{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}},
		{"test", test, []int{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}},
		{"sample train", full.Filter(3, 7), []int{6131, 6265}},
		{"sample valid", test.Filter(3, 7), []int{1010, 1028}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.d.Count()
			if len(got) != len(tt.want) {
				t.Fatalf("Count() has %d classes, want %d", len(got), len(tt.want))
			}
			for c := range got {
				if got[c] != tt.want[c] {
					t.Errorf("class %s: %d images, want %d", tt.d.Classes[c], got[c], tt.want[c])
				}
			}
			if tt.d.Rows != 28 || tt.d.Cols != 28 {
				t.Errorf("image size %d×%d, want 28×28", tt.d.Rows, tt.d.Cols)
			}
		})
	}
}

// TestSampleImage12 checks that MNIST training image 12 is fast.ai's
// train/3/12.png: fastbook chapter 13 gives the top-edge kernel's sums on
// its raw pixels as 0 (top-left patch), 762 (rows 4–6, cols 6–8) and −29
// (rows 7–9, cols 17–19).
func TestSampleImage12(t *testing.T) {
	train, _ := loadSample(t)
	i := train.Find(12)
	if i < 0 {
		t.Fatal("MNIST training image 12 is not among the sample's 3s")
	}
	if got := train.Classes[train.Labels[i]]; got != "3" {
		t.Fatalf("image 12 has class %s, want 3", got)
	}
	im := train.Image(i)
	tests := []struct {
		name     string
		row, col int
		want     float32
	}{
		{"top left patch", 1, 1, 0},
		{"rows 4-6 cols 6-8", 5, 7, 762},
		{"rows 7-9 cols 17-19", 8, 18, -29},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ApplyKernel(im, tt.row, tt.col, TopEdge); got != tt.want {
				t.Errorf("ApplyKernel(%d, %d, top edge) = %g, want %g", tt.row, tt.col, got, tt.want)
			}
		})
	}
}
