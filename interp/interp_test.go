package interp

import (
	"strings"
	"testing"

	"fastgo/kernel"
	"fastgo/stdlib/display"
)

func TestExecuteDisplay(t *testing.T) {
	tests := []struct {
		name string
		code string
		want string // text/plain of the result, "" for none
	}{
		{"expression", "x := 21\nx * 2", "42"},
		{"multi-value call", "import \"strconv\"\nstrconv.Atoi(\"12\")", "12\n<nil>"},
		{"multi-value error", "import \"strconv\"\nstrconv.Atoi(\"z\")", "0\nstrconv.Atoi: parsing \"z\": invalid syntax"},
		{"call without results", "func g() {}\ng()", ""},
		{"println shows nothing", "println(\"hi\")", ""},
		{"declarations only", "type T struct{ A int }\nfunc f() T { return T{1} }", ""},
		{"assignment", "y := 3\ny = 4", ""},
		{"for loop at end", "s := 0\nfor i := 0; i < 3; i++ { s += i }", ""},
		{"struct value", "type P struct{ A int }\nP{3}", "{3}"},
		{"func literal call", "func() int { return 7 }()", "7"},
		{"string", "\"héllo\"", "héllo"},
		{"std 1.26 API", "import \"strings\"\nstrings.Fields(\" a b \")", "[a b]"},
	}
	in := newTestInterpreter(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := in.Execute(tt.code, &recorder{})
			if res.Error != nil {
				t.Fatalf("error: %+v", *res.Error)
			}
			if got := resultText(res); got != tt.want {
				t.Errorf("result = %q, want %q", got, tt.want)
			}
			if tt.want == "" && res.Value != nil {
				t.Errorf("result bundle = %+v, want none", res.Value.Data)
			}
		})
	}
}

func TestExecuteErrors(t *testing.T) {
	// Positions are line:col in the cell, counted by hand.
	tests := []struct {
		name      string
		code      string
		ename     string
		value     string
		traceback []string // lines that must appear in the traceback
	}{
		{"undefined on line 1", "undefinedThing + 1", "CompileError", "1:1: undefined: undefinedThing", nil},
		{"undefined after import", "import \"fmt\"\n\nfmt.Println(nope)", "CompileError", "3:13: undefined: nope", nil},
		{"undefined in func", "x := 1\nfunc f() int {\n\treturn y\n}", "CompileError", "3:9: undefined: y", nil},
		{"unknown package", "import \"no/such/pkg\"", "CompileError", "", nil},
		{"syntax", "x := (1 +\n", "CompileError", "", nil},
		{"unterminated string", "s := \"abc\n", "CompileError", "1:6: string literal not terminated", nil},
		{
			"panic position in statements", "a := []int{1}\n\nfunc() { panic(\"boom\") }()",
			"Panic", "boom",
			[]string{"3:10: panic: main.func(...)", "3:1: panic: main.func(...)"},
		},
		{"runtime error", "a := []int{1}\ni := 3\na[i]", "Panic", "", nil},
	}
	in := newTestInterpreter(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec recorder
			res := in.Execute(tt.code, &rec)
			if res.Error == nil {
				t.Fatalf("no error, result %q", resultText(res))
			}
			if res.Error.Name != tt.ename {
				t.Errorf("ename = %q, want %q", res.Error.Name, tt.ename)
			}
			if tt.value != "" && res.Error.Value != tt.value {
				t.Errorf("evalue = %q, want %q", res.Error.Value, tt.value)
			}
			tb := strings.Join(res.Error.Traceback, "\n")
			for _, line := range tt.traceback {
				if !strings.Contains(tb, line) {
					t.Errorf("traceback lacks %q:\n%s", line, tb)
				}
			}
			if got := rec.text("stderr"); got != "" {
				t.Errorf("stderr = %q, want nothing", got)
			}
		})
	}
}

func TestExecuteStatePersists(t *testing.T) {
	in := newTestInterpreter(t)
	cells := []struct{ code, want string }{
		{"import \"fmt\"\ntype P struct{ A int }\nfunc (p P) Twice() int { return 2 * p.A }\nv := P{4}", ""},
		{"import \"fmt\"\nw := v.Twice()\nfmt.Sprint(w)", "8"},
		{"func f() int { return w + 1 }\nf()", "9"},
		{"w := \"now a string\"\nw", "now a string"},
	}
	for i, c := range cells {
		res := in.Execute(c.code, &recorder{})
		if res.Error != nil {
			t.Fatalf("cell %d: %+v", i, *res.Error)
		}
		if got := resultText(res); got != c.want {
			t.Errorf("cell %d result = %q, want %q", i, got, c.want)
		}
	}
}

func TestExecuteFastgoDisplay(t *testing.T) {
	in := newTestInterpreter(t)
	var rec recorder
	res := in.Execute("import \"fastgo/display\"\ndisplay.Show(display.Markdown(\"*hi*\"))\ndisplay.HTML(\"<b>x</b>\")", &rec)
	if res.Error != nil {
		t.Fatalf("error: %+v", *res.Error)
	}
	if res.Value == nil || res.Value.Data[display.MIMEHTML] != "<b>x</b>" {
		t.Errorf("result = %+v, want text/html <b>x</b>", res.Value)
	}
	if len(rec.events) != 1 || rec.events[0].kind != "display" {
		t.Fatalf("events = %+v, want one display", rec.events)
	}
	if got := rec.events[0].data.Data[display.MIMEMarkdown]; got != "*hi*" {
		t.Errorf("displayed markdown = %v, want *hi*", got)
	}
}

func TestExecutePlotRendersPNG(t *testing.T) {
	in := newTestInterpreter(t)
	code := `import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)
p := plot.New()
l, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
p.Add(l)
p`
	res := in.Execute(code, &recorder{})
	if res.Error != nil {
		t.Fatalf("error: %+v", *res.Error)
	}
	if res.Value == nil {
		t.Fatal("no result")
	}
	if _, ok := res.Value.Data[display.MIMEPNG]; !ok {
		t.Errorf("result MIME types = %v, want image/png", keys(res.Value.Data))
	}
}

func TestExecuteInterpretedHTMLer(t *testing.T) {
	in := newTestInterpreter(t)
	res := in.Execute("type B struct{ S string }\nfunc (b B) HTML() string { return \"<b>\" + b.S + \"</b>\" }\nB{\"x\"}", &recorder{})
	if res.Error != nil {
		t.Fatalf("error: %+v", *res.Error)
	}
	if res.Value == nil || res.Value.Data[display.MIMEHTML] != "<b>x</b>" {
		t.Errorf("result = %+v, want text/html <b>x</b>", res.Value)
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

var _ kernel.CellOutput = (*recorder)(nil)

// TestRunPanicPositions checks the position mapping of run on its own,
// without the gosem rewrite, which moves function declarations.
func TestRunPanicPositions(t *testing.T) {
	in := newTestInterpreter(t)
	ctx, stop := in.begin(&recorder{})
	defer in.end()
	defer stop()
	res := in.run(ctx, "func inner() { panic(\"boom\") }\nfunc outer() { inner() }\nouter()")
	if res.Error == nil || res.Error.Name != "Panic" {
		t.Fatalf("error = %+v, want Panic", res.Error)
	}
	tb := strings.Join(res.Error.Traceback, "\n")
	for _, line := range []string{"1:16: panic: main.inner(...)", "2:16: panic: main.outer(...)", "3:1: panic: main(...)"} {
		if !strings.Contains(tb, line) {
			t.Errorf("traceback lacks %q:\n%s", line, tb)
		}
	}
}
