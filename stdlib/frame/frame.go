package frame

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// Frame is a table of equally long, named, typed columns. Methods that
// return a *Frame build a new frame and leave the receiver as it was. The
// methods that change the receiver in place are Add, Rename, MapFloat,
// MapInt, Log, SetLevels, AddDatePart and AddDatePartYMD, and the Apply
// methods of the fitted preprocessing types.
type Frame struct {
	cols []*Column
	rows int
}

// New returns a frame of the given columns. It panics if their lengths
// differ or two share a name.
func New(cols ...*Column) *Frame {
	f := &Frame{}
	for _, c := range cols {
		if f.Has(c.name) {
			panic(fmt.Sprintf("frame: two columns are called %q; rename one", c.name))
		}
		f.Add(c)
	}
	return f
}

// NRows returns the number of rows.
func (f *Frame) NRows() int { return f.rows }

// NCols returns the number of columns.
func (f *Frame) NCols() int { return len(f.cols) }

// Names returns the column names in order.
func (f *Frame) Names() []string {
	out := make([]string, len(f.cols))
	for i, c := range f.cols {
		out[i] = c.name
	}
	return out
}

// Kinds returns the column kinds in order.
func (f *Frame) Kinds() []Kind {
	out := make([]Kind, len(f.cols))
	for i, c := range f.cols {
		out[i] = c.kind
	}
	return out
}

// Columns returns the columns in order.
func (f *Frame) Columns() []*Column { return slices.Clone(f.cols) }

// Has reports whether the frame has a column called name.
func (f *Frame) Has(name string) bool { return f.index(name) >= 0 }

func (f *Frame) index(name string) int {
	for i, c := range f.cols {
		if c.name == name {
			return i
		}
	}
	return -1
}

// Col returns the column called name. It panics if there is none, naming
// the columns that exist.
func (f *Frame) Col(name string) *Column {
	i := f.index(name)
	if i < 0 {
		panic(fmt.Sprintf("frame: no column %q; the columns are %s", name, f.namesList()))
	}
	return f.cols[i]
}

func (f *Frame) namesList() string {
	names := f.Names()
	if len(names) > 80 {
		names = append(names[:80], "...")
	}
	return strings.Join(names, ", ")
}

// Add puts c in the frame, replacing the column of the same name if there
// is one and appending it otherwise. It panics if c's length differs from
// the frame's row count.
func (f *Frame) Add(c *Column) {
	if len(f.cols) == 0 && f.rows == 0 {
		f.rows = c.Len()
	}
	if c.Len() != f.rows {
		panic(fmt.Sprintf("frame: column %q has %d rows, but the frame has %d", c.name, c.Len(), f.rows))
	}
	if i := f.index(c.name); i >= 0 {
		f.cols[i] = c
		return
	}
	f.cols = append(f.cols, c)
}

// Select returns a frame of the named columns, in the order given. It
// panics if a name is not a column or is given twice.
func (f *Frame) Select(names ...string) *Frame {
	g := &Frame{rows: f.rows}
	for _, n := range names {
		if g.Has(n) {
			panic(fmt.Sprintf("frame: Select: column %q is named twice", n))
		}
		g.cols = append(g.cols, f.Col(n))
	}
	return g
}

// Drop returns a frame without the named columns. It panics if a name is
// not a column, because a typo would otherwise keep the column silently.
func (f *Frame) Drop(names ...string) *Frame {
	for _, n := range names {
		f.Col(n)
	}
	g := &Frame{rows: f.rows}
	for _, c := range f.cols {
		if !slices.Contains(names, c.name) {
			g.cols = append(g.cols, c)
		}
	}
	return g
}

// Rename renames column old to name in place. It panics if old is not a
// column or name is already taken.
func (f *Frame) Rename(old, name string) {
	i := f.index(old)
	if i < 0 {
		f.Col(old)
	}
	if j := f.index(name); j >= 0 && j != i {
		panic(fmt.Sprintf("frame: cannot rename %q to %q: that column exists; drop it first", old, name))
	}
	f.cols[i] = f.cols[i].renamed(name)
}

// Equal reports whether g has the same columns as f, in the same order,
// with the same names, kinds, values and levels. Missing values are equal
// to each other.
func (f *Frame) Equal(g *Frame) bool {
	if f.rows != g.rows || len(f.cols) != len(g.cols) {
		return false
	}
	for i, c := range f.cols {
		if !c.equal(g.cols[i]) {
			return false
		}
	}
	return true
}

// Copy returns a frame with the same columns. The columns are shared,
// which is safe because they never change.
func (f *Frame) Copy() *Frame {
	return &Frame{cols: slices.Clone(f.cols), rows: f.rows}
}

// Take returns the rows at the given indexes, in that order. An index may
// repeat. It panics if an index is out of range.
func (f *Frame) Take(idx []int) *Frame {
	for _, j := range idx {
		if j < 0 || j >= f.rows {
			panic(fmt.Sprintf("frame: row index %d is out of range [0, %d)", j, f.rows))
		}
	}
	return f.take(idx)
}

func (f *Frame) take(idx []int) *Frame {
	g := &Frame{rows: len(idx), cols: make([]*Column, len(f.cols))}
	for i, c := range f.cols {
		g.cols[i] = c.take(idx)
	}
	return g
}

// Head returns the first n rows (all of them if there are fewer).
func (f *Frame) Head(n int) *Frame {
	return f.take(rangeIndex(0, min(max(n, 0), f.rows)))
}

// Tail returns the last n rows (all of them if there are fewer).
func (f *Frame) Tail(n int) *Frame {
	return f.take(rangeIndex(f.rows-min(max(n, 0), f.rows), f.rows))
}

func rangeIndex(from, to int) []int {
	idx := make([]int, 0, to-from)
	for i := from; i < to; i++ {
		idx = append(idx, i)
	}
	return idx
}

// Where selects the rows where mask is true. It panics if mask's length
// differs from the row count.
func (f *Frame) Where(mask []bool) *Frame {
	if len(mask) != f.rows {
		panic(fmt.Sprintf("frame: mask has %d values, but the frame has %d rows", len(mask), f.rows))
	}
	var idx []int
	for i, keep := range mask {
		if keep {
			idx = append(idx, i)
		}
	}
	return f.take(idx)
}

// FilterFloat returns the rows whose value in col (as float64; see
// [Column.Float64s]) satisfies keep.
func (f *Frame) FilterFloat(col string, keep func(float64) bool) *Frame {
	values := f.Col(col).Float64s()
	mask := make([]bool, len(values))
	for i, v := range values {
		mask[i] = keep(v)
	}
	return f.Where(mask)
}

// FilterInt returns the rows whose value in the Int column col satisfies
// keep.
func (f *Frame) FilterInt(col string, keep func(int) bool) *Frame {
	c := f.Col(col)
	if c.kind != Int {
		panic(fmt.Sprintf("frame: FilterInt: column %q is a %s column; use FilterFloat or FilterString", col, c.kind))
	}
	mask := make([]bool, len(c.ints))
	for i, v := range c.ints {
		mask[i] = keep(v)
	}
	return f.Where(mask)
}

// FilterString returns the rows whose value in col, formatted as by
// [Column.Value], satisfies keep.
func (f *Frame) FilterString(col string, keep func(string) bool) *Frame {
	c := f.Col(col)
	mask := make([]bool, c.Len())
	for i := range mask {
		mask[i] = keep(c.Value(i))
	}
	return f.Where(mask)
}

// FilterIn returns the rows whose value in col, formatted as by
// [Column.Value], is one of values. It runs without a callback per row.
func (f *Frame) FilterIn(col string, values []string) *Frame {
	c := f.Col(col)
	set := make(map[string]bool, len(values))
	for _, v := range values {
		set[v] = true
	}
	mask := make([]bool, c.Len())
	for i := range mask {
		mask[i] = set[c.Value(i)]
	}
	return f.Where(mask)
}

// MapFloat replaces col by fn applied to each value (as float64), which
// makes it a Float column. Use it for a log transform of the target.
func (f *Frame) MapFloat(col string, fn func(float64) float64) {
	values := f.Col(col).Float64s()
	for i, v := range values {
		values[i] = fn(v)
	}
	f.Add(&Column{name: col, kind: Float, floats: values})
}

// MapInt replaces the Int column col by fn applied to each value.
func (f *Frame) MapInt(col string, fn func(int) int) {
	values := f.Col(col).Ints()
	for i, v := range values {
		values[i] = fn(v)
	}
	f.Add(&Column{name: col, kind: Int, ints: values})
}

// Log replaces col by its natural logarithm, as a Float column.
func (f *Frame) Log(col string) {
	f.MapFloat(col, math.Log)
}

// RandomSplit shuffles the row indexes with a PCG generator seeded by
// seed and returns the first (1-validFrac) share as train and the rest as
// valid, each in the original row order. It panics unless 0 <= validFrac
// <= 1.
func (f *Frame) RandomSplit(validFrac float64, seed uint64) (train, valid *Frame) {
	tr, va := SplitIndices(f.rows, validFrac, seed)
	return f.take(tr), f.take(va)
}

// SplitIndices returns a random split of 0..n-1 into train and valid
// indexes, each sorted, with round(validFrac*n) valid rows. The same seed
// gives the same split.
func SplitIndices(n int, validFrac float64, seed uint64) (train, valid []int) {
	if validFrac < 0 || validFrac > 1 || math.IsNaN(validFrac) {
		panic(fmt.Sprintf("frame: validFrac is %v; it must be in [0, 1]", validFrac))
	}
	perm := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)).Perm(n)
	nValid := int(math.Round(validFrac * float64(n)))
	valid = slices.Clone(perm[:nValid])
	train = slices.Clone(perm[nValid:])
	slices.Sort(valid)
	slices.Sort(train)
	return train, valid
}
