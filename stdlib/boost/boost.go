package boost

import (
	"fmt"
	"math"
	"math/rand/v2"

	"fastgo/stdlib/cell"
	"fastgo/stdlib/display"
	"fastgo/stdlib/tree"
	"gonum.org/v1/gonum/mat"
)

// Regressor is gradient boosting for squared error: it starts from the
// mean target and each round fits a small regression tree to the
// residuals, adding LearningRate times its prediction (Friedman 2001,
// "Greedy function approximation: a gradient boosting machine").
type Regressor struct {
	// Rounds is the maximum number of trees; 0 means 100.
	Rounds int
	// LearningRate shrinks each tree's prediction; 0 means 0.1.
	LearningRate float64
	// MaxLeafNodes, MaxDepth and MinSamplesLeaf limit each tree as in
	// tree.Options. With neither MaxLeafNodes nor MaxDepth set, trees
	// have depth 3, as scikit-learn's GradientBoostingRegressor.
	MaxLeafNodes   int
	MaxDepth       int
	MinSamplesLeaf float64
	// Subsample is the fraction of rows, drawn without replacement, that
	// each tree sees; 0 means all (no stochastic boosting).
	Subsample float64
	// Patience stops fitting when the validation RMSE has not improved
	// for this many rounds, keeping the best round's trees; 0 never stops
	// early. It needs [Regressor.FitValid].
	Patience int
	Seed     uint64
	// Quiet hides the progress bar.
	Quiet bool

	// Init is the starting prediction (the training mean).
	Init  float64
	Trees []*tree.Tree
	// TrainRMSE and ValidRMSE hold the RMSE after each round; ValidRMSE
	// is nil without validation data.
	TrainRMSE, ValidRMSE []float64
	// BestRound is the number of trees kept (with the lowest ValidRMSE
	// when early stopping).
	BestRound int
}

func (r *Regressor) rounds() int {
	if r.Rounds == 0 {
		return 100
	}
	return r.Rounds
}

func (r *Regressor) rate() float64 {
	if r.LearningRate == 0 {
		return 0.1
	}
	return r.LearningRate
}

func (r *Regressor) check() error {
	switch {
	case r.Rounds < 0:
		return fmt.Errorf("boost: Rounds %d is negative: use 0 for the default of 100", r.Rounds)
	case r.LearningRate < 0 || math.IsNaN(r.LearningRate):
		return fmt.Errorf("boost: LearningRate %v is invalid: use a value in (0, 1]", r.LearningRate)
	case r.Subsample < 0 || r.Subsample > 1:
		return fmt.Errorf("boost: Subsample %v is outside [0, 1]: use 0 for all rows", r.Subsample)
	case r.Patience < 0:
		return fmt.Errorf("boost: Patience %d is negative: use 0 to disable early stopping", r.Patience)
	}
	return nil
}

// Fit boosts on the rows of X and targets y for Rounds rounds.
func (r *Regressor) Fit(X *mat.Dense, y []float64) error {
	return r.FitValid(X, y, nil, nil)
}

// FitValid boosts on X, y and records the RMSE on validX, validY after
// every round, stopping early when Patience is set.
func (r *Regressor) FitValid(X *mat.Dense, y []float64, validX *mat.Dense, validY []float64) error {
	if err := r.check(); err != nil {
		return err
	}
	rows, _ := X.Dims()
	if len(y) != rows {
		panic(fmt.Sprintf("boost: len(y) = %d, X has %d rows", len(y), rows))
	}
	if validX != nil {
		if vr, _ := validX.Dims(); vr != len(validY) {
			panic(fmt.Sprintf("boost: len(validY) = %d, validX has %d rows", len(validY), vr))
		}
	}
	d, err := tree.NewData(X)
	if err != nil {
		return fmt.Errorf("boost: %w", err)
	}
	f := newFit(r, d, X, y, validX, validY)
	return f.run()
}

// fit is the state of one boosting run.
type fit struct {
	r              *Regressor
	d              *tree.Data
	X, validX      *mat.Dense
	y, validY      []float64
	pred, vpred    []float64
	resid, step    []float64
	vstep, weights []float64
	rng            *rand.Rand
}

func newFit(r *Regressor, d *tree.Data, X *mat.Dense, y []float64, validX *mat.Dense, validY []float64) *fit {
	n := len(y)
	f := &fit{r: r, d: d, X: X, y: y, validX: validX, validY: validY,
		pred: make([]float64, n), resid: make([]float64, n), step: make([]float64, n),
		rng: rand.New(rand.NewPCG(r.Seed, 0x2545f4914f6cdd1d))}
	r.Init = mean(y)
	for i := range f.pred {
		f.pred[i] = r.Init
	}
	if validX != nil {
		f.vpred = make([]float64, len(validY))
		f.vstep = make([]float64, len(validY))
		for i := range f.vpred {
			f.vpred[i] = r.Init
		}
	}
	if r.Subsample > 0 && r.Subsample < 1 {
		f.weights = make([]float64, n)
	}
	r.Trees, r.TrainRMSE, r.ValidRMSE, r.BestRound = nil, nil, nil, 0
	return f
}

func (f *fit) treeOptions() tree.Options {
	o := tree.Options{MaxLeafNodes: f.r.MaxLeafNodes, MaxDepth: f.r.MaxDepth,
		MinSamplesLeaf: f.r.MinSamplesLeaf, Seed: f.rng.Uint64()}
	if o.MaxLeafNodes == 0 && o.MaxDepth == 0 {
		o.MaxDepth = 3
	}
	return o
}

func (f *fit) run() error {
	r := f.r
	var bar *display.Progress
	if !r.Quiet {
		bar = display.NewProgress("boosting rounds", r.rounds())
		defer bar.Finish()
	}
	best, since := math.Inf(1), 0
	for round := 0; round < r.rounds(); round++ {
		if cell.Interrupted() {
			return cell.ErrInterrupted
		}
		if err := f.round(); err != nil {
			return err
		}
		if bar != nil {
			bar.Add(1)
		}
		if f.validX == nil {
			r.BestRound = len(r.Trees)
			continue
		}
		if v := r.ValidRMSE[len(r.ValidRMSE)-1]; v < best {
			best, since, r.BestRound = v, 0, len(r.Trees)
		} else if since++; r.Patience > 0 && since >= r.Patience {
			break
		}
	}
	if r.Patience > 0 {
		r.Trees = r.Trees[:r.BestRound]
	}
	return nil
}

// round fits one tree to the residuals and updates the predictions.
func (f *fit) round() error {
	r := f.r
	for i, p := range f.pred {
		f.resid[i] = f.y[i] - p
	}
	t, err := tree.FitRegression(f.d, f.resid, f.sample(), f.treeOptions())
	if err != nil {
		return fmt.Errorf("boost: %w", err)
	}
	r.Trees = append(r.Trees, t)
	t.PredictInto(f.X, f.step)
	for i, s := range f.step {
		f.pred[i] += r.rate() * s
	}
	r.TrainRMSE = append(r.TrainRMSE, rmse(f.pred, f.y))
	if f.validX != nil {
		t.PredictInto(f.validX, f.vstep)
		for i, s := range f.vstep {
			f.vpred[i] += r.rate() * s
		}
		r.ValidRMSE = append(r.ValidRMSE, rmse(f.vpred, f.validY))
	}
	return nil
}

// sample returns 0/1 weights that keep round(Subsample·n) rows drawn
// without replacement, or nil to keep all rows.
func (f *fit) sample() []float64 {
	if f.weights == nil {
		return nil
	}
	n := len(f.weights)
	k := max(1, int(math.Round(f.r.Subsample*float64(n))))
	clear(f.weights)
	for _, i := range f.rng.Perm(n)[:k] {
		f.weights[i] = 1
	}
	return f.weights
}

// Predict returns Init plus LearningRate times the sum of the trees'
// predictions for each row of X.
func (r *Regressor) Predict(X *mat.Dense) []float64 {
	if len(r.Trees) == 0 {
		panic("boost: Regressor used before Fit")
	}
	rows, _ := X.Dims()
	out := make([]float64, rows)
	step := make([]float64, rows)
	for i := range out {
		out[i] = r.Init
	}
	for _, t := range r.Trees {
		t.PredictInto(X, step)
		for i, s := range step {
			out[i] += r.rate() * s
		}
	}
	return out
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

func rmse(p, y []float64) float64 {
	s := 0.0
	for i := range p {
		d := p[i] - y[i]
		s += d * d
	}
	return math.Sqrt(s / float64(len(p)))
}
