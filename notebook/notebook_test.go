package notebook

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nbformatSample is written the way nbformat 5.7 writes (sorted keys,
// one-space indent, lines split), so Marshal must reproduce it byte for
// byte.
const nbformatSample = `{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "m1",
   "metadata": {},
   "source": [
    "# Title\n",
    "Some <b>text</b> & more"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "id": "c1",
   "metadata": {
    "tags": [
     "keep"
    ]
   },
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "a\n",
      "b\n"
     ]
    },
    {
     "data": {
      "image/png": "iVBORw0KGgo=",
      "text/html": [
       "<table>\n",
       "</table>"
      ],
      "text/plain": [
       "42"
      ]
     },
     "execution_count": 3,
     "metadata": {},
     "output_type": "execute_result"
    },
    {
     "ename": "Panic",
     "evalue": "boom",
     "output_type": "error",
     "traceback": [
      "panic: boom"
     ]
    }
   ],
   "source": [
    "x := 40\n",
    "x + 2"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Go (fastgo)",
   "language": "go",
   "name": "fastgo"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`

func TestReadMarshalRoundTrip(t *testing.T) {
	nb, err := Read([]byte(nbformatSample))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != nbformatSample {
		t.Errorf("Marshal(Read(x)) differs from x:\n%s", out)
	}
	code := nb.Cells[1]
	if code.Source != "x := 40\nx + 2" || *code.ExecutionCount != 3 {
		t.Errorf("code cell = %q count %d, want joined source and count 3", code.Source, *code.ExecutionCount)
	}
	if got := code.Outputs[1].Data["text/html"]; got != "<table>\n</table>" {
		t.Errorf("text/html = %q, want the joined lines", got)
	}
}

func TestReadRejectsInvalid(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		wantErr string
	}{
		{"not JSON", "{\n\"cells\": [,]}", "not JSON at line 2"},
		{"no nbformat", `{"cells": []}`, "missing nbformat"},
		{"version 3", `{"nbformat": 3, "cells": []}`, "nbformat 3 is not supported"},
		{"no cells", `{"nbformat": 4}`, "missing cells"},
		{"unknown cell type", `{"nbformat": 4, "cells": [{"cell_type": "md", "source": ""}]}`, `cell 0: invalid notebook: unknown cell_type "md"`},
		{"missing source", `{"nbformat": 4, "cells": [{"cell_type": "raw", "source": ""}, {"cell_type": "code"}]}`, "cell 1: invalid notebook: missing source"},
		{"source of numbers", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": [1]}]}`, "cell 0: invalid notebook"},
		{"unknown output", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "pdf"}]}]}`, `cell 0: output 0: invalid notebook: unknown output_type "pdf"`},
		{"bad stream name", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "stream", "name": "stdin", "text": ""}]}]}`, `stream name "stdin"`},
		{"display without data", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "display_data"}]}]}`, "display_data output without data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
		})
	}
}

func TestReadWrongTypeInNbformatTerms(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		wantErr string
	}{
		{"cells a number", `{"nbformat": 4, "cells": 5}`, `"cells" must be a list, not a number`},
		{"notebook a list", `[1]`, "the notebook must be an object, not a list"},
		{"nbformat a string", `{"nbformat": "4", "cells": []}`, `"nbformat" must be an integer, not a string`},
		{"nbformat a fraction", `{"nbformat": 4.5, "cells": []}`, `"nbformat" must be an integer, not a number 4.5`},
		{"metadata a list", `{"nbformat": 4, "metadata": [], "cells": []}`, `"metadata" must be an object, not a list`},
		{"cell a string", `{"nbformat": 4, "cells": ["x"]}`, "cell 0: invalid notebook: a cell must be an object, not a string"},
		{"outputs an object", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": {}}]}`,
			`cell 0: invalid notebook: "outputs" must be a list, not an object`},
		{"ename a number", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "error", "ename": 1}]}]}`,
			`cell 0: output 0: invalid notebook: "ename" must be a string, not a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
			for _, internal := range []string{"Go ", "raw", "json."} {
				if strings.Contains(err.Error(), internal) {
					t.Errorf("error %q contains the Go internal %q", err, internal)
				}
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
		})
	}
}

func TestReadFileNamesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.ipynb")
	os.WriteFile(path, []byte(`{"nbformat": 4, "cells": [{"cell_type": "code"}]}`), 0o644)
	_, err := ReadFile(path)
	if err == nil || !strings.Contains(err.Error(), path+": cell 0") {
		t.Errorf("error = %v, want it to name %s and cell 0", err, path)
	}
}

func TestReadAddsMissingIDs(t *testing.T) {
	tests := []struct {
		name   string
		minor  string
		wantID bool
	}{
		{"nbformat 4.5 needs ids", "5", true},
		{"nbformat 4.4 has none", "4", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb, err := Read([]byte(`{"nbformat": 4, "nbformat_minor": ` + tt.minor + `, "cells": [{"cell_type": "code", "source": ""}]}`))
			if err != nil {
				t.Fatal(err)
			}
			if got := nb.Cells[0].ID != ""; got != tt.wantID {
				t.Errorf("cell has id = %v, want %v", got, tt.wantID)
			}
		})
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nb.ipynb")
	nb, err := Read([]byte(nbformatSample))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("new file is 0644", func(t *testing.T) {
		if err := WriteFile(path, nb); err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(path)
		if st.Mode().Perm() != 0o644 {
			t.Errorf("permissions = %v, want 0644", st.Mode().Perm())
		}
	})

	t.Run("existing permissions kept", func(t *testing.T) {
		os.Chmod(path, 0o600)
		if err := WriteFile(path, nb); err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(path)
		if st.Mode().Perm() != 0o600 {
			t.Errorf("permissions = %v, want 0600 kept", st.Mode().Perm())
		}
	})

	t.Run("failed encode leaves old file", func(t *testing.T) {
		before, _ := os.ReadFile(path)
		bad := *nb
		bad.Metadata = map[string]any{"score": math.NaN()} // JSON cannot encode NaN
		if err := WriteFile(path, &bad); err == nil {
			t.Fatal("WriteFile with NaN metadata succeeded, want an error")
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Error("old file changed after a failed write")
		}
	})

	t.Run("failed rename leaves no temp file", func(t *testing.T) {
		target := filepath.Join(dir, "folder.ipynb")
		os.MkdirAll(filepath.Join(target, "child"), 0o755)
		if err := WriteFile(target, nb); err == nil {
			t.Fatal("WriteFile over a non-empty folder succeeded, want an error")
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				t.Errorf("temp file %s left behind", e.Name())
			}
		}
	})
}

func TestMergeStreams(t *testing.T) {
	out := func(typ, name, text string) Output { return Output{OutputType: typ, Name: name, Text: text} }
	tests := []struct {
		name string
		in   []Output
		want []string
	}{
		{"same name merged", []Output{out(Stream, "stdout", "a"), out(Stream, "stdout", "b")}, []string{"stdout:ab"}},
		{"different names kept", []Output{out(Stream, "stdout", "a"), out(Stream, "stderr", "b"), out(Stream, "stdout", "c")},
			[]string{"stdout:a", "stderr:b", "stdout:c"}},
		{"display splits runs", []Output{out(Stream, "stdout", "a"), out(DisplayData, "", ""), out(Stream, "stdout", "b")},
			[]string{"stdout:a", "display_data:", "stdout:b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, o := range MergeStreams(tt.in) {
				if o.OutputType == Stream {
					got = append(got, o.Name+":"+o.Text)
				} else {
					got = append(got, o.OutputType+":")
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("merged = %q, want %q", got, tt.want)
			}
		})
	}
}
