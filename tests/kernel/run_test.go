package kerneltests

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"fastgo/kernel"
	"fastgo/notebook"
)

// runFastgo runs "fastgo run args..." and returns its stderr and exit code.
func runFastgo(t *testing.T, args ...string) (stderr string, code int) {
	t.Helper()
	cmd := exec.Command(fastgoBinary(t), append([]string{"run"}, args...)...)
	var buf bytes.Buffer
	cmd.Stderr = &buf
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return buf.String(), exit.ExitCode()
	}
	if err != nil {
		t.Fatalf("fastgo run: %v", err)
	}
	return buf.String(), 0
}

// copyTestdata copies a notebook from testdata into a temp folder.
func copyTestdata(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeNotebook writes a notebook of code cells into a temp folder.
func writeNotebook(t *testing.T, sources ...string) string {
	t.Helper()
	nb := &notebook.Notebook{NBFormat: 4, NBFormatMinor: 5}
	for i, src := range sources {
		nb.Cells = append(nb.Cells, notebook.Cell{ID: "c" + strconv.Itoa(i), CellType: notebook.Code, Source: src})
	}
	path := filepath.Join(t.TempDir(), "nb.ipynb")
	if err := notebook.WriteFile(path, nb); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunWritesOutputs(t *testing.T) {
	in := copyTestdata(t, "small.ipynb")
	out := filepath.Join(t.TempDir(), "out.ipynb")
	stderr, code := runFastgo(t, in, "-o", out)
	if code != 0 {
		t.Fatalf("exit code %d, want 0; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "cell 3/3") {
		t.Errorf("stderr lacks progress \"cell 3/3\":\n%s", stderr)
	}
	nb, err := notebook.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	value := nb.Cells[2]
	if value.ExecutionCount == nil || *value.ExecutionCount != 2 {
		t.Errorf("cell 2 execution_count = %v, want 2", value.ExecutionCount)
	}
	if len(value.Outputs) != 1 || value.Outputs[0].Data["text/plain"] != "42" {
		t.Errorf("cell 2 outputs = %+v, want one execute_result 42 (x := 40; x + 2)", value.Outputs)
	}
	stream := nb.Cells[3].Outputs
	if len(stream) == 0 || stream[0].OutputType != notebook.Stream || stream[0].Text != "hi\nthere\n" {
		t.Errorf("cell 3 outputs = %+v, want one merged stdout stream \"hi\\nthere\\n\"", stream)
	}
	if orig, _ := os.ReadFile(filepath.Join("testdata", "small.ipynb")); !bytes.Equal(mustRead(t, in), orig) {
		t.Error("input notebook changed although -o was given")
	}
}

func TestRunStopsAtFailingCell(t *testing.T) {
	in := copyTestdata(t, "failing.ipynb")
	stderr, code := runFastgo(t, in)
	if code == 0 {
		t.Fatalf("exit code 0, want non-zero; stderr:\n%s", stderr)
	}
	if !strings.Contains(stderr, `cell 2/3 (index 1) "z := undefinedName + 1" failed`) || !strings.Contains(stderr, "CompileError") {
		t.Errorf("stderr does not name cell 1, its first line and its error:\n%s", stderr)
	}
	nb, err := notebook.ReadFile(in) // written in place
	if err != nil {
		t.Fatal(err)
	}
	if c := nb.Cells[0].ExecutionCount; c == nil || *c != 1 {
		t.Errorf("cell 0 execution_count = %v, want 1", c)
	}
	if outs := nb.Cells[1].Outputs; len(outs) != 1 || outs[0].OutputType != notebook.Error {
		t.Errorf("cell 1 outputs = %+v, want one error output", outs)
	}
	if c := nb.Cells[2].ExecutionCount; c != nil {
		t.Errorf("cell 2 execution_count = %d, want null because it must not run", *c)
	}
}

func TestRunFailedWriteKeepsFiles(t *testing.T) {
	in := copyTestdata(t, "small.ipynb")
	before := mustRead(t, in)
	// A non-empty folder at the output path makes the final rename fail.
	out := filepath.Join(t.TempDir(), "out.ipynb")
	if err := os.MkdirAll(filepath.Join(out, "keep"), 0o755); err != nil {
		t.Fatal(err)
	}
	stderr, code := runFastgo(t, in, "-o", out)
	if code == 0 {
		t.Fatalf("exit code 0 although the output path is a folder; stderr:\n%s", stderr)
	}
	if !bytes.Equal(mustRead(t, in), before) {
		t.Error("input notebook changed")
	}
	if _, err := os.Stat(filepath.Join(out, "keep")); err != nil {
		t.Errorf("output folder damaged: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only out.ipynb (no temp files left)", len(entries))
	}
}

func TestRunTimeout(t *testing.T) {
	// One cell, so that a slow import on a loaded machine also counts as
	// the cell timing out.
	in := writeNotebook(t, "import \"time\"\nfor {\n\ttime.Sleep(time.Millisecond)\n}", "1 + 1")
	stderr, code := runFastgo(t, in, "--timeout", "3")
	if code == 0 {
		t.Fatalf("exit code 0, want non-zero; stderr:\n%s", stderr)
	}
	if !strings.Contains(stderr, `cell 1/2 (index 0) "import \"time\""`) || !strings.Contains(stderr, "timed out after 3s") {
		t.Errorf("stderr does not report cell 0 timing out:\n%s", stderr)
	}
	nb, err := notebook.ReadFile(in) // written in place
	if err != nil {
		t.Fatal(err)
	}
	outs := nb.Cells[0].Outputs
	if len(outs) == 0 {
		t.Fatal("cell 0 has no outputs, want a Timeout error output")
	}
	last := outs[len(outs)-1]
	if last.OutputType != notebook.Error || last.EName != "Timeout" {
		t.Errorf("cell 0 last output = %s %q, want an error output named Timeout", last.OutputType, last.EName)
	}
	for _, want := range []string{"3s", "--timeout"} {
		if !strings.Contains(last.EValue, want) {
			t.Errorf("Timeout evalue %q does not name %q", last.EValue, want)
		}
	}
}

func TestRunKernelDeathReported(t *testing.T) {
	in := writeNotebook(t, "import \"fmt\"\nimport \"time\"\nfmt.Println(\"looping\")\nfor {\n\ttime.Sleep(time.Millisecond)\n}", "1 + 1")
	cmd := exec.Command(fastgoBinary(t), "run", in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	kernelPid := waitForChild(t, cmd.Process.Pid)
	time.Sleep(time.Second) // let the cell start
	syscall.Kill(kernelPid, syscall.SIGKILL)
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 0 {
		t.Errorf("fastgo run ended with %v, want a non-zero exit", err)
	}
	if !strings.Contains(stderr.String(), `cell 1/2 (index 0) "import \"fmt\""`) || !strings.Contains(stderr.String(), "kernel process died") {
		t.Errorf("stderr does not report the kernel's death at cell 0:\n%s", stderr.String())
	}
}

func TestRunKilledLeavesNoKernel(t *testing.T) {
	in := writeNotebook(t, "import \"fmt\"\nimport \"time\"\nfmt.Println(\"looping\")\nfor {\n\ttime.Sleep(time.Millisecond)\n}")
	cmd := exec.Command(fastgoBinary(t), "run", in)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	kernelPid := waitForChild(t, cmd.Process.Pid)
	time.Sleep(time.Second) // let the kernel start its worker
	pids := append([]int{kernelPid}, descendants(kernelPid)...)
	t.Logf("kernel and worker pids: %v", pids)
	cmd.Process.Kill()
	cmd.Wait()
	deadline := time.Now().Add(15 * time.Second)
	for _, pid := range pids {
		for processAlive(pid) {
			if time.Now().After(deadline) {
				syscall.Kill(pid, syscall.SIGKILL)
				t.Fatalf("process %d (kernel %d or its worker) still running 15 s after fastgo run was killed", pid, kernelPid)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// descendants returns the pids of all descendants of pid.
func descendants(pid int) []int {
	var out []int
	tasks, _ := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "task", "*", "children"))
	for _, task := range tasks {
		raw, _ := os.ReadFile(task)
		for _, field := range strings.Fields(string(raw)) {
			child, _ := strconv.Atoi(field)
			out = append(out, child)
			out = append(out, descendants(child)...)
		}
	}
	return out
}

func TestRunCtrlCInterruptsCell(t *testing.T) {
	in := writeNotebook(t, `import "time"`, "for {\n\ttime.Sleep(time.Millisecond)\n}", "1 + 1")
	cmd := exec.Command(fastgoBinary(t), "run", in)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}

	var log strings.Builder
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		log.WriteString(lines.Text() + "\n")
		if strings.HasPrefix(lines.Text(), "cell 2/3") {
			break
		}
	}

	kernelPid := waitForChild(t, cmd.Process.Pid)
	time.Sleep(300 * time.Millisecond) // let the loop start
	cmd.Process.Signal(os.Interrupt)
	for lines.Scan() {
		log.WriteString(lines.Text() + "\n")
	}

	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 0 {
		t.Errorf("fastgo run ended with %v, want a non-zero exit", err)
	}
	if !strings.Contains(log.String(), `cell 2/3 (index 1) "for {" failed: Interrupted`) {
		t.Errorf("stderr does not report cell 1 as interrupted:\n%s", log.String())
	}
	if processAlive(kernelPid) {
		syscall.Kill(kernelPid, syscall.SIGKILL)
		t.Errorf("kernel %d still running after fastgo run exited", kernelPid)
	}
}

// waitForChild returns the pid of the first child process of pid.
func waitForChild(t *testing.T, pid int) int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		tasks, _ := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "task", "*", "children"))
		for _, task := range tasks {
			raw, _ := os.ReadFile(task)
			if fields := strings.Fields(string(raw)); len(fields) > 0 {
				child, _ := strconv.Atoi(fields[0])
				return child
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("fastgo run (pid %d) started no kernel within 30 s", pid)
	return 0
}

// processAlive reports whether pid runs and is not a zombie.
func processAlive(pid int) bool {
	raw, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false
	}
	fields := strings.Fields(string(raw))
	return len(fields) > 2 && fields[2] != "Z"
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestRunAppliesDisplayUpdates(t *testing.T) {
	in := writeNotebook(t, "import \"fastgo/display\"\nh := display.NewHandle()\nh.Show(\"first\")", "h.Update(\"second\")")
	stderr, code := runFastgo(t, in)
	if code != 0 {
		t.Fatalf("exit code %d, want 0; stderr:\n%s", code, stderr)
	}
	nb, err := notebook.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	outs := nb.Cells[0].Outputs
	if len(outs) != 1 || outs[0].OutputType != notebook.DisplayData {
		t.Fatalf("cell 0 outputs = %+v, want one display_data", outs)
	}
	if !strings.Contains(outs[0].Data["text/plain"].(string), "second") {
		t.Errorf("display text = %q, want the update from cell 1", outs[0].Data["text/plain"])
	}
	if len(nb.Cells[1].Outputs) != 0 {
		t.Errorf("cell 1 outputs = %+v, want none: the update changes cell 0", nb.Cells[1].Outputs)
	}
}

func TestRunStopsBeforeNextCell(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client, err := kernel.StartClient(ctx, []string{fastgoBinary(t), "kernel", "{connection_file}"},
		kernel.ClientOptions{Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	nb, err := notebook.ReadFile(writeNotebook(t, "1 + 1", "2 + 2"))
	if err != nil {
		t.Fatal(err)
	}

	stop := make(chan struct{})
	ran := 0
	var progress strings.Builder
	err = notebook.Run(ctx, nb, client, notebook.RunOptions{Stop: stop, Progress: &stopAfterFirst{&progress, stop, &ran}})
	if !errors.Is(err, notebook.ErrStopped) || !strings.Contains(err.Error(), `cell 2/2 (index 1) "2 + 2" not run`) {
		t.Errorf("Run error = %v, want ErrStopped naming cell 1", err)
	}
	if c := nb.Cells[0].ExecutionCount; c == nil || *c != 1 {
		t.Errorf("cell 0 execution_count = %v, want 1", c)
	}
	if c := nb.Cells[1].ExecutionCount; c != nil {
		t.Errorf("cell 1 execution_count = %d, want null because Stop closed before it", *c)
	}
}

// stopAfterFirst closes stop when the progress line of the first cell is
// written, so Run stops before the second cell as after a Ctrl-C.
type stopAfterFirst struct {
	w    io.Writer
	stop chan struct{}
	ran  *int
}

func (s *stopAfterFirst) Write(p []byte) (int, error) {
	*s.ran++
	if *s.ran == 1 {
		close(s.stop)
	}
	return s.w.Write(p)
}
