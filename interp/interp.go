package interp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing/fstest"
	"time"

	"github.com/traefik/yaegi/interp"

	"fastgo/interp/gosem"
	"fastgo/kernel"
	"fastgo/stdlib/cell"
	"fastgo/stdlib/display"
	"fastgo/stdlib/gostd"
	"fastgo/stdlib/symbols"
)

// Options configures an [Interpreter].
type Options struct {
	// Logger receives the interpreter's own diagnostics. Nil discards them.
	Logger *slog.Logger

	// CaptureProcessOutput redirects file descriptors 1 and 2 of the process
	// into the interpreter, so that output written by compiled code and by
	// the Go runtime is shown in the cell too. Only the worker process sets
	// it, because it changes the process for good.
	CaptureProcessOutput bool

	// OutputLimit is the number of bytes of stdout and stderr a cell may
	// show. The rest is dropped with a note. Zero means 8 MiB.
	OutputLimit int

	// stderrOutside, set by the worker, means that file descriptor 2 is a
	// pipe that the supervisor reads, so that it also gets the Go runtime's
	// report when the worker crashes. Cells write stderr there directly.
	stderrOutside bool

	// StopTimeout is how long Execute waits for an interrupted cell to stop
	// before it returns an error with Name "Stuck". Zero means 3 s.
	StopTimeout time.Duration
}

const (
	defaultOutputLimit = 8 << 20
	defaultStopTimeout = 3 * time.Second
)

// Interpreter runs cells in-process on yaegi. It implements
// [kernel.Evaluator]. Variables, functions and types persist across cells.
type Interpreter struct {
	opts   Options
	log    *slog.Logger
	router *router
	stdout *os.File // write ends given to yaegi
	stderr *panicFilter
	stdin  *inputReader

	yi      *interp.Interpreter
	symbols map[string]map[string]reflect.Value
	imports map[string]bool // keys of importSpec already evaluated
	defs    *definitions
	sem     *gosem.Session
	shown   []any // values passed to ShowAll by the running cell
	shownOK bool
	stuck   bool // an interrupted cell is still running compiled code
	// leftRunning is the number of yaegi executions still running after
	// the last interrupt: a stuck cell's, which later cells must not wait
	// for. It is updated only after an interrupt.
	leftRunning int

	mu     sync.Mutex
	cancel context.CancelFunc // cancels the running cell
}

var _ kernel.Evaluator = (*Interpreter)(nil)

// New returns an interpreter with the Go standard library, gonum, gonum
// plot and fastgo's packages available to cells.
func New(opts Options) (*Interpreter, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.OutputLimit <= 0 {
		opts.OutputLimit = defaultOutputLimit
	}
	if opts.StopTimeout <= 0 {
		opts.StopTimeout = defaultStopTimeout
	}
	in := &Interpreter{
		opts:   opts,
		log:    opts.Logger,
		router: newRouter(opts.Logger, opts.OutputLimit),
	}
	in.stdin = &inputReader{beforeInput: in.router.sync}
	stdout, stderr, err := in.openOutput()
	if err != nil {
		return nil, err
	}
	in.stdout = stdout
	in.stderr = &panicFilter{out: stderr}
	in.symbols = cellSymbols()
	gosem.UseSymbols(in.symbols)
	if err := in.reset(); err != nil {
		return nil, err
	}
	return in, nil
}

// openOutput creates the stdout and stderr pipes and returns the files
// that cells write to.
func (in *Interpreter) openOutput() (stdout, stderr *os.File, err error) {
	files := [2]*os.File{}
	for i, name := range []string{"stdout", "stderr"} {
		if i == 1 && in.opts.stderrOutside {
			files[i] = os.Stderr
			in.router.start(&outputPipe{name: name, w: os.Stderr})
			continue
		}
		r, w, err := os.Pipe()
		if err != nil {
			return nil, nil, fmt.Errorf("interp: creating the %s pipe failed: %w", name, err)
		}
		if in.opts.CaptureProcessOutput {
			if err := redirectFD(w, i+1); err != nil {
				return nil, nil, err
			}
			w.Close()
			w = []*os.File{os.Stdout, os.Stderr}[i]
		}
		files[i] = w
		in.router.start(&outputPipe{name: name, r: r, w: w})
	}
	return files[0], files[1], nil
}

// cellSymbols returns the symbol tables cells can import.
func cellSymbols() map[string]map[string]reflect.Value {
	all := map[string]map[string]reflect.Value{}
	for k, v := range gostd.Symbols {
		all[k] = v
	}
	// yaegi finds the wrapper of a compiled interface, such as
	// display.HTMLer, under the interface's real package path, so the
	// fastgo packages are also kept under "fastgo/stdlib/...".
	for k, v := range symbols.Symbols {
		all[k] = v
	}
	for k, v := range symbols.ShortPaths() {
		all[k] = v
	}
	return all
}

// showPath is the import path of the package holding ShowAll, which
// receives every value of a cell's trailing expression.
const (
	showPath    = "fastgocell"
	showPackage = "fastgocell"
)

// reset replaces the yaegi interpreter with a fresh one, so that every
// variable, function, type and import of earlier cells is gone.
func (in *Interpreter) reset() error {
	yi := interp.New(interp.Options{
		Stdin:                in.stdin,
		Stdout:               in.stdout,
		Stderr:               in.stderr,
		SourcecodeFilesystem: fstest.MapFS{},
		Unrestricted:         true,
		Args:                 []string{"fastgo"},
	})
	if err := yi.Use(in.symbols); err != nil {
		return fmt.Errorf("interp: loading the symbol tables failed: %w", err)
	}
	showAll := reflect.ValueOf(func(values ...any) {
		in.shown = values
		in.shownOK = true
	})
	showOne := reflect.ValueOf(func(value any) {
		in.shown = []any{value}
		in.shownOK = true
	})
	if err := yi.Use(interp.Exports{
		showPath + "/" + showPackage: {"Show": showOne, "ShowAll": showAll},
		".":                          {"MapTypes": reflect.ValueOf(showMapTypes(showOne, showAll))},
	}); err != nil {
		return fmt.Errorf("interp: loading the display helper failed: %w", err)
	}
	if _, err := yi.Eval(fmt.Sprintf("import %s %q", showPackage, showPath)); err != nil {
		return fmt.Errorf("interp: importing the display helper failed: %w", err)
	}
	in.yi = yi
	in.imports = map[string]bool{}
	in.defs = newDefinitions()
	in.sem = gosem.NewSession()
	return nil
}

// showMapTypes returns the MapTypes entries that make yaegi keep the
// display methods of interpreted values passed to the show functions.
func showMapTypes(show ...reflect.Value) map[reflect.Value][]reflect.Type {
	types := []reflect.Type{
		reflect.TypeFor[display.HTMLer](),
		reflect.TypeFor[display.Markdowner](),
		reflect.TypeFor[display.SVGer](),
		reflect.TypeFor[display.PNGer](),
		reflect.TypeFor[fmt.Stringer](),
		reflect.TypeFor[error](),
	}
	m := map[reflect.Value][]reflect.Type{}
	for _, f := range show {
		m[f] = types
	}
	return m
}

// Execute runs one cell. See [kernel.Evaluator].
func (in *Interpreter) Execute(code string, out kernel.CellOutput) kernel.CellResult {
	magic := parseMagics(code)
	if line, ok := unknownMagic(magic.code); ok {
		name, _, _ := strings.Cut(line, " ")
		return errorResult("UsageError", fmt.Sprintf("unknown magic command %s: fastgo has %%help, "+
			"%%help NAME, %%who, %%reset and %%time (run %%help for what each does)", name))
	}
	if magic.help {
		out.Stream("stdout", helpText)
	}
	if magic.reset {
		if err := in.reset(); err != nil {
			return errorResult("ResetError", err.Error())
		}
		out.Stream("stdout", "All variables, functions, types and imports were removed.\n")
	}
	if strings.TrimSpace(magic.code) == "" && !magic.time {
		// Still connect and end the output, because the end writes the
		// sync marker that the supervisor waits for.
		_, stop := in.begin(out)
		stop()
		in.end()
		return kernel.CellResult{}
	}

	ctx, stop := in.begin(out)
	start := time.Now()
	res := in.runRewritten(ctx, magic.code, out)
	if res.Error == nil || res.Error.Name != "CompileError" {
		in.defs.addCell(magic.code)
	}
	stop()
	in.end()
	if magic.time {
		out.Stream("stdout", fmt.Sprintf("Wall time: %s\n", formatDuration(time.Since(start))))
	}
	return res
}

// begin connects the cell's output and returns the cell's context.
func (in *Interpreter) begin(out kernel.CellOutput) (context.Context, context.CancelFunc) {
	in.router.begin(out.Stream)
	in.stdin.begin(out)
	in.stderr.begin()
	display.SetPublisher(func(d display.Data, displayID string, update bool) {
		in.router.sync()
		out.Display(d, displayID, update)
	})
	ctx, cancel := cell.Begin()
	in.mu.Lock()
	in.cancel = cancel
	in.mu.Unlock()
	return ctx, func() {
		in.mu.Lock()
		in.cancel = nil
		in.mu.Unlock()
		cancel()
	}
}

// end waits for the cell's output and disconnects it.
func (in *Interpreter) end() {
	in.router.end()
	display.SetPublisher(nil)
	in.stdin.begin(nil)
}

// Interrupt stops the running cell, if any. Interpreted code stops at
// once and compiled code that checks [cell.Interrupted] at its next check.
func (in *Interpreter) Interrupt() {
	in.mu.Lock()
	cancel := in.cancel
	in.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// Close interrupts the running cell and closes the output pipes. Compiled
// code that ignores the interrupt keeps running until the process ends.
func (in *Interpreter) Close() error {
	in.Interrupt()
	if in.opts.CaptureProcessOutput {
		return nil // the pipes are the process's stdout and stderr
	}
	var errs []error
	for _, w := range []io.Closer{in.stdout, in.stderr.out} {
		errs = append(errs, w.Close())
	}
	return errors.Join(errs...)
}

func formatDuration(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.3f s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.3f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.1f µs", float64(d)/float64(time.Microsecond))
}

// inputReader is the standard input of cells. A read that finds no
// buffered text requests a line from the front end.
type inputReader struct {
	beforeInput func() // sends the output written so far, before the prompt

	mu     sync.Mutex
	out    kernel.CellOutput
	line   []byte
	warned bool // the cell received the message that the front end accepts no input
}

// errStdinNotAllowed is the error of a read of standard input when the
// execute_request did not allow input, as nbconvert and "fastgo run" do.
var errStdinNotAllowed = errors.New("reading standard input failed: this front end does not accept input " +
	"(allow_stdin is false). Run the cell in Jupyter, or give the cell its input as a value")

func (r *inputReader) begin(out kernel.CellOutput) {
	r.mu.Lock()
	r.out, r.line, r.warned = out, nil, false
	r.mu.Unlock()
}

func (r *inputReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.line) == 0 {
		if r.out == nil {
			return 0, io.EOF
		}
		r.beforeInput()
		text, err := r.out.Input("", false)
		if errors.Is(err, kernel.ErrStdinNotAllowed) {
			if !r.warned {
				r.warned = true
				r.out.Stream("stderr", errStdinNotAllowed.Error()+"\n")
			}
			return 0, errStdinNotAllowed
		}
		if err != nil {
			return 0, io.EOF
		}
		r.line = []byte(text + "\n")
	}
	n := copy(p, r.line)
	r.line = r.line[n:]
	return n, nil
}
