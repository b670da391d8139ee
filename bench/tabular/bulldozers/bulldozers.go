// Package bulldozers loads the bulldozers subset as a numeric matrix for
// the tree, forest and boosting tests and benchmarks. It prepares the data
// exactly as bench/tabular/bulldozers.py does for scikit-learn, so that
// both fit on the same 65 columns.
//
// Train is the 14,180-row subset, valid is Valid.csv joined with
// ValidSolution.csv and the target is log(SalePrice). Strings become codes
// (0 = missing or unseen in train; sorted levels, except the ordered
// ProductSize), the sale date becomes fastai's 13 date parts, numeric
// columns with missing values get the training median plus a 0/1 <col>_na
// column, and YearMade < 1900 becomes 1950.
package bulldozers

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// Set is the prepared training and validation data.
type Set struct {
	TrainX, ValidX *mat.Dense
	TrainY, ValidY []float64
	Names          []string
}

var numeric = []string{"SalesID", "MachineID", "ModelID", "datasource", "auctioneerID",
	"YearMade", "MachineHoursCurrentMeter"}

var productSize = []string{"Large", "Large / Medium", "Medium", "Small", "Mini", "Compact"}

var dateParts = []string{"Year", "Month", "Week", "Day", "Dayofweek", "Dayofyear",
	"Is_month_end", "Is_month_start", "Is_quarter_end", "Is_quarter_start",
	"Is_year_end", "Is_year_start", "Elapsed"}

// Dir returns the bulldozers folder: ../shared/data relative to the module
// root when it exists, else $FASTGO_DATA.
func Dir() (string, error) {
	_, file, _, _ := runtime.Caller(0)
	shared := filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "data", "bulldozers")
	if _, err := os.Stat(shared); err == nil {
		return shared, nil
	}
	if env := os.Getenv("FASTGO_DATA"); env != "" {
		return filepath.Join(env, "bulldozers"), nil
	}
	return "", fmt.Errorf("bulldozers: data not found in %s: set FASTGO_DATA to the data folder", shared)
}

type table struct {
	header map[string]int
	rows   [][]string
}

func readTable(path string) (*table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("bulldozers: %w", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("bulldozers: reading %s: %w", path, err)
	}
	t := &table{header: map[string]int{}, rows: recs[1:]}
	for i, h := range recs[0] {
		t.header[h] = i
	}
	return t, nil
}

func (t *table) col(name string) []string {
	j := t.header[name]
	out := make([]string, len(t.rows))
	for i, r := range t.rows {
		out[i] = r[j]
	}
	return out
}

// Load reads and prepares the data from dir (see [Dir]).
func Load(dir string) (*Set, error) {
	train, err := readTable(filepath.Join(dir, "train_tmp_subset14180.csv"))
	if err != nil {
		return nil, err
	}
	valid, err := readTable(filepath.Join(dir, "Valid.csv"))
	if err != nil {
		return nil, err
	}
	sol, err := readTable(filepath.Join(dir, "ValidSolution.csv"))
	if err != nil {
		return nil, err
	}
	var base []string
	header := make([]string, len(valid.header))
	for h, i := range valid.header {
		header[i] = h
	}
	for _, h := range header {
		if h != "saledate" {
			base = append(base, h)
		}
	}
	var names []string
	var tr, va [][]float64
	for _, c := range base {
		t, v := encodeColumn(c, train.col(c), valid.col(c))
		names, tr, va = append(names, c), append(tr, t), append(va, v)
	}
	td, err := trainDates(train)
	if err != nil {
		return nil, err
	}
	vd, err := validDates(valid)
	if err != nil {
		return nil, err
	}
	for k, p := range dateParts {
		names = append(names, "sale"+p)
		tr = append(tr, partColumn(td, k))
		va = append(va, partColumn(vd, k))
	}
	names, tr, va = fillMissing(names, tr, va)
	ym := slices.Index(names, "YearMade")
	for _, c := range [][]float64{tr[ym], va[ym]} {
		for i, v := range c {
			if v < 1900 {
				c[i] = 1950
			}
		}
	}
	s := &Set{TrainX: toDense(tr), ValidX: toDense(va), Names: names}
	if s.TrainY, err = logPrices(train.col("SalePrice")); err != nil {
		return nil, err
	}
	prices := map[string]string{}
	for _, r := range sol.rows {
		prices[r[sol.header["SalesID"]]] = r[sol.header["SalePrice"]]
	}
	ids := valid.col("SalesID")
	vp := make([]string, len(ids))
	for i, id := range ids {
		vp[i] = prices[id]
	}
	if s.ValidY, err = logPrices(vp); err != nil {
		return nil, err
	}
	return s, nil
}

func encodeColumn(name string, train, valid []string) ([]float64, []float64) {
	if slices.Contains(numeric, name) {
		return numbers(train), numbers(valid)
	}
	levels := productSize
	if name != "ProductSize" {
		set := map[string]bool{}
		for _, v := range train {
			if v != "" {
				set[v] = true
			}
		}
		levels = nil
		for v := range set {
			levels = append(levels, v)
		}
		slices.Sort(levels)
	}
	code := map[string]float64{}
	for i, l := range levels {
		code[l] = float64(i + 1)
	}
	enc := func(vs []string) []float64 {
		out := make([]float64, len(vs))
		for i, v := range vs {
			out[i] = code[v]
		}
		return out
	}
	return enc(train), enc(valid)
}

func numbers(vs []string) []float64 {
	out := make([]float64, len(vs))
	for i, v := range vs {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			f = math.NaN()
		}
		out[i] = f
	}
	return out
}

func trainDates(t *table) ([]time.Time, error) {
	y, m, d := t.col("saleYear"), t.col("saleMonth"), t.col("saleDay")
	out := make([]time.Time, len(y))
	for i := range y {
		yi, e1 := strconv.Atoi(y[i])
		mi, e2 := strconv.Atoi(m[i])
		di, e3 := strconv.Atoi(d[i])
		if e1 != nil || e2 != nil || e3 != nil {
			return nil, fmt.Errorf("bulldozers: invalid sale date %s-%s-%s in training row %d", y[i], m[i], d[i], i)
		}
		out[i] = time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	}
	return out, nil
}

func validDates(t *table) ([]time.Time, error) {
	s := t.col("saledate")
	out := make([]time.Time, len(s))
	for i, v := range s {
		day, _, _ := strings.Cut(v, " ")
		tm, err := time.Parse("1/2/2006", day)
		if err != nil {
			return nil, fmt.Errorf("bulldozers: invalid saledate %q in validation row %d: %w", v, i, err)
		}
		out[i] = tm
	}
	return out, nil
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// partColumn returns date part k (in dateParts order) of each date.
func partColumn(ds []time.Time, k int) []float64 {
	out := make([]float64, len(ds))
	for i, d := range ds {
		_, week := d.ISOWeek()
		monthEnd := d.AddDate(0, 0, 1).Month() != d.Month()
		m, day := d.Month(), d.Day()
		quarterMonth := (m-1)%3 == 0
		parts := [...]float64{float64(d.Year()), float64(m), float64(week), float64(day),
			float64((int(d.Weekday()) + 6) % 7), float64(d.YearDay()),
			b2f(monthEnd), b2f(day == 1), b2f(monthEnd && m%3 == 0), b2f(day == 1 && quarterMonth),
			b2f(m == 12 && day == 31), b2f(m == 1 && day == 1), float64(d.Unix())}
		out[i] = parts[k]
	}
	return out
}

// fillMissing replaces NaN with the training median and appends a 0/1
// <col>_na column for every column missing values in either set.
func fillMissing(names []string, tr, va [][]float64) ([]string, [][]float64, [][]float64) {
	n := len(names)
	for j := 0; j < n; j++ {
		var present []float64
		missing := false
		for _, v := range tr[j] {
			if math.IsNaN(v) {
				missing = true
			} else {
				present = append(present, v)
			}
		}
		for _, v := range va[j] {
			missing = missing || math.IsNaN(v)
		}
		if !missing {
			continue
		}
		slices.Sort(present)
		med := median(present)
		names = append(names, names[j]+"_na")
		tr = append(tr, fillColumn(tr[j], med))
		va = append(va, fillColumn(va[j], med))
	}
	return names, tr, va
}

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return stat.Mean(sorted[n/2-1:n/2+1], nil)
}

// fillColumn fills NaN in c with med and returns the 0/1 missing flags.
func fillColumn(c []float64, med float64) []float64 {
	flags := make([]float64, len(c))
	for i, v := range c {
		if math.IsNaN(v) {
			c[i], flags[i] = med, 1
		}
	}
	return flags
}

func toDense(cols [][]float64) *mat.Dense {
	r, c := len(cols[0]), len(cols)
	m := mat.NewDense(r, c, nil)
	for j, col := range cols {
		m.SetCol(j, col)
	}
	return m
}

func logPrices(vs []string) ([]float64, error) {
	out := make([]float64, len(vs))
	for i, v := range vs {
		p, err := strconv.ParseFloat(v, 64)
		if err != nil || p <= 0 {
			return nil, fmt.Errorf("bulldozers: invalid SalePrice %q in row %d", v, i)
		}
		out[i] = math.Log(p)
	}
	return out, nil
}
