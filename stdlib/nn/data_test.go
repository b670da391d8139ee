package nn

import (
	"strings"
	"testing"
	"time"
)

func TestDataLoaderEpochs(t *testing.T) {
	// 10 rows in batches of 4: a shuffled loader drops the last 2 rows of
	// each epoch (fastai's drop_last for training), an ordered one keeps
	// them in a short third batch.
	x := Zeros(10, 2)
	y := Zeros(10, 1)
	for i := 0; i < 10; i++ {
		x.Data[2*i], x.Data[2*i+1], y.Data[i] = float32(i), float32(-i), float32(i)
	}
	tests := []struct {
		name     string
		shuffle  bool
		batches  int
		rowsSeen int
	}{
		{"ordered keeps the last batch", false, 3, 10},
		{"shuffled drops the last batch", true, 2, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dl := NewDataLoader(x, y, 4, tt.shuffle, 7)
			if dl.Len() != tt.batches {
				t.Fatalf("Len = %d, want %d", dl.Len(), tt.batches)
			}
			dl.NewEpoch()
			seen := map[float32]bool{}
			for b := 0; b < dl.Len(); b++ {
				xb, yb := dl.Batch(b)
				for i := 0; i < xb.Dim(0); i++ {
					if xb.At(i, 0) != yb.At(i, 0) || xb.At(i, 1) != -yb.At(i, 0) {
						t.Errorf("batch %d row %d: x %v, %v and y %v come from different rows", b, i, xb.At(i, 0), xb.At(i, 1), yb.At(i, 0))
					}
					if seen[yb.At(i, 0)] {
						t.Errorf("row %v appears twice in one epoch", yb.At(i, 0))
					}
					seen[yb.At(i, 0)] = true
				}
			}
			if len(seen) != tt.rowsSeen {
				t.Errorf("epoch covered %d rows, want %d", len(seen), tt.rowsSeen)
			}
		})
	}
}

func TestDataLoaderSeededShuffle(t *testing.T) {
	x, y := Zeros(50, 1), Zeros(50, 1)
	for i := range y.Data {
		x.Data[i], y.Data[i] = float32(i), float32(i)
	}
	first := func(seed int64) []float32 {
		dl := NewDataLoader(x, y, 10, true, seed)
		dl.NewEpoch()
		_, yb := dl.Batch(0)
		return append([]float32(nil), yb.Data...)
	}
	a, b, c := first(1), first(1), first(2)
	same := func(u, v []float32) bool {
		for i := range u {
			if u[i] != v[i] {
				return false
			}
		}
		return true
	}
	if !same(a, b) {
		t.Errorf("seed 1 gave batches %v and %v", a, b)
	}
	if same(a, c) {
		t.Errorf("seeds 1 and 2 gave the same batch %v", a)
	}
}

func TestRandomSplitSizes(t *testing.T) {
	train, valid := RandomSplit(100000, 0.2, 42)
	if len(train) != 80000 || len(valid) != 20000 {
		t.Fatalf("split %d/%d, want 80000/20000", len(train), len(valid))
	}
	seen := make([]bool, 100000)
	for _, r := range append(append([]int(nil), train...), valid...) {
		if seen[r] {
			t.Fatalf("row %d is in both sets or twice", r)
		}
		seen[r] = true
	}
}

func TestTableRendering(t *testing.T) {
	tab := Table{Metrics: []string{"rmse"}, Rows: []EpochStats{
		{Epoch: 0, TrainLoss: 0.5, ValidLoss: 0.25, Metrics: []float64{0.5}, Time: 1500 * time.Millisecond},
	}}
	html := tab.HTML()
	for _, want := range []string{"<th>epoch</th>", "<th>rmse</th>", "<td>0.500000</td>", "<td>0.250000</td>", "<td>1.5s</td>"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q: %s", want, html)
		}
	}
	text := tab.String()
	if !strings.HasPrefix(text, "epoch  train_loss  valid_loss  rmse") {
		t.Errorf("text table starts %q", strings.SplitN(text, "\n", 2)[0])
	}
}
