package browser

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"fastgo/tests/jupyterenv"
)

// jupyterEnv is a private Jupyter installation with a folder that the
// notebook server serves.
type jupyterEnv struct {
	*jupyterenv.Env
	notebooks string // the notebook server's root folder
}

// newJupyterEnv creates the folders and an environment that points Jupyter at
// them. dataDir becomes FASTGO_DATA for the kernels.
func newJupyterEnv(t *testing.T, dataDir string) *jupyterEnv {
	t.Helper()
	e := &jupyterEnv{Env: jupyterenv.New(t, dataDir)}
	e.notebooks = filepath.Join(e.Root, "notebooks")
	if err := os.MkdirAll(e.notebooks, 0o755); err != nil {
		t.Fatal(err)
	}
	return e
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
	token := jupyterenv.RandomHex(t, 24)
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
	s.cmd.Env = e.Environ
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
