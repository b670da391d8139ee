package nbconvert

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// testMarker is the environment variable that tags the processes this test
// starts. Kernels inherit it, so cleanup can find one that nbconvert left
// running after a timeout.
const testMarker = "FASTGO_NBCONVERT_TEST_RUN"

// jupyterEnv is a private set of Jupyter folders under one temporary root,
// so the test neither reads nor changes the user's kernelspecs and config.
type jupyterEnv struct {
	root   string
	prefix string // kernelspecs land in prefix/share/jupyter/kernels
	env    []string
}

// newJupyterEnv creates the folders and an environment that points Jupyter
// at them. dataDir becomes FASTGO_DATA for the kernels.
func newJupyterEnv(t *testing.T, dataDir string) *jupyterEnv {
	t.Helper()
	root := t.TempDir()
	e := &jupyterEnv{root: root, prefix: filepath.Join(root, "prefix")}
	marker := randomHex(t)
	e.env = append(filteredEnviron(),
		"JUPYTER_DATA_DIR="+filepath.Join(root, "data"),
		"JUPYTER_CONFIG_DIR="+filepath.Join(root, "config"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(root, "runtime"),
		"JUPYTER_PATH="+filepath.Join(e.prefix, "share", "jupyter"),
		"JUPYTER_PLATFORM_DIRS=0",
		"FASTGO_DATA="+dataDir,
		testMarker+"="+marker,
	)
	t.Cleanup(func() { killMarked(t, marker) })
	return e
}

// filteredEnviron returns the test's environment without the variables that
// newJupyterEnv sets itself.
func filteredEnviron() []string {
	var out []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "JUPYTER_") || name == "FASTGO_DATA" || name == testMarker {
			continue
		}
		out = append(out, kv)
	}
	return out
}

func randomHex(t *testing.T) string {
	t.Helper()
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// installFastgo builds the fastgo command and installs its kernelspec into
// the private prefix with "fastgo install --prefix".
func (e *jupyterEnv) installFastgo(t *testing.T) {
	t.Helper()
	bin := filepath.Join(e.root, "fastgo")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = moduleRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build of fastgo failed: %v\n%s", err, out)
	}
	install := exec.Command(bin, "install", "--prefix", e.prefix)
	install.Env = e.env
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("fastgo install --prefix %s failed: %v\n%s", e.prefix, err, out)
	}
	spec := filepath.Join(e.prefix, "share", "jupyter", "kernels", "fastgo", "kernel.json")
	if _, err := os.Stat(spec); err != nil {
		t.Fatalf("fastgo install wrote no kernelspec: %v", err)
	}
}

// moduleRoot returns the folder that holds go.mod, two levels above this
// package.
func moduleRoot(t *testing.T) string {
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

// lessonDataDir returns the lesson data folder: ../shared/data beside the
// module root when it exists, else FASTGO_DATA. It skips the test when
// neither is there.
func lessonDataDir(t *testing.T) string {
	t.Helper()
	shared := filepath.Join(filepath.Dir(moduleRoot(t)), "shared", "data")
	if _, err := os.Stat(shared); err == nil {
		return shared
	}
	if d := os.Getenv("FASTGO_DATA"); d != "" {
		return d
	}
	t.Skipf("no lesson data: neither %s exists nor FASTGO_DATA is set", shared)
	return ""
}

// killMarked kills every process whose environment contains the marker. It
// reads /proc, so it does nothing on systems without it.
func killMarked(t *testing.T, marker string) {
	needle := []byte(testMarker + "=" + marker + "\x00")
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, entry := range entries {
		var pid int
		if _, err := fmt.Sscanf(entry.Name(), "%d", &pid); err != nil || pid == os.Getpid() {
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
