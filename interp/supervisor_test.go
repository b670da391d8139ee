package interp

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"fastgo/stdlib/display"
)

// workerBinary is the fastgo binary built for the tests.
var workerBinary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "fastgo-interp-test")
	if err != nil {
		panic(err)
	}
	workerBinary = filepath.Join(dir, "fastgo")
	build := exec.Command("go", "build", "-o", workerBinary, "fastgo")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		os.RemoveAll(dir)
		panic("building the fastgo binary for the worker tests failed: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func newTestSupervisor(t *testing.T) *Supervisor {
	t.Helper()
	s, err := NewSupervisor(SupervisorOptions{WorkerPath: workerBinary})
	if err != nil {
		t.Fatalf("NewSupervisor: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestSupervisorCapturesAllOutput(t *testing.T) {
	s := newTestSupervisor(t)
	var rec recorder
	// os.NewFile(1) writes to the file descriptor itself, as compiled code
	// and child processes do.
	code := `import (
	"fmt"
	"os"
	"os/exec"
)
fmt.Println("fmt")
os.Stdout.WriteString("os.Stdout\n")
os.NewFile(1, "fd1").WriteString("fd 1\n")
cmd := exec.Command("echo", "child")
cmd.Stdout = os.Stdout
cmd.Run()
fmt.Println("end")
os.Stderr.WriteString("os.Stderr\n")`
	res := s.Execute(code, &rec)
	if res.Error != nil {
		t.Fatalf("error: %+v", *res.Error)
	}
	if got, want := rec.text("stdout"), "fmt\nos.Stdout\nfd 1\nchild\nend\n"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
	if got, want := rec.text("stderr"), "os.Stderr\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
}

func TestSupervisorDisplayAndResult(t *testing.T) {
	s := newTestSupervisor(t)
	var rec recorder
	code := "import \"fastgo/display\"\nh := display.NewHandle()\nh.Show(\"one\")\nh.Update(\"two\")\ndisplay.HTML(\"<i>r</i>\")"
	res := s.Execute(code, &rec)
	if res.Error != nil {
		t.Fatalf("error: %+v", *res.Error)
	}
	if res.Value == nil || res.Value.Data[display.MIMEHTML] != "<i>r</i>" {
		t.Errorf("result = %+v, want text/html <i>r</i>", res.Value)
	}
	if len(rec.events) != 2 {
		t.Fatalf("events = %+v, want a display and an update", rec.events)
	}
	show, update := rec.events[0], rec.events[1]
	if show.kind != "display" || show.data.Data[display.MIMEText] != "one" {
		t.Errorf("first event = %+v, want display of one", show)
	}
	if update.kind != "update" || update.data.Data[display.MIMEText] != "two" || update.id != show.id || show.id == "" {
		t.Errorf("second event = %+v, want update of two with id %q", update, show.id)
	}
}

func TestSupervisorCrashRecovery(t *testing.T) {
	tests := []struct {
		name string
		code string
		want string // in the error value
	}{
		{"stack overflow", "func f(n int) int { return f(n+1) + 1 }\nf(0)", "fatal error: stack overflow"},
		{"panic in goroutine", "done := make(chan bool)\ngo func() { panic(\"lost\") }()\n<-done", "panic: lost"},
		{"os.Exit", "import \"os\"\nos.Exit(3)", "exit status 3"},
	}
	s := newTestSupervisor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if res := s.Execute("kept := 1", &recorder{}); res.Error != nil {
				t.Fatalf("setup cell: %+v", *res.Error)
			}
			var rec recorder
			res := s.Execute(tt.code, &rec)
			if res.Error == nil {
				t.Fatal("the crashing cell returned no error")
			}
			if res.Error.Name != "WorkerDied" {
				t.Errorf("ename = %q, want WorkerDied", res.Error.Name)
			}
			if !strings.Contains(res.Error.Value, tt.want) {
				t.Errorf("evalue = %q, want it to contain %q", res.Error.Value, tt.want)
			}
			if !strings.Contains(res.Error.Value, "variables were lost") {
				t.Errorf("evalue = %q, want it to say that variables were lost", res.Error.Value)
			}
			if strings.Contains(rec.text("stderr"), "goroutine ") {
				t.Errorf("stderr shows the crash dump: %q", rec.text("stderr"))
			}

			res = s.Execute("kept", &recorder{})
			if res.Error == nil || !strings.Contains(res.Error.Value, "undefined: kept") {
				t.Errorf("kept after the crash: error %+v, want undefined", res.Error)
			}
			res = s.Execute("6 * 7", &recorder{})
			if res.Error != nil || resultText(res) != "42" {
				t.Errorf("fresh worker: error %+v, result %q, want 42", res.Error, resultText(res))
			}
		})
	}
}

func TestSupervisorInterruptKeepsState(t *testing.T) {
	s := newTestSupervisor(t)
	out := &interruptingOutput{in: s}
	res := s.Execute("import \"fmt\"\nn := 0\nfmt.Println(\"started\")\nfor {\n\tn++\n}", out)
	if res.Error == nil || res.Error.Name != "Interrupted" {
		t.Fatalf("error = %+v, want Interrupted", res.Error)
	}
	res = s.Execute("n > 0", &recorder{})
	if res.Error != nil || resultText(res) != "true" {
		t.Errorf("n > 0 after the interrupt: error %+v, result %q, want true", res.Error, resultText(res))
	}
}

func TestSupervisorInterruptStuckRestarts(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the worker's stop timeout")
	}
	s := newTestSupervisor(t)
	if res := s.Execute("kept := 1", &recorder{}); res.Error != nil {
		t.Fatalf("setup cell: %+v", *res.Error)
	}
	out := &interruptingOutput{in: s}
	// time.Sleep is compiled code that does not check the interrupt.
	res := s.Execute("import (\n\t\"fmt\"\n\t\"time\"\n)\nfmt.Println(\"started\")\ntime.Sleep(time.Hour)", out)
	if res.Error == nil || res.Error.Name != "Interrupted" {
		t.Fatalf("error = %+v, want Interrupted", res.Error)
	}
	if !strings.Contains(res.Error.Value, "variables were lost") {
		t.Errorf("evalue = %q, want it to say that variables were lost", res.Error.Value)
	}
	res = s.Execute("kept", &recorder{})
	if res.Error == nil || !strings.Contains(res.Error.Value, "undefined: kept") {
		t.Errorf("kept after the restart: error %+v, want undefined", res.Error)
	}
}

func TestSupervisorOutputCap(t *testing.T) {
	s := newTestSupervisor(t)
	var rec recorder
	// 100 MB of stdout; the worker keeps defaultOutputLimit of it.
	code := "import (\n\t\"os\"\n\t\"strings\"\n)\nline := strings.Repeat(\"y\", 1<<20-1) + \"\\n\"\nfor i := 0; i < 100; i++ { os.Stdout.WriteString(line) }"
	res := s.Execute(code, &rec)
	if res.Error != nil {
		t.Fatalf("error: %+v", *res.Error)
	}
	if got := len(rec.text("stdout")); got != defaultOutputLimit {
		t.Errorf("stdout kept %d bytes, want %d", got, defaultOutputLimit)
	}
	if note := rec.text("stderr"); !strings.Contains(note, "92.0 MiB more were dropped") {
		t.Errorf("stderr note = %q, want 92.0 MiB dropped", note)
	}
}

func TestSupervisorInput(t *testing.T) {
	s := newTestSupervisor(t)
	out := &inputOutput{line: "42"}
	res := s.Execute("import \"fmt\"\nfmt.Print(\"n? \")\nvar n int\nfmt.Scanln(&n)\nn + 1", out)
	if res.Error != nil {
		t.Fatalf("error: %+v", *res.Error)
	}
	if got := resultText(res); got != "43" {
		t.Errorf("result = %q, want 43", got)
	}
	if out.seenBeforeInput != "n? " {
		t.Errorf("stdout before the input request = %q, want %q", out.seenBeforeInput, "n? ")
	}
}

func TestSupervisorCloseKillsWorker(t *testing.T) {
	s, err := NewSupervisor(SupervisorOptions{WorkerPath: workerBinary})
	if err != nil {
		t.Fatalf("NewSupervisor: %v", err)
	}
	pid := s.proc.cmd.Process.Pid
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("worker %d after Close: kill(0) = %v, want ESRCH", pid, err)
	}
}

func TestSupervisorRestoresImportsAfterCrash(t *testing.T) {
	s := newTestSupervisor(t)
	setup := []string{
		"import \"strings\"",
		"%time\nimport (\n\t\"fmt\"\n\tstr \"strconv\"\n)\nn := 3",
		"import \"nosuchpackage/at/all\"",
	}
	for _, code := range setup {
		s.Execute(code, &recorder{})
	}
	res := s.Execute("import \"os\"\nos.Exit(3)", &recorder{})
	if res.Error == nil || res.Error.Name != "WorkerDied" {
		t.Fatalf("crashing cell: error %+v, want WorkerDied", res.Error)
	}
	if !strings.Contains(res.Error.Value, "imports of earlier cells again") {
		t.Errorf("evalue = %q, want it to say that imports are run again", res.Error.Value)
	}

	var rec recorder
	res = s.Execute("fmt.Println(strings.ToUpper(\"ok\"), str.Itoa(7))", &rec)
	if res.Error != nil {
		t.Fatalf("imports after the crash: %+v", *res.Error)
	}
	if got := rec.text("stdout"); got != "OK 7\n" {
		t.Errorf("stdout = %q, want %q", got, "OK 7\n")
	}
	res = s.Execute("n", &recorder{})
	if res.Error == nil || !strings.Contains(res.Error.Value, "undefined: n") {
		t.Errorf("variable after the crash: error %+v, want undefined: n", res.Error)
	}
}

func TestSupervisorResetForgetsImports(t *testing.T) {
	s := newTestSupervisor(t)
	s.Execute("import \"strings\"", &recorder{})
	s.Execute("%reset", &recorder{})
	s.Execute("import \"os\"\nos.Exit(3)", &recorder{})
	res := s.Execute("strings.ToUpper(\"x\")", &recorder{})
	if res.Error == nil || !strings.Contains(res.Error.Value, "undefined: strings") {
		t.Errorf("strings after %%reset and a crash: error %+v, want undefined: strings", res.Error)
	}
}

func TestSupervisorInputNotAllowed(t *testing.T) {
	s := newTestSupervisor(t)
	var rec recorder // its Input returns kernel.ErrStdinNotAllowed
	res := s.Execute("import \"fmt\"\nvar n int\n_, err := fmt.Scanln(&n)\nerr", &rec)
	if res.Error != nil {
		t.Fatalf("error: %+v", *res.Error)
	}
	if got := resultText(res); !strings.Contains(got, "allow_stdin is false") {
		t.Errorf("Scanln error = %q, want it to name allow_stdin", got)
	}
	if got := rec.text("stderr"); strings.Count(got, "does not accept input") != 1 {
		t.Errorf("stderr = %q, want the message exactly once", got)
	}
}
