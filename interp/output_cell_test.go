package interp

import (
	"strings"
	"testing"

	"fastgo/kernel"
)

func TestExecuteStreamsInOrder(t *testing.T) {
	in := newTestInterpreter(t)
	var rec recorder
	code := `import (
	"fmt"
	"os"
)
fmt.Println("a")
os.Stdout.WriteString("b\n")
println("c")
fmt.Fprintln(os.Stdout, "d")
fmt.Print("é")`
	res := in.Execute(code, &rec)
	if res.Error != nil {
		t.Fatalf("error: %+v", *res.Error)
	}
	if got, want := rec.text("stdout"), "a\nb\nc\nd\né"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
}

func TestExecuteLogGoesToStderr(t *testing.T) {
	in := newTestInterpreter(t)
	var rec recorder
	res := in.Execute("import \"log\"\nlog.SetFlags(0)\nlog.Println(\"to stderr\")", &rec)
	if res.Error != nil {
		t.Fatalf("error: %+v", *res.Error)
	}
	if got := rec.text("stderr"); got != "to stderr\n" {
		t.Errorf("stderr = %q, want %q", got, "to stderr\n")
	}
}

func TestExecuteOutputCap(t *testing.T) {
	const limit = 64 << 10
	in, err := New(Options{OutputLimit: limit})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	defer in.Close()
	var rec recorder
	// 1000 lines of 1 kB: 1,024,000 bytes, of which limit are kept.
	code := "import (\n\t\"fmt\"\n\t\"strings\"\n)\nline := strings.Repeat(\"x\", 1023)\nfor i := 0; i < 1000; i++ { fmt.Println(line) }"
	res := in.Execute(code, &rec)
	if res.Error != nil {
		t.Fatalf("error: %+v", *res.Error)
	}
	if got := len(rec.text("stdout")); got != limit {
		t.Errorf("stdout kept %d bytes, want %d", got, limit)
	}
	note := rec.text("stderr")
	if !strings.Contains(note, "output cut after 64.0 KiB") || !strings.Contains(note, "936.0 KiB more were dropped") {
		t.Errorf("stderr note = %q, want the cap and the dropped size", note)
	}
}

// interruptingOutput interrupts the cell when it prints "started".
type interruptingOutput struct {
	recorder
	in interface{ Interrupt() }
}

func (o *interruptingOutput) Stream(name, text string) {
	o.recorder.Stream(name, text)
	if strings.Contains(text, "started") {
		go o.in.Interrupt()
	}
}

func TestExecuteInterruptKeepsState(t *testing.T) {
	in := newTestInterpreter(t)
	out := &interruptingOutput{in: in}
	res := in.Execute("import \"fmt\"\nn := 0\nfmt.Println(\"started\")\nfor {\n\tn++\n}", out)
	if res.Error == nil || res.Error.Name != "Interrupted" {
		t.Fatalf("error = %+v, want Interrupted", res.Error)
	}
	if in.Stuck() {
		t.Error("interpreter is stuck after interrupting an interpreted loop")
	}
	res = in.Execute("n > 0", &recorder{})
	if res.Error != nil {
		t.Fatalf("next cell: %+v", *res.Error)
	}
	if got := resultText(res); got != "true" {
		t.Errorf("n > 0 = %q after the interrupt, want true", got)
	}
}

func TestExecuteInputReadsFrontEnd(t *testing.T) {
	in := newTestInterpreter(t)
	out := &inputOutput{line: "Ada"}
	res := in.Execute("import \"fmt\"\nfmt.Print(\"name? \")\nvar s string\nfmt.Scanln(&s)\n\"hello \" + s", out)
	if res.Error != nil {
		t.Fatalf("error: %+v", *res.Error)
	}
	if got := resultText(res); got != "hello Ada" {
		t.Errorf("result = %q, want %q", got, "hello Ada")
	}
	if out.seenBeforeInput != "name? " {
		t.Errorf("stdout before the input request = %q, want %q", out.seenBeforeInput, "name? ")
	}
}

// inputOutput replies to input requests with line and records the stdout
// received before the first request.
type inputOutput struct {
	recorder
	line            string
	seenBeforeInput string
}

func (o *inputOutput) Input(prompt string, password bool) (string, error) {
	o.seenBeforeInput = o.text("stdout")
	return o.line, nil
}

func TestExecuteMagics(t *testing.T) {
	in := newTestInterpreter(t)
	var rec recorder
	if res := in.Execute("%help", &rec); res.Error != nil || !strings.Contains(rec.text("stdout"), "%reset") {
		t.Errorf("%%help: error %+v, stdout %q", res.Error, rec.text("stdout"))
	}

	rec = recorder{}
	res := in.Execute("%time\nx := 5\nx", &rec)
	if res.Error != nil || resultText(res) != "5" {
		t.Fatalf("%%time cell: error %+v, result %q", res.Error, resultText(res))
	}
	if !strings.HasPrefix(rec.text("stdout"), "Wall time: ") {
		t.Errorf("%%time stdout = %q, want a wall time", rec.text("stdout"))
	}

	rec = recorder{}
	res = in.Execute("%time\nundefinedName", &rec)
	if res.Error == nil || res.Error.Value != "2:1: undefined: undefinedName" {
		t.Errorf("%%time error = %+v, want position 2:1", res.Error)
	}

	if res := in.Execute("%reset", &recorder{}); res.Error != nil {
		t.Fatalf("%%reset: %+v", *res.Error)
	}
	res = in.Execute("x", &recorder{})
	if res.Error == nil || res.Error.Value != "1:1: undefined: x" {
		t.Errorf("x after %%reset: error %+v, want undefined", res.Error)
	}
	res = in.Execute("import \"fmt\"\nfmt.Sprint(1)", &recorder{})
	if res.Error != nil {
		t.Errorf("import after %%reset: %+v", *res.Error)
	}
}

var _ kernel.CellOutput = (*inputOutput)(nil)

func TestExecuteResetWithCode(t *testing.T) {
	in := newTestInterpreter(t)
	if res := in.Execute("x := 1", &recorder{}); res.Error != nil {
		t.Fatalf("setup cell: %+v", *res.Error)
	}
	var rec recorder
	res := in.Execute("%reset\nx := \"fresh\"\nx", &rec)
	if res.Error != nil {
		t.Fatalf("error: %+v", *res.Error)
	}
	if got := resultText(res); got != "fresh" {
		t.Errorf("result = %q, want fresh", got)
	}
	if !strings.Contains(rec.text("stdout"), "were removed") {
		t.Errorf("stdout = %q, want the reset message", rec.text("stdout"))
	}
}

func TestExecutePanicKeepsState(t *testing.T) {
	in := newTestInterpreter(t)
	res := in.Execute("kept := 7\npanic(\"stop here\")", &recorder{})
	if res.Error == nil || res.Error.Name != "Panic" {
		t.Fatalf("error = %+v, want Panic", res.Error)
	}
	res = in.Execute("kept", &recorder{})
	if res.Error != nil || resultText(res) != "7" {
		t.Errorf("kept after the panic: error %+v, result %q, want 7", res.Error, resultText(res))
	}
}

func TestMagicLineAndUnknown(t *testing.T) {
	in := newTestInterpreter(t)
	var rec recorder
	res := in.Execute("%time 6 * 7", &rec)
	if res.Error != nil || resultText(res) != "42" {
		t.Fatalf("%%time line magic: error %+v, result %q, want 42", res.Error, resultText(res))
	}
	if !strings.Contains(rec.text("stdout"), "Wall time:") {
		t.Errorf("%%time line magic stdout = %q, want a wall time", rec.text("stdout"))
	}

	res = in.Execute("%bogus 1\nx := 1", &recorder{})
	if res.Error == nil {
		t.Fatal("unknown magic ran without an error")
	}
	if res.Error.Name != "UsageError" {
		t.Errorf("ename = %q, want UsageError", res.Error.Name)
	}
	if !strings.Contains(res.Error.Value, "unknown magic command %bogus") {
		t.Errorf("evalue = %q, want it to name %%bogus", res.Error.Value)
	}

	res = in.Execute("%who", &recorder{})
	if res.Error != nil {
		t.Errorf("%%who: %+v", *res.Error)
	}
}

func TestImportMissingPackageMessage(t *testing.T) {
	in := newTestInterpreter(t)
	res := in.Execute("import \"notexist/pkg\"", &recorder{})
	if res.Error == nil {
		t.Fatal("import of a missing package succeeded")
	}
	if !strings.Contains(res.Error.Value, "package notexist/pkg is not available to cells") {
		t.Errorf("evalue = %q, want it to name the package", res.Error.Value)
	}
	if strings.Contains(res.Error.Value, "GOPATH") {
		t.Errorf("evalue = %q, want no advice about GOPATH", res.Error.Value)
	}
}
