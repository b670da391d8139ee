package interp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzSplitCell checks that no cell source panics the cell splitter, and
// that a split cell yields chunks that are slices of the cell, in source
// order, with their line and column.
func FuzzSplitCell(f *testing.F) {
	seeds := []string{
		"",
		"x := 1\nx",
		"import \"fmt\"; type P struct{A int}; x := P{3}; x",
		"// doc\nfunc g() int { return 1 }\ng()",
		"import (\n\tm \"math\"\n\t\"fmt\"\n)\nfmt.Println(m.Pi)",
		"for i := 0; i < 3; i++ {\n}\n",
		"var (\n a = 1\n b = `raw\nstring`\n)\na + b",
		"}}}((([[[",
		"x := \"unterminated",
		"/* unterminated comment",
		"func (",
		"import",
		"\x00\xff\xfe",
		"%reset\nx := 1",
		"a := []int{1,\n2,\n}\nlen(a)",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	addCellSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		chunks, err := splitCell(src)
		if err != nil {
			return
		}
		prevEnd := 0
		for i, c := range chunks {
			if c.text == "" {
				t.Fatalf("chunk %d (%s) is empty", i, c.kind)
			}
			start := lineColOffset(src, c.line, c.col)
			if start < prevEnd || start+len(c.text) > len(src) || src[start:start+len(c.text)] != c.text {
				t.Fatalf("chunk %d (%s) %q is not the cell's text at line %d, column %d",
					i, c.kind, c.text, c.line, c.col)
			}
			prevEnd = start + len(c.text)
			if c.kind == kindResult && i != len(chunks)-1 {
				t.Fatalf("result chunk %d is not the last of %d", i, len(chunks))
			}
		}
	})
}

// addCellSeeds adds the cells under testdata/cells, when present, as seeds.
func addCellSeeds(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "cells", "*"))
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err == nil && len(raw) < 1<<14 {
			f.Add(string(raw))
		}
	}
}

// lineColOffset returns the byte offset of a 1-based line and byte column
// in src, or -1 when src has no such line.
func lineColOffset(src string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		nl := strings.IndexByte(src[off:], '\n')
		if nl < 0 {
			return -1
		}
		off += nl + 1
	}
	return off + col - 1
}

// FuzzIsComplete checks that no code panics isComplete, which runs in the
// kernel process itself (not the worker) for is_complete_request, and
// that it returns one of the protocol's statuses.
func FuzzIsComplete(f *testing.F) {
	for _, s := range []string{"", "x := 1", "func f() {", "a +", "\"open", "/* open", "}", "(00000(0A00000000000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		status, indent := isComplete(code)
		switch status {
		case "complete", "invalid":
			if indent != "" {
				t.Fatalf("status %s with indent %q, want no indent", status, indent)
			}
		case "incomplete":
		default:
			t.Fatalf("status = %q, want complete, incomplete or invalid", status)
		}
	})
}
