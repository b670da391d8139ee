package interp

import (
	"strings"
	"testing"
)

// TestPanicTopFramePosition checks the position of the traceback's frame
// of top-level statements. Each expected position is the line:col, counted
// by hand as go/token counts them, of the expression that panics (an index
// or a division, whose position is that of its left operand), or of the
// call for a panic inside a function.
func TestPanicTopFramePosition(t *testing.T) {
	tests := []struct {
		name  string
		cells []string // run in order in a new interpreter, the last panics
		want  string
	}{
		{"index nil slice", []string{"var s []int\ns[5]"}, "2:1: panic: main(...)"},
		{"index in short var decl", []string{"arr := []int{1,2}\n\n\nv := arr[7]"}, "4:6: panic: main(...)"},
		{"division result expression", []string{"var d int\n\n10 / d"}, "3:1: panic: main(...)"},
		{"after finished statements", []string{"a := 1\nb := []int{a}\nfmt := b[0]\nc := b[a]\n_ = fmt"}, "4:6: panic: main(...)"},
		{"call of panicking func", []string{"func bad(i int) int { return []int{}[i] }", "x := 2\n\ny := 1 + bad(x)"}, "3:10: panic: main(...)"},
		{"after rewritten loop", []string{"n := 0\nfor i := range 3 { n += i }\nm := map[int][]int{}\nz := m[n][n]"}, "4:6: panic: main(...)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := newTestInterpreter(t)
			for _, code := range tt.cells[:len(tt.cells)-1] {
				if res := in.Execute(code, &recorder{}); res.Error != nil {
					t.Fatalf("setup cell %q failed: %s", code, res.Error.Value)
				}
			}
			res := in.Execute(tt.cells[len(tt.cells)-1], &recorder{})
			if res.Error == nil {
				t.Fatalf("no error, result %q", resultText(res))
			}
			if res.Error.Name != "Panic" {
				t.Fatalf("ename = %q (%s), want Panic", res.Error.Name, res.Error.Value)
			}
			tb := strings.Join(res.Error.Traceback, "\n")
			if !strings.Contains(tb, tt.want) {
				t.Errorf("traceback lacks %q:\n%s", tt.want, tb)
			}
		})
	}
}
