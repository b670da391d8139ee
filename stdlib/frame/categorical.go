package frame

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
)

// SetLevels makes col a categorical column with the given levels, in
// order, and marks them ordered when ordered is true. Code k is levels[k-1]
// and code 0 is missing. A value that is not one of the levels is an
// error. This is how the bulldozers lesson orders ProductSize from Large
// to Compact.
func (f *Frame) SetLevels(col string, levels []string, ordered bool) error {
	c := f.Col(col)
	d, err := NewCategorical(col, c.Strings(), levels, ordered)
	if err != nil {
		return err
	}
	f.Add(d)
	return nil
}

// Categorify converts columns to categorical codes with levels learned
// from a training frame, as fastai's Categorify does. Code 0 is missing
// and also stands for a value the training frame did not have.
type Categorify struct {
	// Cols are the converted columns, in order.
	Cols []string

	// Levels maps each column to its levels without [NA]: the existing
	// levels of a categorical column, and otherwise the sorted distinct
	// values (numeric order for int, float and bool columns).
	Levels map[string][]string

	// Ordered records which columns had ordered levels.
	Ordered map[string]bool
}

// NewCategorify learns the levels of cols from train.
func NewCategorify(train *Frame, cols []string) *Categorify {
	p := &Categorify{Cols: slices.Clone(cols), Levels: map[string][]string{}, Ordered: map[string]bool{}}
	for _, name := range cols {
		c := train.Col(name)
		if c.kind == Categorical {
			p.Levels[name] = slices.Clone(c.levels[1:])
			p.Ordered[name] = c.ordered
			continue
		}
		p.Levels[name] = sortedLevels(c)
	}
	return p
}

// sortedLevels returns the distinct non-missing values of c as text, in
// numeric order for numeric columns and byte order for strings.
func sortedLevels(c *Column) []string {
	switch c.kind {
	case Float:
		vals := uniqueValues(c.floats, func(v float64) bool { return v != v })
		slices.Sort(vals)
		return formatEach(vals, formatFloat)
	case Int:
		vals := uniqueValues(c.ints, func(int) bool { return false })
		slices.Sort(vals)
		return formatEach(vals, strconv.Itoa)
	case Bool:
		vals := uniqueValues(c.bools, func(bool) bool { return false })
		slices.SortFunc(vals, func(a, b bool) int { return cmp.Compare(b2i(a), b2i(b)) })
		return formatEach(vals, strconv.FormatBool)
	}
	return distinctSorted(c.strs)
}

func uniqueValues[T comparable](values []T, missing func(T) bool) []T {
	seen := make(map[T]bool)
	var out []T
	for _, v := range values {
		if !missing(v) && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func formatEach[T any](values []T, format func(T) string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = format(v)
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Apply converts the columns of f in place. Values unseen in training get
// code 0. It returns an error, and leaves f unchanged, if f lacks one of
// the columns or if p.Levels lists a level twice or lists the missing
// value.
func (p *Categorify) Apply(f *Frame) error {
	indexes := make([]map[string]int32, len(p.Cols))
	for i, name := range p.Cols {
		if !f.Has(name) {
			return fmt.Errorf("frame: categorify: the frame has no column %q; it was in the training frame", name)
		}
		index, err := levelIndex(p.Levels[name])
		if err != nil {
			return fmt.Errorf("frame: categorify: column %q: %w", name, err)
		}
		indexes[i] = index
	}
	for i, name := range p.Cols {
		f.Add(p.encode(f.Col(name), indexes[i]))
	}
	return nil
}

// encode returns c as a categorical column whose codes come from index,
// the output of levelIndex for p.Levels[c.name].
func (p *Categorify) encode(c *Column, index map[string]int32) *Column {
	levels := p.Levels[c.name]
	codes := make([]int32, c.Len())
	for i := range codes {
		if !c.IsNA(i) {
			codes[i] = index[c.Value(i)]
		}
	}
	return newCategorical(c.name, codes, slices.Clone(levels), p.Ordered[c.name])
}

// Decode returns the level of code in column col, [NA] for code 0.
func (p *Categorify) Decode(col string, code int) string {
	levels, ok := p.Levels[col]
	if !ok {
		panic(fmt.Sprintf("frame: categorify has no column %q", col))
	}
	if code <= 0 || code > len(levels) {
		return NA
	}
	return levels[code-1]
}

// Cardinality returns the number of codes of col, counting code 0, which
// is the embedding table size fastai uses.
func (p *Categorify) Cardinality(col string) int {
	levels, ok := p.Levels[col]
	if !ok {
		panic(fmt.Sprintf("frame: categorify has no column %q", col))
	}
	return len(levels) + 1
}
