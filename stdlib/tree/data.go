package tree

import (
	"fmt"
	"runtime"
	"slices"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// Data is a feature matrix prepared for split search. Each column is
// stored as the rank of every value among the column's sorted distinct
// values. A node can then be split through presorted row lists, a
// histogram over ranks or a sort of its rows' ranks, and all three give
// the exact thresholds of a sort-based search. Build it once with
// [NewData] and fit many trees on it.
type Data struct {
	rows, cols int
	// uniq holds the sorted distinct values of each column.
	uniq [][]float64
	// rank8 contains the ranks of columns with at most 256 distinct
	// values (pixels, small category codes), rank16 those with at most
	// 65,536 and rank32 the others. Exactly one of the three is non-nil
	// per column. Narrow ranks cut the memory a histogram pass reads.
	rank8  [][]uint8
	rank16 [][]uint16
	rank32 [][]uint32

	orderOnce sync.Once
	orders    [][]uint64 // see Data.order

	rowMajorOnce sync.Once
	rowMajor     []uint8 // see Data.rowMajor8
}

// NewData ranks the columns of X. It returns an error naming the first
// NaN or infinite entry, because a split threshold cannot order them.
func NewData(X mat.Matrix) (*Data, error) {
	r, c := X.Dims()
	return NewDataFunc(r, c, X.At)
}

// NewDataFunc ranks a rows × cols matrix whose entries are read with at.
// It lets callers holding compact data (bytes, float32) skip building a
// float64 matrix first. Columns are ranked in parallel, so at must be
// safe to call from several goroutines at once.
func NewDataFunc(rows, cols int, at func(i, j int) float64) (*Data, error) {
	if rows <= 0 || cols <= 0 {
		return nil, fmt.Errorf("tree: empty feature matrix (%d × %d): pass at least one row and column", rows, cols)
	}
	d := &Data{rows: rows, cols: cols,
		uniq: make([][]float64, cols), rank8: make([][]uint8, cols),
		rank16: make([][]uint16, cols), rank32: make([][]uint32, cols)}
	errs := make([]error, cols)
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([][]float64, columnBlock)
			for k := range buf {
				buf[k] = make([]float64, rows)
			}
			for first := range next {
				last := min(first+columnBlock, cols)
				errs[first] = d.readColumns(first, last, buf, at)
			}
		}()
	}
	for first := 0; first < cols; first += columnBlock {
		next <- first
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return d, nil
}

// columnBlock is the number of columns read together, row by row, so that
// reading a row-major source touches each of its cache lines once per
// block rather than once per column.
const columnBlock = 16

// readColumns reads columns [first, last) into buf and ranks them.
func (d *Data) readColumns(first, last int, buf [][]float64, at func(i, j int) float64) error {
	for i := 0; i < d.rows; i++ {
		for j := first; j < last; j++ {
			v := at(i, j)
			// v - v is NaN exactly when v is NaN or infinite.
			if v-v != 0 {
				return fmt.Errorf("tree: feature %d of row %d is %v: fill missing values before fitting", j, i, v)
			}
			buf[j-first][i] = v
		}
	}
	for j := first; j < last; j++ {
		d.rankColumn(j, buf[j-first])
	}
	return nil
}

func (d *Data) rankColumn(j int, col []float64) {
	if d.rankSmallIntegers(j, col) {
		return
	}
	sorted := slices.Clone(col)
	slices.Sort(sorted)
	// Copy the distinct values so that the full-length sorted copy can be
	// freed. A subslice of it would pin rows × 8 bytes per column.
	uniq := slices.Clone(slices.Compact(sorted))
	d.uniq[j] = uniq
	if len(uniq) <= 1<<8 {
		r := make([]uint8, len(col))
		for i, v := range col {
			k, _ := slices.BinarySearch(uniq, v)
			r[i] = uint8(k)
		}
		d.rank8[j] = r
		return
	}
	if len(uniq) <= 1<<16 {
		r := make([]uint16, len(col))
		for i, v := range col {
			k, _ := slices.BinarySearch(uniq, v)
			r[i] = uint16(k)
		}
		d.rank16[j] = r
		return
	}
	r := make([]uint32, len(col))
	for i, v := range col {
		k, _ := slices.BinarySearch(uniq, v)
		r[i] = uint32(k)
	}
	d.rank32[j] = r
}

// smallIntegerRange is the span of values ranked by counting instead of
// sorting: category codes, pixel values and years fall in it.
const smallIntegerRange = 1 << 16

// rankSmallIntegers ranks col by counting when every value is an integer
// in [0, smallIntegerRange), which costs O(rows + range) instead of a
// sort. It reports false, leaving d unchanged, for any other column.
func (d *Data) rankSmallIntegers(j int, col []float64) bool {
	top := 0
	for _, v := range col {
		// The negated comparison also rejects NaN.
		if !(v >= 0 && v < smallIntegerRange) {
			return false
		}
		k := int(v)
		if float64(k) != v {
			return false
		}
		top = max(top, k)
	}
	present := make([]int32, top+1)
	for _, v := range col {
		present[int(v)] = 1
	}
	var uniq []float64
	for v, p := range present {
		if p != 0 {
			present[v] = int32(len(uniq))
			uniq = append(uniq, float64(v))
		}
	}
	d.uniq[j] = uniq
	if len(uniq) <= 1<<8 {
		r := make([]uint8, len(col))
		for i, v := range col {
			r[i] = uint8(present[int(v)])
		}
		d.rank8[j] = r
		return true
	}
	r := make([]uint16, len(col))
	for i, v := range col {
		r[i] = uint16(present[int(v)])
	}
	d.rank16[j] = r
	return true
}

// Dims returns the number of rows and columns.
func (d *Data) Dims() (rows, cols int) { return d.rows, d.cols }

// Levels returns the number of distinct values in column j.
func (d *Data) Levels(j int) int { return len(d.uniq[j]) }

// At returns the value of row i in column j.
func (d *Data) At(i, j int) float64 {
	if r := d.rank8[j]; r != nil {
		return d.uniq[j][r[i]]
	}
	if r := d.rank16[j]; r != nil {
		return d.uniq[j][r[i]]
	}
	return d.uniq[j][d.rank32[j][i]]
}

func (d *Data) rank(i, j int) int {
	if r := d.rank8[j]; r != nil {
		return int(r[i])
	}
	if r := d.rank16[j]; r != nil {
		return int(r[i])
	}
	return int(d.rank32[j][i])
}
