// Command lessondata prepares the bulldozers tables exactly as
// lessons/09_tabular.ipynb does (same package frame calls, same order) and
// writes them as train.csv and valid.csv to a folder, so that
// bench/tabular/lesson_reference.py can run scikit-learn on the very rows
// and codes the lesson uses.
//
//	go run ./bench/tabular/lessondata /tmp/lesson09
package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"fastgo/stdlib/datasets"
	"fastgo/stdlib/frame"
)

// productSizes are ProductSize's levels from largest to smallest.
var productSizes = []string{"Large", "Large / Medium", "Medium", "Small", "Mini", "Compact"}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: lessondata OUTPUT_FOLDER")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(out string) error {
	train, valid, names, err := prepare()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := writeCSV(filepath.Join(out, "train.csv"), train, names); err != nil {
		return err
	}
	return writeCSV(filepath.Join(out, "valid.csv"), valid, names)
}

// prepare mirrors the lesson's cells from reading the CSV files to the
// YearMade fix.
func prepare() (train, valid *frame.Frame, names []string, err error) {
	dir, err := datasets.Bulldozers()
	if err != nil {
		return nil, nil, nil, err
	}
	read := func(name string) *frame.Frame {
		f, e := frame.ReadCSV(filepath.Join(dir, name), frame.CSVOptions{})
		if e != nil && err == nil {
			err = e
		}
		return f
	}
	df := read("train_tmp_subset14180.csv")
	validRaw, solution := read("Valid.csv"), read("ValidSolution.csv")
	if err != nil {
		return nil, nil, nil, err
	}
	dfValid := validRaw.InnerJoin(solution, "SalesID").Drop("Usage")
	for _, f := range []*frame.Frame{df, dfValid} {
		if err := f.SetLevels("ProductSize", productSizes, true); err != nil {
			return nil, nil, nil, err
		}
		f.Log("SalePrice")
	}
	if err := df.AddDatePartYMD("saleYear", "saleMonth", "saleDay", "sale"); err != nil {
		return nil, nil, nil, err
	}
	df = df.Drop("saleDayOfWeek", "saleDayOfYear")
	if err := dfValid.AddDatePart("saledate", "sale"); err != nil {
		return nil, nil, nil, err
	}
	dfValid = dfValid.Select(df.Names()...)
	cont, cat := df.ContCatSplit(1, "SalePrice")
	cats := frame.NewCategorify(df, cat)
	fill := frame.NewFillMissing(df, cont)
	for _, f := range []*frame.Frame{df, dfValid} {
		if err := cats.Apply(f); err != nil {
			return nil, nil, nil, err
		}
		if err := fill.Apply(f); err != nil {
			return nil, nil, nil, err
		}
		f.MapInt("YearMade", fixYear)
	}
	return df, dfValid, append(append(cont, cat...), fill.Flagged...), nil
}

// fixYear replaces the placeholder years (1000) by 1950, as the lesson does.
func fixYear(y int) int {
	if y < 1900 {
		return 1950
	}
	return y
}

func writeCSV(path string, f *frame.Frame, names []string) error {
	x := f.ToDense(names)
	y := f.Float64s("SalePrice")
	file, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(file)
	w.Write(append(append([]string{}, names...), "SalePrice"))
	rows, cols := x.Dims()
	rec := make([]string, cols+1)
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			rec[j] = strconv.FormatFloat(x.At(i, j), 'g', -1, 64)
		}
		rec[cols] = strconv.FormatFloat(y[i], 'g', -1, 64)
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}
