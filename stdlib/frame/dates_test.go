package frame

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestAddDatePart(t *testing.T) {
	// Week, weekday (Monday = 0), day of year and Unix seconds were
	// computed with Python's datetime (isocalendar, weekday, timetuple,
	// timestamp) in UTC.
	tests := []struct {
		date                  string
		week, dow, doy        int
		elapsed               int
		monthEnd, monthStart  bool
		quarterEnd, quarterSt bool
		yearEnd, yearStart    bool
	}{
		{"11/16/2006 0:00", 46, 3, 320, 1163635200, false, false, false, false, false, false},
		{"2012-03-31", 13, 5, 91, 1333152000, true, false, true, false, false, false},
		{"12/31/2011", 52, 5, 365, 1325289600, true, false, true, false, true, false},
		{"2012-01-01 00:00:00", 52, 6, 1, 1325376000, false, true, false, true, false, true},
		{"01-Apr-2012", 13, 6, 92, 1333238400, false, true, false, true, false, false},
		{"2008-02-29T00:00:00Z", 9, 4, 60, 1204243200, true, false, false, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			f := New(NewInt("id", []int{1}), NewString("saledate", []string{tt.date}))
			if err := f.AddDatePart("saledate", ""); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{
				"saleWeek": strconv.Itoa(tt.week), "saleDayofweek": strconv.Itoa(tt.dow), "saleDayofyear": strconv.Itoa(tt.doy),
				"saleElapsed": strconv.Itoa(tt.elapsed), "saleIs_month_end": strconv.FormatBool(tt.monthEnd),
				"saleIs_month_start": strconv.FormatBool(tt.monthStart), "saleIs_quarter_end": strconv.FormatBool(tt.quarterEnd),
				"saleIs_quarter_start": strconv.FormatBool(tt.quarterSt), "saleIs_year_end": strconv.FormatBool(tt.yearEnd),
				"saleIs_year_start": strconv.FormatBool(tt.yearStart),
			}
			for col, v := range want {
				if got := f.Col(col).Value(0); got != v {
					t.Errorf("%s = %s, want %s", col, got, v)
				}
			}
		})
	}
}

func TestAddDatePartColumns(t *testing.T) {
	f := New(NewInt("a", []int{1}), NewString("saledate", []string{"2006-11-16"}), NewInt("b", []int{2}))
	if err := f.AddDatePart("saledate", "s_"); err != nil {
		t.Fatal(err)
	}
	var want []string
	want = append(want, "a")
	for _, p := range datePartNames {
		want = append(want, "s_"+p)
	}
	want = append(want, "b")
	if !slices.Equal(f.Names(), want) {
		t.Errorf("names = %q, want %q", f.Names(), want)
	}
}

func TestAddDatePartMissing(t *testing.T) {
	f := New(NewString("when", []string{"2006-11-16", ""}))
	if err := f.AddDatePart("when", "w"); err != nil {
		t.Fatal(err)
	}
	year := f.Col("wYear")
	if year.Kind() != Float || !math.IsNaN(year.Float64s()[1]) || year.Float64s()[0] != 2006 {
		t.Errorf("wYear = %v of kind %v, want [2006 NaN] float", year.Float64s(), year.Kind())
	}
	if f.Col("wIs_month_end").Bools()[1] {
		t.Error("a missing date is a month end")
	}
	if !math.IsNaN(f.Col("wElapsed").Float64s()[1]) {
		t.Error("a missing date has an Elapsed value")
	}
}

func TestAddDatePartUnixSeconds(t *testing.T) {
	// 881250949 is the timestamp of the first MovieLens rating:
	// 1997-12-04 15:55:49 UTC.
	f := New(NewInt("timestamp", []int{881250949}))
	if err := f.AddDatePart("timestamp", "t"); err != nil {
		t.Fatal(err)
	}
	for col, want := range map[string]string{"tYear": "1997", "tMonth": "12", "tDay": "4", "tElapsed": "881250949"} {
		if got := f.Col(col).Value(0); got != want {
			t.Errorf("%s = %s, want %s", col, got, want)
		}
	}
}

func TestAddDatePartErrors(t *testing.T) {
	tests := []struct {
		name string
		f    *Frame
		want string
	}{
		{"unknown form", New(NewString("d", []string{"2006-11-16", "16.11.2006"})), `row 1: "16.11.2006" is not a date`},
		{"float column", New(NewFloat("d", []float64{1})), `"d" is a float column`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.f.AddDatePart("d", "")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestAddDatePartYMD(t *testing.T) {
	f := New(NewInt("y", []int{2006, 2012}), NewInt("m", []int{11, 1}), NewInt("d", []int{16, 1}))
	if err := f.AddDatePartYMD("y", "m", "d", "sale"); err != nil {
		t.Fatal(err)
	}
	if got := f.Col("saleElapsed").Ints(); !slices.Equal(got, []int{1163635200, 1325376000}) {
		t.Errorf("saleElapsed = %v", got)
	}
	if f.NCols() != 3+13 {
		t.Errorf("columns = %d, want 16", f.NCols())
	}
	bad := New(NewInt("y", []int{2011}), NewInt("m", []int{2}), NewInt("d", []int{30}))
	if err := bad.AddDatePartYMD("y", "m", "d", ""); err == nil || !strings.Contains(err.Error(), "is not a valid date") {
		t.Errorf("February 30: error = %v", err)
	}
}
