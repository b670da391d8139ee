package hostile

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// diskFullNotebook has one cell whose output (200 KB) cannot fit on the
// 64 KiB file system of the test.
const diskFullNotebook = `{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "fill",
   "metadata": {},
   "outputs": [],
   "source": ["import (\n", "\t\"fmt\"\n", "\t\"strings\"\n", ")\n", "fmt.Print(strings.Repeat(\"x\", 200000))"]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
`

// mountSmallTmpfs mounts a 64 KiB tmpfs on a fresh folder and unmounts it
// when the test ends. It skips the test when the mount is not permitted.
func mountSmallTmpfs(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("skipping: mounting a small tmpfs to fill needs root")
	}
	dir := filepath.Join(t.TempDir(), "small")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("skipping: mount a 64k tmpfs on %s failed (no CAP_SYS_ADMIN?): %v: %s", dir, err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// TestRunDiskFull runs a notebook whose outputs do not fit on the disk and
// checks that fastgo run reports the error, leaves the old file whole and
// leaves no temp file.
func TestRunDiskFull(t *testing.T) {
	dir := mountSmallTmpfs(t)
	tests := []struct {
		name string
		out  string // -o argument, or "" to write in place
	}{
		{"in place", ""},
		{"to a new file", "out.ipynb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb := filepath.Join(dir, "lesson.ipynb")
			if err := os.WriteFile(nb, []byte(diskFullNotebook), 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.Remove(nb)
			args := []string{"run", nb}
			if tt.out != "" {
				args = append(args, "-o", filepath.Join(dir, tt.out))
			}
			cmd := exec.Command(fastgoBin, args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			if err == nil {
				t.Fatalf("fastgo run succeeded on a full disk; stderr:\n%s", stderr.String())
			}
			if !strings.Contains(stderr.String(), "no space left on device") {
				t.Errorf("stderr does not report the full disk:\n%s", stderr.String())
			}
			got, err := os.ReadFile(nb)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != diskFullNotebook {
				t.Errorf("the notebook changed after a failed write:\n%s", got)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.Name() != "lesson.ipynb" {
					t.Errorf("file %s left on the full disk", e.Name())
				}
			}
		})
	}
}
