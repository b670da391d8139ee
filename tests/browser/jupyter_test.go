package browser

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// jupyterEnv is a private set of Jupyter folders under one temporary root, so
// that the test neither reads nor changes the user's kernelspecs and config.
type jupyterEnv struct {
	root       string // parent of every folder below
	prefix     string // install prefix: kernelspecs land in prefix/share/jupyter/kernels
	notebooks  string // the notebook server's root folder
	runtimeDir string
	// marker is a random value set as fastgoTestMarker in the environment of
	// every process the test starts. Children inherit it, which is how
	// cleanup finds kernels and browsers that their parents left behind.
	marker string
	env    []string
}

// fastgoTestMarker is the environment variable that tags processes started
// by this test.
const fastgoTestMarker = "FASTGO_BROWSER_TEST_RUN"

// newJupyterEnv creates the folders and an environment that points Jupyter at
// them. dataDir becomes FASTGO_DATA for the kernels.
func newJupyterEnv(t *testing.T, dataDir string) *jupyterEnv {
	t.Helper()
	root := t.TempDir()
	e := &jupyterEnv{
		root:       root,
		prefix:     filepath.Join(root, "prefix"),
		notebooks:  filepath.Join(root, "notebooks"),
		runtimeDir: filepath.Join(root, "runtime"),
		marker:     randomHex(t, 16),
	}
	for _, dir := range []string{e.prefix, e.notebooks, e.runtimeDir, filepath.Join(root, "home")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	e.env = append(filteredEnviron(),
		"JUPYTER_DATA_DIR="+filepath.Join(root, "data"),
		"JUPYTER_CONFIG_DIR="+filepath.Join(root, "config"),
		"JUPYTER_RUNTIME_DIR="+e.runtimeDir,
		"JUPYTER_PATH="+filepath.Join(e.prefix, "share", "jupyter"),
		"JUPYTER_PLATFORM_DIRS=0",
		"IPYTHONDIR="+filepath.Join(root, "ipython"),
		"HOME="+filepath.Join(root, "home"),
		"FASTGO_DATA="+dataDir,
		fastgoTestMarker+"="+e.marker,
	)
	t.Cleanup(func() { killMarked(t, e.marker) })
	return e
}

// filteredEnviron returns the test's environment without the Jupyter and
// fastgo variables that newJupyterEnv sets itself.
func filteredEnviron() []string {
	var out []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "JUPYTER_") || name == "FASTGO_DATA" ||
			name == "HOME" || name == "IPYTHONDIR" || name == fastgoTestMarker {
			continue
		}
		out = append(out, kv)
	}
	return out
}

func randomHex(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// buildFastgo builds the fastgo command from the module root into dir.
func buildFastgo(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "fastgo")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = moduleRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build of fastgo failed: %v\n%s", err, out)
	}
	return bin
}

// installFastgo runs "fastgo install --prefix" into the private prefix and
// returns an error with the installer's output when it fails.
func (e *jupyterEnv) installFastgo(bin string) error {
	cmd := exec.Command(bin, "install", "--prefix", e.prefix)
	cmd.Env = e.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("fastgo install --prefix %s failed: %w\n%s", e.prefix, err, out)
	}
	spec := filepath.Join(e.prefix, "share", "jupyter", "kernels", "fastgo", "kernel.json")
	if _, err := os.Stat(spec); err != nil {
		return fmt.Errorf("fastgo install succeeded but wrote no kernelspec: %w\n%s", err, out)
	}
	return nil
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

// notebookServer is a running Jupyter Notebook server.
type notebookServer struct {
	baseURL string // http://127.0.0.1:PORT, without a trailing slash
	token   string
	cmd     *exec.Cmd
	log     *bytes.Buffer
}

// startNotebook starts Debian's Jupyter Notebook server on 127.0.0.1 with a
// random free port and a random token, and waits until its REST API
// responds. The server is stopped when the test ends.
func (e *jupyterEnv) startNotebook(t *testing.T) *notebookServer {
	t.Helper()
	token := randomHex(t, 24)
	var lastErr error
	// A free port can be taken by another process between the probe and the
	// server's bind, so a failed start is retried on a new port.
	for attempt := 0; attempt < 3; attempt++ {
		s, err := e.tryStartNotebook(t, freePort(t), token)
		if err == nil {
			return s
		}
		lastErr = err
	}
	t.Fatalf("jupyter notebook server did not start: %v", lastErr)
	return nil
}

func (e *jupyterEnv) tryStartNotebook(t *testing.T, port int, token string) (*notebookServer, error) {
	s := &notebookServer{
		baseURL: fmt.Sprintf("http://127.0.0.1:%d", port),
		token:   token,
		log:     new(bytes.Buffer),
	}
	args := []string{"-m", "notebook",
		"--no-browser",
		"--ip=127.0.0.1",
		fmt.Sprintf("--port=%d", port),
		"--port-retries=0",
		"--NotebookApp.token=" + token,
		"--NotebookApp.notebook_dir=" + e.notebooks,
		"--NotebookApp.open_browser=False",
	}
	if os.Geteuid() == 0 {
		// CI runs as root, which the server rejects without this flag.
		args = append(args, "--allow-root")
	}
	s.cmd = exec.Command("/usr/bin/python3", args...)
	s.cmd.Env = e.env
	s.cmd.Dir = e.notebooks
	s.cmd.Stdout = s.log
	s.cmd.Stderr = s.log
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting /usr/bin/python3 -m notebook: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- s.cmd.Wait() }()
	t.Cleanup(func() { s.stop(t, exited) })

	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			exited <- err
			return nil, fmt.Errorf("server exited early (%v); its log:\n%s", err, s.log)
		case <-time.After(250 * time.Millisecond):
		}
		if s.ready() {
			return s, nil
		}
	}
	return nil, fmt.Errorf("server on %s not ready after 60s; its log:\n%s", s.baseURL, s.log)
}

// ready reports whether the server responds to its status endpoint.
func (s *notebookServer) ready() bool {
	client := http.Client{Timeout: 2 * time.Second}
	resp, err := client.Get(s.baseURL + "/api/status?token=" + s.token)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// stop sends SIGTERM to the server's process group, which makes the server
// shut its kernels down, and SIGKILL when it has not exited after 20s.
func (s *notebookServer) stop(t *testing.T, exited chan error) {
	pgid := s.cmd.Process.Pid
	select {
	case err := <-exited:
		exited <- err
		return
	default:
	}
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(20 * time.Second):
		t.Logf("notebook server (pid %d) ignored SIGTERM for 20s; killing it", pgid)
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-exited
	}
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// killMarked kills every process whose environment contains the test's marker:
// kernels that Jupyter started in their own sessions and browsers that an
// interrupted Node script left behind. It reads /proc, so it does nothing on
// systems without it.
func killMarked(t *testing.T, marker string) {
	needle := []byte(fastgoTestMarker + "=" + marker + "\x00")
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
