// Package kerneltests runs the fastgo binary as a Jupyter kernel under
// Debian's jupyter_client and checks "fastgo run" on small notebooks.
package kerneltests

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// python is Debian's interpreter, which has jupyter_client and pyzmq; the
// first python3 on PATH may lack them.
const python = "/usr/bin/python3"

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// fastgoBinary builds the fastgo command once per test run.
func fastgoBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "fastgo-kernel-tests-")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "fastgo")
		cmd := exec.Command("go", "build", "-o", binary, ".")
		cmd.Dir = filepath.Join("..", "..")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// requireJupyterClient skips the test when Debian's python lacks
// jupyter_client or pyzmq.
func requireJupyterClient(t *testing.T) {
	t.Helper()
	if err := exec.Command(python, "-c", "import jupyter_client, zmq").Run(); err != nil {
		t.Skipf("skipping: %s cannot import jupyter_client and zmq (%v); install python3-jupyter-client", python, err)
	}
}

// writeKernelspec writes a "fastgo-test" kernelspec for bin into a fresh
// JUPYTER_PATH folder and returns that folder.
func writeKernelspec(t *testing.T, bin string) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "kernels", "fastgo-test")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	spec := map[string]any{
		"argv":           []string{bin, "kernel", "{connection_file}"},
		"display_name":   "Go (fastgo test)",
		"language":       "go",
		"interrupt_mode": "message",
	}
	raw, _ := json.Marshal(spec)
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// protocolReport runs protocol.py once and returns its JSON report.
func protocolReport(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	requireJupyterClient(t)
	bin := fastgoBinary(t)
	cmd := exec.Command(python, "protocol.py", "fastgo-test")
	cmd.Env = append(os.Environ(), "JUPYTER_PATH="+writeKernelspec(t, bin), "JUPYTER_RUNTIME_DIR="+t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("protocol.py: %v\nstderr:\n%s", err, stderr.String())
	}
	var report map[string]json.RawMessage
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("protocol.py printed invalid JSON: %v\n%s", err, out)
	}
	if exc, ok := report["exception"]; ok {
		t.Errorf("protocol.py stopped early: %s\nkernel stderr:\n%s", exc, stderr.String())
	}
	return report
}

// exchange is a request's reply and its iopub messages, busy to idle.
type exchange struct {
	Reply struct {
		MsgType string         `json:"msg_type"`
		Content map[string]any `json:"content"`
	} `json:"reply"`
	IOPub []iopubMsg `json:"iopub"`
}

type iopubMsg struct {
	MsgType string         `json:"msg_type"`
	Content map[string]any `json:"content"`
}

// types returns the iopub message types in order.
func (e exchange) types() string {
	var types []string
	for _, m := range e.IOPub {
		types = append(types, m.MsgType)
	}
	return strings.Join(types, " ")
}

// first returns the first iopub message of type msgType.
func (e exchange) first(msgType string) map[string]any {
	for _, m := range e.IOPub {
		if m.MsgType == msgType {
			return m.Content
		}
	}
	return nil
}

func decode[T any](t *testing.T, report map[string]json.RawMessage, key string) T {
	t.Helper()
	var v T
	raw, ok := report[key]
	if !ok {
		t.Fatalf("report has no %q", key)
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("report %q: %v", key, err)
	}
	return v
}
