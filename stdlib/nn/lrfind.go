package nn

import (
	"bytes"
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"fastgo/stdlib/cell"
	"fastgo/stdlib/display"
)

// LRFinder is the result of [Learner.LRFind]: the smoothed training loss
// recorded at each learning rate of an exponentially growing schedule
// (Smith 2015), with fastai's two older suggestions.
type LRFinder struct {
	LRs, Losses []float64
	// Min is the learning rate of the lowest loss divided by 10.
	Min float64
	// Steep is the learning rate where the loss falls fastest against
	// log(lr).
	Steep float64
}

// LRFind trains from a learning rate of 1e-7 growing to 10 over at most
// 100 batches, stopping once the smoothed loss exceeds 4 times its
// minimum, as fastai's lr_find does. The model's weights are restored
// afterwards and a separate optimizer is used, so the learner is left as
// it was.
func (l *Learner) LRFind() (*LRFinder, error) {
	const startLR, endLR, iters = 1e-7, 10.0, 100
	saved := snapshot(l.Model)
	defer restore(l.Model, saved)
	previous := l.opt
	l.opt = nil
	defer func() { l.opt = previous }()
	opt := l.Optimizer()
	l.Model.SetTraining(true)

	res := &LRFinder{}
	smooth := lossSmoother{beta: 0.98}
	dl := l.Data.Train
	best := math.Inf(1)
	for it := 0; it < iters; it++ {
		if cell.Interrupted() {
			return nil, cell.ErrInterrupted
		}
		if it%dl.Len() == 0 {
			dl.NewEpoch()
		}
		lr := startLR * math.Pow(endLR/startLR, float64(it)/float64(iters-1))
		opt.SetLR(lr)
		x, y := dl.Batch(it % dl.Len())
		loss := l.Loss(l.Model.Forward(x), y)
		smooth.add(float64(loss.Item()))
		s := smooth.value()
		res.LRs = append(res.LRs, lr)
		res.Losses = append(res.Losses, s)
		if s > 4*best || !isFinite(loss.Item()) {
			break
		}
		best = math.Min(best, s)
		loss.Backward()
		opt.Step()
		opt.ZeroGrad()
	}
	if err := res.suggest(); err != nil {
		return res, err
	}
	return res, nil
}

// suggest fills Min and Steep, skipping the first 10 and last 5 points
// as fastai does because they are noisy.
func (r *LRFinder) suggest() error {
	lo, hi := 10, len(r.LRs)-5
	if hi-lo < 2 {
		return errors.New("nn: LRFind: too few batches recorded before the loss diverged; check the data and the loss")
	}
	minAt, steepAt, steepest := lo, lo+1, math.Inf(1)
	for i := lo; i < hi; i++ {
		if r.Losses[i] < r.Losses[minAt] {
			minAt = i
		}
		if i > lo {
			slope := (r.Losses[i] - r.Losses[i-1]) / (math.Log(r.LRs[i]) - math.Log(r.LRs[i-1]))
			if slope < steepest {
				steepest, steepAt = slope, i
			}
		}
	}
	r.Min = r.LRs[minAt] / 10
	r.Steep = r.LRs[steepAt]
	return nil
}

// Plot returns the loss against the learning rate on a log scale.
func (r *LRFinder) Plot() *plot.Plot {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("LR finder: min/10 %.2e, steepest %.2e", r.Min, r.Steep)
	p.X.Label.Text = "learning rate (log scale)"
	p.Y.Label.Text = "loss"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	lo, hi := min(10, len(r.LRs)), max(len(r.LRs)-5, min(10, len(r.LRs)))
	pts := make(plotter.XYs, 0, hi-lo)
	for i := lo; i < hi; i++ {
		pts = append(pts, plotter.XY{X: r.LRs[i], Y: r.Losses[i]})
	}
	if line, err := plotter.NewLine(pts); err == nil {
		p.Add(line)
	}
	return p
}

// PNG renders [LRFinder.Plot], so a cell ending in the result shows it.
func (r *LRFinder) PNG() []byte {
	b, err := display.PlotPNG(r.Plot(), display.PlotWidth, display.PlotHeight)
	if err != nil {
		return nil
	}
	return b
}

// String formats the two suggestions.
func (r *LRFinder) String() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "SuggestedLRs(lr_min=%.6g, lr_steep=%.6g)", r.Min, r.Steep)
	return b.String()
}
