package frame_test

import (
	"fmt"
	"reflect"
	"testing"
	"testing/fstest"

	"fastgo/stdlib/gostd"
	"fastgo/stdlib/symbols"

	"github.com/traefik/yaegi/interp"
)

// newCellInterpreter returns a yaegi interpreter with the symbol tables
// the kernel gives cells, so these tests run the frame API the way a
// notebook cell calls it.
func newCellInterpreter(t *testing.T) *interp.Interpreter {
	t.Helper()
	yi := interp.New(interp.Options{SourcecodeFilesystem: fstest.MapFS{}})
	for _, table := range []map[string]map[string]reflect.Value{gostd.Symbols, symbols.ShortPaths()} {
		if err := yi.Use(table); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := yi.Eval(`import ("math"; "strings"; "fastgo/frame")`); err != nil {
		t.Fatal(err)
	}
	return yi
}

func TestCellsCallFrame(t *testing.T) {
	// Each cell is a statement list whose last line is the checked value;
	// interpreted closures cross into compiled code in several of them.
	tests := []struct {
		name string
		cell string
		want string
	}{
		{"options literal", `
			f, err := frame.ReadCSVFrom(strings.NewReader("a|b\n1|x\n2|y\n"), "cell", frame.CSVOptions{
				Sep: '|', Kinds: map[string]frame.Kind{"a": frame.Float},
			})
			if err != nil { panic(err) }
			f.Col("a").Kind().String() + " " + f.Col("b").Value(1)`, "float y"},
		{"filter callback", `
			f := frame.New(frame.NewFloat("x", []float64{1, 5, math.NaN(), 7}))
			f.FilterFloat("x", func(v float64) bool { return v > 2 }).NRows()`, "2"},
		{"map callback", `
			f := frame.New(frame.NewInt("x", []int{1, 2}))
			f.MapFloat("x", func(v float64) float64 { return v * 1.5 })
			f.Col("x").Value(1)`, "3"},
		{"two results", `
			f := frame.New(frame.NewInt("i", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}))
			train, valid := f.RandomSplit(0.3, 1)
			train.NRows()*100 + valid.NRows()`, "703"},
		{"categorify fields", `
			f := frame.New(frame.NewString("s", []string{"b", "a"}))
			p := frame.NewCategorify(f, []string{"s"})
			p.Apply(f)
			strings.Join(p.Levels["s"], ",") + " " + f.Col("s").Value(0)`, "a,b b"},
		{"html display", `
			h := frame.New(frame.NewString("t", []string{"<x>"})).HTML()
			strings.Contains(h, "<td") && strings.Contains(h, "&lt;x&gt;")`, "true"},
		{"dense matrix", `
			x := frame.New(frame.NewInt("a", []int{1, 2}), frame.NewBool("b", []bool{true, false})).ToDense(nil)
			r, c := x.Dims()
			float64(r*10+c) + x.At(0, 1)`, "23"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			yi := newCellInterpreter(t)
			v, err := yi.Eval(tt.cell)
			if err != nil {
				t.Fatalf("cell failed: %v", err)
			}
			got := ""
			if v.IsValid() && v.CanInterface() {
				got = fmt.Sprint(v.Interface())
			}
			if got != tt.want {
				t.Errorf("cell value = %q, want %q", got, tt.want)
			}
		})
	}
}
