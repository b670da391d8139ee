package gosem

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"

	"fastgo/stdlib/gostd"
)

// runCells rewrites and runs cells on a bare yaegi interpreter, item by
// item as the kernel does, and returns what they printed and the first
// error of each cell.
func runCells(t *testing.T, cells []string) string {
	t.Helper()
	var out bytes.Buffer
	yi := interp.New(interp.Options{Stdout: &out, Stderr: &out})
	symbols := map[string]map[string]reflect.Value{}
	for k, v := range gostd.Symbols {
		symbols[k] = v
	}
	if err := yi.Use(symbols); err != nil {
		t.Fatal(err)
	}
	s := NewSession()
	for _, src := range cells {
		cell := s.Rewrite(src)
		for _, n := range cell.Notes {
			out.WriteString("note: " + n + "\n")
		}
		if cell.Err != "" {
			out.WriteString("error: " + cell.Err + "\n")
			continue
		}
		if err := evalItems(yi, cell.Code); err != nil {
			out.WriteString("error: " + Clean(err.Error()) + "\n")
			t.Logf("rewritten cell:\n%s", cell.Code)
			continue
		}
		cell.Commit()
	}
	return out.String()
}

func evalItems(yi *interp.Interpreter, code string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &panicError{r}
		}
	}()
	items, err := Split(code)
	if err != nil {
		return err
	}
	// Runs of items of one kind are evaluated together, as the kernel
	// does, so that declarations can refer to each other.
	for i := 0; i < len(items); {
		j := i
		for j+1 < len(items) && items[j+1].Kind == items[i].Kind {
			j++
		}
		text := code[items[i].Start:items[j].End]
		if items[i].Kind == Stmt {
			text = ";" + text
		}
		if _, err := yi.Eval(text); err != nil {
			return err
		}
		i = j + 1
	}
	return nil
}

type panicError struct{ v any }

func (p *panicError) Error() string { return "host panic: " + strings.TrimSpace(toString(p.v)) }

func toString(v any) string {
	if e, ok := v.(error); ok {
		return e.Error()
	}
	if s, ok := v.(string); ok {
		return s
	}
	return "?"
}

func TestRewriteOnYaegi(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string
	}{
		{"max of ints", []string{`import "fmt"`, "a, b := 3, 7\nfmt.Println(max(a, b), min(a, b, 1))"}, "7 1\n"},
		{"max constant", []string{`import "fmt"`, "const c = max(2, 5.5)\nfmt.Println(c)"}, "5.5\n"},
		{"clear map", []string{`import "fmt"`, "m := map[string]int{\"a\": 1}\nclear(m)\nfmt.Println(len(m))"}, "0\n"},
		{"range int", []string{`import "fmt"`, "for i := range 3 { fmt.Print(i) }\nfmt.Println()"}, "012\n"},
		{"loop closure", []string{`import "fmt"`, "var fs []func()\nfor i := 0; i < 3; i++ { fs = append(fs, func() { fmt.Print(i) }) }\nfor _, f := range fs { f() }\nfmt.Println()"}, "012\n"},
		{"range func", []string{`import "fmt"`, "func count(n int) func(func(int) bool) { return func(yield func(int) bool) { for i := 0; i < n; i++ { if !yield(i) { return } } } }",
			"for x := range count(10) { if x == 3 { break }; fmt.Print(x) }\nfmt.Println()"}, "012\n"},
		{"redefine func", []string{`import "fmt"`, "func f() int { return 1 }", "func g() int { return f() }", "func f() int { return 2 }", "fmt.Println(g())"}, "2\n"},
		{"redefine type", []string{`import "fmt"`, "type P struct{ A int }\np := P{1}", "type P struct{ A, B int }", "fmt.Println(P{1, 2})"}, "note: variable p had the old type P and was removed\n{1 2}\n"},
		{"param named as earlier variable", []string{`import "fmt"`, "yy := []float64{1, 2}", "func h2(yy []float64) float64 { return yy[0] }", "fmt.Println(h2(yy))"}, "1\n"},
		{"method param named as variable", []string{`import "fmt"`, "vv := 7", "type box struct{ base int }\nfunc (b box) add(vv int) int { return b.base + vv }", "fmt.Println(box{1}.add(vv))"}, "8\n"},
		{"undefined", []string{"bad := undefinedThing"}, "error: 1:8: undefined: undefinedThing\n"},
		{"generic inference", []string{`import "fmt"`, "func Map[T, U any](xs []T, f func(T) U) []U { var out []U; for _, x := range xs { out = append(out, f(x)) }; return out }",
			"fmt.Println(Map([]int{1, 2}, func(i int) string { return fmt.Sprint(i*2) }))"}, "[2 4]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := runCells(t, tt.cells); got != tt.want {
				t.Errorf("output = %q, want %q", got, tt.want)
			}
		})
	}
}

// BenchmarkRewrite measures the rewrite of a cell that imports fmt and
// uses max and range over an integer, after the first import is cached.
func BenchmarkRewrite(b *testing.B) {
	s := NewSession()
	s.Rewrite(`import "fmt"`).Commit()
	cell := "for i := range 3 { fmt.Println(max(i, 1)) }"
	s.Rewrite(cell)
	b.ResetTimer()
	for range b.N {
		s.Rewrite(cell)
	}
}

func TestMembersOfValue(t *testing.T) {
	s := NewSession()
	s.Rewrite("import \"strings\"\ntype P struct{ Name string }\nfunc (p *P) Rename(n string) { p.Name = n }\np := &P{}\nvar sb strings.Builder").Commit()
	tests := []struct {
		name string
		code string
		want string // names, comma-separated
	}{
		{"pointer to cell struct", "p.", "Name,Rename"},
		{"prefix", "p.Re", "Rename"},
		{"compiled type", "sb.Len", "Len"},
		{"value of this cell", "q := P{}\nq.N", "Name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, members, ok := s.Members(tt.code, len(tt.code))
			if !ok {
				t.Fatalf("no members for %q", tt.code)
			}
			var names []string
			for _, m := range members {
				names = append(names, m.Name)
			}
			if got := strings.Join(names, ","); got != tt.want {
				t.Errorf("members = %s, want %s", got, tt.want)
			}
		})
	}
	if _, _, ok := s.Members("strings.", len("strings.")); ok {
		t.Error("members of a package name were listed, want none: completion of packages is the interpreter's")
	}
}

func TestRewritePassesThrough(t *testing.T) {
	tests := []struct {
		name string
		cell string
	}{
		{"syntax error", "x := (1 +"},
		{"type error", `var n int = "text"`},
		{"nothing to rewrite", "x := 1\ny := x + 2"},
		{"unknown import", "import \"example.com/none\"\nnone.F()"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cell := NewSession().Rewrite(tt.cell)
			if cell.Code != tt.cell {
				t.Errorf("code = %q, want the cell unchanged", cell.Code)
			}
			if cell.Err != "" {
				t.Errorf("error = %q, want none: yaegi reports this cell's errors", cell.Err)
			}
		})
	}
}

func TestRewriteNotesAndErrors(t *testing.T) {
	s := NewSession()
	s.Rewrite("type T struct{ A int }\nv := T{1}").Commit()
	cell := s.Rewrite("type T struct{ B string }")
	if len(cell.Notes) != 1 || cell.Notes[0] != "variable v had the old type T and was removed" {
		t.Fatalf("notes = %q, want the removal of v", cell.Notes)
	}
	cell.Commit()
	if got := s.Rewrite("v.A").Err; got != "1:1: undefined: v (v was removed because it had the old type T)" {
		t.Errorf("error = %q, want undefined v with the reason", got)
	}
	if got := Clean("cannot use Tʹ12{} as Tʹ3"); got != "cannot use T{} as T" {
		t.Errorf("Clean = %q, want the user's names", got)
	}
}
