package interp

import (
	"slices"
	"strings"
	"testing"
)

func TestIsComplete(t *testing.T) {
	tests := []struct {
		name   string
		code   string
		status string
		indent string
	}{
		{"statement", "x := 1", "complete", ""},
		{"empty", "", "complete", ""},
		{"open brace", "func f() {", "incomplete", "    "},
		{"open call", "fmt.Println(\n\t1,", "incomplete", "    "},
		{"nested", "for {\n\tif x {", "incomplete", "        "},
		{"trailing operator", "x := 1 +", "incomplete", "    "},
		{"trailing comma", "f(1,\n2)", "complete", ""},
		{"raw string", "s := `abc", "incomplete", ""},
		{"block comment", "/* note", "incomplete", ""},
		{"stray closer", "x := 1)", "invalid", ""},
		{"closed block", "func f() {\n}", "complete", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, indent := isComplete(tt.code)
			if status != tt.status {
				t.Errorf("status = %q, want %q", status, tt.status)
			}
			if indent != tt.indent {
				t.Errorf("indent = %q, want %q", indent, tt.indent)
			}
		})
	}
}

func TestComplete(t *testing.T) {
	in := newTestInterpreter(t)
	if res := in.Execute("import \"strings\"\nfunc myHelper() int { return 1 }\nmyValue := 2", &recorder{}); res.Error != nil {
		t.Fatalf("setup cell: %+v", *res.Error)
	}
	tests := []struct {
		name        string
		code        string
		cursor      int // code points; -1 means the end
		want        []string
		absent      []string
		cursorStart int
	}{
		{"package member", "strings.Fi", -1, []string{"Fields", "FieldsFunc"}, []string{"Join"}, 8},
		{"1.26 member", "strings.Line", -1, []string{"Lines"}, nil, 8},
		{"cell names", "my", -1, []string{"myHelper", "myValue"}, nil, 0},
		{"keyword", "x := 1\nfu", -1, []string{"func"}, nil, 7},
		{"package name", "mat", -1, []string{"math"}, nil, 0},
		{"not imported package", "strconv.Ato", -1, []string{"Atoi"}, nil, 8},
		{"unicode before cursor", "s := \"é\"; strings.Title", -1, []string{"Title"}, nil, 18},
		{"fastgo package", "display.HT", -1, []string{"HTML", "HTMLer"}, []string{"_HTMLer"}, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cursor := tt.cursor
			if cursor < 0 {
				cursor = len([]rune(tt.code))
			}
			c := in.Complete(tt.code, cursor)
			for _, w := range tt.want {
				if !slices.Contains(c.Matches, w) {
					t.Errorf("matches %v lack %q", c.Matches, w)
				}
			}
			for _, a := range tt.absent {
				if slices.Contains(c.Matches, a) {
					t.Errorf("matches %v contain %q", c.Matches, a)
				}
			}
			if c.CursorStart != tt.cursorStart || c.CursorEnd != cursor {
				t.Errorf("cursor range = %d..%d, want %d..%d", c.CursorStart, c.CursorEnd, tt.cursorStart, cursor)
			}
		})
	}
}

func TestInspect(t *testing.T) {
	in := newTestInterpreter(t)
	setup := "import \"strings\"\n// double returns twice n.\nfunc double(n int) int { return 2 * n }"
	if res := in.Execute(setup, &recorder{}); res.Error != nil {
		t.Fatalf("setup cell: %+v", *res.Error)
	}
	tests := []struct {
		name string
		code string
		want []string // in text/plain
	}{
		{"std function", "strings.Fields", []string{"func Fields(s string) []string", "Fields splits"}},
		{"std type", "strings.Builder", []string{"type Builder struct", "A Builder is used"}},
		{"gonum function", "mat.NewDense", []string{"func NewDense(r, c int, data []float64) *Dense"}},
		{"fastgo function", "display.Show", []string{"func Show(values ...any)"}},
		{"cell function", "double", []string{"func double(n int) int", "double returns twice n."}},
		{"package", "strings", []string{"package strings", "Package strings implements"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := in.Inspect(tt.code, len([]rune(tt.code)), 0)
			if !got.Found {
				t.Fatal("not found")
			}
			text, _ := got.Data["text/plain"].(string)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("text/plain lacks %q:\n%s", w, text)
				}
			}
			if _, ok := got.Data["text/markdown"]; !ok {
				t.Error("no text/markdown")
			}
		})
	}
	if got := in.Inspect("notDefinedAnywhere", 5, 0); got.Found {
		t.Errorf("inspect of an unknown name found %v", got.Data)
	}
}

func TestSupervisorCompleteInspect(t *testing.T) {
	s := newTestSupervisor(t)
	c := s.Complete("strings.Fi", 10)
	if !slices.Contains(c.Matches, "Fields") {
		t.Errorf("matches %v lack Fields", c.Matches)
	}
	got := s.Inspect("mat.NewDense", 12, 0)
	text, _ := got.Data["text/plain"].(string)
	if !strings.Contains(text, "func NewDense(r, c int, data []float64) *Dense") {
		t.Errorf("inspect text = %q, want the NewDense signature", text)
	}
	if status, _ := s.IsComplete("if x {"); status != "incomplete" {
		t.Errorf("IsComplete = %q, want incomplete", status)
	}
}
