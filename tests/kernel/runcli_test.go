package kerneltests

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fastgo/notebook"
)

func TestRunHelpExitsZero(t *testing.T) {
	for _, flag := range []string{"--help", "-h"} {
		t.Run(flag, func(t *testing.T) {
			cmd := exec.Command(fastgoBinary(t), "run", flag)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("fastgo run %s: %v, want exit 0; stderr:\n%s", flag, err, stderr.String())
			}
			for _, want := range []string{"overwrites NOTEBOOK.ipynb", "-o OUT.ipynb", "--timeout SECONDS", "seconds", "default 0"} {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("help on stdout lacks %q:\n%s", want, stdout.String())
				}
			}
			if strings.Contains(stderr.String(), "help requested") {
				t.Errorf("stderr reports an error for %s:\n%s", flag, stderr.String())
			}
		})
	}
}

func TestRunChecksOutputFolderFirst(t *testing.T) {
	readOnly := filepath.Join(t.TempDir(), "readonly")
	if err := os.Mkdir(readOnly, 0o555); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		out     string
		wantErr string
	}{
		{"missing folder", filepath.Join(t.TempDir(), "nodir", "x.ipynb"), "does not exist: create it (mkdir -p"},
		{"read-only folder", filepath.Join(readOnly, "x.ipynb"), "is not writable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "read-only folder" && os.Geteuid() == 0 {
				t.Skip("root can write to a read-only folder")
			}
			in := writeNotebook(t, "1 + 1")
			stderr, code := runFastgo(t, in, "-o", tt.out)
			if code == 0 {
				t.Fatalf("exit code 0, want non-zero; stderr:\n%s", stderr)
			}
			if !strings.Contains(stderr, filepath.Dir(tt.out)) || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("stderr does not name folder %s and %q:\n%s", filepath.Dir(tt.out), tt.wantErr, stderr)
			}
			if strings.Contains(stderr, "cell 1/1") {
				t.Errorf("a cell ran before the output folder was checked:\n%s", stderr)
			}
		})
	}
}

func TestRunWarnsOnOtherKernel(t *testing.T) {
	tests := []struct {
		name     string
		metadata map[string]any
		wantWarn bool
	}{
		{"python kernelspec", map[string]any{"kernelspec": map[string]any{"name": "python3", "language": "python"}}, true},
		{"python language_info", map[string]any{"language_info": map[string]any{"name": "python"}}, true},
		{"fastgo kernelspec", map[string]any{"kernelspec": map[string]any{"name": "fastgo", "language": "go"}}, false},
		{"no metadata", map[string]any{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb := &notebook.Notebook{NBFormat: 4, NBFormatMinor: 5, Metadata: tt.metadata,
				Cells: []notebook.Cell{{ID: "c0", CellType: notebook.Code, Source: "1 + 1"}}}
			in := filepath.Join(t.TempDir(), "nb.ipynb")
			if err := notebook.WriteFile(in, nb); err != nil {
				t.Fatal(err)
			}
			stderr, code := runFastgo(t, in)
			if code != 0 {
				t.Fatalf("exit code %d, want 0 (the notebook still runs); stderr:\n%s", code, stderr)
			}
			if got := strings.Contains(stderr, "warning:") && strings.Contains(stderr, "not Go"); got != tt.wantWarn {
				t.Errorf("warned = %v, want %v; stderr:\n%s", got, tt.wantWarn, stderr)
			}
		})
	}
}

func TestUsageSaysRunOverwrites(t *testing.T) {
	out, err := exec.Command(fastgoBinary(t), "help").Output()
	if err != nil {
		t.Fatalf("fastgo help: %v", err)
	}
	for _, want := range []string{"Without -o it overwrites the input notebook", "in seconds (default 0: no limit)"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("fastgo help lacks %q:\n%s", want, out)
		}
	}
}
