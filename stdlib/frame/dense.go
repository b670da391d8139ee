package frame

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// ToDense returns the named columns as a rows × len(cols) matrix, one
// column per name in order. Numbers are copied as they are (missing
// floats stay NaN), bools become 0 or 1 and categorical columns their
// codes. It panics if a column is a String column; categorify it first.
// A nil cols means every column.
func (f *Frame) ToDense(cols []string) *mat.Dense {
	if cols == nil {
		cols = f.Names()
	}
	if f.rows == 0 || len(cols) == 0 {
		panic(fmt.Sprintf("frame: ToDense needs at least one row and one column; the frame has %d rows and %d columns were named",
			f.rows, len(cols)))
	}
	data := make([]float64, f.rows*len(cols))
	for j, name := range cols {
		f.Col(name).fillFloats(data[j:], len(cols))
	}
	return mat.NewDense(f.rows, len(cols), data)
}

// Float64s returns column col as float64 values; see [Column.Float64s].
func (f *Frame) Float64s(col string) []float64 {
	return f.Col(col).Float64s()
}

// CodeColumns returns the codes of the named categorical columns, one
// slice per column, which is the layout embedding models take. It panics
// if a column is not categorical; categorify it first.
func (f *Frame) CodeColumns(cols []string) [][]int {
	out := make([][]int, len(cols))
	for j, name := range cols {
		out[j] = f.Col(name).Codes()
	}
	return out
}

// FloatColumns returns the named columns as float64 values (see
// [Column.Float64s]), one slice per column.
func (f *Frame) FloatColumns(cols []string) [][]float64 {
	out := make([][]float64, len(cols))
	for j, name := range cols {
		out[j] = f.Col(name).Float64s()
	}
	return out
}
