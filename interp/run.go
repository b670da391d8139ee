package interp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/scanner"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/traefik/yaegi/interp"

	"fastgo/kernel"
	"fastgo/stdlib/display"
)

// source is the text yaegi compiles for a chunk. yaegi puts declarations
// after "package main;" and statements inside "package main; func main() {"
// on line 1, so every chunk starts with a newline and is then padded with
// blank lines and spaces to its place in the cell. Each position yaegi
// reports is then the cell's position one line down, whatever the chunk.
type source struct {
	text string
}

func padding(c chunk) string {
	return "\n" + strings.Repeat("\n", c.line-1) + strings.Repeat(" ", c.col-1)
}

// run evaluates the chunks of a cell in order and stops at the first error.
func (in *Interpreter) run(ctx context.Context, code string) kernel.CellResult {
	chunks, err := splitCell(code)
	if err != nil {
		return kernel.CellResult{Error: syntaxError(err)}
	}
	for _, c := range chunks {
		var cerr *kernel.CellError
		switch c.kind {
		case kindImport:
			cerr = in.evalImports(ctx, c)
		case kindDecl:
			_, cerr = in.eval(ctx, source{padding(c) + c.text})
		case kindStmt:
			_, cerr = in.eval(ctx, source{";" + padding(c) + c.text})
		case kindResult:
			return in.evalResult(ctx, c)
		}
		if cerr != nil {
			return kernel.CellResult{Error: cerr}
		}
	}
	return kernel.CellResult{}
}

// evalImports evaluates the import specs not seen before, one by one,
// because yaegi fails on a repeated import.
func (in *Interpreter) evalImports(ctx context.Context, c chunk) *kernel.CellError {
	for _, spec := range c.imports {
		if in.imports[spec.key()] {
			continue
		}
		if _, cerr := in.eval(ctx, source{spec.source()}); cerr != nil {
			return cerr
		}
		in.imports[spec.key()] = true
		in.defs.addImport(spec)
	}
	return nil
}

// evalResult evaluates the trailing expression of a cell and returns all
// its values. yaegi returns only the first value of a multi-value call,
// and it drops the methods of interpreted types. So the expression is
// passed to a compiled function: Show for one value, because its interface
// argument keeps the display methods, or else ShowAll for several. Both
// fail to compile for a call without results or a wrong expression, which
// is then evaluated on its own.
func (in *Interpreter) evalResult(ctx context.Context, c chunk) kernel.CellResult {
	in.shown, in.shownOK = nil, false
	for _, show := range []string{"Show", "ShowAll"} {
		src := source{";" + showPackage + "." + show + "(" + padding(c) + c.text + ")"}
		prog, cerr := in.compile(src)
		if cerr != nil {
			continue
		}
		if _, cerr := in.execute(ctx, prog); cerr != nil {
			return kernel.CellResult{Error: cerr}
		}
		if !in.shownOK {
			return kernel.CellResult{}
		}
		return kernel.CellResult{Value: renderValues(in.shown)}
	}

	v, cerr := in.eval(ctx, source{";" + padding(c) + c.text})
	if cerr != nil {
		return kernel.CellResult{Error: cerr}
	}
	if c.call || !v.IsValid() || !v.CanInterface() {
		return kernel.CellResult{}
	}
	return kernel.CellResult{Value: renderValues([]any{v.Interface()})}
}

// renderValues returns the execute_result bundle of a cell's values. One
// value gets its richest form. Several values are shown one per line in
// text, plus the rich form of the first value that has one.
func renderValues(values []any) *display.Data {
	if len(values) == 1 {
		d := display.Render(values[0])
		return &d
	}
	texts := make([]string, len(values))
	var rich *display.Data
	for i, v := range values {
		d := display.Render(v)
		texts[i] = fmt.Sprint(d.Data[display.MIMEText])
		if rich == nil && len(d.Data) > 1 {
			rich = &d
		}
	}
	out := display.Text(strings.Join(texts, "\n"))
	if rich != nil {
		for k, v := range rich.Data {
			if k != display.MIMEText {
				out.Data[k] = v
			}
		}
		for k, v := range rich.Metadata {
			out.Metadata[k] = v
		}
	}
	return &out
}

// eval compiles and runs src.
func (in *Interpreter) eval(ctx context.Context, src source) (reflect.Value, *kernel.CellError) {
	prog, cerr := in.compile(src)
	if cerr != nil {
		return reflect.Value{}, cerr
	}
	return in.execute(ctx, prog)
}

// compile compiles src. yaegi panics on some code it does not support,
// such as range over an integer: that panic becomes a compile error.
func (in *Interpreter) compile(src source) (prog *interp.Program, cerr *kernel.CellError) {
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprintf("yaegi failed to compile this cell: %v", r)
			cerr = &kernel.CellError{Name: "CompileError", Value: msg, Traceback: []string{msg, unsupportedHint}}
		}
	}()
	prog, err := in.yi.Compile(src.text)
	if err != nil {
		return nil, compileError(err)
	}
	return prog, nil
}

// unsupportedHint lists the Go features that make yaegi v0.16.1 panic.
const unsupportedHint = "yaegi v0.16.1 does not support range over an integer or a function; " +
	"write a three-clause for loop instead."

// execute runs prog until it ends, panics or is interrupted.
func (in *Interpreter) execute(ctx context.Context, prog *interp.Program) (reflect.Value, *kernel.CellError) {
	// Executions left running by earlier interrupted cells are counted
	// only after an interrupt, because counting takes a dump of every
	// goroutine's stack.
	before := in.leftRunning
	v, err := in.yi.ExecuteWithContext(ctx, prog)
	if err == nil {
		return v, nil
	}
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return reflect.Value{}, in.interrupted(before)
	}
	var p interp.Panic
	if errors.As(err, &p) {
		return reflect.Value{}, in.panicError(p)
	}
	return reflect.Value{}, compileError(err)
}

// interrupted waits for the interrupted code to stop and returns the
// cell's error. yaegi's ExecuteWithContext returns at once on cancel, while
// compiled code called by the cell may keep running: the goroutine that
// yaegi started for the execution is still alive in that case.
func (in *Interpreter) interrupted(before int) *kernel.CellError {
	deadline := time.Now().Add(in.opts.StopTimeout)
	defer func() { in.leftRunning = executions() }()
	for executions() > before {
		if time.Now().After(deadline) {
			in.stuck = true
			msg := fmt.Sprintf("the cell did not stop within %s of the interrupt, "+
				"because compiled code it called does not check cell.Interrupted", in.opts.StopTimeout)
			return &kernel.CellError{Name: "Interrupted", Value: msg, Traceback: []string{"Interrupted: " + msg}}
		}
		time.Sleep(10 * time.Millisecond)
	}
	msg := "the cell was interrupted; variables keep the values they had when it stopped"
	return &kernel.CellError{Name: "Interrupted", Value: msg, Traceback: []string{"Interrupted: " + msg}}
}

// executionFrame is the function yaegi runs each execution in.
var executionFrame = []byte("interp.(*Interpreter).ExecuteWithContext.func")

// executions returns the number of goroutines running a yaegi execution.
func executions() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return bytes.Count(buf[:n], executionFrame)
		}
		buf = make([]byte, 2*len(buf))
	}
}

// Stuck reports whether an interrupted cell is still running compiled
// code. The process must then be restarted to stop it.
func (in *Interpreter) Stuck() bool { return in.stuck }

func (in *Interpreter) panicError(p interp.Panic) *kernel.CellError {
	value, translated := goPanicValue(fmt.Sprint(p.Value))
	tb := []string{"panic: " + value}
	for _, line := range in.stderr.take() {
		tb = append(tb, mapPositions(line))
	}
	if translated {
		tb = append(tb, "(the interpreter's own message: "+fmt.Sprint(p.Value)+")")
	}
	return &kernel.CellError{Name: "Panic", Value: value, Traceback: tb}
}

// compileError returns the error for yaegi's compile error err, with its
// positions mapped to the cell.
// missingPackage matches yaegi's error for an import that is in no symbol
// table, which suggests setting a GOPATH that cells cannot use.
var missingPackage = regexp.MustCompile(`unable to find source related to: "([^"]*)"\.[^\n]*`)

func compileError(err error) *kernel.CellError {
	msg := strings.TrimSpace(mapPositions(err.Error()))
	msg = missingPackage.ReplaceAllString(msg, "package $1 is not available to cells: they can import "+
		"the Go standard library, gonum.org/v1/gonum, gonum.org/v1/plot and fastgo's packages (run %help for the list)")
	lines := strings.Split(msg, "\n")
	if strings.Contains(msg, "constant definition loop") {
		lines = append(lines, "yaegi reports this when a name on the right of := is undefined.")
	}
	return &kernel.CellError{Name: "CompileError", Value: lines[0], Traceback: lines}
}

// syntaxError returns the error for a cell that go/scanner rejects.
func syntaxError(err error) *kernel.CellError {
	var lines []string
	var list scanner.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			lines = append(lines, fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg))
		}
	} else {
		lines = []string{err.Error()}
	}
	return &kernel.CellError{Name: "CompileError", Value: lines[0], Traceback: lines}
}
