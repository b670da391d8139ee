package nn

import (
	"math"
	"math/rand"
	"testing"
)

func TestActivationStatsValues(t *testing.T) {
	// Mean 0.2/4 = 0.05. The sample std divides the squared deviations
	// 0.0625, 0.0025, 0 and 0.09 by 3. Near zero counts −0.2, 0 and 0.05.
	const tol = 1e-6
	v := []float32{-0.2, 0, 0.05, 0.35}
	mean, std, near := activationStats(v, 0.05)
	wantStd := math.Sqrt((0.0625 + 0.0025 + 0 + 0.09) / 3)
	if math.Abs(mean-0.05) > tol {
		t.Errorf("mean = %g, want 0.05", mean)
	}
	if math.Abs(std-wantStd) > tol {
		t.Errorf("std = %g, want %g", std, wantStd)
	}
	if near != 0.75 {
		t.Errorf("near-zero share = %g, want 0.75", near)
	}
}

func TestWatchActivationsRecordsTraining(t *testing.T) {
	src := rand.NewSource(1)
	seq := NewSequential(
		NewSequential(NewConv2d(src, 1, 4, 3, 2, 1, true), ReLULayer()),
		NewConv2d(src, 4, 2, 3, 2, 1, true),
		Flatten{},
	)
	stats := WatchActivations(seq)
	x := RandN(rand.NewSource(2), 1, 8, 1, 4, 4)
	for i := 0; i < 3; i++ {
		Sum(seq.Forward(x)).Backward()
	}
	seq.SetTraining(false)
	seq.Forward(x) // evaluation batches are not recorded
	for i := range stats.Names {
		if got := len(stats.Mean[i]); got != 3 {
			t.Errorf("layer %d recorded %d batches, want 3", i, got)
		}
	}
	// ReLU outputs are never negative, so every one ≤ 0.05 is near zero
	// and the first block's share is at least the share of exact zeros.
	if stats.NearZero[0][0] <= 0 {
		t.Errorf("first block near-zero share %g, want > 0 after ReLU", stats.NearZero[0][0])
	}
	if want := "Conv2d 1→4 3×3 stride 2, activation"; stats.Names[0] != want {
		t.Errorf("Names[0] = %q, want %q", stats.Names[0], want)
	}
	if NumParams(seq) != 40+74 {
		t.Errorf("hooked model has %d parameters, want 114", NumParams(seq))
	}
	stats.Remove()
	if _, ok := seq.Layers[1].(*Conv2d); !ok {
		t.Errorf("Remove left layer 1 as %T, want *Conv2d", seq.Layers[1])
	}
	if p := stats.Plot(0); p == nil {
		t.Error("Plot(0) returned nil")
	}
}
