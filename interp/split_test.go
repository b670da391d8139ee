package interp

import (
	"go/token"
	"reflect"
	"slices"
	"testing"
)

func TestSplitCell(t *testing.T) {
	// Cells from the experiments with yaegi v0.16.1: each failed as one
	// Eval because yaegi picks its mode from the first token.
	tests := []struct {
		name  string
		code  string
		kinds []chunkKind
		texts []string
	}{
		{
			name:  "import type statement result",
			code:  "import \"fmt\"; type P struct{A int}; x := P{3}; x",
			kinds: []chunkKind{kindImport, kindDecl, kindStmt, kindResult},
			texts: []string{`import "fmt"`, "type P struct{A int}", "x := P{3}", "x"},
		},
		{
			name:  "statement then func",
			code:  "y := 1\nfunc g() int { return y }\ng()",
			kinds: []chunkKind{kindStmt, kindDecl, kindResult},
			texts: []string{"y := 1", "func g() int { return y }", "g()"},
		},
		{
			name:  "var then expression",
			code:  "var e error = nil\ne",
			kinds: []chunkKind{kindDecl, kindResult},
			texts: []string{"var e error = nil", "e"},
		},
		{
			name:  "func literal call is a statement",
			code:  "func() int { return 7 }()",
			kinds: []chunkKind{kindResult},
			texts: []string{"func() int { return 7 }()"},
		},
		{
			name:  "for header semicolons stay inside",
			code:  "s := 0\nfor i := 0; i < 3; i++ {\n\ts += i\n}",
			kinds: []chunkKind{kindStmt},
			texts: []string{"s := 0\nfor i := 0; i < 3; i++ {\n\ts += i\n}"},
		},
		{
			name:  "declarations merge",
			code:  "const a = 1\ntype T int\nfunc f() {}",
			kinds: []chunkKind{kindDecl},
			texts: []string{"const a = 1\ntype T int\nfunc f() {}"},
		},
		{
			name:  "multi-line call result",
			code:  "x := 2\nmax(\n\tx,\n\t3,\n)",
			kinds: []chunkKind{kindStmt, kindResult},
			texts: []string{"x := 2", "max(\n\tx,\n\t3,\n)"},
		},
		{
			name:  "assignment is no result",
			code:  "x := 1\nx = 2",
			kinds: []chunkKind{kindStmt},
			texts: []string{"x := 1\nx = 2"},
		},
		{
			name:  "doc comments stay with their item",
			code:  "x := 1 // one\n// f returns 2.\nfunc f() int { return 2 }\nf() // call",
			kinds: []chunkKind{kindStmt, kindDecl, kindResult},
			texts: []string{"x := 1", "// f returns 2.\nfunc f() int { return 2 }", "f()"},
		},
		{
			name:  "empty cell",
			code:  "\n// only a comment\n",
			kinds: nil,
			texts: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chunks, err := splitCell(tt.code)
			if err != nil {
				t.Fatalf("splitCell: %v", err)
			}
			var kinds []chunkKind
			var texts []string
			for _, c := range chunks {
				kinds = append(kinds, c.kind)
				texts = append(texts, c.text)
			}
			if !reflect.DeepEqual(kinds, tt.kinds) {
				t.Errorf("kinds = %v, want %v", kinds, tt.kinds)
			}
			if !reflect.DeepEqual(texts, tt.texts) {
				t.Errorf("texts = %q, want %q", texts, tt.texts)
			}
		})
	}
}

func TestSplitCellPositions(t *testing.T) {
	chunks, err := splitCell("import (\n\t\"fmt\"\n\tm \"math\"\n)\n  x := m.Pi\nfmt.Println(x)")
	if err != nil {
		t.Fatalf("splitCell: %v", err)
	}
	if len(chunks) != 3 {
		t.Fatalf("got %d chunks, want 3", len(chunks))
	}
	wantSpecs := []importSpec{{"", "fmt", 2, 2}, {"m", "math", 3, 4}}
	if !reflect.DeepEqual(chunks[0].imports, wantSpecs) {
		t.Errorf("imports = %+v, want %+v", chunks[0].imports, wantSpecs)
	}
	if chunks[1].line != 5 || chunks[1].col != 3 {
		t.Errorf("statement at %d:%d, want 5:3", chunks[1].line, chunks[1].col)
	}
	if !chunks[2].call {
		t.Errorf("fmt.Println(x) is not marked as a call")
	}
}

func TestSplitCellSyntaxError(t *testing.T) {
	_, err := splitCell("x := \"open\n")
	if err == nil {
		t.Fatal("splitCell accepted an unterminated string")
	}
	cerr := syntaxError(err)
	if cerr.Value != "1:6: string literal not terminated" {
		t.Errorf("error = %q, want %q", cerr.Value, "1:6: string literal not terminated")
	}
}

func TestTopLevelSpansKeepHeaders(t *testing.T) {
	tests := []struct {
		code string
		want []string
	}{
		{"for i := 0; i < 3; i++ {\n}\nx := 1", []string{"for i := 0; i < 3; i++ {\n}", "x := 1"}},
		{"if v := f(); v > 0 { g() }; h()", []string{"if v := f(); v > 0 { g() }", "h()"}},
		{"switch x := 2; x {\ncase 2:\n}", []string{"switch x := 2; x {\ncase 2:\n}"}},
		{"a := 1; b := 2", []string{"a := 1", "b := 2"}},
	}
	for _, tt := range tests {
		fset := token.NewFileSet()
		file := fset.AddFile("cell", -1, len(tt.code))
		spans, err := topLevelSpans(file, tt.code)
		if err != nil {
			t.Fatalf("topLevelSpans(%q): %v", tt.code, err)
		}
		var got []string
		for _, sp := range spans {
			got = append(got, tt.code[sp.start:sp.end])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("topLevelSpans(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}
