package frame

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
)

// compare orders rows i and j of c by value, with missing values last.
// Categorical values compare by code, so ordered levels sort in order.
func (c *Column) compare(i, j int) int {
	ni, nj := c.IsNA(i), c.IsNA(j)
	switch {
	case ni && nj:
		return 0
	case ni:
		return 1
	case nj:
		return -1
	}
	switch c.kind {
	case Float:
		return cmp.Compare(c.floats[i], c.floats[j])
	case Int:
		return cmp.Compare(c.ints[i], c.ints[j])
	case String:
		return strings.Compare(c.strs[i], c.strs[j])
	case Bool:
		return cmp.Compare(b2i(c.bools[i]), b2i(c.bools[j]))
	}
	return cmp.Compare(c.codes[i], c.codes[j])
}

// SortBy returns the rows ordered by col, ascending unless descending is
// true. Missing values come last either way, and equal values keep their
// order.
func (f *Frame) SortBy(col string, descending bool) *Frame {
	c := f.Col(col)
	idx := rangeIndex(0, f.rows)
	slices.SortStableFunc(idx, func(i, j int) int {
		if descending && !c.IsNA(i) && !c.IsNA(j) {
			return c.compare(j, i)
		}
		return c.compare(i, j)
	})
	return f.take(idx)
}

// groups assigns each row of c to a group of equal values. group[i] is
// row i's group and first[g] is the first row of group g. Groups are
// numbered in sorted value order, with missing values last.
func (c *Column) groups() (group, first []int) {
	var raw []int
	switch c.kind {
	case Float:
		keys := make([]uint64, len(c.floats))
		for i, v := range c.floats {
			keys[i] = math.Float64bits(v)
			if math.IsNaN(v) {
				keys[i] = math.Float64bits(math.NaN())
			}
		}
		raw, first = groupKeys(keys)
	case Int:
		raw, first = groupKeys(c.ints)
	case String:
		raw, first = groupKeys(c.strs)
	case Bool:
		raw, first = groupKeys(c.bools)
	default:
		raw, first = groupKeys(c.codes)
	}
	order := rangeIndex(0, len(first))
	sort.SliceStable(order, func(a, b int) bool { return c.compare(first[order[a]], first[order[b]]) < 0 })
	rank := make([]int, len(order))
	sorted := make([]int, len(order))
	for r, g := range order {
		rank[g] = r
		sorted[r] = first[g]
	}
	for i, g := range raw {
		raw[i] = rank[g]
	}
	return raw, sorted
}

func groupKeys[T comparable](keys []T) (group, first []int) {
	ids := make(map[T]int)
	group = make([]int, len(keys))
	for i, k := range keys {
		g, ok := ids[k]
		if !ok {
			g = len(first)
			ids[k] = g
			first = append(first, i)
		}
		group[i] = g
	}
	return group, first
}

// ValueCounts returns the distinct values of col with their row counts,
// most frequent first (ties in value order). Missing values are counted
// as one more value.
func (f *Frame) ValueCounts(col string) *Frame {
	c := f.Col(col)
	group, first := c.groups()
	counts := make([]int, len(first))
	for _, g := range group {
		counts[g]++
	}
	order := rangeIndex(0, len(first))
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(counts[b], counts[a]) })
	reps := make([]int, len(order))
	sortedCounts := make([]int, len(order))
	for r, g := range order {
		reps[r] = first[g]
		sortedCounts[r] = counts[g]
	}
	return New(c.take(reps), NewInt("count", sortedCounts))
}

// GroupMean groups the rows by key and returns, per key in sorted order,
// the number of rows ("count") and the mean of the non-missing values of
// value ("mean").
func (f *Frame) GroupMean(key, value string) *Frame {
	k := f.Col(key)
	values := f.Col(value).Float64s()
	group, first := k.groups()
	counts := make([]int, len(first))
	sums := make([]float64, len(first))
	present := make([]int, len(first))
	for i, g := range group {
		counts[g]++
		if !math.IsNaN(values[i]) {
			sums[g] += values[i]
			present[g]++
		}
	}
	means := make([]float64, len(first))
	for g := range means {
		means[g] = sums[g] / float64(present[g])
	}
	return New(k.take(first), NewInt("count", counts), NewFloat("mean", means))
}

// Pivot returns a cross-tabulation: one row per distinct value of row,
// one Float column per distinct value of col (named by [Column.Value]),
// and in each cell the mean of value over the matching rows. Cells with
// no matching row are missing and display as blanks. Rows and columns are
// in sorted order.
func (f *Frame) Pivot(row, col, value string) *Frame {
	rk, ck := f.Col(row), f.Col(col)
	values := f.Col(value).Float64s()
	rowGroup, rowFirst := rk.groups()
	colGroup, colFirst := ck.groups()
	nr, nc := len(rowFirst), len(colFirst)
	sums := make([]float64, nr*nc)
	counts := make([]int, nr*nc)
	for i, v := range values {
		if math.IsNaN(v) {
			continue
		}
		cell := rowGroup[i]*nc + colGroup[i]
		sums[cell] += v
		counts[cell]++
	}
	out := New(rk.take(rowFirst))
	for j, rep := range colFirst {
		cells := make([]float64, nr)
		for r := range cells {
			cells[r] = math.NaN()
			if n := counts[r*nc+j]; n > 0 {
				cells[r] = sums[r*nc+j] / float64(n)
			}
		}
		name := ck.Value(rep)
		if out.Has(name) {
			name = col + "=" + name
		}
		out.Add(NewFloat(name, cells))
	}
	return out
}

// Describe returns one row per column with its kind, the count of present
// and missing values, the number of distinct values, and for Float, Int
// and Bool columns the mean, standard deviation, minimum and maximum.
func (f *Frame) Describe() *Frame {
	n := len(f.cols)
	names, kinds := f.Names(), make([]string, n)
	count, missing, unique := make([]int, n), make([]int, n), make([]int, n)
	stats := [4][]float64{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)}
	for i, c := range f.cols {
		kinds[i] = c.kind.String()
		missing[i] = c.NACount()
		count[i] = c.Len() - missing[i]
		unique[i] = c.NUnique()
		for s := range stats {
			stats[s][i] = math.NaN()
		}
		if c.kind == Float || c.kind == Int || c.kind == Bool {
			values := c.Float64s()
			stats[0][i], stats[1][i], _ = meanStd(values)
			stats[2][i], stats[3][i] = minMax(values)
		}
	}
	return New(NewString("column", names), NewString("kind", kinds),
		NewInt("count", count), NewInt("missing", missing), NewInt("unique", unique),
		NewFloat("mean", stats[0]), NewFloat("std", stats[1]),
		NewFloat("min", stats[2]), NewFloat("max", stats[3]))
}

func minMax(values []float64) (lo, hi float64) {
	lo, hi = math.NaN(), math.NaN()
	for _, v := range values {
		if math.IsNaN(v) {
			continue
		}
		if math.IsNaN(lo) || v < lo {
			lo = v
		}
		if math.IsNaN(hi) || v > hi {
			hi = v
		}
	}
	return lo, hi
}
