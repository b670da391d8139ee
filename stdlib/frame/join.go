package frame

import (
	"fmt"
	"math"
	"slices"
)

// InnerJoin returns the rows of f paired with every row of right that has
// the same value in the column key, in f's row order. Rows without a
// match are dropped, and missing keys never match. The result has f's
// columns, then right's other columns. A right column whose name f
// already uses gets the suffix "_right".
func (f *Frame) InnerJoin(right *Frame, key string) *Frame {
	return f.join(right, key, false)
}

// LeftJoin is [Frame.InnerJoin] that keeps every row of f: a row without a
// match gets missing values in right's columns (an Int column then
// becomes Float, and a Bool column String).
func (f *Frame) LeftJoin(right *Frame, key string) *Frame {
	return f.join(right, key, true)
}

func (f *Frame) join(right *Frame, key string, keepAll bool) *Frame {
	lk, rk := f.Col(key), right.Col(key)
	matches := matchKeys(lk, rk)
	var leftIdx, rightIdx []int
	for i := range f.rows {
		rows := matches(i)
		if len(rows) == 0 && keepAll {
			leftIdx = append(leftIdx, i)
			rightIdx = append(rightIdx, -1)
		}
		for _, j := range rows {
			leftIdx = append(leftIdx, i)
			rightIdx = append(rightIdx, j)
		}
	}
	out := f.take(leftIdx)
	for _, c := range right.cols {
		if c.name == key {
			continue
		}
		d := c.take(rightIdx)
		if out.Has(d.name) {
			d.name += "_right"
		}
		out.Add(d)
	}
	return out
}

// matchKeys indexes the right key column and returns a function giving
// the right rows that match left row i.
func matchKeys(left, right *Column) func(i int) []int {
	if left.kind == Int && right.kind == Int {
		index := make(map[int][]int, len(right.ints))
		for j, v := range right.ints {
			index[v] = append(index[v], j)
		}
		return func(i int) []int { return index[left.ints[i]] }
	}
	index := make(map[string][]int, right.Len())
	for j := range right.Len() {
		if !right.IsNA(j) {
			index[right.Value(j)] = append(index[right.Value(j)], j)
		}
	}
	return func(i int) []int {
		if left.IsNA(i) {
			return nil
		}
		return index[left.Value(i)]
	}
}

// Concat stacks the rows of frames. Columns are matched by name, in the
// order they first appear, and a frame without a column gets missing
// values in it. Int and Float columns combine as Float, categorical columns
// combine with the union of their levels (ordered only when all frames
// have the same ordered levels), and any other mix of kinds is an error.
func Concat(frames ...*Frame) (*Frame, error) {
	var names []string
	total := 0
	for _, g := range frames {
		total += g.rows
		for _, n := range g.Names() {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	out := &Frame{rows: total}
	for _, name := range names {
		c, err := concatColumn(name, frames)
		if err != nil {
			return nil, err
		}
		out.cols = append(out.cols, c)
	}
	return out, nil
}

// concatColumn stacks the column name of every frame.
func concatColumn(name string, frames []*Frame) (*Column, error) {
	kind, err := commonKind(name, frames)
	if err != nil {
		return nil, err
	}
	switch kind {
	case Categorical:
		return concatCategorical(name, frames), nil
	case Float:
		var out []float64
		for _, g := range frames {
			if g.Has(name) {
				out = append(out, g.Col(name).Float64s()...)
			} else {
				out = append(out, nanSlice(g.rows)...)
			}
		}
		return &Column{name: name, kind: Float, floats: out}, nil
	case Int:
		var out []int
		for _, g := range frames {
			out = append(out, g.Col(name).ints...)
		}
		return &Column{name: name, kind: Int, ints: out}, nil
	case Bool:
		var out []bool
		for _, g := range frames {
			out = append(out, g.Col(name).bools...)
		}
		return &Column{name: name, kind: Bool, bools: out}, nil
	}
	var out []string
	for _, g := range frames {
		if g.Has(name) {
			out = append(out, g.Col(name).Strings()...)
		} else {
			out = append(out, make([]string, g.rows)...)
		}
	}
	return &Column{name: name, kind: String, strs: out}, nil
}

// commonKind returns the kind that column name takes after [Concat].
func commonKind(name string, frames []*Frame) (Kind, error) {
	kind, seen, absent := Kind(-1), false, false
	for _, g := range frames {
		if !g.Has(name) {
			absent = absent || g.rows > 0
			continue
		}
		k := g.Col(name).kind
		switch {
		case !seen:
			kind, seen = k, true
		case k == kind:
		case (k == Int && kind == Float) || (k == Float && kind == Int):
			kind = Float
		default:
			return 0, fmt.Errorf("frame: concat: column %q is %s in one frame and %s in another; convert one first",
				name, kind, k)
		}
	}
	if absent && kind == Int {
		kind = Float
	}
	if absent && kind == Bool {
		kind = String
	}
	return kind, nil
}

func concatCategorical(name string, frames []*Frame) *Column {
	var levels []string
	ordered, sameLevels := true, true
	var codes []int32
	for _, g := range frames {
		if !g.Has(name) {
			continue
		}
		c := g.Col(name)
		if levels != nil && !slices.Equal(levels, c.levels[1:]) {
			sameLevels = false
		}
		ordered = ordered && c.ordered
		for _, l := range c.levels[1:] {
			if !slices.Contains(levels, l) {
				levels = append(levels, l)
			}
		}
	}
	index, _ := levelIndex(levels)
	for _, g := range frames {
		if !g.Has(name) {
			codes = append(codes, make([]int32, g.rows)...)
			continue
		}
		c := g.Col(name)
		for _, code := range c.codes {
			codes = append(codes, index[c.levels[code]])
		}
	}
	return newCategorical(name, codes, levels, ordered && sameLevels)
}

func nanSlice(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
	}
	return out
}
