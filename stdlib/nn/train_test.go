package nn

import (
	"errors"
	"math"
	"math/rand"
	"path/filepath"
	"testing"

	"fastgo/stdlib/cell"
)

// linearData returns n rows of y = 3·x0 − 2·x1 + 1 plus Gaussian noise of
// standard deviation 0.1.
func linearData(seed int64, n int) (x, y *Tensor) {
	r := rand.New(rand.NewSource(seed))
	x, y = Zeros(n, 2), Zeros(n, 1)
	for i := 0; i < n; i++ {
		a, b := r.NormFloat64(), r.NormFloat64()
		x.Data[2*i], x.Data[2*i+1] = float32(a), float32(b)
		y.Data[i] = float32(3*a - 2*b + 1 + 0.1*r.NormFloat64())
	}
	return x, y
}

func TestLearnerRecoversLinearModel(t *testing.T) {
	// The noise variance is 0.01, so a fitted model's valid MSE should
	// land near it; the weights should land near the generating ones.
	const weightTol, mseMax = 0.05, 0.015
	tests := []struct {
		name string
		opt  func(p []*Tensor, lr, wd float64) Optimizer
		fit  func(l *Learner) error
	}{
		{"Adam one-cycle", nil, func(l *Learner) error { return l.FitOneCycle(4, 0.1) }},
		{"SGD momentum constant", func(p []*Tensor, lr, wd float64) Optimizer { return NewSGD(p, lr, 0.9, wd) },
			func(l *Learner) error { return l.Fit(4, 0.01) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := linearData(1, 2000)
			vx, vy := linearData(2, 500)
			model := NewLinear(rand.NewSource(3), 2, 1)
			l := NewLearner(model, NewDataLoaders(x, y, vx, vy, 32, 4), MSE, Metric{"rmse", RMSE})
			l.NewOptimizer, l.Quiet = tt.opt, true
			if err := tt.fit(l); err != nil {
				t.Fatal(err)
			}
			want := []float32{3, -2}
			for i, w := range want {
				if d := math.Abs(float64(model.W.Data[i] - w)); d > weightTol {
					t.Errorf("weight %d = %v, want %v", i, model.W.Data[i], w)
				}
			}
			if d := math.Abs(float64(model.B.Data[0] - 1)); d > weightTol {
				t.Errorf("bias = %v, want 1", model.B.Data[0])
			}
			if got := l.History[len(l.History)-1].ValidLoss; got > mseMax {
				t.Errorf("final valid MSE %v, want below %v", got, mseMax)
			}
			if len(l.History) != 4 {
				t.Errorf("history has %d epochs, want 4", len(l.History))
			}
		})
	}
}

func TestLearnerClassifiesBlobs(t *testing.T) {
	// Two Gaussian blobs 4 standard deviations apart: a linear boundary
	// separates all but about 2.3% of points, so a trained MLP with
	// dropout and batch norm should reach 0.95.
	const minAccuracy = 0.95
	blobs := func(seed int64, n int) (x, y *Tensor) {
		r := rand.New(rand.NewSource(seed))
		x, y = Zeros(n, 2), Zeros(n)
		for i := 0; i < n; i++ {
			c := i % 2
			x.Data[2*i] = float32(r.NormFloat64() + 4*float64(c))
			x.Data[2*i+1] = float32(r.NormFloat64())
			y.Data[i] = float32(c)
		}
		return x, y
	}
	x, y := blobs(1, 1000)
	vx, vy := blobs(2, 400)
	src := rand.NewSource(5)
	model := NewSequential(NewLinear(src, 2, 16), NewBatchNorm1d(16), ReLULayer(),
		NewDropout(src, 0.1), NewLinear(src, 16, 2))
	l := NewLearner(model, NewDataLoaders(x, y, vx, vy, 64, 6), CrossEntropy, Metric{"accuracy", Accuracy})
	l.Quiet = true
	if err := l.FitOneCycle(3, 0.05); err != nil {
		t.Fatal(err)
	}
	if acc := l.History[2].Metrics[0]; acc < minAccuracy {
		t.Errorf("accuracy %v, want at least %v", acc, minAccuracy)
	}
}

func TestOneCycleSchedule(t *testing.T) {
	// Expected values follow from fastai's defaults: the rate starts at
	// lrMax/25, peaks at 25% of training and ends at lrMax/1e5; the
	// momentum mirrors it between 0.95 and 0.85.
	const tol = 1e-12
	s := NewOneCycle(0.01)
	tests := []struct {
		name    string
		pos     float64
		lr, mom float64
	}{
		{"start", 0, 0.01 / 25, 0.95},
		{"halfway up", 0.125, (0.01/25 + 0.01) / 2, 0.9},
		{"peak", 0.25, 0.01, 0.85},
		{"end", 1, 0.01 / 1e5, 0.95},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lr, mom := s.At(tt.pos)
			if math.Abs(lr-tt.lr) > tol {
				t.Errorf("lr = %v, want %v", lr, tt.lr)
			}
			if math.Abs(mom-tt.mom) > tol {
				t.Errorf("momentum = %v, want %v", mom, tt.mom)
			}
		})
	}
}

func TestAdamFirstStep(t *testing.T) {
	// After one step with bias correction, m̂ = g and v̂ = g², so each
	// value moves by lr·g/(|g|+eps) after decaying by 1−lr·wd.
	const tol = 1e-6
	p := Param(New([]float32{1, -2, 0.5}, 3))
	p.Grad = []float32{0.5, -0.1, 0}
	opt := NewAdam([]*Tensor{p}, 0.01, 0.1)
	opt.Step()
	for i, start := range []float64{1, -2, 0.5} {
		g := []float64{0.5, -0.1, 0}[i]
		want := start*(1-0.01*0.1) - 0.01*g/(math.Abs(g)+1e-5)
		if math.Abs(float64(p.Data[i])-want) > tol {
			t.Errorf("value %d = %v, want %v", i, p.Data[i], want)
		}
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	src := rand.NewSource(1)
	a := NewSequential(NewLinear(src, 3, 4), NewBatchNorm1d(4))
	b := NewSequential(NewLinear(src, 3, 4), NewBatchNorm1d(4))
	a.Layers[1].(*BatchNorm1d).RunMean[2] = 0.75
	path := filepath.Join(t.TempDir(), "w.gob")
	if err := Save(path, a); err != nil {
		t.Fatal(err)
	}
	if err := Load(path, b); err != nil {
		t.Fatal(err)
	}
	sa, sb := state(a), state(b)
	for i := range sa {
		for j := range sa[i].Data {
			if sa[i].Data[j] != sb[i].Data[j] {
				t.Fatalf("tensor %d value %d: loaded %v, saved %v", i, j, sb[i].Data[j], sa[i].Data[j])
			}
		}
	}
	wrong := NewSequential(NewLinear(src, 3, 5))
	if err := Load(path, wrong); err == nil {
		t.Error("Load into a different architecture returned no error")
	}
}

func TestFitStopsWhenInterrupted(t *testing.T) {
	_, stop := cell.Begin()
	stop()
	defer cell.Begin()
	x, y := linearData(1, 100)
	l := NewLearner(NewLinear(rand.NewSource(1), 2, 1), NewDataLoaders(x, y, x, y, 10, 1), MSE)
	l.Quiet = true
	if err := l.FitOneCycle(1, 0.01); !errors.Is(err, cell.ErrInterrupted) {
		t.Errorf("FitOneCycle returned %v, want cell.ErrInterrupted", err)
	}
}

func TestLRFindRestoresWeights(t *testing.T) {
	x, y := linearData(1, 3200)
	model := NewLinear(rand.NewSource(1), 2, 1)
	before := model.W.Clone()
	l := NewLearner(model, NewDataLoaders(x, y, x, y, 32, 1), MSE)
	l.Quiet = true
	res, err := l.LRFind()
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range before.Data {
		if model.W.Data[i] != v {
			t.Errorf("weight %d changed from %v to %v", i, v, model.W.Data[i])
		}
	}
	// Adam moves each weight by about lr per step and the weights are of
	// order 1, so the lowest loss comes near lr 1, giving min/10 near 0.1. The steepest
	// slope is noisy early on, so it is only checked to come before the
	// minimum.
	if res.Min < 1e-4 || res.Min > 1 {
		t.Errorf("min/10 suggestion %v is outside [1e-4, 1]", res.Min)
	}
	if res.Steep > 10*res.Min {
		t.Errorf("steepest suggestion %v comes after the minimum at %v", res.Steep, 10*res.Min)
	}
	if len(res.PNG()) == 0 {
		t.Error("the LR finder plot rendered no PNG")
	}
}
