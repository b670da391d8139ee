package frame

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// tol is the tolerance for float results computed by hand.
const tol = 1e-12

func TestSetLevels(t *testing.T) {
	tests := []struct {
		name    string
		values  []string
		levels  []string
		codes   []int
		wantErr string
	}{
		{"ordered", []string{"Mini", "", "Large", "Mini"}, []string{"Large", "Medium", "Mini"}, []int{3, 0, 1, 3}, ""},
		{"unknown value", []string{"Huge"}, []string{"Large"}, nil, `value "Huge" is not one of the levels`},
		{"duplicate level", []string{"Large"}, []string{"Large", "Large"}, nil, `level "Large" appears twice`},
		{"missing as level", []string{"Large"}, []string{"Large", NA}, nil, "is the missing value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := New(NewString("size", tt.values))
			err := f.SetLevels("size", tt.levels, true)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c := f.Col("size")
			if !slices.Equal(c.Codes(), tt.codes) {
				t.Errorf("codes = %v, want %v", c.Codes(), tt.codes)
			}
			if c.Level(1) != tt.levels[0] || c.Code(tt.levels[0]) != 1 || c.Code("absent") != -1 || c.Level(0) != NA {
				t.Errorf("code ↔ level mapping is wrong: levels %q", c.Levels())
			}
		})
	}
}

func TestCategorify(t *testing.T) {
	train := New(
		NewString("s", []string{"b", "a", "", "b"}),
		NewInt("n", []int{10, 2, 2, 33}),
		NewBool("flag", []bool{true, false, true, true}),
	)
	valid := New(
		NewString("s", []string{"c", "a", "b", ""}),
		NewInt("n", []int{2, 99, 33, 10}),
		NewBool("flag", []bool{false, false, true, true}),
	)
	p := NewCategorify(train, []string{"s", "n", "flag"})
	for _, f := range []*Frame{train, valid} {
		if err := p.Apply(f); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name   string
		f      *Frame
		col    string
		levels []string
		codes  []int
	}{
		{"train strings sorted", train, "s", []string{NA, "a", "b"}, []int{2, 1, 0, 2}},
		{"valid unseen is 0", valid, "s", []string{NA, "a", "b"}, []int{0, 1, 2, 0}},
		{"ints in numeric order", train, "n", []string{NA, "2", "10", "33"}, []int{2, 1, 1, 3}},
		{"valid ints", valid, "n", []string{NA, "2", "10", "33"}, []int{1, 0, 3, 2}},
		{"bools false first", valid, "flag", []string{NA, "false", "true"}, []int{1, 1, 2, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.f.Col(tt.col)
			if !slices.Equal(c.Levels(), tt.levels) {
				t.Errorf("levels = %q, want %q", c.Levels(), tt.levels)
			}
			if !slices.Equal(c.Codes(), tt.codes) {
				t.Errorf("codes = %v, want %v", c.Codes(), tt.codes)
			}
		})
	}
	if got := p.Cardinality("n"); got != 4 {
		t.Errorf("cardinality of n = %d, want 4", got)
	}
	if got := p.Decode("s", 2); got != "b" {
		t.Errorf("Decode(s, 2) = %q, want b", got)
	}
	if err := p.Apply(New(NewInt("n", []int{1}))); err == nil || !strings.Contains(err.Error(), `no column "s"`) {
		t.Errorf("Apply to a frame without s: error = %v", err)
	}
}

func TestCategorifyApplyRejectsBadLevels(t *testing.T) {
	tests := []struct {
		name    string
		levels  []string
		wantErr string
	}{
		{"duplicate level", []string{"a", "b", "a"}, `level "a" appears twice`},
		{"missing value as level", []string{"a", NA}, "missing value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := New(NewString("first", []string{"a", "b"}), NewString("second", []string{"a", "b"}))
			p := &Categorify{
				Cols:   []string{"first", "second"},
				Levels: map[string][]string{"first": {"a", "b"}, "second": tt.levels},
			}
			err := p.Apply(f)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Apply error = %v, expected one containing %q", err, tt.wantErr)
			}
			if kind := f.Col("first").Kind(); kind != String {
				t.Errorf("column first is %v after a failed Apply, expected it unchanged as %v", kind, String)
			}
		})
	}
}

func TestCategorifyKeepsOrderedLevels(t *testing.T) {
	train := New(NewString("size", []string{"Small", "Large"}))
	valid := New(NewString("size", []string{"Large", "Medium"}))
	order := []string{"Large", "Medium", "Small"}
	for _, f := range []*Frame{train, valid} {
		if err := f.SetLevels("size", order, true); err != nil {
			t.Fatal(err)
		}
	}
	p := NewCategorify(train, []string{"size"})
	if err := p.Apply(valid); err != nil {
		t.Fatal(err)
	}
	c := valid.Col("size")
	if !c.Ordered() || !slices.Equal(c.Codes(), []int{1, 2}) {
		t.Errorf("ordered = %v, codes = %v; want true, [1 2]", c.Ordered(), c.Codes())
	}
}

func TestFillMissing(t *testing.T) {
	train := New(
		NewFloat("a", []float64{1, math.NaN(), 3, 10}), // median of 1, 3, 10 is 3
		NewFloat("b", []float64{1, 2, 3, 4}),           // median 2.5, no gap
		NewInt("c", []int{5, 6, 7, 8}),
	)
	valid := New(
		NewFloat("a", []float64{math.NaN(), 7}),
		NewFloat("b", []float64{math.NaN(), 1}),
		NewInt("c", []int{1, 2}),
	)
	p := NewFillMissing(train, []string{"a", "b", "c"})
	if !slices.Equal(p.Flagged, []string{"a"}) {
		t.Errorf("flagged = %q, want [a]", p.Flagged)
	}
	for _, f := range []*Frame{train, valid} {
		if err := p.Apply(f); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		got  []float64
		want []float64
	}{
		{"train a filled with median", train.Col("a").Float64s(), []float64{1, 3, 3, 10}},
		{"train a flags", train.Col("a_na").Float64s(), []float64{0, 1, 0, 0}},
		{"valid a filled with train median", valid.Col("a").Float64s(), []float64{3, 7}},
		{"valid a flags", valid.Col("a_na").Float64s(), []float64{1, 0}},
		{"valid b filled with even median", valid.Col("b").Float64s(), []float64{2.5, 1}},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if valid.Has("b_na") || valid.Has("c_na") {
		t.Errorf("valid has flags for columns without gaps in train: %q", valid.Names())
	}
	if !slices.Equal(train.Names(), valid.Names()) {
		t.Errorf("train columns %q, valid columns %q", train.Names(), valid.Names())
	}
}

func TestNormalize(t *testing.T) {
	train := New(NewFloat("x", []float64{1, 2, 3, 4}), NewInt("k", []int{7, 7, 7, 7}))
	valid := New(NewFloat("x", []float64{5}), NewInt("k", []int{8}))
	p := NewNormalize(train, []string{"x", "k"})
	// Mean 2.5; population std sqrt(5/4) = sqrt(((1.5²+0.5²)*2)/4), plus
	// fastai's 1e-7.
	std := math.Sqrt(5.0/4) + NormalizeEpsilon
	if math.Abs(p.Means["x"]-2.5) > tol || math.Abs(p.Stds["x"]-std) > tol {
		t.Errorf("x mean, std = %v, %v; want 2.5, %v", p.Means["x"], p.Stds["x"], std)
	}
	if p.Stds["k"] != NormalizeEpsilon {
		t.Errorf("constant column std = %v, want %v", p.Stds["k"], NormalizeEpsilon)
	}
	if err := p.Apply(valid); err != nil {
		t.Fatal(err)
	}
	if got := valid.Col("x").Float64s()[0]; math.Abs(got-2.5/std) > tol {
		t.Errorf("normalized 5 = %v, want %v", got, 2.5/std)
	}
	if got := valid.Col("k").Float64s()[0]; math.Abs(got-1/NormalizeEpsilon) > 1e-3 {
		t.Errorf("normalized constant 8 = %v, want %v", got, 1/NormalizeEpsilon)
	}
}

func TestContCatSplit(t *testing.T) {
	f := New(
		NewFloat("price", []float64{1, 2, 3}),
		NewInt("year", []int{2000, 2001, 2001}),
		NewInt("one", []int{5, 5, 5}),
		NewString("state", []string{"a", "b", "c"}),
		NewBool("flag", []bool{true, false, true}),
		NewFloat("y", []float64{0, 0, 0}),
	)
	tests := []struct {
		maxCard   int
		cont, cat []string
	}{
		{1, []string{"price", "year"}, []string{"one", "state", "flag"}},
		{2, []string{"price"}, []string{"year", "one", "state", "flag"}},
	}
	for _, tt := range tests {
		cont, cat := f.ContCatSplit(tt.maxCard, "y")
		if !slices.Equal(cont, tt.cont) || !slices.Equal(cat, tt.cat) {
			t.Errorf("maxCard %d: cont %q cat %q, want %q %q", tt.maxCard, cont, cat, tt.cont, tt.cat)
		}
	}
}
