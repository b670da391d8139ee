// Package nbconvert executes every fastgo lesson with Jupyter's nbconvert
// and checks that the outputs are what Jupyter front ends and the HTML
// export expect.
//
// Each lesson takes minutes, and together they can outlast go test's
// default 10m limit on a loaded 2-core machine, so run it with a longer one:
//
//	go test -timeout 60m ./tests/nbconvert/
package nbconvert

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"fastgo/tests/jupyterenv"
)

const (
	// cellTimeout is nbconvert's limit for one cell. Lesson cells that
	// train a model run for minutes on a 2-core machine.
	cellTimeout = 10 * time.Minute
	// lessonTimeout bounds the whole execution of one lesson.
	lessonTimeout = 20 * time.Minute
	// kernelName is the kernelspec that "fastgo install" writes.
	kernelName = "fastgo"
)

func TestNbconvertLessons(t *testing.T) {
	if testing.Short() {
		t.Skip("executing the lessons takes minutes; skipped under -short")
	}
	requireNbconvert(t)
	lessons, err := filepath.Glob(filepath.Join(jupyterenv.ModuleRoot(t), "lessons", "*.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if len(lessons) == 0 {
		t.Fatalf("no lessons/*.ipynb found under %s", jupyterenv.ModuleRoot(t))
	}
	e := jupyterenv.New(t, jupyterenv.LessonDataDir(t))
	installFastgo(t, e)
	for _, lesson := range lessons {
		name := strings.TrimSuffix(filepath.Base(lesson), ".ipynb")
		t.Run(name, func(t *testing.T) {
			checkLesson(t, e, lesson)
		})
	}
}

// TestNbconvertHTMLExecute runs the one-step "nbconvert --to html --execute"
// on a small notebook, to check the exact command that users run. The
// lessons take the two-step path of executeLesson and exportHTML.
func TestNbconvertHTMLExecute(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the fastgo kernel; skipped under -short")
	}
	requireNbconvert(t)
	e := jupyterenv.New(t, jupyterenv.LessonDataDir(t))
	installFastgo(t, e)
	dir := t.TempDir()
	src := filepath.Join(dir, "small.ipynb")
	jupyterenv.WriteNotebook(t, src, kernelName, "Go (fastgo)", "go", []string{
		"import (\n\t\"image\"\n\t\"image/color\"\n\n\t\"fastgo/display\"\n)",
		"img := image.NewRGBA(image.Rect(0, 0, 40, 30))\nfor x := 0; x < 40; x++ {\n\timg.Set(x, x*3/4, color.RGBA{255, 0, 0, 255})\n}\nimg",
		`display.HTML("<table><tr><th>user</th></tr><tr><td>7</td></tr></table>")`,
		`display.SVG("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\"><rect width=\"20\" height=\"10\"/></svg>")`,
	})
	runNbconvert(t, e, 5*time.Minute, "--to", "html", "--execute",
		"--ExecutePreprocessor.kernel_name="+kernelName, "--output-dir", dir, src)
	raw, err := os.ReadFile(filepath.Join(dir, "small.html"))
	if err != nil {
		t.Fatalf("nbconvert wrote no HTML: %v", err)
	}
	html := string(raw)

	raster, svg := htmlImages(html)
	if raster != 1 {
		t.Errorf("inline PNG images = %d, want 1, the image.Image cell", raster)
	}
	if svg != 1 {
		t.Errorf("inline <svg> elements = %d, want 1, the display.SVG cell", svg)
	}
	if !sizedImage.MatchString(html) {
		t.Errorf("the inline PNG lacks width=40 and height=30 attributes, which nbconvert writes from the output metadata")
	}
	if !strings.Contains(html, "<td>7</td>") {
		t.Errorf("HTML lacks the display.HTML table cell <td>7</td>")
	}
}

// sizedImage matches an inline PNG <img> with the 40x30 size of the small
// notebook's image, in either attribute order. nbconvert 6.5 writes the
// values without quotes.
var sizedImage = regexp.MustCompile(`<img\b[^>]*src="data:image/png;base64,[^"]*"[^>]*` +
	`(\bwidth=["']?40\b[^>]*\bheight=["']?30\b|\bheight=["']?30\b[^>]*\bwidth=["']?40\b)`)

// requireNbconvert skips the test when Debian's nbconvert is missing.
func requireNbconvert(t *testing.T) {
	t.Helper()
	probe := exec.Command("/usr/bin/python3", "-c", "import nbconvert, nbclient")
	if out, err := probe.CombinedOutput(); err != nil {
		t.Skipf("needs Debian's nbconvert (import failed: %v, %s); install it with .ci/browser-deps",
			err, strings.TrimSpace(string(out)))
	}
}

// checkLesson executes one lesson with nbconvert, then checks the executed
// notebook's outputs and its HTML export.
func checkLesson(t *testing.T, e *jupyterenv.Env, lesson string) {
	source := readNotebook(t, lesson)
	if got := source.Metadata.Kernelspec.Name; got != kernelName {
		t.Errorf("kernelspec name in %s = %q, want %q, or Jupyter asks the user for a kernel",
			filepath.Base(lesson), got, kernelName)
	}

	executed := executeLesson(t, e, lesson)
	nb := readNotebook(t, executed)
	t.Logf("rich outputs by MIME type: %s", mimeCounts(nb))
	for _, problem := range outputProblems(nb) {
		t.Errorf("%s", problem)
	}

	html := exportHTML(t, e, executed)
	nbRaster, nbSVG := imageOutputs(nb)
	htmlRaster, htmlSVG := htmlImages(html)
	if nbRaster+nbSVG == 0 {
		t.Errorf("executed lesson has no image outputs, want its plots")
	}
	if htmlRaster < nbRaster {
		t.Errorf("HTML has %d inline PNG/JPEG images, want %d, one per image output", htmlRaster, nbRaster)
	}
	if htmlSVG < nbSVG {
		t.Errorf("HTML has %d inline <svg> elements, want at least %d, one per SVG output", htmlSVG, nbSVG)
	}
	t.Logf("%d raster and %d SVG image outputs, %d inline images and %d <svg> elements in %d bytes of HTML",
		nbRaster, nbSVG, htmlRaster, htmlSVG, len(html))
}

// executeLesson runs the lesson's cells with nbconvert and returns the path
// of the executed notebook.
//
// "jupyter nbconvert --to html --execute" runs the same ExecutePreprocessor
// and then the same HTML exporter as the two commands here, executeLesson
// and exportHTML. Splitting them keeps the executed notebook for the output
// checks without running the lesson twice.
func executeLesson(t *testing.T, e *jupyterenv.Env, lesson string) string {
	t.Helper()
	outDir := t.TempDir()
	name := strings.TrimSuffix(filepath.Base(lesson), ".ipynb")
	runNbconvert(t, e, lessonTimeout,
		"--to", "notebook",
		"--execute",
		fmt.Sprintf("--ExecutePreprocessor.timeout=%d", int(cellTimeout.Seconds())),
		"--ExecutePreprocessor.kernel_name="+kernelName,
		"--output-dir", outDir,
		"--output", name,
		lesson,
	)
	return filepath.Join(outDir, name+".ipynb")
}

// exportHTML converts the executed notebook to HTML and returns the page.
func exportHTML(t *testing.T, e *jupyterenv.Env, executed string) string {
	t.Helper()
	outDir := t.TempDir()
	runNbconvert(t, e, 2*time.Minute, "--to", "html", "--output-dir", outDir, executed)
	name := strings.TrimSuffix(filepath.Base(executed), ".ipynb") + ".html"
	raw, err := os.ReadFile(filepath.Join(outDir, name))
	if err != nil {
		t.Fatalf("nbconvert wrote no HTML: %v", err)
	}
	return string(raw)
}

// runNbconvert runs Debian's nbconvert with args and fails the test with its
// output when it fails or runs longer than timeout. A timed-out nbconvert
// gets SIGTERM so it shuts its kernel down, and SIGKILL 20s later.
func runNbconvert(t *testing.T, e *jupyterenv.Env, timeout time.Duration, args ...string) {
	t.Helper()
	ctx, cancel := testContext(t, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/usr/bin/python3", append([]string{"-m", "nbconvert"}, args...)...)
	cmd.Env = e.Environ
	cmd.Dir = e.Root
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) }
	cmd.WaitDelay = 20 * time.Second
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("nbconvert %s timed out (limit %v, or the go test -timeout deadline; run with -timeout 60m); output:\n%s",
			strings.Join(args, " "), timeout, tail(out))
	}
	if err != nil {
		t.Fatalf("nbconvert %s failed: %v; output:\n%s", strings.Join(args, " "), err, tail(out))
	}
	t.Logf("nbconvert %s took %v", args[1], time.Since(start).Round(time.Second))
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

// tail returns the last 6000 bytes of out, where nbconvert prints the
// failing cell and its error.
func tail(out []byte) string {
	const n = 6000
	if len(out) <= n {
		return string(out)
	}
	return "...\n" + string(out[len(out)-n:])
}

func readNotebook(t *testing.T, path string) notebook {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb notebook
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("notebook %s is not valid JSON: %v", path, err)
	}
	return nb
}
