package install

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// systemPython is Debian's Python, which has jupyter_client installed.
const systemPython = "/usr/bin/python3"

// template returns the repository's kernel.json template.
func template(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// kernelspec is one entry of "jupyter kernelspec list --json".
type kernelspec struct {
	ResourceDir string `json:"resource_dir"`
	Spec        struct {
		Argv          []string `json:"argv"`
		DisplayName   string   `json:"display_name"`
		Language      string   `json:"language"`
		InterruptMode string   `json:"interrupt_mode"`
	} `json:"spec"`
}

// listKernels returns the kernelspecs that jupyter_client finds with the
// extra environment variables env.
func listKernels(t *testing.T, env ...string) map[string]kernelspec {
	t.Helper()
	if _, err := os.Stat(systemPython); err != nil {
		t.Skipf("%s not found, so jupyter_client cannot list kernels: %v", systemPython, err)
	}
	cmd := exec.Command(systemPython, "-m", "jupyter_client.kernelspecapp", "list", "--json")
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("jupyter kernelspec list failed: %v\n%s", err, stderr.String())
	}
	var list struct {
		Kernelspecs map[string]kernelspec `json:"kernelspecs"`
	}
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatalf("invalid JSON from jupyter kernelspec list: %v\n%s", err, out)
	}
	return list.Kernelspecs
}

func TestUserDataDir(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the expected folders are Linux ones")
	}
	tests := []struct {
		name, jupyterData, xdgData, home, want string
	}{
		{"JUPYTER_DATA_DIR", "/j/data", "/xdg", "/home/u", "/j/data"},
		{"XDG_DATA_HOME", "", "/xdg", "/home/u", "/xdg/jupyter"},
		{"home folder", "", "", "/home/u", "/home/u/.local/share/jupyter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("JUPYTER_DATA_DIR", tt.jupyterData)
			t.Setenv("XDG_DATA_HOME", tt.xdgData)
			t.Setenv("HOME", tt.home)
			got, err := UserDataDir()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("UserDataDir() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestInstallListedByJupyter(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	if err := Run(nil, template(t), &out); err != nil {
		t.Fatalf("Run(install) error: %v", err)
	}
	// The test binary is built by "go test" in a temporary folder.
	if !strings.Contains(out.String(), "Warning: "+exe+" is a temporary build") {
		t.Errorf("output has no warning about the temporary binary:\n%s", out.String())
	}

	dir := filepath.Join(data, "kernels", DefaultName)
	got, ok := listKernels(t)[DefaultName]
	if !ok {
		t.Fatalf("jupyter does not list the kernel %q installed in %s", DefaultName, dir)
	}
	if got.ResourceDir != dir {
		t.Errorf("resource_dir = %q, want %q", got.ResourceDir, dir)
	}
	wantArgv := []string{exe, "kernel", "{connection_file}"}
	if strings.Join(got.Spec.Argv, " ") != strings.Join(wantArgv, " ") {
		t.Errorf("argv = %q, want %q", got.Spec.Argv, wantArgv)
	}
	if got.Spec.DisplayName != "Go (fastgo)" {
		t.Errorf("display_name = %q, want %q", got.Spec.DisplayName, "Go (fastgo)")
	}
	if got.Spec.Language != "go" {
		t.Errorf("language = %q, want %q", got.Spec.Language, "go")
	}
	if got.Spec.InterruptMode != "message" {
		t.Errorf("interrupt_mode = %q, want %q", got.Spec.InterruptMode, "message")
	}
	checkSpecFiles(t, dir)

	if err := Run([]string{"--uninstall"}, template(t), &out); err != nil {
		t.Fatalf("Run(--uninstall) error: %v", err)
	}
	if _, ok := listKernels(t)[DefaultName]; ok {
		t.Errorf("jupyter still lists %q after --uninstall", DefaultName)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s still exists after --uninstall (stat error %v)", dir, err)
	}
}

// checkSpecFiles checks the modes and logos of an installed kernelspec and
// that no temporary file is left.
func checkSpecFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(specFiles) {
		t.Errorf("%s has %d entries, want %d: %v", dir, len(entries), len(specFiles), entries)
	}
	for _, name := range specFiles {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if mode := info.Mode().Perm(); mode != 0o644 {
			t.Errorf("%s has mode %v, want -rw-r--r--", name, mode)
		}
	}
	for _, size := range []int{32, 64} {
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("logo-%dx%d.png", size, size)))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("logo %d: %v", size, err)
		}
		if cfg.Width != size || cfg.Height != size {
			t.Errorf("logo %d is %dx%d", size, cfg.Width, cfg.Height)
		}
	}
}

func TestInstallWithPrefixAndName(t *testing.T) {
	prefix := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir())
	args := []string{"--prefix", prefix, "--name", "go-test", "--display-name", "Go (test)"}
	var out bytes.Buffer
	if err := Run(args, template(t), &out); err != nil {
		t.Fatalf("Run(%q) error: %v", args, err)
	}

	dir := filepath.Join(prefix, "share", "jupyter", "kernels", "go-test")
	checkSpecFiles(t, dir)
	got, ok := listKernels(t, "JUPYTER_PATH="+filepath.Join(prefix, "share", "jupyter"))["go-test"]
	if !ok {
		t.Fatalf("jupyter does not list the kernel installed in %s", dir)
	}
	if got.ResourceDir != dir {
		t.Errorf("resource_dir = %q, want %q", got.ResourceDir, dir)
	}
	if got.Spec.DisplayName != "Go (test)" {
		t.Errorf("display_name = %q, want %q", got.Spec.DisplayName, "Go (test)")
	}
}

func TestInstallReplacesExisting(t *testing.T) {
	prefix := t.TempDir()
	for _, display := range []string{"First", "Second"} {
		args := []string{"--prefix", prefix, "--display-name", display}
		if err := Run(args, template(t), new(bytes.Buffer)); err != nil {
			t.Fatalf("Run(%q) error: %v", args, err)
		}
	}
	dir := filepath.Join(prefix, "share", "jupyter", "kernels", DefaultName)
	checkSpecFiles(t, dir)
	b, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		DisplayName string `json:"display_name"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	if spec.DisplayName != "Second" {
		t.Errorf("display_name = %q after two installs, want %q", spec.DisplayName, "Second")
	}
}

func TestUninstallKeepsOtherFiles(t *testing.T) {
	prefix := t.TempDir()
	args := []string{"--prefix", prefix}
	if err := Run(args, template(t), new(bytes.Buffer)); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(prefix, "share", "jupyter", "kernels", DefaultName)
	other := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(other, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}

	err := Run(append(args, "--uninstall"), template(t), new(bytes.Buffer))
	if err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("Run(--uninstall) error = %v, want one naming %s", err, dir)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("%s was removed: %v", other, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "kernel.json")); !os.IsNotExist(err) {
		t.Errorf("kernel.json still exists (stat error %v)", err)
	}
}

func TestRunRejectsBadArguments(t *testing.T) {
	prefix := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string // substring of the error
	}{
		{"unknown flag", []string{"--bogus"}, "-bogus"},
		{"two folders", []string{"--user", "--prefix", prefix}, "pass only one"},
		{"invalid name", []string{"--prefix", prefix, "--name", "go kernel"}, `invalid kernel name "go kernel"`},
		{"extra argument", []string{"now"}, `unexpected argument "now"`},
		{"uninstall missing", []string{"--prefix", prefix, "--uninstall"},
			"no kernelspec to remove at " + filepath.Join(prefix, "share", "jupyter", "kernels", DefaultName)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Run(tt.args, template(t), new(bytes.Buffer))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Run(%q) error = %v, want one containing %q", tt.args, err, tt.want)
			}
		})
	}
}

// writeScript writes an executable shell script into dir.
func writeScript(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o755); err != nil {
		t.Fatal(err)
	}
}

func TestSysPrefix(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses shell scripts")
	}
	fakePython := "#!/bin/sh\necho /opt/fake-env\n"
	tests := []struct {
		name       string
		scripts    map[string]string // files in the only folder on PATH
		wantPrefix string
		wantPython string // file name of the Python used
	}{
		{"jupyter names python", map[string]string{
			"jupyter": "#!" + systemPython + "\n", "python3": fakePython}, "/usr", "python3"},
		{"jupyter uses env", map[string]string{
			"jupyter": "#!/usr/bin/env python3\n", "python3": fakePython}, "/opt/fake-env", "python3"},
		{"python3 without jupyter", map[string]string{"python3": fakePython}, "/opt/fake-env", "python3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := os.Stat(systemPython); err != nil && tt.wantPrefix == "/usr" {
				t.Skipf("%s not found", systemPython)
			}
			bin := t.TempDir()
			for name, text := range tt.scripts {
				writeScript(t, bin, name, text)
			}
			t.Setenv("PATH", bin)
			prefix, python, err := SysPrefix()
			if err != nil {
				t.Fatal(err)
			}
			if prefix != tt.wantPrefix {
				t.Errorf("prefix = %q, want %q", prefix, tt.wantPrefix)
			}
			if filepath.Base(python) != tt.wantPython {
				t.Errorf("python = %q, want a file named %q", python, tt.wantPython)
			}
		})
	}

	t.Run("nothing on PATH", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		_, _, err := SysPrefix()
		if err == nil || !strings.Contains(err.Error(), "--prefix DIR") {
			t.Errorf("SysPrefix() error = %v, want one suggesting --prefix DIR", err)
		}
	})
}

func TestLogo(t *testing.T) {
	for _, size := range []int{32, 64} {
		img := Logo(size)
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("Logo(%d) bounds = %v", size, b)
		}
		if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
			t.Errorf("Logo(%d) corner alpha = %d, want 0 (rounded)", size, a)
		}
		// Row 1/16 of the way down is above the text and inside the square.
		if r, g, b, _ := img.At(size/2, size/16).RGBA(); r>>8 != 0x00 || g>>8 != 0xAD || b>>8 != 0xD8 {
			t.Errorf("Logo(%d) background = #%02x%02x%02x, want #00add8", size, r>>8, g>>8, b>>8)
		}
		white := 0
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				if r, g, b, _ := img.At(x, y).RGBA(); r == 0xffff && g == 0xffff && b == 0xffff {
					white++
				}
			}
		}
		if white == 0 {
			t.Errorf("Logo(%d) has no white text pixels", size)
		}
	}
}
