package frame

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func mustRead(t *testing.T, text string, opts CSVOptions) *Frame {
	t.Helper()
	f, err := ReadCSVFrom(strings.NewReader(text), "test.csv", opts)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestReadCSVInference(t *testing.T) {
	tests := []struct {
		name string
		text string
		kind Kind
		na   int
	}{
		{"ints", "x,y\n1,a\n-2,b\n30,c\n", Int, 0},
		{"floats", "x,y\n1.5,a\n2,b\n-3e2,c\n", Float, 0},
		{"ints with a gap become floats", "x,y\n1,a\n,b\n3,c\n", Float, 1},
		{"all empty is float", "x,y\n,a\n,b\n", Float, 2},
		{"bools", "x,y\ntrue,a\nFalse,b\nTRUE,c\n", Bool, 0},
		{"bools with a gap are strings", "x,y\ntrue,a\n,b\nfalse,c\n", String, 1},
		{"strings", "x,y\na,a\n1,b\n", String, 0},
		{"strings with gap", "x,y\na,a\n,b\nb,c\n", String, 1},
		{"NaN text is a missing float", "x,y\n1.5,a\nNaN,b\n", Float, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustRead(t, tt.text, CSVOptions{}).Col("x")
			if c.Kind() != tt.kind {
				t.Errorf("kind = %v, want %v", c.Kind(), tt.kind)
			}
			if c.NACount() != tt.na {
				t.Errorf("missing = %d, want %d", c.NACount(), tt.na)
			}
		})
	}
}

// Blank lines are skipped, as pandas does by default, so a one-column
// file cannot mark a missing value with an empty line.
func TestReadCSVBlankLines(t *testing.T) {
	f := mustRead(t, "x\n1\n\n3\n", CSVOptions{})
	if f.NRows() != 2 {
		t.Errorf("rows = %d, want 2", f.NRows())
	}
}

func TestReadCSVOptions(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		opts   CSVOptions
		names  []string
		values []string // first row, formatted
	}{
		{"header", "a,b\n1,x\n", CSVOptions{}, []string{"a", "b"}, []string{"1", "x"}},
		{"tab, no header", "1\t2\n", CSVOptions{Sep: '\t', NoHeader: true}, []string{"0", "1"}, []string{"1", "2"}},
		{"names replace header", "a|b\n1|2\n", CSVOptions{Sep: '|', Names: []string{"p", "q"}}, []string{"p", "q"}, []string{"1", "2"}},
		{"given names", "7|8\n", CSVOptions{Sep: '|', NoHeader: true, Names: []string{"p", "q"}}, []string{"p", "q"}, []string{"7", "8"}},
		{"quoted comma", "a,b\n\"x, y\",\"9' 10\"\"\"\n", CSVOptions{}, []string{"a", "b"}, []string{"x, y", `9' 10"`}},
		{"latin-1", "a\n\xc1 k\xf6ldum\n", CSVOptions{Latin1: true}, []string{"a"}, []string{"Á köldum"}},
		{"byte order mark", "\ufeffa\n1\n", CSVOptions{}, []string{"a"}, []string{"1"}},
		{"forced kinds", "a,b,c\n1,2,x\n", CSVOptions{Kinds: map[string]Kind{"a": Float, "b": String, "c": Categorical}},
			[]string{"a", "b", "c"}, []string{"1", "2", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustRead(t, tt.text, tt.opts)
			if !slices.Equal(f.Names(), tt.names) {
				t.Fatalf("names = %q, want %q", f.Names(), tt.names)
			}
			for j, c := range f.Columns() {
				if got := c.Value(0); got != tt.values[j] {
					t.Errorf("%s = %q, want %q", c.Name(), got, tt.values[j])
				}
			}
		})
	}
	f := mustRead(t, "a,b,c\n1,2,x\n", CSVOptions{Kinds: map[string]Kind{"a": Float, "b": String, "c": Categorical}})
	if got := f.Kinds(); !slices.Equal(got, []Kind{Float, String, Categorical}) {
		t.Errorf("forced kinds = %v, want [float string category]", got)
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		opts CSVOptions
		want string
	}{
		{"short row", "a,b\n1,2\n3\n", CSVOptions{}, "test.csv: line 3 has 1 fields, but there are 2 columns"},
		{"long row", "a,b\n1,2,3\n", CSVOptions{}, "test.csv: line 2 has 3 fields, but there are 2 columns"},
		{"bare quote", "a,b\n1,x\"y\n", CSVOptions{}, "test.csv: line 2, column 4: bare \" in non-quoted-field"},
		{"forced int", "a\n1\nx\n", CSVOptions{Kinds: map[string]Kind{"a": Int}}, `test.csv: line 3, column "a": "x" is not a valid int value`},
		{"forced bool", "a\ntrue\nyes\n", CSVOptions{Kinds: map[string]Kind{"a": Bool}}, `line 3, column "a": "yes" is not a valid bool value`},
		{"duplicate header", "a,a\n1,2\n", CSVOptions{}, `two columns are called "a"`},
		{"kind for unknown column", "a\n1\n", CSVOptions{Kinds: map[string]Kind{"b": Int}}, `Kinds names column "b", which the file does not have`},
		{"wrong name count", "1,2\n", CSVOptions{NoHeader: true, Names: []string{"a"}}, "1 names given, but line 1 has 2 fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCSVFrom(strings.NewReader(tt.text), "test.csv", tt.opts)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestReadCSVMissingFile(t *testing.T) {
	_, err := ReadCSV(filepath.Join(t.TempDir(), "absent.csv"), CSVOptions{})
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error = %v, want one wrapping os.ErrNotExist", err)
	}
}

func BenchmarkReadCSV(b *testing.B) {
	for _, name := range []string{"train_tmp_subset14180.csv", "Valid.csv"} {
		b.Run(name, func(b *testing.B) {
			dir := dataDir(b, filepath.Join("bulldozers", name))
			path := filepath.Join(dir, "bulldozers", name)
			info, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(info.Size())
			for b.Loop() {
				if _, err := ReadCSV(path, CSVOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
