// Package lessons holds the lesson notebooks. Its tests execute every
// notebook with the real fastgo binary, the way a user runs them.
package lessons

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildFastgo builds the fastgo command into a temporary folder.
func buildFastgo(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "fastgo")
	cmd := exec.Command("go", "build", "-o", bin, "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build failed: %v\n%s", err, out)
	}
	return bin
}

// dataDir returns the lesson data folder: FASTGO_DATA, or the team's copy
// in ../../shared/data beside the checkout.
func dataDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("FASTGO_DATA"); d != "" {
		return d
	}
	d, err := filepath.Abs("../../shared/data")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(d); err != nil {
		t.Skipf("no lesson data: set FASTGO_DATA to a folder with bulldozers/, movielens/ and mnist/")
	}
	return d
}

type notebook struct {
	Cells []struct {
		CellType       string            `json:"cell_type"`
		Source         json.RawMessage   `json:"source"`
		ExecutionCount *int              `json:"execution_count"`
		Outputs        []json.RawMessage `json:"outputs"`
	} `json:"cells"`
}

type output struct {
	OutputType string         `json:"output_type"`
	Name       string         `json:"name"`
	Text       any            `json:"text"`
	Data       map[string]any `json:"data"`
	Ename      string         `json:"ename"`
	Evalue     string         `json:"evalue"`
}

func readNotebook(t *testing.T, path string) notebook {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb notebook
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("%s is not a valid notebook: %v", path, err)
	}
	return nb
}

// joinText flattens nbformat's multi-line string (a string or a list of
// strings).
func joinText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		var b strings.Builder
		for _, s := range x {
			b.WriteString(joinText(s))
		}
		return b.String()
	}
	return ""
}

// checkExecuted fails for every code cell that was not run or has an error
// output, and returns all text the notebook's outputs contain.
func checkExecuted(t *testing.T, path string) string {
	t.Helper()
	nb := readNotebook(t, path)
	var all strings.Builder
	code := 0
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		code++
		if c.ExecutionCount == nil {
			t.Errorf("%s: cell %d was not executed", filepath.Base(path), i)
		}
		for _, raw := range c.Outputs {
			var o output
			if err := json.Unmarshal(raw, &o); err != nil {
				t.Fatalf("%s: cell %d has a malformed output: %v", filepath.Base(path), i, err)
			}
			if o.OutputType == "error" {
				t.Errorf("%s: cell %d failed: %s: %s", filepath.Base(path), i, o.Ename, o.Evalue)
			}
			all.WriteString(joinText(o.Text))
			all.WriteString(joinText(o.Data["text/plain"]))
			all.WriteString(joinText(o.Data["text/html"]))
			all.WriteString("\n")
		}
	}
	if code == 0 {
		t.Errorf("%s has no code cells", filepath.Base(path))
	}
	return all.String()
}

// expectedText lists, per lesson, figures that the executed notebook must
// print. They are the exact numbers of the fast.ai book (fastbook chapters
// 8, 9 and 13) that do not depend on random initialisation.
var expectedText = map[string][]string{
	"08_collab.ipynb":        {"100000", "2.142", "-1.611"},
	"13_convolutions.ipynb":  {"762", "-29", "6722"},
	"09_questionnaire.ipynb": {},
	"09_tabular.ipynb":       {},
	"09_tabular_nn.ipynb":    {},
}

func TestLessonsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("lessons take minutes; skipped with -short")
	}
	data := dataDir(t)
	bin := buildFastgo(t)
	paths, err := filepath.Glob("*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no lesson notebooks found")
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(path, ".ipynb"), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), path)
			cmd := exec.Command(bin, "run", path, "-o", out)
			cmd.Env = append(os.Environ(), "FASTGO_DATA="+data)
			log, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("fastgo run %s failed: %v\n%s", path, err, log)
			}
			text := checkExecuted(t, out)
			for _, want := range expectedText[path] {
				if !strings.Contains(text, want) {
					t.Errorf("%s: outputs do not contain %q", path, want)
				}
			}
		})
	}
}
