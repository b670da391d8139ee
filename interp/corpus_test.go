package interp_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"fastgo/interp"
	"fastgo/kernel"
	"fastgo/stdlib/display"
)

// corpusCase is one file of testdata/cells: cells separated by "-- cell --"
// lines, then "-- output --" and the expected output. Lines before the
// first marker are comments. Among them, "gocompare: skip REASON" keeps
// the case out of the comparison with the go command, and "input: LINE"
// is a line that the front end returns for an input request.
type corpusCase struct {
	name     string
	cells    []string
	want     string
	skipGo   string   // why the case cannot be one Go program
	inputs   []string // lines returned by input requests
	noteLine string   // the NOTE: line of a case known to fail
}

// loadCorpus reads every case of testdata/cells.
func loadCorpus(t *testing.T) []corpusCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "cells", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var cases []corpusCase
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, err := parseCase(strings.TrimSuffix(filepath.Base(f), ".txt"), string(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		cases = append(cases, c)
	}
	return cases
}

func parseCase(name, text string) (corpusCase, error) {
	c := corpusCase{name: name}
	head, rest, ok := strings.Cut(text, "-- cell --\n")
	if !ok {
		return c, fmt.Errorf("no -- cell -- line")
	}
	for _, line := range strings.Split(head, "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(line, "#"))
		if reason, ok := strings.CutPrefix(line, "gocompare: skip"); ok {
			c.skipGo = strings.TrimSpace(reason)
		}
		if in, ok := strings.CutPrefix(line, "input: "); ok {
			c.inputs = append(c.inputs, in)
		}
		if strings.HasPrefix(line, "NOTE:") {
			c.noteLine = line
		}
	}
	cells, want, ok := strings.Cut(rest, "-- output --\n")
	if !ok {
		return c, fmt.Errorf("no -- output -- line")
	}
	c.cells = strings.Split(cells, "-- cell --\n")
	c.want = want
	return c, nil
}

// cellRecorder is a kernel.CellOutput that keeps one cell's output.
type cellRecorder struct {
	mu     sync.Mutex
	stdout strings.Builder
	stderr strings.Builder
	shown  []string
	inputs []string
}

func (r *cellRecorder) Stream(name, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if name == "stderr" {
		r.stderr.WriteString(text)
		return
	}
	r.stdout.WriteString(text)
}

func (r *cellRecorder) Display(d display.Data, displayID string, update bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.shown = append(r.shown, "display "+formatData(d))
}

func (r *cellRecorder) Input(prompt string, password bool) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.inputs) == 0 {
		return "", kernel.ErrStdinNotAllowed
	}
	line := r.inputs[0]
	r.inputs = r.inputs[1:]
	return line, nil
}

// formatData writes a bundle as one line per MIME type richer than text,
// or its text.
func formatData(d display.Data) string {
	for _, mime := range []string{display.MIMEHTML, display.MIMEMarkdown, display.MIMESVG} {
		if v, ok := d.Data[mime]; ok {
			return fmt.Sprintf("%s: %v\n", mime, v)
		}
	}
	return fmt.Sprintf("%v\n", d.Data[display.MIMEText])
}

// transcript writes what a cell produced: stdout, stderr lines prefixed
// "stderr: ", displays, the result's text and the error's message.
func transcript(r *cellRecorder, res kernel.CellResult) string {
	var b strings.Builder
	b.WriteString(r.stdout.String())
	if s := r.stderr.String(); s != "" {
		for _, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
			b.WriteString("stderr: " + line + "\n")
		}
	}
	for _, s := range r.shown {
		b.WriteString(s)
	}
	if res.Value != nil {
		b.WriteString(formatData(*res.Value))
	}
	if res.Error != nil {
		b.WriteString("error: " + res.Error.Value + "\n")
	}
	return b.String()
}

// runCase runs a case's cells on a fresh interpreter and returns the
// transcript of all cells.
func runCase(t *testing.T, c corpusCase) string {
	in, err := interp.New(interp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var b strings.Builder
	inputs := c.inputs
	for _, cell := range c.cells {
		rec := &cellRecorder{inputs: inputs}
		res := in.Execute(cell, rec)
		inputs = rec.inputs
		b.WriteString(transcript(rec, res))
	}
	return b.String()
}

// TestCorpus runs every case of testdata/cells through the interpreter and
// compares the transcript with the expected output. A case with a NOTE:
// line is a known failure: it must still fail, so that the note is
// removed once the cause is fixed.
func TestCorpus(t *testing.T) {
	cases := loadCorpus(t)
	if len(cases) == 0 {
		t.Fatal("no cases in testdata/cells")
	}
	passed, known := 0, 0
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := runCase(t, c)
			switch {
			case got == c.want && c.noteLine != "":
				t.Errorf("the case passes now: remove its %q line", c.noteLine)
			case got == c.want:
				passed++
			case c.noteLine != "":
				// A known failure, whose cause the NOTE line states.
				known++
				t.Logf("%s\n--- got ---\n%s", c.noteLine, got)
			default:
				t.Errorf("transcript differs\n--- got ---\n%s--- want ---\n%s", got, c.want)
			}
		})
	}
	t.Logf("corpus: %d of %d cases pass, %d fail as their NOTE lines state", passed, len(cases), known)
}

// TestCompleteValueMembers completes fields and methods of cell values
// and inspects a method of a compiled type, through the interpreter.
func TestCompleteValueMembers(t *testing.T) {
	in, err := interp.New(interp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	setup := "import \"strings\"\ntype P struct{ Name string }\nfunc (p P) Hello() string { return \"hi \" + p.Name }\np := P{\"x\"}\nvar b strings.Builder"
	if res := in.Execute(setup, &cellRecorder{}); res.Error != nil {
		t.Fatalf("setup cell failed: %s", res.Error.Value)
	}
	tests := []struct {
		name     string
		code     string
		want     []string
		wantType string // type of want[0]
	}{
		{"cell struct", "p.", []string{"Hello", "Name"}, "func() string"},
		{"cell prefix", "p.Na", []string{"Name"}, "string"},
		// Types built from yaegi's symbol tables have no parameter names.
		{"compiled method", "b.WriteS", []string{"WriteString"}, "func(string) (int, error)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := in.Complete(tt.code, len([]rune(tt.code)))
			if strings.Join(res.Matches, ",") != strings.Join(tt.want, ",") {
				t.Fatalf("matches = %v, want %v", res.Matches, tt.want)
			}
			if got := res.Types[tt.want[0]]; got != tt.wantType {
				t.Errorf("type of %s = %q, want %q", tt.want[0], got, tt.wantType)
			}
			if res.CursorStart != strings.LastIndex(tt.code, ".")+1 {
				t.Errorf("cursor start = %d, want %d", res.CursorStart, strings.LastIndex(tt.code, ".")+1)
			}
		})
	}

	ins := in.Inspect("b.WriteString", 5, 0)
	if !ins.Found {
		t.Fatal("inspecting b.WriteString found nothing")
	}
	// The doc comment of strings.Builder.WriteString in Go 1.26 starts so.
	if text := fmt.Sprint(ins.Data["text/plain"]); !strings.Contains(text, "WriteString appends the contents of s") {
		t.Errorf("inspection = %q, want the doc comment of WriteString", text)
	}
}
