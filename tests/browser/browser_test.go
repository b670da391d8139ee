// Package browser runs fastgo notebooks in a real Jupyter front end: Debian's
// Jupyter Notebook server and headless Chromium, driven by run.mjs through
// Playwright. Install what it needs with .ci/browser-deps, and run it with
// a limit above go test's default 10m on a loaded machine:
//
//	go test -timeout 30m ./tests/browser/
//
// FASTGO_BROWSER_LESSON names the lesson to run (default 08_collab.ipynb),
// and FASTGO_BROWSER_CONTROL=1 runs the ipykernel control even when fastgo
// passes. Screenshots of each run are saved in
// $TMPDIR/fastgo-browser-artifacts and tests/browser/artifacts.
package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fastgo/tests/jupyterenv"
)

// chromiumPath is Debian's Chromium. The test never downloads a browser.
const chromiumPath = "/usr/bin/chromium"

// runTimeout bounds one run of run.mjs: kernel start, the lesson and the
// scratch checks.
const runTimeout = 15 * time.Minute

// kernelCase is one kernel to drive through the page, with the cells that
// exercise it in its own language.
type kernelCase struct {
	name   string // subtest name
	kernel string // kernelspec name
	// install puts the kernelspec into the private Jupyter folders and
	// returns an error when that fails.
	install func(t *testing.T, e *jupyterEnv) error
	// lesson writes the notebook to run with "Run All" into dir and returns
	// its file name.
	lesson                     func(t *testing.T, dir string) string
	minTables, minImages       int
	scratchCells               []string // one per index constant below
	completionText, completion string
	language                   string // language_info name for the scratch notebook
}

// Indexes of scratchCells. run.mjs runs them in this order, except that it
// interrupts the sleep cell last.
const (
	setupCell = iota
	loopCell  // an endless interpreted loop
	sleepCell // a long call into compiled code
	afterCell
	longCell
	updateCell // a display updated in place, by display_id
	completionCell
)

// longLines is the number of lines the long-output cell prints, and
// maxStreamMessages the most stream messages they may arrive in: at least
// 20 lines per message on average. Front ends handle and re-render a stream
// output once per message, so a kernel that sends one message per line slows
// the page.
//
// NOTE: fastgo, like ipykernel, sends buffered output on a timer (30 ms in
// interp/stream.go as of this writing), so the count grows with the time the
// loop takes. The bound leaves room for a print loop that a loaded machine
// slows to several seconds.
const (
	longLines         = 5000
	maxStreamMessages = 250
	afterText         = "after interrupt"
	updates           = 50
)

// ipykernelCase runs the same checks on Debian's ipykernel. It is the
// control for the harness: when fastgo fails and ipykernel passes, the fault
// is in fastgo, and when both fail it is most likely in the test setup.
var ipykernelCase = kernelCase{
	name:   "ipykernel",
	kernel: "python3",
	install: func(t *testing.T, e *jupyterEnv) error {
		return nil // Debian's python3 kernelspec is found in /usr/share/jupyter.
	},
	lesson:    writePythonLesson,
	minTables: 1,
	minImages: 1,
	scratchCells: []string{
		"import os, time",
		"while True:\n    pass",
		"time.sleep(3600)",
		fmt.Sprintf("print(%q)", afterText),
		fmt.Sprintf("for i in range(%d):\n    print(\"line\", i)", longLines),
		fmt.Sprintf("h = display(\"step 0\", display_id=True)\nfor i in range(1, %d):\n    h.update(f\"step {i}\")", updates+1),
		"",
	},
	completionText: "os.",
	completion:     "path",
	language:       "python",
}

var fastgoCase = kernelCase{
	name:   "fastgo",
	kernel: "fastgo",
	install: func(t *testing.T, e *jupyterEnv) error {
		return e.InstallFastgo(jupyterenv.BuildFastgo(t, t.TempDir()))
	},
	lesson:    copyLesson(browserLesson()),
	minTables: 1,
	minImages: 1,
	scratchCells: []string{
		"import (\n\t\"fmt\"\n\t\"time\"\n\n\t\"fastgo/display\"\n)",
		"for {\n}",
		"time.Sleep(time.Hour)",
		fmt.Sprintf("import \"fmt\"\n\nfmt.Println(%q)", afterText),
		fmt.Sprintf("for i := 0; i < %d; i++ {\n\tfmt.Println(\"line\", i)\n}", longLines),
		fmt.Sprintf("h := display.NewHandle()\nh.Show(\"step 0\")\nfor i := 1; i <= %d; i++ {\n\th.Update(fmt.Sprintf(\"step %%d\", i))\n}", updates),
		"",
	},
	completionText: "fmt.",
	completion:     "Println",
	language:       "go",
}

// browserLesson returns the file name in lessons/ of the lesson to run in
// the browser: FASTGO_BROWSER_LESSON, or 08_collab.ipynb by default.
func browserLesson() string {
	if name := os.Getenv("FASTGO_BROWSER_LESSON"); name != "" {
		return name
	}
	return "08_collab.ipynb"
}

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test takes minutes; skipped under -short")
	}
	requireTools(t)
	dataDir := jupyterenv.LessonDataDir(t)
	passed := t.Run(fastgoCase.name, func(t *testing.T) {
		runKernelCase(t, fastgoCase, dataDir)
	})
	t.Run(ipykernelCase.name, func(t *testing.T) {
		if passed && os.Getenv("FASTGO_BROWSER_CONTROL") == "" {
			t.Skip("the ipykernel control runs only when the fastgo case fails, or with FASTGO_BROWSER_CONTROL=1")
		}
		runKernelCase(t, ipykernelCase, dataDir)
	})
}

// requireTools skips the test, naming what to install, when Chromium, Node,
// Playwright or the notebook server is missing.
func requireTools(t *testing.T) {
	t.Helper()
	const fix = "install them with .ci/browser-deps (apt-get chromium, jupyter-notebook; npm ci in tests/browser)"
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser test needs Debian's Chromium at %s: %v; %s", chromiumPath, err, fix)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skipf("browser test needs Node.js: %v; %s", err, fix)
	}
	if _, err := os.Stat(filepath.Join("node_modules", "playwright-core", "package.json")); err != nil {
		t.Skipf("browser test needs playwright-core in tests/browser/node_modules: %v; %s", err, fix)
	}
	probe := exec.Command("/usr/bin/python3", "-c", "import notebook.notebookapp")
	if out, err := probe.CombinedOutput(); err != nil {
		t.Skipf("browser test needs Debian's Jupyter Notebook 6 (import notebook.notebookapp failed: %v, %s); %s",
			err, bytes.TrimSpace(out), fix)
	}
}

func runKernelCase(t *testing.T, kc kernelCase, dataDir string) {
	e := newJupyterEnv(t, dataDir)
	if err := kc.install(t, e); err != nil {
		t.Fatalf("installing the %s kernelspec failed: %v", kc.kernel, err)
	}
	lessonName := kc.lesson(t, e.notebooks)
	setKernelspec(t, filepath.Join(e.notebooks, lessonName), kc.kernel)
	scratchName := "scratch.ipynb"
	jupyterenv.WriteNotebook(t, filepath.Join(e.notebooks, scratchName), kc.kernel, kc.kernel, kc.language, kc.scratchCells)

	server := e.startNotebook(t)
	artifacts := artifactDir(t, kc.name)
	config := map[string]any{
		"chromium":           chromiumPath,
		"userDataDir":        filepath.Join(e.Root, "chromium-profile"),
		"baseURL":            server.baseURL,
		"token":              server.token,
		"resultsPath":        filepath.Join(e.Root, "results.json"),
		"kernelStartSeconds": 120,
		"cellSeconds":        180,
		"lesson": map[string]any{
			"name":           lessonName,
			"screenshot":     filepath.Join(artifacts, strings.TrimSuffix(lessonName, ".ipynb")+".png"),
			"timeoutSeconds": 600,
			"minTables":      kc.minTables,
			"minImages":      kc.minImages,
		},
		"scratch": map[string]any{
			"name":       scratchName,
			"screenshot": filepath.Join(artifacts, "scratch.png"),
			"setupCell":  setupCell,
			"interruptCells": []map[string]any{
				{"index": loopCell, "label": "endless loop"},
				{"index": sleepCell, "label": "long sleep"},
			},
			"afterCell":         afterCell,
			"afterText":         afterText,
			"interruptSeconds":  60,
			"longCell":          longCell,
			"longLines":         longLines,
			"longLastLine":      fmt.Sprintf("line %d", longLines-1),
			"maxStreamMessages": maxStreamMessages,
			"updateCell":        updateCell,
			"updateText":        fmt.Sprintf("step %d", updates),
			"completionCell":    completionCell,
			"completionText":    kc.completionText,
			"completionExpect":  kc.completion,
		},
	}
	out, runErr := runScript(t, e, config)
	t.Logf("run.mjs output:\n%s", out)
	copyArtifacts(t, artifacts, kc.name)
	t.Logf("screenshots are in %s and tests/browser/artifacts/%s", artifacts, kc.name)
	reportResults(t, filepath.Join(e.Root, "results.json"), runErr, server)
}

// runScript writes config to a file and runs run.mjs with it. On timeout
// the script gets SIGTERM, which makes Playwright close Chromium, and
// SIGKILL 10s later.
func runScript(t *testing.T, e *jupyterEnv, config map[string]any) ([]byte, error) {
	t.Helper()
	configPath := filepath.Join(e.Root, "config.json")
	raw, err := json.MarshalIndent(config, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(configPath, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := testContext(t, runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "run.mjs", configPath)
	// FORCE_COLOR=0 keeps ANSI colors out of Playwright's error messages.
	cmd.Env = append(e.Environ, "FORCE_COLOR=0")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) }
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		err = fmt.Errorf("%w (limit %v, or the go test -timeout deadline; run with -timeout 30m): %v",
			errRunTimedOut, runTimeout, err)
	}
	return out, err
}

// testContext returns a context that ends after limit, or one minute before
// the go test -timeout deadline when that comes first. A run cut by the
// context fails with its output and its cleanups still stop the processes,
// which a -timeout panic would skip.
func testContext(t *testing.T, limit time.Duration) (context.Context, context.CancelFunc) {
	deadline := time.Now().Add(limit)
	if d, ok := t.Deadline(); ok && d.Add(-time.Minute).Before(deadline) {
		deadline = d.Add(-time.Minute)
	}
	return context.WithDeadline(context.Background(), deadline)
}

// errRunTimedOut marks a run of run.mjs that the test stopped.
var errRunTimedOut = errors.New("run.mjs timed out")

// checkResult is one check that run.mjs reports.
type checkResult struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

// reportResults fails the test once for each failed check, and once more
// when the script failed without reporting a failed check.
func reportResults(t *testing.T, path string, runErr error, server *notebookServer) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("run.mjs wrote no results (%v); it exited with: %v; server log:\n%s", err, runErr, server.log)
	}
	var results []checkResult
	if err := json.Unmarshal(raw, &results); err != nil {
		t.Fatalf("results of run.mjs are not valid JSON: %v\n%s", err, raw)
	}
	failed := 0
	for _, r := range results {
		if !r.OK {
			failed++
			t.Errorf("%s: %s", r.Name, r.Detail)
		}
	}
	if len(results) == 0 {
		t.Errorf("run.mjs reported no checks")
	}
	if errors.Is(runErr, errRunTimedOut) {
		t.Errorf("%v", runErr)
	} else if runErr != nil && failed == 0 {
		t.Errorf("run.mjs failed without a failed check: %v", runErr)
	}
	if failed > 0 {
		t.Logf("notebook server log:\n%s", server.log)
	}
}

// artifactDir returns the folder for the screenshots of one kernel case,
// $TMPDIR/fastgo-browser-artifacts/NAME, which outlives the test. Screenshots
// of an earlier run are removed, so none can pass for this run's.
func artifactDir(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(os.TempDir(), "fastgo-browser-artifacts", name)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// copyArtifacts copies the screenshots in dir to tests/browser/artifacts/NAME,
// which git ignores, so they sit beside the test that made them.
func copyArtifacts(t *testing.T, dir, name string) {
	t.Helper()
	dest := filepath.Join("artifacts", name)
	err := os.RemoveAll(dest)
	if err == nil {
		err = os.MkdirAll(dest, 0o755)
	}
	if err != nil {
		t.Logf("screenshots stay in %s only: %v", dir, err)
		return
	}
	shots, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	for _, shot := range shots {
		raw, err := os.ReadFile(shot)
		if err == nil {
			err = os.WriteFile(filepath.Join(dest, filepath.Base(shot)), raw, 0o644)
		}
		if err != nil {
			t.Logf("copying screenshot %s failed: %v", shot, err)
		}
	}
}

// copyLesson returns a lesson writer that copies lessons/name into the
// server root.
func copyLesson(name string) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string {
		t.Helper()
		src := filepath.Join(jupyterenv.ModuleRoot(t), "lessons", name)
		raw, err := os.ReadFile(src)
		if errors.Is(err, os.ErrNotExist) {
			t.Fatalf("lesson %s not found; set FASTGO_BROWSER_LESSON to a file in lessons/", src)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), raw, 0o644); err != nil {
			t.Fatal(err)
		}
		return name
	}
}

// writePythonLesson writes a small Python notebook with an HTML table and a
// matplotlib plot, the two kinds of rich output the fastgo lessons show.
func writePythonLesson(t *testing.T, dir string) string {
	t.Helper()
	name := "python_lesson.ipynb"
	jupyterenv.WriteNotebook(t, filepath.Join(dir, name), "python3", "python3", "python", []string{
		"%matplotlib inline\nimport matplotlib.pyplot as plt\nfrom IPython.display import HTML",
		`HTML("<table><tr><th>user</th><th>rating</th></tr><tr><td>1</td><td>4.5</td></tr></table>")`,
		"plt.plot([1, 2, 3], [1, 4, 9])\nplt.show()",
	})
	return name
}

// setKernelspec points the notebook at path to the kernelspec name, so the
// server starts the kernel under test whatever kernelspec the file names.
func setKernelspec(t *testing.T, path, kernel string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb map[string]any
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("notebook %s is not valid JSON: %v", path, err)
	}
	meta, _ := nb["metadata"].(map[string]any)
	if meta == nil {
		meta = map[string]any{}
		nb["metadata"] = meta
	}
	spec, _ := meta["kernelspec"].(map[string]any)
	if spec == nil {
		spec = map[string]any{"display_name": kernel}
		meta["kernelspec"] = spec
	}
	spec["name"] = kernel
	out, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}
