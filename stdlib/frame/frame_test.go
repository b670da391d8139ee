package frame

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// sample is a small frame used across tests.
func sample() *Frame {
	return New(
		NewInt("id", []int{3, 1, 2, 1}),
		NewFloat("price", []float64{10, math.NaN(), 30, 40}),
		NewString("size", []string{"Small", "", "Large", "Small"}),
		NewBool("used", []bool{true, false, true, false}),
	)
}

func TestNewPanics(t *testing.T) {
	tests := []struct {
		name string
		cols []*Column
		want string
	}{
		{"length mismatch", []*Column{NewInt("a", []int{1}), NewInt("b", []int{1, 2})}, `column "b" has 2 rows, but the frame has 1`},
		{"duplicate name", []*Column{NewInt("a", []int{1}), NewInt("a", []int{2})}, `two columns are called "a"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := panicMessage(func() { New(tt.cols...) })
			if !strings.Contains(msg, tt.want) {
				t.Errorf("panic = %q, want it to contain %q", msg, tt.want)
			}
		})
	}
}

func panicMessage(fn func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg, _ = r.(string)
		}
	}()
	fn()
	return ""
}

func TestColumnAccess(t *testing.T) {
	f := sample()
	if msg := panicMessage(func() { f.Col("nope") }); !strings.Contains(msg, `no column "nope"; the columns are id, price, size, used`) {
		t.Errorf("unknown column panic = %q", msg)
	}
	if got := f.Col("price").Float64s(); !math.IsNaN(got[1]) || got[3] != 40 {
		t.Errorf("price floats = %v, want [10 NaN 30 40]", got)
	}
	if got := f.Col("used").Float64s(); !slices.Equal(got, []float64{1, 0, 1, 0}) {
		t.Errorf("used floats = %v, want [1 0 1 0]", got)
	}
	if msg := panicMessage(func() { f.Col("size").Float64s() }); !strings.Contains(msg, "categorify it first") {
		t.Errorf("string Float64s panic = %q", msg)
	}
	ids := f.Col("id").Ints()
	ids[0] = 99
	if f.Col("id").Ints()[0] != 3 {
		t.Error("Ints returned the column's own slice")
	}
}

func TestEqual(t *testing.T) {
	f := sample()
	tests := []struct {
		name  string
		other *Frame
		want  bool
	}{
		{"copy with NaN", sample(), true},
		{"other order", f.Select("price", "id", "size", "used"), false},
		{"fewer rows", f.Head(3), false},
		{"changed value", func() *Frame { g := sample(); g.MapInt("id", func(v int) int { return v + 1 }); return g }(), false},
	}
	for _, tt := range tests {
		if got := f.Equal(tt.other); got != tt.want {
			t.Errorf("%s: Equal = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestUnique(t *testing.T) {
	got := New(NewString("s", []string{"Medium", "", "Small", "Medium"})).Col("s").Unique()
	if want := []string{"Medium", "", "Small"}; !slices.Equal(got, want) {
		t.Errorf("Unique = %q, want %q", got, want)
	}
}

func TestSelectDropRename(t *testing.T) {
	f := sample()
	if got := f.Select("used", "id").Names(); !slices.Equal(got, []string{"used", "id"}) {
		t.Errorf("Select names = %q", got)
	}
	if got := f.Drop("price", "used").Names(); !slices.Equal(got, []string{"id", "size"}) {
		t.Errorf("Drop names = %q", got)
	}
	if f.NCols() != 4 {
		t.Errorf("Drop changed the receiver: %d columns", f.NCols())
	}
	g := f.Copy()
	g.Rename("id", "key")
	if !g.Has("key") || g.Has("id") || !f.Has("id") {
		t.Errorf("Rename: copy names %q, original names %q", g.Names(), f.Names())
	}
	if msg := panicMessage(func() { g.Rename("key", "price") }); !strings.Contains(msg, "that column exists") {
		t.Errorf("Rename onto a column panic = %q", msg)
	}
}

func TestRowSelection(t *testing.T) {
	f := sample()
	tests := []struct {
		name string
		got  *Frame
		ids  []int
	}{
		{"head", f.Head(2), []int{3, 1}},
		{"head past end", f.Head(10), []int{3, 1, 2, 1}},
		{"tail", f.Tail(3), []int{1, 2, 1}},
		{"take repeats", f.Take([]int{2, 2, 0}), []int{2, 2, 3}},
		{"where", f.Where([]bool{true, false, false, true}), []int{3, 1}},
		{"filter float skips NaN", f.FilterFloat("price", func(p float64) bool { return p > 15 }), []int{2, 1}},
		{"filter int", f.FilterInt("id", func(id int) bool { return id == 1 }), []int{1, 1}},
		{"filter string", f.FilterString("size", func(s string) bool { return s == "Small" }), []int{3, 1}},
		{"filter in", f.FilterIn("id", []string{"2", "3"}), []int{3, 2}},
		{"sort ascending", f.SortBy("price", false), []int{3, 2, 1, 1}},
		{"sort descending, missing last", f.SortBy("price", true), []int{1, 2, 3, 1}},
		{"sort stable", f.SortBy("id", false), []int{1, 1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.got.Col("id").Ints(); !slices.Equal(got, tt.ids) {
				t.Errorf("ids = %v, want %v", got, tt.ids)
			}
		})
	}
}

func TestMap(t *testing.T) {
	f := sample()
	f.Log("id")
	if got := f.Col("id"); got.Kind() != Float || got.Float64s()[2] != math.Log(2) {
		t.Errorf("Log(id) = %v of kind %v", got.Float64s(), got.Kind())
	}
	g := sample()
	g.MapInt("id", func(v int) int { return v * 10 })
	if got := g.Col("id").Ints(); !slices.Equal(got, []int{30, 10, 20, 10}) {
		t.Errorf("MapInt = %v", got)
	}
	if got := sample().Col("id").Ints(); got[0] != 3 {
		t.Error("MapInt changed a shared column")
	}
}

func TestRandomSplit(t *testing.T) {
	f := New(NewInt("i", rangeIndex(0, 1000)))
	train, valid := f.RandomSplit(0.2, 42)
	if train.NRows() != 800 || valid.NRows() != 200 {
		t.Fatalf("split sizes = %d/%d, want 800/200", train.NRows(), valid.NRows())
	}
	all := append(train.Col("i").Ints(), valid.Col("i").Ints()...)
	slices.Sort(all)
	if !slices.Equal(all, rangeIndex(0, 1000)) {
		t.Error("train and valid do not partition the rows")
	}
	_, again := f.RandomSplit(0.2, 42)
	if !slices.Equal(again.Col("i").Ints(), valid.Col("i").Ints()) {
		t.Error("the same seed gave another split")
	}
	_, other := f.RandomSplit(0.2, 43)
	if slices.Equal(other.Col("i").Ints(), valid.Col("i").Ints()) {
		t.Error("seeds 42 and 43 gave the same split")
	}
}

func TestToDense(t *testing.T) {
	f := sample()
	if err := f.SetLevels("size", []string{"Large", "Small"}, true); err != nil {
		t.Fatal(err)
	}
	x := f.ToDense([]string{"id", "size", "used", "price"})
	want := [][]float64{{3, 2, 1, 10}, {1, 0, 0, math.NaN()}, {2, 1, 1, 30}, {1, 2, 0, 40}}
	for i, row := range want {
		for j, v := range row {
			got := x.At(i, j)
			if got != v && !(math.IsNaN(got) && math.IsNaN(v)) {
				t.Errorf("x[%d,%d] = %v, want %v", i, j, got, v)
			}
		}
	}
	if msg := panicMessage(func() { sample().ToDense(nil) }); !strings.Contains(msg, `"size" is a string column`) {
		t.Errorf("ToDense of a string column panic = %q", msg)
	}
}

func TestColumnsLayout(t *testing.T) {
	f := sample()
	if err := f.SetLevels("size", []string{"Large", "Small"}, false); err != nil {
		t.Fatal(err)
	}
	codes := f.CodeColumns([]string{"size"})
	if len(codes) != 1 || !slices.Equal(codes[0], []int{2, 0, 1, 2}) {
		t.Errorf("CodeColumns = %v, want [[2 0 1 2]]", codes)
	}
	floats := f.FloatColumns([]string{"id", "used"})
	if len(floats) != 2 || !slices.Equal(floats[0], []float64{3, 1, 2, 1}) || !slices.Equal(floats[1], []float64{1, 0, 1, 0}) {
		t.Errorf("FloatColumns = %v, want [[3 1 2 1] [1 0 1 0]]", floats)
	}
	if msg := panicMessage(func() { f.CodeColumns([]string{"id"}) }); !strings.Contains(msg, "not a category") {
		t.Errorf("CodeColumns of an int column panic = %q", msg)
	}
}
