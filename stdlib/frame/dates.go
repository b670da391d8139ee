package frame

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// dateLayouts are the text forms [Frame.AddDatePart] accepts, tried in
// order. The first is the Kaggle bulldozers form ("11/16/2006 0:00"), the
// last the MovieLens release-date form ("01-Jan-1995").
var dateLayouts = []string{
	"1/2/2006 15:04",
	"1/2/2006",
	"2006-01-02",
	"2006-01-02 15:04:05",
	time.RFC3339,
	"02-Jan-2006",
}

// datePartNames are the suffixes of the added columns, in fastai's order
// and spelling.
var datePartNames = []string{
	"Year", "Month", "Week", "Day", "Dayofweek", "Dayofyear",
	"Is_month_end", "Is_month_start", "Is_quarter_end", "Is_quarter_start",
	"Is_year_end", "Is_year_start", "Elapsed",
}

// AddDatePart replaces the date column col by 13 columns named prefix +
// Year, Month, Week (ISO 8601), Day, Dayofweek (Monday = 0), Dayofyear,
// Is_month_end, Is_month_start, Is_quarter_end, Is_quarter_start,
// Is_year_end, Is_year_start and Elapsed (Unix seconds), as fastai's
// add_datepart does. An empty prefix is col without a trailing "date" or
// "Date" ("saledate" gives "sale").
//
// col may hold text in one of the forms "11/16/2006 0:00", "11/16/2006",
// "2006-11-16", "2006-11-16 00:00:00", RFC 3339 or "16-Nov-2006", read as
// UTC, or Unix seconds in an Int column. A missing date gives NaN in the
// numeric parts and false in the Is_ parts; text in another form is an
// error.
func (f *Frame) AddDatePart(col, prefix string) error {
	c := f.Col(col)
	times, err := columnTimes(c)
	if err != nil {
		return err
	}
	if prefix == "" {
		prefix = strings.TrimSuffix(strings.TrimSuffix(col, "date"), "Date")
	}
	parts := datePartColumns(times, prefix)
	replaced := make(map[string]bool)
	for _, p := range parts {
		replaced[p.name] = true
	}
	var cols []*Column
	for _, old := range f.cols {
		switch {
		case old.name == col:
			cols = append(cols, parts...)
		case !replaced[old.name]:
			cols = append(cols, old)
		}
	}
	f.cols = cols
	return nil
}

// AddDatePartYMD adds the 13 date-part columns of [Frame.AddDatePart] for
// the dates built from the year, month and day columns. It keeps the
// source columns, except that prefix+"Year", prefix+"Month" and
// prefix+"Day" are replaced when the sources have those names.
func (f *Frame) AddDatePartYMD(year, month, day, prefix string) error {
	ys, ms, ds := f.Col(year).Float64s(), f.Col(month).Float64s(), f.Col(day).Float64s()
	times := make([]*time.Time, f.rows)
	for i := range times {
		if math.IsNaN(ys[i]) || math.IsNaN(ms[i]) || math.IsNaN(ds[i]) {
			continue
		}
		t := time.Date(int(ys[i]), time.Month(ms[i]), int(ds[i]), 0, 0, 0, 0, time.UTC)
		if t.Month() != time.Month(ms[i]) || t.Day() != int(ds[i]) {
			return fmt.Errorf("frame: row %d: %v-%v-%v is not a valid date; check the year, month and day columns",
				i, ys[i], ms[i], ds[i])
		}
		times[i] = &t
	}
	for _, p := range datePartColumns(times, prefix) {
		f.Add(p)
	}
	return nil
}

func columnTimes(c *Column) ([]*time.Time, error) {
	times := make([]*time.Time, c.Len())
	if c.kind == Int {
		for i, s := range c.ints {
			t := time.Unix(int64(s), 0).UTC()
			times[i] = &t
		}
		return times, nil
	}
	if c.kind != String && c.kind != Categorical {
		return nil, fmt.Errorf("frame: column %q is a %s column; a date column must contain text or Unix seconds (int)", c.name, c.kind)
	}
	layout := ""
	for i := range times {
		if c.IsNA(i) {
			continue
		}
		t, used, err := parseDate(c.Value(i), layout)
		if err != nil {
			return nil, fmt.Errorf("frame: column %q row %d: %q is not a date in a known form, such as 11/16/2006 or 2006-11-16", c.name, i, c.Value(i))
		}
		layout = used
		times[i] = &t
	}
	return times, nil
}

// parseDate tries the layout that worked for the previous row first.
func parseDate(s, last string) (time.Time, string, error) {
	if last != "" {
		if t, err := time.Parse(last, s); err == nil {
			return t, last, nil
		}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, l, nil
		}
	}
	return time.Time{}, "", fmt.Errorf("unknown date form %q", s)
}

// datePartColumns computes the 13 date parts; a nil time is missing.
func datePartColumns(times []*time.Time, prefix string) []*Column {
	n := len(times)
	nums := make([][]float64, 6)
	for k := range nums {
		nums[k] = make([]float64, n)
	}
	flags := make([][]bool, 6)
	for k := range flags {
		flags[k] = make([]bool, n)
	}

	elapsed := make([]float64, n)
	missing := false
	for i, t := range times {
		if t == nil {
			missing = true
			for k := range nums {
				nums[k][i] = math.NaN()
			}
			elapsed[i] = math.NaN()
			continue
		}
		fillDateRow(*t, i, nums, flags)
		elapsed[i] = float64(t.Unix())
	}

	var cols []*Column
	for k, v := range nums {
		cols = append(cols, numberColumn(prefix+datePartNames[k], v, missing))
	}
	for k, v := range flags {
		cols = append(cols, &Column{name: prefix + datePartNames[6+k], kind: Bool, bools: v})
	}
	return append(cols, numberColumn(prefix+"Elapsed", elapsed, missing))
}

func fillDateRow(t time.Time, i int, nums [][]float64, flags [][]bool) {
	_, week := t.ISOWeek()
	nums[0][i] = float64(t.Year())
	nums[1][i] = float64(t.Month())
	nums[2][i] = float64(week)
	nums[3][i] = float64(t.Day())
	nums[4][i] = float64((int(t.Weekday()) + 6) % 7)
	nums[5][i] = float64(t.YearDay())

	monthEnd := t.AddDate(0, 0, 1).Day() == 1
	monthStart := t.Day() == 1
	m := t.Month()
	flags[0][i] = monthEnd
	flags[1][i] = monthStart
	flags[2][i] = monthEnd && m%3 == 0
	flags[3][i] = monthStart && m%3 == 1
	flags[4][i] = monthEnd && m == 12
	flags[5][i] = monthStart && m == 1
}

// numberColumn returns an Int column unless a value is missing.
func numberColumn(name string, v []float64, missing bool) *Column {
	if missing {
		return &Column{name: name, kind: Float, floats: v}
	}
	ints := make([]int, len(v))
	for i, x := range v {
		ints[i] = int(x)
	}
	return &Column{name: name, kind: Int, ints: ints}
}
