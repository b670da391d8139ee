package frame

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestValueCounts(t *testing.T) {
	f := New(NewString("s", []string{"b", "a", "", "b", "c", "a", "b"}))
	got := f.ValueCounts("s")
	if v := got.Col("s").Strings(); !slices.Equal(v, []string{"b", "a", "c", ""}) {
		t.Errorf("values = %q, want [b a c \"\"] (ties in value order, missing last)", v)
	}
	if c := got.Col("count").Ints(); !slices.Equal(c, []int{3, 2, 1, 1}) {
		t.Errorf("counts = %v, want [3 2 1 1]", c)
	}
	cat := New(NewString("s", []string{"x", ""}))
	if err := cat.SetLevels("s", []string{"x"}, false); err != nil {
		t.Fatal(err)
	}
	if v := cat.ValueCounts("s").Col("s").Strings(); !slices.Equal(v, []string{"x", NA}) {
		t.Errorf("categorical values = %q, want [x #na#]", v)
	}
}

func TestFloatKeysMatchInts(t *testing.T) {
	left := New(NewInt("id", []int{1163635200, 7}))
	right := New(NewFloat("id", []float64{1163635200}), NewString("v", []string{"x"}))
	if got := left.InnerJoin(right, "id").NRows(); got != 1 {
		t.Errorf("joined rows = %d, want 1", got)
	}
	if got := right.Col("id").Value(0); got != "1163635200" {
		t.Errorf("float key text = %q, want 1163635200", got)
	}
}

func TestGroupMean(t *testing.T) {
	f := New(
		NewInt("k", []int{2, 1, 2, 1, 3}),
		NewFloat("v", []float64{1, 10, 3, math.NaN(), math.NaN()}),
	)
	g := f.GroupMean("k", "v")
	if k := g.Col("k").Ints(); !slices.Equal(k, []int{1, 2, 3}) {
		t.Errorf("keys = %v, want [1 2 3]", k)
	}
	if c := g.Col("count").Ints(); !slices.Equal(c, []int{2, 2, 1}) {
		t.Errorf("counts = %v, want [2 2 1]", c)
	}
	m := g.Col("mean").Float64s()
	if m[0] != 10 || m[1] != 2 || !math.IsNaN(m[2]) {
		t.Errorf("means = %v, want [10 2 NaN]", m)
	}
}

func TestPivot(t *testing.T) {
	f := New(
		NewInt("user", []int{2, 1, 1, 2, 1}),
		NewString("movie", []string{"b", "a", "b", "b", "a"}),
		NewInt("rating", []int{4, 5, 3, 2, 4}),
	)
	p := f.Pivot("user", "movie", "rating")
	if !slices.Equal(p.Names(), []string{"user", "a", "b"}) {
		t.Fatalf("names = %q, want [user a b]", p.Names())
	}
	a, b := p.Col("a").Float64s(), p.Col("b").Float64s()
	// user 1 rated a twice (5, 4) and b once; user 2 rated b twice (4, 2).
	if a[0] != 4.5 || !math.IsNaN(a[1]) || b[0] != 3 || b[1] != 3 {
		t.Errorf("a = %v, b = %v; want [4.5 NaN], [3 3]", a, b)
	}
	if !strings.Contains(p.String(), "0     1  4.5  3\n1     2       3\n") {
		t.Errorf("the missing cell is not blank:\n%s", p.String())
	}
}

func TestDescribe(t *testing.T) {
	d := sample().Describe()
	if got := d.Col("column").Strings(); !slices.Equal(got, []string{"id", "price", "size", "used"}) {
		t.Fatalf("rows = %q", got)
	}
	if got := d.Col("missing").Ints(); !slices.Equal(got, []int{0, 1, 1, 0}) {
		t.Errorf("missing = %v, want [0 1 1 0]", got)
	}
	if got := d.Col("unique").Ints(); !slices.Equal(got, []int{3, 3, 2, 2}) {
		t.Errorf("unique = %v, want [3 3 2 2]", got)
	}
	mean, lo, hi := d.Col("mean").Float64s(), d.Col("min").Float64s(), d.Col("max").Float64s()
	// price is 10, NaN, 30, 40: mean 80/3 of the present values.
	if math.Abs(mean[1]-80.0/3) > tol || lo[1] != 10 || hi[1] != 40 {
		t.Errorf("price mean, min, max = %v, %v, %v; want 26.67, 10, 40", mean[1], lo[1], hi[1])
	}
	if !math.IsNaN(mean[2]) {
		t.Errorf("string column mean = %v, want NaN", mean[2])
	}
}

func TestJoin(t *testing.T) {
	left := New(NewInt("id", []int{1, 2, 3}), NewString("name", []string{"a", "b", "c"}))
	right := New(
		NewInt("id", []int{3, 1, 3}),
		NewFloat("price", []float64{30, 10, 31}),
		NewString("name", []string{"x", "y", "z"}),
		NewInt("n", []int{7, 8, 9}),
	)
	tests := []struct {
		name  string
		got   *Frame
		ids   []int
		price []float64
		n     []float64
	}{
		{"inner", left.InnerJoin(right, "id"), []int{1, 3, 3}, []float64{10, 30, 31}, []float64{8, 7, 9}},
		{"left", left.LeftJoin(right, "id"), []int{1, 2, 3, 3}, []float64{10, math.NaN(), 30, 31}, []float64{8, math.NaN(), 7, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !slices.Equal(tt.got.Names(), []string{"id", "name", "price", "name_right", "n"}) {
				t.Fatalf("names = %q", tt.got.Names())
			}
			if got := tt.got.Col("id").Ints(); !slices.Equal(got, tt.ids) {
				t.Errorf("ids = %v, want %v", got, tt.ids)
			}
			if got := tt.got.Col("price").Float64s(); !equalNaN(got, tt.price) {
				t.Errorf("prices = %v, want %v", got, tt.price)
			}
			if got := tt.got.Col("n").Float64s(); !equalNaN(got, tt.n) {
				t.Errorf("n = %v, want %v", got, tt.n)
			}
		})
	}
	strKeys := New(NewString("k", []string{"a", "", "b"})).InnerJoin(New(NewString("k", []string{"b", ""}), NewInt("v", []int{1, 2})), "k")
	if got := strKeys.Col("v").Ints(); !slices.Equal(got, []int{1}) {
		t.Errorf("string key join values = %v, want [1] (missing keys never match)", got)
	}
}

func equalNaN(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) })
}

func TestConcat(t *testing.T) {
	a := New(NewInt("i", []int{1}), NewString("s", []string{"x"}), NewBool("b", []bool{true}))
	b := New(NewFloat("i", []float64{2.5}), NewString("s", []string{"y"}))
	c, err := Concat(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Col("i"); got.Kind() != Float || !slices.Equal(got.Float64s(), []float64{1, 2.5}) {
		t.Errorf("i = %v of kind %v, want [1 2.5] float", got.Float64s(), got.Kind())
	}
	if got := c.Col("b"); got.Kind() != String || !slices.Equal(got.Strings(), []string{"true", ""}) {
		t.Errorf("b = %q of kind %v, want [true \"\"] string", got.Strings(), got.Kind())
	}
	if _, err := Concat(a, New(NewString("i", []string{"z"}))); err == nil || !strings.Contains(err.Error(), `column "i" is int in one frame and string in another`) {
		t.Errorf("int with string: error = %v", err)
	}
}

func TestConcatCategorical(t *testing.T) {
	a := New(NewString("s", []string{"Small", "Large"}))
	b := New(NewString("s", []string{"", "Mini"}))
	if err := a.SetLevels("s", []string{"Large", "Small"}, true); err != nil {
		t.Fatal(err)
	}
	if err := b.SetLevels("s", []string{"Mini"}, true); err != nil {
		t.Fatal(err)
	}
	c, err := Concat(a, b)
	if err != nil {
		t.Fatal(err)
	}
	s := c.Col("s")
	if !slices.Equal(s.Levels(), []string{NA, "Large", "Small", "Mini"}) || s.Ordered() {
		t.Errorf("levels = %q, ordered = %v; want [#na# Large Small Mini], false", s.Levels(), s.Ordered())
	}
	if !slices.Equal(s.Strings(), []string{"Small", "Large", NA, "Mini"}) {
		t.Errorf("values = %q", s.Strings())
	}
}
