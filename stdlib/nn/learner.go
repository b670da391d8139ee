package nn

import (
	"fmt"
	"math"
	"time"

	"fastgo/stdlib/cell"
	"fastgo/stdlib/display"
)

// LossFunc is a loss such as [MSE] or [CrossEntropy]: a one-value tensor
// from predictions and targets.
type LossFunc func(pred, target *Tensor) *Tensor

// Metric is a named score computed on the whole validation set after
// every epoch, such as [RMSE] or [Accuracy].
type Metric struct {
	Name string
	Fn   func(pred, target *Tensor) *Tensor
}

// EpochStats is one row of the training table.
type EpochStats struct {
	Epoch     int
	TrainLoss float64 // smoothed as fastai shows it, see [Learner.FitSchedule]
	ValidLoss float64
	Metrics   []float64
	Time      time.Duration
}

// Learner trains a model on [DataLoaders] with a loss and an optimizer,
// and shows a progress bar and a table of losses per epoch in the
// notebook.
type Learner struct {
	Model   Module
	Data    *DataLoaders
	Loss    LossFunc
	Metrics []Metric
	// WD is the decoupled weight decay passed to the optimizer.
	// [NewLearner] sets it to 0.01, the default of fastai's Adam
	// (fastai.optimizer.Adam, wd=0.01), which fastai's Learner keeps
	// unless it is given a wd. The book's runs "without weight decay"
	// therefore used 0.01.
	WD float64
	// NewOptimizer builds the optimizer on the first fit. It defaults to
	// [NewAdam]; the optimizer and its state are kept across fits.
	NewOptimizer func(params []*Tensor, lr, wd float64) Optimizer
	// Quiet turns off the progress bar and the table, as in tests and
	// benchmarks.
	Quiet bool
	// History holds a row per epoch trained, across fits.
	History []EpochStats

	opt   Optimizer
	table *display.Handle
}

// NewLearner returns a Learner with Adam and weight decay 0.01, as
// fastai's defaults give.
func NewLearner(model Module, data *DataLoaders, loss LossFunc, metrics ...Metric) *Learner {
	return &Learner{Model: model, Data: data, Loss: loss, Metrics: metrics, WD: 0.01}
}

// Optimizer returns the optimizer, building it if no fit has run yet.
func (l *Learner) Optimizer() Optimizer {
	if l.opt == nil {
		newOpt := l.NewOptimizer
		if newOpt == nil {
			newOpt = func(p []*Tensor, lr, wd float64) Optimizer { return NewAdam(p, lr, wd) }
		}
		l.opt = newOpt(l.Model.Parameters(), 1e-3, l.WD)
	}
	return l.opt
}

// FitOneCycle trains for the given number of epochs with the [OneCycle]
// schedule peaking at lrMax and fastai's defaults. It returns
// cell.ErrInterrupted if the user interrupts the cell and an error if the
// loss stops being finite.
func (l *Learner) FitOneCycle(epochs int, lrMax float64) error {
	return l.FitSchedule(epochs, NewOneCycle(lrMax).At)
}

// Fit trains for the given number of epochs at the constant learning rate
// lr, leaving the optimizer's momentum as it is.
func (l *Learner) Fit(epochs int, lr float64) error {
	return l.FitSchedule(epochs, func(float64) (float64, float64) { return lr, math.NaN() })
}

// FitSchedule trains for the given number of epochs, setting the learning
// rate and momentum that schedule returns for the fraction of training
// done before each step. A NaN momentum leaves the momentum unchanged.
//
// The train loss shown is fastai's smoothed loss: an exponential moving
// average of the batch losses with factor 0.98, corrected for its start.
func (l *Learner) FitSchedule(epochs int, schedule func(pos float64) (lr, mom float64)) error {
	opt := l.Optimizer()
	opt.SetLR(1e-3)
	total := epochs * l.Data.Train.Len()
	smooth := lossSmoother{beta: 0.98}
	step := 0
	l.showTable()
	var bar *display.Progress
	if !l.Quiet {
		bar = display.NewProgress(fmt.Sprintf("training %d epochs", epochs), total)
		defer bar.Finish()
	}
	for e := 0; e < epochs; e++ {
		start := time.Now()
		err := l.trainEpoch(e, bar, func() {
			lr, mom := schedule(float64(step) / float64(total))
			opt.SetLR(lr)
			if !math.IsNaN(mom) {
				opt.SetMomentum(mom)
			}
			step++
		}, &smooth)
		if err != nil {
			return err
		}
		valid, metrics := l.Validate()
		l.History = append(l.History, EpochStats{Epoch: len(l.History), TrainLoss: smooth.value(),
			ValidLoss: valid, Metrics: metrics, Time: time.Since(start)})
		l.showTable()
	}
	return nil
}

// trainEpoch runs one pass over the training data, calling beforeStep
// before each optimizer step and advancing bar, if not nil, after it.
func (l *Learner) trainEpoch(epoch int, bar *display.Progress, beforeStep func(), smooth *lossSmoother) error {
	dl, opt := l.Data.Train, l.opt
	l.Model.SetTraining(true)
	dl.NewEpoch()
	for b := 0; b < dl.Len(); b++ {
		if cell.Interrupted() {
			return cell.ErrInterrupted
		}
		beforeStep()
		x, y := dl.Batch(b)
		loss := l.Loss(l.Model.Forward(x), y)
		v := float64(loss.Item())
		if !isFinite(loss.Item()) {
			return fmt.Errorf("nn: training loss became %v at epoch %d, batch %d: lower the learning rate", v, epoch, b)
		}
		loss.Backward()
		opt.Step()
		if _, zeroed := opt.(*Adam); !zeroed {
			opt.ZeroGrad() // Adam.Step zeros the gradients itself
		}
		smooth.add(v)
		if bar != nil {
			bar.Add(1)
		}
	}
	return nil
}

// Validate returns the mean loss and the metrics on the validation set,
// computed in evaluation mode without gradients.
func (l *Learner) Validate() (loss float64, metrics []float64) {
	pred := l.Predict(l.Data.Valid.X)
	target := l.Data.Valid.Y
	NoGrad(func() {
		loss = float64(l.Loss(pred, target).Item())
		for _, m := range l.Metrics {
			metrics = append(metrics, float64(m.Fn(pred, target).Item()))
		}
	})
	return loss, metrics
}

// Predict returns the model's output for x in evaluation mode, computed
// in batches of the validation loader's size without gradients.
func (l *Learner) Predict(x *Tensor) *Tensor {
	l.Model.SetTraining(false)
	defer l.Model.SetTraining(true)
	bs := l.Data.Valid.BatchSize
	n := x.Dim(0)
	var out *Tensor
	NoGrad(func() {
		for lo := 0; lo < n; lo += bs {
			rows := make([]int, 0, bs)
			for i := lo; i < min(lo+bs, n); i++ {
				rows = append(rows, i)
			}
			p := l.Model.Forward(SelectRows(x, rows))
			if out == nil {
				out = Zeros(append([]int{n}, p.shape[1:]...)...)
			}
			w := len(p.Data) / len(rows)
			copy(out.Data[lo*w:], p.Data)
		}
	})
	return out
}

// lossSmoother is an exponential moving average with bias correction.
type lossSmoother struct {
	beta, avg float64
	n         int
}

func (s *lossSmoother) add(v float64) {
	s.n++
	s.avg = s.beta*s.avg + (1-s.beta)*v
}

func (s *lossSmoother) value() float64 {
	if s.n == 0 {
		return math.NaN()
	}
	return s.avg / (1 - math.Pow(s.beta, float64(s.n)))
}
