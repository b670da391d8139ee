// Package jupyterenv sets up a private Jupyter installation for the tests
// that drive fastgo through nbconvert and the Notebook server. It creates
// temporary data, config and runtime folders, installs the fastgo
// kernelspec into a private prefix, and kills the test's processes at the
// end.
package jupyterenv

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// markerVariable is the environment variable that tags the processes a
// test starts. Children inherit it, which is how cleanup finds kernels and
// browsers that their parents left running.
const markerVariable = "FASTGO_JUPYTER_TEST_RUN"

// Env is a private set of Jupyter folders under one temporary root, so
// that a test neither reads nor changes the user's kernelspecs and config.
type Env struct {
	Root       string // parent of every folder below
	Prefix     string // install prefix: kernelspecs land in Prefix/share/jupyter/kernels
	RuntimeDir string // JUPYTER_RUNTIME_DIR, where connection files go
	// Environ is the environment for every Jupyter process of the test.
	Environ []string
}

// New creates the folders and an environment that points Jupyter at them.
// dataDir becomes FASTGO_DATA for the kernels. Processes still running
// with the environment's marker are killed when the test ends.
func New(t testing.TB, dataDir string) *Env {
	t.Helper()
	root := t.TempDir()
	e := &Env{
		Root:       root,
		Prefix:     filepath.Join(root, "prefix"),
		RuntimeDir: filepath.Join(root, "runtime"),
	}
	home := filepath.Join(root, "home")
	for _, dir := range []string{e.Prefix, e.RuntimeDir, home} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	marker := RandomHex(t, 16)
	e.Environ = append(filteredEnviron(),
		"JUPYTER_DATA_DIR="+filepath.Join(root, "data"),
		"JUPYTER_CONFIG_DIR="+filepath.Join(root, "config"),
		"JUPYTER_RUNTIME_DIR="+e.RuntimeDir,
		"JUPYTER_PATH="+filepath.Join(e.Prefix, "share", "jupyter"),
		"JUPYTER_PLATFORM_DIRS=0",
		"IPYTHONDIR="+filepath.Join(root, "ipython"),
		"HOME="+home,
		"FASTGO_DATA="+dataDir,
		markerVariable+"="+marker,
	)
	t.Cleanup(func() { killMarked(t, marker) })
	return e
}

// filteredEnviron returns the test's environment without the variables
// that New sets itself.
func filteredEnviron() []string {
	var out []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "JUPYTER_") || name == "FASTGO_DATA" ||
			name == "HOME" || name == "IPYTHONDIR" || name == markerVariable {
			continue
		}
		out = append(out, kv)
	}
	return out
}

// InstallFastgo runs "fastgo install --prefix" into the private prefix and
// returns an error with the installer's output when it fails.
func (e *Env) InstallFastgo(bin string) error {
	cmd := exec.Command(bin, "install", "--prefix", e.Prefix)
	cmd.Env = e.Environ
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("fastgo install --prefix %s failed: %w\n%s", e.Prefix, err, out)
	}
	spec := filepath.Join(e.Prefix, "share", "jupyter", "kernels", "fastgo", "kernel.json")
	if _, err := os.Stat(spec); err != nil {
		return fmt.Errorf("fastgo install succeeded but wrote no kernelspec: %w\n%s", err, out)
	}
	return nil
}

// BuildFastgo builds the fastgo command from the module root into dir and
// returns the binary's path.
func BuildFastgo(t testing.TB, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "fastgo")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = ModuleRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build of fastgo failed: %v\n%s", err, out)
	}
	return bin
}

// ModuleRoot returns the folder that contains go.mod, two levels above the
// test packages under tests/.
func ModuleRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found at %s: %v", root, err)
	}
	return root
}

// LessonDataDir returns the lesson data folder: ../shared/data beside the
// module root when it exists, else FASTGO_DATA. It skips the test when
// neither is there.
func LessonDataDir(t testing.TB) string {
	t.Helper()
	shared := filepath.Join(filepath.Dir(ModuleRoot(t)), "shared", "data")
	if _, err := os.Stat(shared); err == nil {
		return shared
	}
	if d := os.Getenv("FASTGO_DATA"); d != "" {
		return d
	}
	t.Skipf("no lesson data: neither %s exists nor FASTGO_DATA is set", shared)
	return ""
}

// RandomHex returns n random bytes as hexadecimal.
func RandomHex(t testing.TB, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// WriteNotebook writes an nbformat 4 notebook with one code cell per
// source, for the kernelspec named kernel.
func WriteNotebook(t testing.TB, path, kernel, displayName, language string, sources []string) {
	t.Helper()
	cells := make([]map[string]any, len(sources))
	for i, src := range sources {
		cells[i] = map[string]any{
			"id":              fmt.Sprintf("cell-%d", i),
			"cell_type":       "code",
			"execution_count": nil,
			"metadata":        map[string]any{},
			"outputs":         []any{},
			"source":          src,
		}
	}
	nb := map[string]any{
		"nbformat":       4,
		"nbformat_minor": 5,
		"metadata": map[string]any{
			"kernelspec":    map[string]any{"name": kernel, "display_name": displayName, "language": language},
			"language_info": map[string]any{"name": language},
		},
		"cells": cells,
	}
	raw, err := json.Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

// killMarked kills every process whose environment contains the marker:
// kernels that Jupyter started in their own sessions and browsers that an
// interrupted script left behind. It reads /proc, so it does nothing on
// systems without it.
func killMarked(t testing.TB, marker string) {
	needle := []byte(markerVariable + "=" + marker + "\x00")
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	self := os.Getpid()
	for _, entry := range entries {
		var pid int
		if _, err := fmt.Sscanf(entry.Name(), "%d", &pid); err != nil || pid == self {
			continue
		}
		environ, err := os.ReadFile(filepath.Join("/proc", entry.Name(), "environ"))
		if err != nil || !bytes.Contains(environ, needle) {
			continue
		}
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
			t.Logf("killing leftover process %d failed: %v", pid, err)
			continue
		}
		t.Logf("killed leftover process %d", pid)
	}
}
