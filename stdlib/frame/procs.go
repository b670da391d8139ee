package frame

import (
	"fmt"
	"math"
	"slices"
)

// ContCatSplit splits the columns other than dep into continuous and
// categorical names, as fastai's cont_cat_split does. Float columns, and
// Int columns with more than maxCard distinct values, are continuous.
// Every other column (Int with few values, String, Bool, Categorical) is
// categorical. Both lists keep the frame's column order.
func (f *Frame) ContCatSplit(maxCard int, dep string) (cont, cat []string) {
	for _, c := range f.cols {
		if c.name == dep {
			continue
		}
		if c.kind == Float || (c.kind == Int && c.NUnique() > maxCard) {
			cont = append(cont, c.name)
		} else {
			cat = append(cat, c.name)
		}
	}
	return cont, cat
}

// FillMissing replaces missing values in continuous columns with the
// training median and flags the filled rows, as fastai's FillMissing does
// with its default median strategy. Unlike fastai, which rejects a frame
// with gaps in a column that had none in training, it fills those gaps
// too, without a flag column.
type FillMissing struct {
	// Cols are the columns filled.
	Cols []string

	// Medians maps each column to the median of its non-missing training
	// values, which fills missing values in every frame.
	Medians map[string]float64

	// Flagged lists the columns that had missing values in training. For
	// each, Apply adds a Bool column <name>_na to every frame, so train,
	// valid and test keep the same columns.
	Flagged []string
}

// NewFillMissing learns the medians of cols from train. A column with no
// value at all gets median 0. It panics if a column is a String column,
// because continuous columns are numeric.
func NewFillMissing(train *Frame, cols []string) *FillMissing {
	p := &FillMissing{Cols: slices.Clone(cols), Medians: map[string]float64{}}
	for _, name := range cols {
		values := train.Col(name).Float64s()
		present := values[:0:0]
		for _, v := range values {
			if !math.IsNaN(v) {
				present = append(present, v)
			}
		}
		if len(present) < len(values) {
			p.Flagged = append(p.Flagged, name)
		}
		p.Medians[name] = median(present)
	}
	return p
}

// median returns the middle value, the mean of the two middle values for
// an even count (as pandas does), and 0 for no values.
func median(values []float64) float64 {
	if len(values) == 0 {
		return 0
	}
	s := slices.Clone(values)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

// Apply fills the Float columns among Cols in f in place and adds the
// <name>_na flags. Columns of other kinds have no missing values, so
// Apply leaves them as they are.
func (p *FillMissing) Apply(f *Frame) error {
	for _, name := range p.Cols {
		if !f.Has(name) {
			return fmt.Errorf("frame: fill missing: the frame has no column %q; it was in the training frame", name)
		}
		c := f.Col(name)
		flags := make([]bool, c.Len())
		if c.kind == Float {
			filled := slices.Clone(c.floats)
			for i, v := range filled {
				if math.IsNaN(v) {
					filled[i] = p.Medians[name]
					flags[i] = true
				}
			}
			f.Add(&Column{name: name, kind: Float, floats: filled})
		}
		if slices.Contains(p.Flagged, name) {
			f.Add(&Column{name: name + "_na", kind: Bool, bools: flags})
		}
	}
	return nil
}

// Normalize scales continuous columns to zero mean and unit standard
// deviation with statistics from the training frame, as fastai's
// Normalize does for tabular data.
type Normalize struct {
	// Cols are the scaled columns.
	Cols []string

	// Means and Stds hold the training mean of each column and its
	// population standard deviation (n divisor) plus [NormalizeEpsilon],
	// as fastai computes them.
	Means map[string]float64
	Stds  map[string]float64
}

// NormalizeEpsilon is added to every standard deviation so that a
// constant column does not divide by zero. fastai adds the same 1e-7.
const NormalizeEpsilon = 1e-7

// NewNormalize learns the means and standard deviations of cols from
// train, ignoring missing values.
func NewNormalize(train *Frame, cols []string) *Normalize {
	p := &Normalize{Cols: slices.Clone(cols), Means: map[string]float64{}, Stds: map[string]float64{}}
	for _, name := range cols {
		mean, std, n := meanStd(train.Col(name).Float64s())
		if n > 1 {
			// Convert the sample deviation to the population one.
			std *= math.Sqrt(float64(n-1) / float64(n))
		}
		if n == 1 {
			std = 0
		}
		p.Means[name] = mean
		p.Stds[name] = std + NormalizeEpsilon
	}
	return p
}

// meanStd returns the mean and sample standard deviation of the
// non-missing values and how many there were.
func meanStd(values []float64) (mean, std float64, n int) {
	var sum float64
	for _, v := range values {
		if !math.IsNaN(v) {
			sum += v
			n++
		}
	}
	if n == 0 {
		return math.NaN(), math.NaN(), 0
	}
	mean = sum / float64(n)
	var ss float64
	for _, v := range values {
		if !math.IsNaN(v) {
			ss += (v - mean) * (v - mean)
		}
	}
	if n < 2 {
		return mean, math.NaN(), n
	}
	return mean, math.Sqrt(ss / float64(n-1)), n
}

// Apply replaces each column of f by (x - mean) / std, as a Float column.
func (p *Normalize) Apply(f *Frame) error {
	for _, name := range p.Cols {
		if !f.Has(name) {
			return fmt.Errorf("frame: normalize: the frame has no column %q; it was in the training frame", name)
		}
		mean, std := p.Means[name], p.Stds[name]
		f.MapFloat(name, func(x float64) float64 { return (x - mean) / std })
	}
	return nil
}
